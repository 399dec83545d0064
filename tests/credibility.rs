//! Credibility scores as a fact-checker meets them: short invented stories, scored through the
//! whole pipeline with the built-in pack, asserting on the ranking and the reasons.

use crosscheck::outcome::{DocumentCredibility, Outcome};
use crosscheck::pack::{Pack, PackBuilder};

fn check(files: &[(&str, &str)], pack: &Pack) -> Outcome {
    let owned: Vec<(&str, String)> = files.iter().map(|(n, t)| (*n, t.to_string())).collect();
    crosscheck::check_texts(&owned, pack)
}

fn score<'a>(outcome: &'a Outcome, id: &str) -> &'a DocumentCredibility {
    outcome
        .documents
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.credibility.as_ref())
        .unwrap_or_else(|| panic!("{id} is scored"))
}

fn rules(score: &DocumentCredibility) -> Vec<&str> {
    score
        .signals
        .iter()
        .filter(|s| s.weight != 0)
        .map(|s| s.rule.as_str())
        .collect()
}

const SOURCED: &str = "\
Ferry operator fined £40,000 over Calder Sound crossing
By Nadia Quist

PORTREE, 3 April 2025 – The operator of the Calder Sound ferry was fined £40,000 on Thursday after a passenger was injured when a ramp gave way, Inverlea Sheriff Court heard.

Sheriff Colin Barr said the company had ignored two warnings from its own engineers. \"This was a failure that was seen coming and not acted on,\" he said.

In a statement, Calder Ferries said it accepted the ruling and had replaced every ramp on its fleet. Its managing director, Morag Fell, said: \"We let our passengers down, and we are sorry.\"

Court documents show the ramp had last been inspected in 2022.
";

const REWRITE: &str = "\
SHOCKING: Ferry Firm Hit With Huge Fine – And Experts Warn It Could Happen Again

According to alarming new findings, a ferry company has been punished after a terrifying accident that some are already calling a national disgrace.

Experts warn that ramps across the country are believed to be in a dangerous state. Critics say the authorities have ignored the problem for years.

One insider, who did not want to be named, said: \"Everyone knew this was coming.\"

Shockingly, the firm is said to have known about the fault all along. Many believe this is just the tip of the iceberg!
";

const THIN: &str = "\
Ferry company fined after ramp accident

A ferry company was fined after a ramp gave way and injured a passenger. The company said it had replaced the ramps. The court heard the ramp had not been inspected recently.
";

#[test]
fn a_garbled_rewrite_scores_far_below_sourced_reports_for_reasons_shown() {
    let pack = Pack::default_pack().unwrap();
    let outcome = check(
        &[
            ("sourced.txt", SOURCED),
            ("rewrite.txt", REWRITE),
            ("thin.txt", THIN),
        ],
        &pack,
    );
    let sourced = score(&outcome, "sourced.txt");
    let rewrite = score(&outcome, "rewrite.txt");
    assert_eq!(sourced.band, "solid", "{sourced:?}");
    assert_eq!(rewrite.band, "weak", "{rewrite:?}");
    assert!(
        sourced.score - rewrite.score >= 40,
        "{sourced:?}\n{rewrite:?}"
    );
    let reasons = rules(rewrite);
    for expected in [
        "clickbait-headline",
        "shouting-headline",
        "vague-attribution",
        "anonymous-source",
        "loaded-wording",
        "undated",
    ] {
        assert!(reasons.contains(&expected), "{expected} in {reasons:?}");
    }
    let reasons = rules(sourced);
    for expected in ["byline", "dateline", "named-quote", "cited-document"] {
        assert!(reasons.contains(&expected), "{expected} in {reasons:?}");
    }
}

#[test]
fn the_weakest_sourced_story_ranks_lowest() {
    let pack = Pack::default_pack().unwrap();
    let outcome = check(
        &[
            ("sourced.txt", SOURCED),
            ("thin.txt", THIN),
            ("rewrite.txt", REWRITE),
        ],
        &pack,
    );
    let mut ranked: Vec<(i32, &str)> = outcome
        .documents
        .iter()
        .map(|d| (d.credibility.as_ref().unwrap().score, d.id.as_str()))
        .collect();
    ranked.sort();
    let order: Vec<&str> = ranked.iter().map(|(_, id)| *id).collect();
    assert_eq!(
        order,
        ["rewrite.txt", "thin.txt", "sourced.txt"],
        "{ranked:?}"
    );
}

#[test]
fn one_honest_anonymous_source_does_not_drag_a_sourced_story_down() {
    let pack = Pack::default_pack().unwrap();
    let with_source = SOURCED.replace(
        "Court documents show",
        "A former engineer at the company, who asked not to be named because she still works in the industry, said the warnings had been passed to managers. Court documents show",
    );
    let outcome = check(
        &[("plain.txt", SOURCED), ("anonymous.txt", &with_source)],
        &pack,
    );
    let plain = score(&outcome, "plain.txt");
    let anonymous = score(&outcome, "anonymous.txt");
    assert!(
        rules(anonymous).contains(&"anonymous-source"),
        "{anonymous:?}"
    );
    assert!(
        rules(anonymous).contains(&"anonymity-explained"),
        "{anonymous:?}"
    );
    assert_eq!(anonymous.band, "solid", "{anonymous:?}");
    assert!(
        plain.score - anonymous.score <= 3,
        "{plain:?}\n{anonymous:?}"
    );
}

#[test]
fn an_unexplained_anonymous_source_costs_a_little_and_no_more() {
    let pack = Pack::default_pack().unwrap();
    let unexplained = SOURCED.replace(
        "Court documents show",
        "One passenger, who did not want to be named, said the ramp had wobbled for weeks. Court documents show",
    );
    let outcome = check(
        &[("plain.txt", SOURCED), ("anonymous.txt", &unexplained)],
        &pack,
    );
    let plain = score(&outcome, "plain.txt");
    let anonymous = score(&outcome, "anonymous.txt");
    assert_eq!(plain.score - anonymous.score, 3, "{plain:?}\n{anonymous:?}");
    assert_eq!(anonymous.band, "solid");
}

#[test]
fn words_inside_quotations_are_the_speakers_not_the_outlets() {
    let pack = Pack::default_pack().unwrap();
    let quoted = "Crash on the A9\n\nDriver Ewan Rost, 52, said: \"It was terrifying, absolutely shocking.\"\n";
    let own = "Crash on the A9\n\nIt was a terrifying, absolutely shocking crash, said driver Ewan Rost, 52.\n";
    let outcome = check(&[("quoted.txt", quoted), ("own.txt", own)], &pack);
    assert!(!rules(score(&outcome, "quoted.txt")).contains(&"loaded-wording"));
    assert!(rules(score(&outcome, "own.txt")).contains(&"loaded-wording"));
}

#[test]
fn the_outlets_name_never_moves_the_score_and_a_prior_is_shown_not_added() {
    let mut builder = PackBuilder::new();
    builder.add_default().unwrap();
    builder
        .add_text(
            "mine.yaml",
            "credibility:\n  outlets:\n    - { outlet: Skye Courier, prior: 20, note: our own review }\n",
        )
        .unwrap();
    let pack = builder.build().unwrap();
    let story = |outlet: &str| {
        format!(
            "---\ntitle: Ferry fine\nsource: {outlet}\n---\n{}",
            &SOURCED[SOURCED.find("PORTREE").unwrap()..]
        )
    };
    let outcome = check(
        &[
            ("a.md", &story("Skye Courier")),
            ("b.md", &story("Ferry Truth Daily")),
        ],
        &pack,
    );
    assert_eq!(score(&outcome, "a.md").score, score(&outcome, "b.md").score);
    let outlets = &outcome.credibility.as_ref().unwrap().outlets;
    let skye = outlets.iter().find(|o| o.name == "Skye Courier").unwrap();
    let other = outlets
        .iter()
        .find(|o| o.name == "Ferry Truth Daily")
        .unwrap();
    assert_eq!(skye.score, other.score, "the prior is not added");
    let prior = skye.prior.as_ref().expect("the prior is carried");
    assert_eq!(
        (prior.points, prior.note.as_deref()),
        (20, Some("our own review"))
    );
    assert!(other.prior.is_none());
    let text = crosscheck::report::render(
        &outcome,
        crosscheck::report::Format::Text,
        crosscheck::report::Palette::plain(),
    );
    assert!(
        text.contains("your prior +20 from mine.yaml, not added: our own review"),
        "{text}"
    );
}

#[test]
fn an_outlet_scores_the_mean_of_its_stories() {
    let pack = Pack::default_pack().unwrap();
    let md = |body: &str| format!("---\ntitle: Ferry\nsource: Harbour Wire\n---\n{body}");
    let outcome = check(
        &[
            ("a.md", &md(&SOURCED[SOURCED.find("PORTREE").unwrap()..])),
            ("b.md", &md(THIN)),
        ],
        &pack,
    );
    let a = score(&outcome, "a.md").score;
    let b = score(&outcome, "b.md").score;
    let outlet = &outcome.credibility.as_ref().unwrap().outlets[0];
    assert_eq!(outlet.score, (a + b + 1) / 2);
    assert_eq!(outlet.stories, ["b.md", "a.md"], "lowest first");
}

#[test]
fn a_bad_pattern_is_reported_with_file_line_and_signal() {
    let mut builder = PackBuilder::new();
    builder
        .add_text(
            "mine.yaml",
            "credibility:\n  signals:\n    - id: hype\n      weight: -3\n      summary: Hype\n      patterns: ['(unclosed']\n",
        )
        .unwrap();
    let error = builder.build().unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with(
            "mine.yaml:6:7: signal 'hype': field 'patterns': pattern \"(unclosed\" does not compile"
        ),
        "{message}"
    );
}

#[test]
fn a_misspelt_key_in_a_signal_names_the_signal() {
    let mut builder = PackBuilder::new();
    let error = builder
        .add_text(
            "mine.yaml",
            "credibility:\n  signals:\n    - id: hype\n      wieght: -3\n",
        )
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("mine.yaml:4:7: signal 'hype': field 'wieght': unknown field `wieght`"),
        "{message}"
    );
}

#[test]
fn a_user_can_reweigh_a_built_in_signal() {
    let mut builder = PackBuilder::new();
    builder.add_default().unwrap();
    builder
        .add_text(
            "mine.yaml",
            "credibility:\n  signals:\n    - { id: anonymous-source, weight: -1 }\n",
        )
        .unwrap();
    let pack = builder.build().unwrap();
    let signal = pack
        .credibility
        .signals
        .iter()
        .find(|s| s.id == "anonymous-source")
        .unwrap();
    assert_eq!(signal.weight, -1);
    assert!(signal.phrases.is_some(), "other keys are kept");
}
