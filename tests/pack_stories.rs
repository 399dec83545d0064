//! Stories the pack was not written against: short invented sentences naming institutions and
//! officials of the G20 countries and the EU, correctly and incorrectly. A correct sentence must
//! raise nothing (a checker that cries wolf is switched off); of the incorrect ones, the share
//! caught is printed and held above a floor, so a pack change that loses knowledge shows here.

use crosscheck::findings::Kind;
use crosscheck::pack::Pack;

/// Sentences that name institutions and officials as they are.
const CORRECT: &[&str] = &[
    "Germany's BND warned that hackers had targeted a ministry in Berlin.",
    "The Russian FSB detained a businessman at a Moscow airport on Tuesday.",
    "Officers of China's Ministry of State Security questioned the engineer for two days.",
    "The Crown Prosecution Service said it would charge the British man with fraud.",
    "Australia's ASIO said attempts at foreign interference had reached a new high.",
    "The Canadian Security Intelligence Service briefed members of Parliament on the threat.",
    "French DGSI officers arrested two men near Lyon after a tip from abroad.",
    "India's Research and Analysis Wing was accused of running agents in three countries.",
    "Indonesia's Badan Intelijen Negara denied the report about the election.",
    "Turkey's National Intelligence Organisation said it had captured the suspect in Syria.",
    "South Korea's National Intelligence Service said the North had tested a new missile.",
    "The Saudi Ministry of Interior announced new rules for pilgrims.",
    "The Japanese Foreign Ministry summoned the ambassador over the fishing dispute.",
    "Brazil's Supreme Federal Court ordered the platform to be suspended nationwide.",
    "Mexico's Secretaría de Relaciones Exteriores protested the treatment of its citizens.",
    "Italy's Carabinieri raided offices in Naples in an inquiry into waste contracts.",
    "South Africa's National Prosecuting Authority dropped the charges against the mayor.",
    "The Argentine Congress approved the budget after a night-long session.",
    "The EU's European Public Prosecutor's Office opened an inquiry into farm subsidies.",
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing.",
];

/// Sentences that give an institution or an official to the wrong country.
const INCORRECT: &[&str] = &[
    "The Russian BND arrested a German tourist in Kaliningrad.",
    "China's FSB detained two activists in Shanghai.",
    "Britain's DGSE recruited the diplomat in Geneva.",
    "Japan's Crown Prosecution Service charged the executive with bribery.",
    "The Indian ASIO warned of foreign interference in the vote.",
    "Brazil's MI6 ran the operation from an embassy in Lisbon.",
    "Turkey's Bundestag voted on the energy bill.",
    "Saudi Arabia's Lok Sabha passed the law on Sunday.",
    "Mexico's Bundeskriminalamt searched homes in Monterrey.",
    "Canada's Duma approved the measure by a wide margin.",
    "Indonesian Carabinieri patrolled the streets of Jakarta.",
    "Australia's Ministry of State Security opened a case against the journalist.",
    "Germany's Mossad tracked the cell for months.",
    "Italy's National Diet of Japan debated the budget.",
    "Argentina's KPK arrested the governor of a northern province.",
    "France's Yargitay upheld the verdict against the mayor.",
    "South Korea's Rosgvardia dispersed the protest in Seoul.",
    "The Chinese Bundesverfassungsgericht struck down the law.",
    "French President Vladimir Putin visited the Elysee on Monday.",
    "German Chancellor Xi Jinping met the delegation in Berlin.",
];

/// Whether crosscheck raises anything but a credibility signal on the sentence.
fn flagged(pack: &Pack, sentence: &str) -> Vec<String> {
    let text = format!("News in brief\n\n{sentence}\n");
    let outcome = crosscheck::check_texts(&[("story.txt", text)], pack);
    outcome
        .findings
        .iter()
        .filter(|f| f.kind != Kind::Credibility)
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn correct_sentences_raise_nothing_and_most_wrong_ones_are_caught() {
    let pack = Pack::default_pack().unwrap();
    let noisy: Vec<String> = CORRECT
        .iter()
        .filter_map(|s| {
            let found = flagged(&pack, s);
            (!found.is_empty()).then(|| format!("{s} -> {found:?}"))
        })
        .collect();
    assert!(
        noisy.is_empty(),
        "correct sentences flagged:\n{}",
        noisy.join("\n")
    );
    let missed: Vec<&str> = INCORRECT
        .iter()
        .copied()
        .filter(|s| flagged(&pack, s).is_empty())
        .collect();
    let caught = INCORRECT.len() - missed.len();
    println!(
        "recall: {caught} of {} incorrect sentences caught; missed: {missed:#?}",
        INCORRECT.len()
    );
    assert!(
        caught * 10 >= INCORRECT.len() * 8,
        "only {caught} of {} caught; missed: {missed:#?}",
        INCORRECT.len()
    );
}
