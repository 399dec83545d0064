//! An invented news corpus, deterministic from a seed, for measuring crosscheck at scale.
//!
//! The world is made up from syllables: towns, people, institutions and outlets have names no
//! real story uses. Each invented event (a fire, a strike, a vote, a flood, a trial) is covered
//! by several outlets; their stories share a few wire sentences word for word, paraphrase others,
//! round or qualify the figures ("about 60", "more than 50"), give the day as a weekday or a
//! date, and some outlets follow up a day or two later with updated figures. A known share of
//! stories plant a contradiction: a figure that disagrees with every other outlet's. Every
//! wire story ends with the same credit line, so one sentence appears in thousands of stories.

use std::fmt::Write;

use crosscheck::dates::Date;

/// A small, seeded pseudo-random generator (SplitMix64): fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator whose whole sequence follows from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One element of `items`.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const ONSETS: &[&str] = &[
    "b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "r", "s", "st", "t",
    "th", "v", "w", "z",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou"];
const CODAS: &[&str] = &["", "", "n", "r", "l", "m", "s", "th", "nd", "rk", "x"];
const PLACE_ENDINGS: &[&str] = &[
    "ford", "wick", "mouth", "bury", "stead", "holm", "vale", "ton",
];
const OUTLET_KINDS: &[&str] = &[
    "Herald",
    "Courier",
    "Ledger",
    "Gazette",
    "Chronicle",
    "Observer",
    "Post",
    "Record",
];
const WIRE_KINDS: &[&str] = &["Wire", "Press Agency", "News Service"];
const BODIES: &[&str] = &[
    "Water Board",
    "Harbour Authority",
    "Transit Commission",
    "Health Trust",
    "Rail Company",
    "Planning Office",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A made-up word of `syllables` syllables, capitalised.
fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut out = String::new();
    for _ in 0..syllables {
        out.push_str(rng.pick(ONSETS));
        out.push_str(rng.pick(VOWELS));
    }
    out.push_str(rng.pick(CODAS));
    capitalise(&out)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A civil date, enough for story dates and their weekdays.
#[derive(Clone, Copy)]
struct Day {
    year: i32,
    month: u32,
    day: u32,
}

impl Day {
    /// The same day as the checker's own date type, which does the calendar arithmetic.
    fn date(self) -> Date {
        Date::new(self.year, self.month, self.day).expect("generated days are real days")
    }

    fn plus(self, days: i64) -> Day {
        let date = Date::from_days_since_epoch(self.date().days_since_epoch() + days);
        Day {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }

    fn weekday(self) -> &'static str {
        WEEKDAYS[usize::from(self.date().weekday())]
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn long(self) -> String {
        format!("{} {}", self.day, MONTHS[self.month as usize - 1])
    }
}

/// The invented world: towns, people, institutions and outlets.
struct World {
    towns: Vec<String>,
    people: Vec<String>,
    outlets: Vec<String>,
    wires: Vec<String>,
}

impl World {
    fn new(rng: &mut Rng, size: usize) -> World {
        let towns: Vec<String> = (0..size.max(20))
            .map(|_| format!("{}{}", word(rng, 1), rng.pick(PLACE_ENDINGS)))
            .collect();
        let people = (0..size.max(40))
            .map(|_| {
                let first = rng.below(2) + 1;
                let last = rng.below(2) + 1;
                format!("{} {}", word(rng, first), word(rng, last))
            })
            .collect();
        let outlets = (0..(size / 4).clamp(12, 400))
            .map(|i| format!("The {} {}", towns[i], rng.pick(OUTLET_KINDS)))
            .collect();
        let wires = (0..3)
            .map(|_| format!("{} {}", word(rng, 2), rng.pick(WIRE_KINDS)))
            .collect();
        World {
            towns,
            people,
            outlets,
            wires,
        }
    }
}

/// One story as a line of JSON.
pub struct Story {
    id: String,
    title: String,
    date: String,
    source: String,
    url: String,
    body: String,
}

impl Story {
    /// The story as one JSON Lines record (id, title, date, source, url, body).
    pub fn to_json_line(&self) -> String {
        let mut out = String::with_capacity(self.body.len() + 256);
        out.push('{');
        for (i, (key, value)) in [
            ("id", &self.id),
            ("title", &self.title),
            ("date", &self.date),
            ("source", &self.source),
            ("url", &self.url),
            ("body", &self.body),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "\"{key}\":");
            json_string(value, &mut out);
        }
        out.push('}');
        out
    }

    /// The story as a plain text file: title, blank line, body.
    pub fn to_text(&self) -> String {
        format!("{}\n\n{}\n", self.title, self.body)
    }

    /// A file name for the story.
    pub fn file_stem(&self) -> &str {
        &self.id
    }
}

fn json_string(value: &str, out: &mut String) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// What an event is about, and the figures every honest outlet agrees on.
struct Event {
    kind: usize,
    town: String,
    person: String,
    witness: String,
    body: String,
    day: Day,
    /// The main count (firefighters, workers, councillors in favour, homes, jurors...).
    count: u64,
    /// A second count (engines, days, against, people moved, witnesses...).
    second: u64,
    /// An amount of money in thousands.
    money: u64,
}

/// How a corpus is made.
#[derive(Clone, Copy)]
pub struct Plan {
    /// How many stories.
    pub stories: usize,
    /// The seed; the same seed and count give the same corpus.
    pub seed: u64,
    /// The share of stories that plant a contradicting figure.
    pub contradiction_rate: f64,
}

/// What was generated, besides the stories themselves.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Stories written.
    pub stories: usize,
    /// Events covered.
    pub events: usize,
    /// Stories that plant a contradiction.
    pub contradictions: usize,
    /// Follow-up stories.
    pub follow_ups: usize,
}

/// Generates the corpus, handing each story to `emit` as it is written, so that no more than
/// one event's stories are held at once.
pub fn generate(plan: Plan, mut emit: impl FnMut(Story)) -> Tally {
    let mut rng = Rng::new(plan.seed);
    let world = World::new(&mut rng, (plan.stories / 3).clamp(50, 20_000));
    let start = Day {
        year: 2024,
        month: 1,
        day: 1,
    };
    let mut tally = Tally::default();
    while tally.stories < plan.stories {
        let event = Event {
            kind: rng.below(5),
            town: world.towns[rng.below(world.towns.len())].clone(),
            person: world.people[rng.below(world.people.len())].clone(),
            witness: world.people[rng.below(world.people.len())].clone(),
            body: format!(
                "{} {}",
                world.towns[rng.below(world.towns.len())],
                rng.pick(BODIES)
            ),
            // Spread events over about three years, in order, like an archive.
            day: start.plus((tally.stories as i64 * 1100) / plan.stories.max(1) as i64),
            count: rng.between(12, 480),
            second: rng.between(3, 40),
            money: rng.between(20, 900) * 10,
        };
        tally.events += 1;
        let wire = &world.wires[rng.below(world.wires.len())];
        let outlets = rng.between(2, 7) as usize;
        let mut used = Vec::with_capacity(outlets);
        for n in 0..outlets {
            if tally.stories >= plan.stories {
                break;
            }
            let mut outlet = rng.below(world.outlets.len());
            while used.contains(&outlet) {
                outlet = rng.below(world.outlets.len());
            }
            used.push(outlet);
            let outlet = world.outlets[outlet].as_str();
            let source = if n == 0 { wire.as_str() } else { outlet };
            let plant = rng.chance(plan.contradiction_rate) && n > 0;
            let story = write_story(&mut rng, &event, source, wire, 0, plant, tally.stories);
            tally.contradictions += usize::from(plant);
            tally.stories += 1;
            emit(story);
            if n > 0 && tally.stories < plan.stories && rng.chance(0.2) {
                let later = rng.between(1, 2) as i64;
                let story =
                    write_story(&mut rng, &event, source, wire, later, false, tally.stories);
                tally.follow_ups += 1;
                tally.stories += 1;
                emit(story);
            }
        }
    }
    tally
}

/// One outlet's story on an event, `later` days after it (0 for the first report).
fn write_story(
    rng: &mut Rng,
    event: &Event,
    source: &str,
    wire: &str,
    later: i64,
    plant: bool,
    serial: usize,
) -> Story {
    let date = event.day.plus(later);
    let mut count = if later > 0 {
        event.count + rng.between(1, 30)
    } else {
        event.count
    };
    if plant {
        // Far enough from the true figure that no qualifier or rounding covers it.
        count = if rng.chance(0.5) {
            count * 2 + rng.between(5, 20)
        } else {
            (count / 3).max(4)
        };
    }
    let when = if later > 0 || rng.chance(0.5) {
        format!("on {}", event.day.weekday())
    } else {
        format!("on {} {}", event.day.weekday(), event.day.long())
    };
    let figure = qualify(rng, count);
    let e = event;
    let (title, lead, wire_lines, paraphrases) = match e.kind {
        0 => (
            format!("Fire at {} warehouse draws {} firefighters", e.town, figure),
            format!(
                "{} firefighters fought a large fire at a warehouse in {} {when}.",
                capitalise(&figure),
                e.town
            ),
            vec![
                format!(
                    "The {} said {} fire engines were sent to the site after smoke was seen from the roof.",
                    e.body, e.second
                ),
                format!(
                    "Station commander {} said crews had worked through the night to stop the flames spreading to nearby homes.",
                    e.person
                ),
                format!(
                    "The owners estimated the damage at {} thousand dollars.",
                    e.money
                ),
            ],
            vec![
                format!(
                    "Residents of {} were told to keep their windows closed while the smoke drifted across the town.",
                    e.town
                ),
                format!(
                    "{}, who lives nearby, said she heard a series of loud bangs before the smoke appeared.",
                    e.witness
                ),
            ],
        ),
        1 => (
            format!("{} workers strike at {}", capitalise(&figure), e.body),
            format!(
                "{} workers walked out at the {} {when} in a dispute over pay.",
                capitalise(&figure),
                e.body
            ),
            vec![
                format!(
                    "Union organiser {} said the strike would last {} days unless managers returned to talks.",
                    e.person, e.second
                ),
                format!(
                    "The {} said it had offered a rise worth {} thousand dollars a year across the workforce.",
                    e.body, e.money
                ),
            ],
            vec![
                format!(
                    "Passengers in {} faced delays as services were cut back during the walkout.",
                    e.town
                ),
                format!(
                    "{}, a commuter, said the dispute had gone on long enough and both sides should settle.",
                    e.witness
                ),
            ],
        ),
        2 => (
            format!("{} council approves new budget", e.town),
            format!(
                "Councillors in {} approved a budget of {} thousand dollars {when}, with {} members voting in favour.",
                e.town, e.money, figure
            ),
            vec![
                format!(
                    "Council leader {} said the plan would fund {} new road repairs over the year.",
                    e.person, e.second
                ),
                format!(
                    "The vote followed a debate lasting more than four hours in the council chamber in {}.",
                    e.town
                ),
            ],
            vec![
                format!(
                    "Opposition members said the budget did too little for the {}.",
                    e.body
                ),
                format!(
                    "{}, a local shop owner, said higher parking charges would keep customers away.",
                    e.witness
                ),
            ],
        ),
        3 => (
            format!(
                "Flooding forces {} families from homes in {}",
                figure, e.town
            ),
            format!(
                "{} families were moved from their homes in {} {when} after the river burst its banks.",
                capitalise(&figure),
                e.town
            ),
            vec![
                format!(
                    "The {} said {} pumps were working to clear water from the streets.",
                    e.body, e.second
                ),
                format!(
                    "Mayor {} said emergency funding of {} thousand dollars had been set aside for repairs.",
                    e.person, e.money
                ),
            ],
            vec![
                format!(
                    "Schools in {} stayed closed while engineers checked the bridges.",
                    e.town
                ),
                format!(
                    "{} said the water had reached the top of her front steps within an hour.",
                    e.witness
                ),
            ],
        ),
        _ => (
            format!("Trial of {} opens in {}", e.person, e.town),
            format!(
                "The trial of {} on fraud charges opened in {} {when}, with prosecutors saying {} investors lost money.",
                e.person, e.town, figure
            ),
            vec![
                format!(
                    "Prosecutors told the court the scheme had taken in {} thousand dollars over several years.",
                    e.money
                ),
                format!(
                    "The judge said the trial was expected to last {} days.",
                    e.second
                ),
            ],
            vec![
                format!(
                    "{} denies all the charges and his lawyers said he would give evidence.",
                    e.person
                ),
                format!(
                    "{}, who said she lost her savings, watched from the public gallery.",
                    e.witness
                ),
            ],
        ),
    };
    let mut body = String::new();
    if later > 0 {
        let _ = write!(
            body,
            "{} gave new figures {} days after the first reports. ",
            e.body, later
        );
    }
    body.push_str(&lead);
    // Wire sentences: most outlets copy them word for word; some paraphrase one.
    for line in &wire_lines {
        body.push_str("\n\n");
        if rng.chance(0.75) {
            body.push_str(line);
        } else {
            body.push_str(&paraphrase(line));
        }
    }
    for line in &paraphrases {
        if rng.chance(0.6) {
            body.push_str("\n\n");
            body.push_str(line);
        }
    }
    // Some local colour of the outlet's own, different in every story.
    for _ in 0..rng.between(1, 4) {
        body.push_str("\n\n");
        body.push_str(&local_sentence(rng, e));
    }
    // The credit line: one sentence repeated in every story that uses the wire.
    body.push_str("\n\n");
    if source != wire {
        body.push_str("Additional r");
    } else {
        body.push('R');
    }
    let _ = write!(body, "eporting by the {wire} desk.");
    let slug: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let host: String = source
        .to_lowercase()
        .split_whitespace()
        .filter(|w| *w != "the")
        .collect::<Vec<_>>()
        .join("-");
    Story {
        id: format!("gen-{serial:07}"),
        url: format!("https://{host}.example/{}/{slug}", date.iso()),
        title,
        date: date.iso(),
        source: source.to_string(),
        body,
    }
}

/// A figure as an outlet might write it: plain, or qualified so that it still agrees.
fn qualify(rng: &mut Rng, count: u64) -> String {
    match rng.below(4) {
        // Rounded to ten, "about" stays within the tenth either side that it allows.
        0 if count >= 50 => format!("about {}", (count + 5) / 10 * 10),
        1 if count > 20 => format!("more than {}", (count - 1) / 10 * 10),
        _ => count.to_string(),
    }
}

/// The same sentence in other words: reordered clause, synonyms.
fn paraphrase(line: &str) -> String {
    let swaps = [
        (" said ", " told reporters "),
        ("were sent to", "went to"),
        ("had worked", "worked"),
        ("estimated", "put"),
        ("would last", "could go on for"),
        ("was expected to last", "might run for"),
        ("were working to clear", "were pumping"),
        ("had been set aside", "was available"),
    ];
    let mut out = line.to_string();
    for (from, to) in swaps {
        if out.contains(from) {
            out = out.replacen(from, to, 1);
        }
    }
    out
}

/// A sentence only this story has.
fn local_sentence(rng: &mut Rng, e: &Event) -> String {
    let street = format!("{} Street", word(rng, 2));
    let name = format!("{} {}", word(rng, 1), word(rng, 2));
    match rng.below(4) {
        0 => format!(
            "Traffic on {street} was diverted for much of the day, and buses took a longer route through {}.",
            e.town
        ),
        1 => format!(
            "{name}, who runs a cafe on {street}, said business had been quieter than usual."
        ),
        2 => format!(
            "Officials promised a full report to the {} within weeks.",
            e.body
        ),
        _ => format!("Neighbours on {street} gathered to watch as officials arrived, {name} said."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(stories: usize, seed: u64) -> Vec<String> {
        let mut lines = Vec::new();
        generate(
            Plan {
                stories,
                seed,
                contradiction_rate: 0.05,
            },
            |s| lines.push(s.to_json_line()),
        );
        lines
    }

    #[test]
    fn same_seed_same_corpus_other_seed_other_corpus() {
        assert_eq!(corpus(200, 7), corpus(200, 7));
        assert_ne!(corpus(200, 7), corpus(200, 8));
        assert_eq!(corpus(200, 7).len(), 200);
    }

    #[test]
    fn every_line_is_a_json_record() {
        for line in corpus(50, 1) {
            let value: serde_json::Value = serde_json::from_str(&line).unwrap();
            for key in ["id", "title", "date", "source", "url", "body"] {
                assert!(value[key].is_string(), "{key} missing in {line}");
            }
        }
    }

    #[test]
    fn dates_and_weekdays_agree() {
        let day = Day {
            year: 2025,
            month: 3,
            day: 11,
        };
        assert_eq!(day.weekday(), "Tuesday");
        assert_eq!(day.plus(21).iso(), "2025-04-01");
    }
}
