//! Role mismatches: a title next to a person's name that the person did not hold on the
//! story's date, or never held.
//!
//! What it finds: in a story dated October 2025, "Prime Minister Rishi Sunak said" is outdated
//! (he left office on 5 July 2024; Keir Starmer held it that day); "Director of Public
//! Prosecutions Ken McCallum" is wrong on any date (he heads MI5). Both are the slips a careless
//! rewrite of an old story, or a machine, makes.
//!
//! How: the pack's offices list the titles stories use and who held each office when. A title
//! must stand right next to a name the pack knows, in one of three shapes: "Prime Minister Rishi
//! Sunak", "Rishi Sunak, the prime minister,", "the prime minister, Rishi Sunak". A word that
//! says the title is not current ("former", "ex-", "then", "acting", "deputy", "shadow",
//! "would-be", "-elect", "predecessor") or belongs to something else ("Labour", "ECB") leaves it
//! alone, and so does a sentence that dates itself ("In 2019, ...", "at the time"), recalls a
//! past era ("under President ..."), or tells of the term ending or beginning ("FBI Director
//! James Comey was fired", "Prime Minister Keir Starmer was appointed"). A generic
//! title ("Prime Minister", "President") is checked only against the offices the person held,
//! so "Chancellor Rishi Sunak" (of the Exchequer) is no alarm; only a title that names one office
//! ("FBI Director", "British Prime Minister") can be wrong for someone who never held it. A story
//! without a date gets no verdict on time, only a note where the title is no longer current.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use regex::Regex;

use crate::dates::Date;
use crate::findings::{Diff, Finding, Kind, Severity, Span};
use crate::ingest::{DateOrigin, Story};
use crate::pack::{Held, Office, Pack, Rule, Term};
use crate::segment;

use super::{BatchView, Detector};

/// The role-mismatch detector.
pub struct RoleMismatch;

impl Detector for RoleMismatch {
    fn name(&self) -> &'static str {
        "role-mismatch"
    }

    fn kind(&self) -> Kind {
        Kind::RoleMismatch
    }

    fn documentation(&self) -> &'static str {
        "Flags a title next to a person's name that the person did not hold on the story's date \
         (\"Prime Minister Rishi Sunak\" in a story of October 2025: Keir Starmer held the office \
         then) or never held (\"Director of Public Prosecutions Ken McCallum\": he is Director \
         General of MI5), using the offices and terms in the pack. The title must stand right \
         next to the name (\"FBI chief Kash Patel\", \"Mr Starmer, the Prime Minister,\"). \
         \"Former\", \"then\", \"acting\", \"deputy\", \"shadow\", \"-elect\" and sentences that \
         date themselves (\"In 2019, ...\") are left alone; a story without a date gets an info \
         note instead of a verdict. `check --as-of DATE` checks every story as of one day."
    }

    fn check_batch(&self, view: &BatchView<'_>, rule: &Rule, out: &mut Vec<Finding>) {
        if view.pack.offices.is_empty() {
            return;
        }
        // Only a pack too large for the pattern engines fails here; it then has nothing to say.
        let Some(index) = Index::new(view.pack) else {
            return;
        };
        // Each story on its own, on every core; the findings keep the stories' order.
        let found: Vec<Vec<Finding>> = view
            .stories
            .par_iter()
            .enumerate()
            .map(|(number, story)| {
                let date = view.as_of.or(story.date);
                // A date taken from the text is the latest day the story names; the story may
                // be from any of the days it names, so a title right on one of them is not
                // judged.
                let named_days =
                    if view.as_of.is_none() && story.date_origin == DateOrigin::Inferred {
                        crate::dates::find_dates(story.text())
                            .into_iter()
                            .map(|m| m.date)
                            .collect()
                    } else {
                        Vec::new()
                    };
                let mut found = Vec::new();
                index.check_story(number, story, date, &named_days, rule, &mut found);
                found
            })
            .collect();
        out.extend(found.into_iter().flatten());
    }
}

/// Words before a title that say it is not (or not yet, or not quite) the office itself.
const NOT_CURRENT: &[&str] = &[
    "former",
    "ex",
    "then",
    "late",
    "future",
    "next",
    "incoming",
    "would",
    "wannabe",
    "aspiring",
    "deputy",
    "vice",
    "shadow",
    "acting",
    "interim",
    "caretaker",
    "assistant",
    "associate",
    "junior",
    "predecessor",
    "successor",
    "previous",
    "erstwhile",
    "onetime",
    "one-time",
    "retired",
    "ousted",
    "deposed",
    "designate",
    "elect",
    "hopeful",
    "candidate",
    "potential",
    "possible",
    "prospective",
    "presumptive",
    "nominee",
    "soon",
    "first-ever",
    "honorary",
    "emeritus",
    // Portrayals and comparisons: "the actor who played Prime Minister Tony Blair".
    "played",
    "plays",
    "playing",
    "portrayed",
    "portrays",
    "portraying",
    "impersonated",
    "impersonating",
    "like",
    // Sequence in a past narrative: "and later Prime Minister Boris Johnson".
    "later",
    "subsequently",
    "eventually",
];

/// Lower-case words that make a generic title another job ("managing director").
const OTHER_JOBS: &[&str] = &[
    "executive",
    "managing",
    "art",
    "artistic",
    "campaign",
    "programme",
    "program",
    "regional",
    "communications",
    "creative",
    "film",
    "music",
    "technical",
    "medical",
    "finance",
    "club",
    "party",
    "university",
    "student",
    "company",
    "bank",
];

/// Words a headline capitalises that may stand before a title ("Meets Prime Minister").
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "by", "of", "in", "for", "and", "or", "to", "with", "from", "on", "at", "as",
    "says", "say", "said", "tells", "told", "after", "before", "when", "while", "but",
];

/// Words that may stand in "Rishi Sunak, the ___ prime minister," without changing the office.
const PLAIN_MODIFIERS: &[&str] = &[
    "current",
    "sitting",
    "incumbent",
    "serving",
    "new",
    "newly",
    "elected",
    "re-elected",
    "reelected",
    "appointed",
];

/// Honorifics before a surname; "Mr Starmer" identifies less than "Keir Starmer".
const HONORIFICS: &[&str] = &["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr."];

/// A person the pack knows, with every office they held.
struct Person<'p> {
    name: &'p str,
    /// (office index, holder index) pairs.
    roles: Vec<(usize, usize)>,
    /// The multi-word forms of the name, to see whether a story names them in full.
    full_forms: Vec<String>,
}

/// What a form of a name points at.
#[derive(Clone)]
struct NameForm {
    /// Every person the form can mean; more than one makes it ambiguous.
    people: Vec<usize>,
    /// Whether it identifies on its own ("Keir Starmer", not "Starmer" or "Mr Starmer").
    full: bool,
}

/// Everything compiled from the pack's offices, once per batch.
struct Index<'p> {
    pack: &'p Pack,
    people: Vec<Person<'p>>,
    names: AhoCorasick,
    forms: Vec<NameForm>,
    titles: Regex,
    /// Normalised title → (office, whether the title is generic).
    title_offices: HashMap<String, Vec<(usize, bool)>>,
    /// A country word right before a title: "British ", "Britain's ".
    qualifier_before: Option<Regex>,
    /// "of Japan" right after a title.
    qualifier_after: Option<Regex>,
    country_words: HashMap<String, usize>,
    /// The latest review date of the packs: open terms are known to run on it.
    reviewed: Option<Date>,
}

/// A title found in a sentence.
struct TitleHit {
    /// The title's own words.
    span: Span,
    /// Where a country word before it starts, if one qualifies it.
    qualifier_start: Option<usize>,
    /// Where a country "of" phrase after it ends, if one qualifies it.
    qualifier_end: Option<usize>,
    /// The offices it can mean, narrowed by the country word.
    offices: Vec<usize>,
    /// Whether it names one office ("FBI Director", "British Prime Minister").
    specific: bool,
}

impl TitleHit {
    fn start(&self) -> usize {
        self.qualifier_start.unwrap_or(self.span.start)
    }

    fn end(&self) -> usize {
        self.qualifier_end.unwrap_or(self.span.end)
    }
}

/// A name found in a sentence.
struct NameHit {
    span: Span,
    form: usize,
}

/// A title paired with a name, and what the words around them say.
struct Pairing<'h> {
    title: &'h TitleHit,
    /// A word says the title is not current ("former", "acting").
    not_current: bool,
    /// "outgoing": still current on the handover day, and a day after for late editions.
    outgoing: bool,
    /// "under President Obama": the title may describe the time of a past event.
    retrospective: bool,
}

impl<'p> Index<'p> {
    fn new(pack: &'p Pack) -> Option<Index<'p>> {
        let mut people: Vec<Person<'p>> = Vec::new();
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        let mut form_people: HashMap<String, (Vec<usize>, bool)> = HashMap::new();
        for (o, office) in pack.offices.iter().enumerate() {
            for (h, holder) in office.holders.iter().enumerate() {
                let person = *by_name.entry(&holder.name).or_insert_with(|| {
                    people.push(Person {
                        name: &holder.name,
                        roles: Vec::new(),
                        full_forms: Vec::new(),
                    });
                    people.len() - 1
                });
                people[person].roles.push((o, h));
                for form in std::iter::once(&holder.name).chain(&holder.aliases) {
                    for (written, full) in name_forms(form) {
                        if full && !people[person].full_forms.contains(&written) {
                            people[person].full_forms.push(written.clone());
                        }
                        let entry = form_people.entry(written).or_insert((Vec::new(), full));
                        if !entry.0.contains(&person) {
                            entry.0.push(person);
                        }
                    }
                }
            }
        }
        let mut patterns: Vec<String> = form_people.keys().cloned().collect();
        patterns.sort();
        let forms = patterns
            .iter()
            .map(|p| {
                let (people, full) = &form_people[p];
                NameForm {
                    people: people.clone(),
                    full: *full,
                }
            })
            .collect();
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;

        let mut title_offices: HashMap<String, Vec<(usize, bool)>> = HashMap::new();
        let mut written_titles: Vec<&str> = Vec::new();
        for (o, office) in pack.offices.iter().enumerate() {
            let all = office
                .titles
                .iter()
                .map(|t| (t, false))
                .chain(office.generic_titles.iter().map(|t| (t, true)));
            for (title, generic) in all {
                let key = normalise_title(title);
                let entry = title_offices.entry(key).or_default();
                if !entry.iter().any(|(x, _)| *x == o) {
                    entry.push((o, generic));
                }
                written_titles.push(title);
            }
        }
        // Longest first, so that "FBI Director" wins over "Director" where both match.
        written_titles.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        written_titles.dedup();
        let alternatives: Vec<String> = written_titles.iter().map(|t| title_pattern(t)).collect();
        let titles = Regex::new(&format!(r"\b(?:{})\b", alternatives.join("|"))).ok()?;

        let mut country_words: HashMap<String, usize> = HashMap::new();
        for (c, country) in pack.countries.iter().enumerate() {
            for word in std::iter::once(&country.name)
                .chain(&country.names)
                .chain(&country.demonyms)
            {
                // Words that are ambiguous elsewhere ("Indian", "American") are safe right
                // before a title: they only narrow the offices it can mean.
                country_words.entry(word.clone()).or_insert(c);
            }
        }
        let mut words: Vec<&String> = country_words.keys().collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let alternation = words
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        let (qualifier_before, qualifier_after) = if words.is_empty() {
            (None, None)
        } else {
            (
                Regex::new(&format!(r"(?:^|[^\w.])({alternation})(?:['’]s)?\s+$")).ok(),
                Regex::new(&format!(r"^\s+of\s+(?:the\s+)?({alternation})(?:[^\w]|$)")).ok(),
            )
        };
        let reviewed = pack
            .infos
            .iter()
            .filter_map(|i| i.reviewed.as_deref())
            .filter_map(|r| crate::dates::parse_metadata_date(r).ok())
            .max();
        Some(Index {
            pack,
            people,
            names,
            forms,
            titles,
            title_offices,
            qualifier_before,
            qualifier_after,
            country_words,
            reviewed,
        })
    }

    fn check_story(
        &self,
        number: usize,
        story: &Story,
        date: Option<Date>,
        named_days: &[Date],
        rule: &Rule,
        out: &mut Vec<Finding>,
    ) {
        let text = story.text();
        let segmented = segment::segment(text, story.body_start);
        for sentence in &segmented.sentences {
            let span = sentence.span;
            let names = self.names_in(text, span);
            if names.is_empty() {
                continue;
            }
            let titles = self.titles_in(text, span);
            if titles.is_empty() {
                continue;
            }
            for name in &names {
                let Some(pairing) = pair(text, span, name, &titles, &self.forms[name.form]) else {
                    continue;
                };
                let context = Context {
                    story: number,
                    text,
                    sentence: span,
                    date,
                    named_days,
                    rule,
                    name_spans: names.iter().map(|n| n.span).collect(),
                };
                if let Some(finding) = self.judge(&context, name, &pairing) {
                    out.push(finding);
                }
            }
        }
    }

    /// Names the pack knows, as whole words, that are not the tail or head of a longer name.
    fn names_in(&self, text: &str, sentence: Span) -> Vec<NameHit> {
        let slice = &text[sentence.start..sentence.end];
        self.names
            .find_iter(slice)
            .filter_map(|m| {
                let start = sentence.start + m.start();
                let end = sentence.start + m.end();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
                // "Xi'an" is a city; "Xi's" is still Xi.
                let mut rest = text[end..].chars();
                let elided = matches!(rest.next(), Some('\'' | '’'))
                    && rest.next().is_some_and(|c| c.is_alphabetic() && c != 's');
                if joined(before) || joined(after) || elided {
                    return None;
                }
                // "Prime Minister Johnson Says": a capitalised word after a surname may be the
                // rest of someone else's name.
                let form = &self.forms[m.pattern().as_usize()];
                if !form.full && next_word_capitalised(&text[end..sentence.end]) {
                    return None;
                }
                Some(NameHit {
                    span: Span::new(start, end),
                    form: m.pattern().as_usize(),
                })
            })
            .collect()
    }

    /// Titles in the sentence, each with the country word that qualifies it and the offices it
    /// can mean.
    fn titles_in(&self, text: &str, sentence: Span) -> Vec<TitleHit> {
        let slice = &text[sentence.start..sentence.end];
        let mut hits = Vec::new();
        for m in self.titles.find_iter(slice) {
            let span = Span::new(sentence.start + m.start(), sentence.start + m.end());
            let Some(candidates) = self.title_offices.get(&normalise_title(m.as_str())) else {
                continue;
            };
            let before = &text[sentence.start..span.start];
            let after = &text[span.end..sentence.end];
            let mut qualifier_start = None;
            let mut qualifier_end = None;
            let mut country = None;
            if let Some(caps) = self
                .qualifier_before
                .as_ref()
                .and_then(|r| r.captures(before))
            {
                let word = caps.get(1).expect("group 1 always takes part");
                qualifier_start = Some(sentence.start + word.start());
                country = self.country_words.get(word.as_str()).copied();
            } else if let Some(caps) = self
                .qualifier_after
                .as_ref()
                .and_then(|r| r.captures(after))
            {
                let word = caps.get(1).expect("group 1 always takes part");
                qualifier_end = Some(span.end + word.end());
                country = self.country_words.get(word.as_str()).copied();
            }
            let offices: Vec<usize> = candidates
                .iter()
                .filter(|(o, _)| country.is_none_or(|c| self.pack.offices[*o].country == c))
                .map(|(o, _)| *o)
                .collect();
            if offices.is_empty() {
                continue;
            }
            let specific = country.is_some() || candidates.iter().any(|(_, generic)| !generic);
            hits.push(TitleHit {
                span,
                qualifier_start,
                qualifier_end,
                offices,
                specific,
            });
        }
        hits
    }

    fn judge(&self, cx: &Context<'_>, name: &NameHit, pairing: &Pairing<'_>) -> Option<Finding> {
        let form = &self.forms[name.form];
        // A form two people share ("Bush") identifies neither.
        let [person] = form.people.as_slice() else {
            return None;
        };
        let person = &self.people[*person];
        let held: Vec<(usize, usize)> = person
            .roles
            .iter()
            .copied()
            .filter(|(o, _)| pairing.title.offices.contains(o))
            .collect();
        if held.is_empty() {
            return self.wrong_title(cx, name, pairing, person);
        }
        if pairing.not_current {
            return None;
        }
        let Some(date) = cx.date else {
            return self.undated_note(cx, name, pairing, person, &held);
        };
        if sentence_dates_itself(cx.text, cx.sentence, &cx.name_spans, date) {
            return None;
        }
        let mut unsure = false;
        for &(o, h) in &held {
            let office = &self.pack.offices[o];
            let terms = &office.holders[h].terms;
            for term in terms {
                match term.held_on(date) {
                    Held::Yes => return None,
                    Held::Unsure => unsure = true,
                    Held::No => {}
                }
                if cx.named_days.iter().any(|d| term.held_on(*d) != Held::No) {
                    return None;
                }
            }
            let last_end = terms.iter().filter_map(|t| t.end).map(|e| e.latest).max();
            if pairing.outgoing
                && last_end.is_some_and(|end| date.days_since_epoch() <= end.days_since_epoch() + 1)
            {
                return None;
            }
            // A monarch keeps the regnal name; only a title used before the reign is wrong.
            if office.title_kept && terms.iter().any(|t| date >= t.start.earliest) {
                return None;
            }
        }
        if unsure {
            return None;
        }
        let (o, h) = held[0];
        let office = &self.pack.offices[o];
        // Before the pack's record of the office begins, it cannot say who held it.
        if date < office.since.earliest {
            return None;
        }
        let terms = &office.holders[h].terms;
        let before_first = terms.iter().all(|t| date < t.start.earliest);
        // "the questions about President Barack Obama's birthplace" recalls his time in office.
        if pairing.retrospective && !before_first {
            return None;
        }
        // "FBI Director James Comey was fired": the title is the one held as the term ended;
        // "Prime Minister Keir Starmer was sworn in": the one held as it began.
        let sentence_text = &cx.text[cx.sentence.start..cx.sentence.end];
        let event = if before_first { &ARRIVAL } else { &DEPARTURE };
        if event.is_match(sentence_text) {
            return None;
        }
        let holder_that_day = holder_on(office, date);
        let message = format!(
            "{} was not {}{} on {date} ({}); {}",
            person.name,
            if before_first { "yet " } else { "" },
            office.name,
            describe_terms(terms),
            match &holder_that_day {
                HolderOn::Known(other) => format!("{other} held the office that day"),
                HolderOn::Unsure => "the pack cannot tell who held it that day".to_string(),
                HolderOn::Nobody => "the pack names no holder for that day".to_string(),
            }
        );
        // The title the pack holds for that day: another office the person held then, else
        // the same title marked as past or future.
        let other_office = person.roles.iter().find(|(oo, hh)| {
            self.pack.offices[*oo].holders[*hh]
                .terms
                .iter()
                .any(|t| t.held_on(date) == Held::Yes)
        });
        let (expected, hint) = match other_office {
            Some(&(oo, _)) => {
                let other = &self.pack.offices[oo];
                (
                    replace_title(cx, pairing.title, &display_title(self.pack, other)),
                    format!(
                        "on {date} {} was {}; check which office the story means",
                        person.name, other.name
                    ),
                )
            }
            None => {
                let word = if before_first { "future" } else { "former" };
                let who = match &holder_that_day {
                    HolderOn::Known(other) => {
                        format!("; if it means the holder on {date}, that was {other}")
                    }
                    _ => String::new(),
                };
                (
                    insert_before_title(cx, pairing.title, word),
                    format!(
                        "if the story means {}, write \"{word}\" before the title{who}",
                        person.name
                    ),
                )
            }
        };
        Some(self.finding(
            cx,
            name,
            pairing,
            person,
            cx.rule.severity,
            message,
            hint,
            Some(expected),
        ))
    }

    /// A title naming one office, next to a person who never held it.
    fn wrong_title(
        &self,
        cx: &Context<'_>,
        name: &NameHit,
        pairing: &Pairing<'_>,
        person: &Person<'_>,
    ) -> Option<Finding> {
        let title = pairing.title;
        if !title.specific || pairing.not_current || pairing.outgoing {
            return None;
        }
        // "Mr Johnson" may be someone else: the story must name the person in full somewhere.
        let form = &self.forms[name.form];
        let named_in_full =
            form.full || person.full_forms.iter().any(|f| contains_word(cx.text, f));
        if !named_in_full {
            return None;
        }
        if cx
            .date
            .is_some_and(|d| sentence_dates_itself(cx.text, cx.sentence, &cx.name_spans, d))
        {
            return None;
        }
        // The pack can say "never" only for the years it covers: the person's known career and
        // the story's date must fall after the record of every office the title can mean begins.
        let career_start = person
            .roles
            .iter()
            .flat_map(|(o, h)| &self.pack.offices[*o].holders[*h].terms)
            .map(|t| t.start.earliest)
            .min()?;
        for &o in &title.offices {
            let since = self.pack.offices[o].since.earliest;
            if career_start < since || cx.date.is_some_and(|d| d < since) {
                return None;
            }
        }
        let office = &self.pack.offices[title.offices[0]];
        let on = cx.date.or(self.reviewed);
        let current = on.and_then(|d| {
            person.roles.iter().find(|(o, h)| {
                self.pack.offices[*o].holders[*h]
                    .terms
                    .iter()
                    .any(|t| t.held_on(d) == Held::Yes)
            })
        });
        let (real_office, real_holder) = current.copied().unwrap_or_else(|| {
            *person
                .roles
                .iter()
                .max_by_key(|(o, h)| {
                    self.pack.offices[*o].holders[*h]
                        .terms
                        .iter()
                        .map(|t| t.start.earliest)
                        .max()
                })
                .expect("a person has at least one office")
        });
        let real = &self.pack.offices[real_office];
        let real_terms = describe_terms(&real.holders[real_holder].terms);
        let held_that_day = cx.date.filter(|_| current.is_some());
        let message = match (cx.date, held_that_day) {
            (Some(date), Some(_)) => format!(
                "{} has never been {}{}; on {date} {} was {}",
                person.name,
                office.name,
                holder_note(office, date),
                person.name,
                real.name
            ),
            (Some(date), None) => format!(
                "{} has never been {}{}; the pack knows {} as {} ({real_terms})",
                person.name,
                office.name,
                holder_note(office, date),
                person.name,
                real.name
            ),
            (None, _) => format!(
                "{} has never been {}; the pack knows {} as {} ({real_terms})",
                person.name, office.name, person.name, real.name
            ),
        };
        let expected = replace_title(cx, title, &display_title(self.pack, real));
        let hint = format!(
            "check the title: {} is known as {}",
            person.name,
            display_title(self.pack, real)
        );
        Some(self.finding(
            cx,
            name,
            pairing,
            person,
            cx.rule.severity,
            message,
            hint,
            Some(expected),
        ))
    }

    /// A story without a date: no verdict on time, but a note where the title is no longer
    /// current.
    fn undated_note(
        &self,
        cx: &Context<'_>,
        name: &NameHit,
        pairing: &Pairing<'_>,
        person: &Person<'_>,
        held: &[(usize, usize)],
    ) -> Option<Finding> {
        let still_running = held.iter().any(|(o, h)| {
            let office = &self.pack.offices[*o];
            office.title_kept || office.holders[*h].terms.iter().any(|t| t.end.is_none())
        });
        if still_running {
            return None;
        }
        let (o, h) = held[0];
        let office = &self.pack.offices[o];
        let message = format!(
            "{} was {} only {}; the story has no date, so whether the title was current is not checked",
            person.name,
            office.name,
            describe_terms(&office.holders[h].terms)
        );
        let hint = "give the story a date (front matter, a meta tag or a dateline), or check it with --as-of DATE".to_string();
        Some(self.finding(
            cx,
            name,
            pairing,
            person,
            Severity::Info,
            message,
            hint,
            None,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        cx: &Context<'_>,
        name: &NameHit,
        pairing: &Pairing<'_>,
        person: &Person<'_>,
        severity: Severity,
        message: String,
        hint: String,
        expected: Option<String>,
    ) -> Finding {
        let start = name.span.start.min(pairing.title.start());
        let end = name.span.end.max(pairing.title.end());
        let actual = cx.text[cx.sentence.start..cx.sentence.end].to_string();
        Finding {
            rule: cx.rule.id.clone(),
            kind: Kind::RoleMismatch,
            severity,
            story: cx.story,
            span: Span::new(start, end),
            message,
            hint,
            group: person.name.to_string(),
            diff: expected.map(|expected| Diff { expected, actual }),
            related: Vec::new(),
        }
    }
}

/// What a finding needs to know about where it is.
struct Context<'a> {
    story: usize,
    text: &'a str,
    sentence: Span,
    date: Option<Date>,
    /// Other days the story may be from, when its date was read from its text.
    named_days: &'a [Date],
    rule: &'a Rule,
    name_spans: Vec<Span>,
}

/// The forms a name is matched in, each with whether it identifies on its own: the form
/// itself, its curly-apostrophe twin, and for a one-word form the same after an honorific.
fn name_forms(form: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let words = form.split_whitespace().count();
    let full = words >= 2 && !HONORIFICS.contains(&form.split_whitespace().next().unwrap_or(""));
    let mut push = |written: String, full: bool| {
        if !out.iter().any(|(w, _)| *w == written) {
            out.push((written, full));
        }
    };
    for variant in [
        form.to_string(),
        form.replace('\'', "’"),
        form.replace('’', "'"),
    ] {
        push(variant.clone(), full);
        if words == 1 {
            for honorific in HONORIFICS {
                push(format!("{honorific} {variant}"), false);
            }
        }
    }
    out
}

/// A title as a pattern: words in capitals match only in capitals ("PM", "MI5"), other words
/// in any case; a hyphen and a space are interchangeable; both apostrophes match.
fn title_pattern(title: &str) -> String {
    title
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let escaped = regex::escape(word).replace(['\'', '’'], "['’]");
            if is_capitals(word) {
                escaped
            } else {
                format!("(?i:{escaped})")
            }
        })
        .collect::<Vec<_>>()
        .join(r"[\s\-]+")
}

/// "PM", "MI5", "U.S.": two or more letters, all capitals.
fn is_capitals(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The key a title is looked up by: lower case, one space between words, straight apostrophes.
fn normalise_title(title: &str) -> String {
    title
        .replace('’', "'")
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn next_word_capitalised(rest: &str) -> bool {
    let Some(trimmed) = rest.strip_prefix(' ') else {
        return false;
    };
    trimmed.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `text` contains `phrase` as whole words.
fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Lower-case words of `text`, split at white space and hyphens, punctuation trimmed.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '‑')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The title next to `name`, in one of the three shapes, with what the words around it say.
fn pair<'h>(
    text: &str,
    sentence: Span,
    name: &NameHit,
    titles: &'h [TitleHit],
    form: &NameForm,
) -> Option<Pairing<'h>> {
    // "Prime Minister Rishi Sunak", "Prime Minister-designate Keir Starmer".
    if let Some(title) = titles.iter().find(|t| {
        t.end() <= name.span.start && {
            let gap = &text[t.end()..name.span.start];
            gap.trim().is_empty() && !gap.is_empty() && !gap.contains('\n') || is_elect(gap)
        }
    }) {
        let gap = &text[title.end()..name.span.start];
        let lead = lead_words(text, sentence, title.start())?;
        let after = &text[name.span.end..sentence.end];
        return Some(Pairing {
            title,
            not_current: lead.not_current || is_elect(gap) || past_clause(after),
            outgoing: lead.outgoing,
            retrospective: lead.retrospective,
        });
    }
    // "Rishi Sunak, the prime minister," — the name must not be the tail of another name.
    if let Some(title) = titles.iter().find(|t| t.start() >= name.span.end) {
        let between = &text[name.span.end..title.start()];
        if let Some(rest) = between.strip_prefix(',')
            && !preceded_by_capitalised(text, sentence, name.span.start, form)
        {
            let modifiers = words(rest);
            // "Rishi Sunak, 44, the prime minister,": ages and articles change nothing.
            let modifiers: Vec<&str> = modifiers
                .iter()
                .map(String::as_str)
                .filter(|w| *w != "the" && !w.chars().all(|c| c.is_ascii_digit()))
                .collect();
            let plain = modifiers.len() <= 3
                && modifiers.iter().all(|w| {
                    NOT_CURRENT.contains(w) || PLAIN_MODIFIERS.contains(w) || *w == "outgoing"
                });
            let after = &text[title.end()..sentence.end];
            if plain && closes_apposition(after) {
                return Some(Pairing {
                    title,
                    not_current: modifiers.iter().any(|w| NOT_CURRENT.contains(w)),
                    outgoing: modifiers.contains(&"outgoing"),
                    retrospective: false,
                });
            }
        }
    }
    // "the prime minister, Rishi Sunak" / "Britain's prime minister, Keir Starmer".
    if let Some(title) = titles.iter().find(|t| {
        t.end() <= name.span.start && {
            let gap = &text[t.end()..name.span.start];
            gap.starts_with(',') && gap[1..].trim().is_empty() && !gap[1..].is_empty()
        }
    }) {
        let lead = lead_words(text, sentence, title.start())?;
        if !(lead.determiner || title.qualifier_start.is_some()) {
            return None;
        }
        let after = &text[name.span.end..sentence.end];
        return Some(Pairing {
            title,
            not_current: lead.not_current || past_clause(after),
            outgoing: lead.outgoing,
            retrospective: lead.retrospective,
        });
    }
    None
}

/// Prepositions that, right before a title, make it describe a person in a past era rather
/// than report what they do: "under President Barack Obama", "the citizenship of President
/// Barack Obama".
const RETROSPECTIVE: &[&str] = &["of", "under", "about", "against", "during", "when", "while"];

/// What the words before a title say.
struct Lead {
    not_current: bool,
    outgoing: bool,
    /// A preposition such as "under" stands right before it.
    retrospective: bool,
    /// "the" stands right before it.
    determiner: bool,
}

/// Reads the words before a title; `None` where they make it another job or part of a longer
/// name ("Labour Prime Minister", "ECB President", "managing director").
fn lead_words(text: &str, sentence: Span, title_start: usize) -> Option<Lead> {
    let before = &text[sentence.start..title_start];
    let last: Vec<String> = words(before);
    let tail: Vec<&str> = last.iter().rev().take(3).map(String::as_str).collect();
    let not_current = tail.iter().any(|w| NOT_CURRENT.contains(w));
    let outgoing = tail.contains(&"outgoing");
    let determiner = tail.first() == Some(&"the");
    // "served under the prime minister, Boris Johnson": look past the article.
    let retrospective = tail
        .iter()
        .find(|w| **w != "the")
        .is_some_and(|w| RETROSPECTIVE.contains(w));
    // The raw word right before the title decides whether the title is this office at all.
    let trimmed = before.trim_end();
    if trimmed.is_empty() || trimmed.ends_with([',', ':', ';', '(', '"', '“', '‘', '—', '–'])
    {
        return Some(Lead {
            not_current,
            outgoing,
            retrospective,
            determiner,
        });
    }
    let raw = trimmed
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let word =
        raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’');
    let lower = word.to_lowercase();
    let first_of_sentence = trimmed.len() == raw.len();
    let bare = lower.trim_end_matches('-');
    if NOT_CURRENT.contains(&bare) || bare == "would-be" || bare.ends_with("-be") {
        return Some(Lead {
            not_current: true,
            outgoing,
            retrospective: false,
            determiner,
        });
    }
    if bare == "outgoing" {
        return Some(Lead {
            not_current,
            outgoing: true,
            retrospective: false,
            determiner,
        });
    }
    // "at 3 PM Keir Starmer": a time, not a title.
    if word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if lower.ends_with("'s") || lower.ends_with("’s") || OTHER_JOBS.contains(&lower.as_str()) {
        return None;
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if capitalised && !first_of_sentence && !FUNCTION_WORDS.contains(&lower.as_str()) {
        return None;
    }
    Some(Lead {
        not_current,
        outgoing,
        retrospective,
        determiner,
    })
}

/// "-elect ", "-designate ", " designate ": the title is not yet held.
fn is_elect(gap: &str) -> bool {
    let gap = gap.trim().trim_start_matches('-').trim().to_lowercase();
    gap == "elect" || gap == "designate"
}

/// "Boris Johnson, who was prime minister ...", "... at the time": the sentence speaks of the
/// past.
fn past_clause(after: &str) -> bool {
    static PAST: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(?i)^(?:'s|’s)?,?\s*(?:(?:who|which)\s+(?:was|were|had|served|left|resigned|stepped|lost|died|led|became|ran|then)\b|at\s+the\s+time\b|back\s+then\b|then\b)")
            .expect("constant pattern")
    });
    PAST.is_match(after)
}

/// After "Rishi Sunak, the prime minister": a comma, the end of the sentence, or a verb of
/// saying closes the apposition; anything else ("the prime minister's wife", "the prime
/// minister at the time") makes it something else.
fn closes_apposition(after: &str) -> bool {
    static CLOSE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(
            r"^(?:\s*(?:$|[,.;:!?)\]—–])|\s+(?:said|says|told|tells|added|announced|warned)\b)",
        )
        .expect("constant pattern")
    });
    CLOSE.is_match(after)
}

fn preceded_by_capitalised(text: &str, sentence: Span, start: usize, form: &NameForm) -> bool {
    if form.full {
        return false;
    }
    let before = text[sentence.start..start].trim_end();
    if before.len() == text[sentence.start..start].len() {
        // No space: the start of the sentence, or punctuation right before.
        return false;
    }
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let first_of_sentence = before.len() == word.len();
    word.chars().next().is_some_and(char::is_uppercase)
        && !first_of_sentence
        && !FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
}

/// Whether the sentence speaks of another time than the story's day: a year other than the
/// story's ("In 2019, ..."), a month other than its month, or words such as "at the time",
/// "last year", "ago", "when he was".
fn sentence_dates_itself(text: &str, sentence: Span, names: &[Span], date: Date) -> bool {
    static YEAR: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"\b(1[89]\d\d|20\d\d)s?\b").expect("constant pattern")
    });
    static MONTH: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?").expect("constant pattern")
    });
    static PAST: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:(?:last|previous|past|that)\s+(?:year|month|decade|century|summer|spring|autumn|fall|winter|term|government|administration)|ago|at\s+the\s+time|back\s+then|formerly|previously|in\s+the\s+past|tenure|era|when\s+(?:he|she|they|it)\s+(?:was|were)|while\s+(?:he|she|they)\s+(?:was|were)|during\s+(?:his|her|their)|years?\s+earlier|in\s+(?:his|her|their)\s+time)\b").expect("constant pattern")
    });
    let slice = &text[sentence.start..sentence.end];
    let inside_name = |start: usize, end: usize| {
        names
            .iter()
            .any(|n| sentence.start + start < n.end && n.start < sentence.start + end)
    };
    if YEAR
        .captures_iter(slice)
        .any(|c| c[1].parse::<i32>().is_ok_and(|y| y != date.year()) || c[0].ends_with('s'))
    {
        return true;
    }
    if MONTH.find_iter(slice).any(|m| {
        !inside_name(m.start(), m.end())
            && MONTH_NUMBERS
                .iter()
                .find(|(prefix, _)| m.as_str().starts_with(prefix))
                .is_some_and(|(_, n)| *n != date.month())
    }) {
        return true;
    }
    PAST.is_match(slice)
}

/// Words that tell of a term ending: the title then describes the person as they left.
static DEPARTURE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fired|sacked|dismissed|ousted|removed|resign(?:s|ed|ing|ation)?|stepp(?:ed|ing) down|steps down|quit|retir(?:ed|es|ing|ement)|replaced|succeeded|defeated|conceded|concedes|lost (?:the|his|her|power|office)|left office|leaves office|leaving office|departure|farewell|handed over|died|dies|death|assassinat(?:ed|ion)|funeral|impeached|impeachment|last day)\b")
        .expect("constant pattern")
});

/// Words that tell of a term beginning: the title then describes the person as they arrived.
static ARRIVAL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sworn in|swearing-in|inaugurat(?:ed|ion)|appointed|appointment|named|nominated|nomination|elected|election|takes office|took office|taking office|becomes|became|confirmed|confirmation|first day|arriv(?:ed|es|al))\b")
        .expect("constant pattern")
});

const MONTH_NUMBERS: &[(&str, u32)] = &[
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("May", 5),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// Who held an office on a day.
enum HolderOn<'p> {
    Known(&'p str),
    Unsure,
    Nobody,
}

fn holder_on(office: &Office, date: Date) -> HolderOn<'_> {
    let mut unsure = false;
    for holder in &office.holders {
        for term in &holder.terms {
            match term.held_on(date) {
                Held::Yes => return HolderOn::Known(&holder.name),
                Held::Unsure => unsure = true,
                Held::No => {}
            }
        }
    }
    if unsure {
        HolderOn::Unsure
    } else {
        HolderOn::Nobody
    }
}

/// " (Stephen Parkinson held it on 2024-11-20)", or nothing where the pack cannot tell.
fn holder_note(office: &Office, date: Date) -> String {
    match holder_on(office, date) {
        HolderOn::Known(other) => format!(" ({other} held it on {date})"),
        _ => String::new(),
    }
}

/// "from 2022-10-25 to 2024-07-05", "from 2017-01-20 to 2021-01-20 and from 2025-01-20".
fn describe_terms(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| match t.end {
            Some(end) => format!("from {} to {end}", t.start),
            None => format!("from {}", t.start),
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The title an office is shown with: its first own title, else a country word and its first
/// generic title ("British Prime Minister").
fn display_title(pack: &Pack, office: &Office) -> String {
    match (office.titles.first(), office.generic_titles.first()) {
        (Some(title), _) => title.clone(),
        (None, Some(generic)) => {
            format!("{} {generic}", pack.countries[office.country].adjective())
        }
        (None, None) => office.name.clone(),
    }
}

/// The sentence with the title (and its country word) replaced.
fn replace_title(cx: &Context<'_>, title: &TitleHit, replacement: &str) -> String {
    format!(
        "{}{replacement}{}",
        &cx.text[cx.sentence.start..title.start()],
        &cx.text[title.end()..cx.sentence.end]
    )
}

/// The sentence with `word` ("former") put before the title, capitalised at its start.
fn insert_before_title(cx: &Context<'_>, title: &TitleHit, word: &str) -> String {
    let at = title.start();
    let head = &cx.text[cx.sentence.start..at];
    let word = if head.trim().is_empty() {
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        word.to_string()
    };
    format!("{head}{word} {}", &cx.text[at..cx.sentence.end])
}

#[cfg(test)]
mod tests {
    use crate::findings::Severity;
    use crate::outcome::Located;
    use crate::pack::Pack;

    fn pack_alone() -> Pack {
        let mut pack = Pack::default_pack().unwrap();
        for rule in &mut pack.rules {
            rule.enabled = rule.id == "role-mismatch";
        }
        pack
    }

    fn check(date: Option<&str>, body: &str) -> Vec<Located> {
        let text = match date {
            Some(date) => format!("---\ntitle: A story\ndate: {date}\n---\n\n{body}\n"),
            None => format!("---\ntitle: A story\n---\n\n{body}\n"),
        };
        crate::check_texts(&[("story.md", text)], &pack_alone()).findings
    }

    fn assert_flags(date: Option<&str>, body: &str, message: &str) {
        let findings = check(date, body);
        assert!(
            findings.iter().any(|f| f.message == message),
            "expected {message:?} for {body:?}, got {:#?}",
            findings.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }

    fn assert_clean(date: Option<&str>, body: &str) {
        let findings = check(date, body);
        assert!(
            findings.is_empty(),
            "expected nothing for {body:?}, got {:#?}",
            findings.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }

    const SUNAK_2025: &str = "Rishi Sunak was not Prime Minister of the United Kingdom on 2025-10-16 (from 2022-10-25 to 2024-07-05); Keir Starmer held the office that day";

    #[test]
    fn an_outdated_title_names_the_holder_of_the_day() {
        assert_flags(
            Some("2025-10-16"),
            "Prime Minister Rishi Sunak said on Thursday that taxes would fall.",
            SUNAK_2025,
        );
        assert_flags(
            Some("2025-10-16"),
            "Rishi Sunak, the prime minister, said taxes would fall.",
            SUNAK_2025,
        );
        assert_flags(
            Some("2025-10-16"),
            "Britain's prime minister, Rishi Sunak, said taxes would fall.",
            SUNAK_2025,
        );
        assert_flags(
            Some("2025-10-16"),
            "British PM Rishi Sunak said taxes would fall.",
            SUNAK_2025,
        );
    }

    #[test]
    fn the_diff_shows_the_title_as_the_pack_holds_it_that_day() {
        let findings = check(
            Some("2025-10-16"),
            "Prime Minister Rishi Sunak said on Thursday that taxes would fall.",
        );
        let diff = findings[0].diff.as_ref().unwrap();
        assert_eq!(
            diff.expected,
            "Former Prime Minister Rishi Sunak said on Thursday that taxes would fall."
        );
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].place.excerpt, "Prime Minister Rishi Sunak");
        // Putin was prime minister, not president, in 2010.
        let findings = check(
            Some("2010-06-01"),
            "President Vladimir Putin visited Paris.",
        );
        assert_eq!(
            findings[0].message,
            "Vladimir Putin was not President of Russia on 2010-06-01 (from 1999-12-31 to 2008-05-07 and from 2012-05-07); Dmitry Medvedev held the office that day"
        );
        assert_eq!(
            findings[0].diff.as_ref().unwrap().expected,
            "Russian Prime Minister Vladimir Putin visited Paris."
        );
    }

    #[test]
    fn a_title_after_under_or_of_may_recall_the_past() {
        assert_clean(
            Some("2020-09-30"),
            "Critics revived the old doubts about the birthplace of President Barack Obama.",
        );
        assert_clean(
            Some("2020-09-30"),
            "The scheme grew under President Barack Obama and shrank later.",
        );
        assert_flags(
            Some("2020-09-30"),
            "President Barack Obama said on Tuesday that he would vote early.",
            "Barack Obama was not President of the United States on 2020-09-30 (from 2009-01-20 to 2017-01-20); Donald Trump held the office that day",
        );
    }

    #[test]
    fn a_date_read_from_the_text_may_be_any_day_the_story_names() {
        let story = "Election called\n\nLONDON, 22 May 2024 - Prime Minister Rishi Sunak called an election. It must be held by 28 January 2025, he said.\n";
        let findings = crate::check_texts(&[("story.txt", story.to_string())], &pack_alone());
        assert!(findings.findings.is_empty(), "{:#?}", findings.findings);
    }

    #[test]
    fn titles_of_other_offices_and_other_countries_pass() {
        // Donald Tusk became Poland's prime minister in 2023; the pack lists only his EU office.
        assert_clean(
            Some("2024-02-01"),
            "Prime Minister Donald Tusk met farmers.",
        );
        assert_clean(
            Some("2024-02-01"),
            "Polish Prime Minister Donald Tusk met farmers.",
        );
        assert_clean(
            Some("2020-02-01"),
            "Portugal's prime minister, António Costa, met farmers.",
        );
        assert_clean(
            Some("2021-02-01"),
            "Rishi Sunak, the chancellor, met farmers.",
        );
        assert_clean(
            Some("2020-12-01"),
            "President-elect Joe Biden named his cabinet.",
        );
        assert_clean(
            Some("2020-12-01"),
            "Joe Biden, the president-elect, named his cabinet.",
        );
        assert_clean(
            Some("2020-12-01"),
            "The President of the European Commission, Ursula von der Leyen, met farmers.",
        );
        assert_clean(Some("2020-12-01"), "Emperor Akihito visited a shrine.");
    }

    #[test]
    fn appositions_and_announcements_are_checked_too() {
        assert_flags(
            Some("2025-10-16"),
            "Rishi Sunak, 45, the prime minister, said taxes would fall.",
            SUNAK_2025,
        );
        assert_flags(
            Some("2022-06-01"),
            "Director General Andrew Parker spoke.",
            "Andrew Parker was not Director General of MI5 on 2022-06-01 (from 2013-04 to 2020-04); Ken McCallum held the office that day",
        );
        assert_flags(
            Some("2019-07-10"),
            "Mr Johnson, the Prime Minister, met farmers.",
            "Boris Johnson was not yet Prime Minister of the United Kingdom on 2019-07-10 (from 2019-07-24 to 2022-09-06); Theresa May held the office that day",
        );
        assert_flags(
            Some("2021-02-01"),
            "Alex Younger, the head of MI6, met farmers.",
            "Alex Younger was not Chief of MI6 on 2021-02-01 (from 2014-11 to 2020-09); Richard Moore held the office that day",
        );
        assert_flags(
            Some("2012-06-01"),
            "China's president, Xi Jinping, met farmers.",
            "Xi Jinping was not yet President of China on 2012-06-01 (from 2013-03-14); Hu Jintao held the office that day",
        );
    }

    #[test]
    fn a_title_in_a_clause_about_the_past_passes() {
        assert_clean(
            Some("2023-06-01"),
            "She served under the prime minister, Boris Johnson, for two years.",
        );
        assert_clean(
            Some("2023-06-01"),
            "The deal was struck when Prime Minister Boris Johnson visited Delhi.",
        );
        // "Xi'an" is a city, not Xi Jinping (who was not president yet in 2010).
        assert_clean(Some("2010-06-01"), "The President Xi'an hotel reopened.");
    }

    #[test]
    fn a_title_not_yet_held_is_outdated_too() {
        assert_flags(
            Some("2024-07-04"),
            "Prime Minister Keir Starmer spoke in London.",
            "Keir Starmer was not yet Prime Minister of the United Kingdom on 2024-07-04 (from 2024-07-05); Rishi Sunak held the office that day",
        );
    }

    #[test]
    fn current_titles_and_the_handover_day_pass() {
        assert_clean(
            Some("2025-10-16"),
            "Prime Minister Keir Starmer said on Thursday.",
        );
        assert_clean(
            Some("2025-10-16"),
            "Mr Starmer, the Prime Minister, said on Thursday.",
        );
        assert_clean(Some("2025-03-01"), "FBI chief Kash Patel testified.");
        assert_clean(
            Some("2025-03-01"),
            "Kash Patel, the FBI Director, testified.",
        );
        assert_clean(
            Some("2024-07-05"),
            "Prime Minister Rishi Sunak conceded defeat.",
        );
        assert_clean(
            Some("2024-07-05"),
            "Prime Minister Keir Starmer entered Downing Street.",
        );
        assert_clean(
            Some("2024-07-05"),
            "Outgoing Prime Minister Rishi Sunak spoke.",
        );
        assert_clean(Some("2019-05-01"), "MI5 boss Andrew Parker spoke.");
    }

    #[test]
    fn outgoing_does_not_excuse_a_title_long_after_the_handover() {
        assert_flags(
            Some("2025-10-16"),
            "Outgoing Prime Minister Rishi Sunak spoke.",
            SUNAK_2025,
        );
    }

    #[test]
    fn words_that_say_the_title_is_not_current_pass() {
        for body in [
            "Former Prime Minister Rishi Sunak said taxes would fall.",
            "Ex-Prime Minister Rishi Sunak said taxes would fall.",
            "The then-Prime Minister Rishi Sunak said taxes would fall.",
            "Then Prime Minister Rishi Sunak said taxes would fall.",
            "Rishi Sunak, the former prime minister, said taxes would fall.",
            "Starmer's predecessor, Prime Minister Rishi Sunak, called the election.",
            "Rishi Sunak, who was prime minister when the election was called, spoke.",
            "Prime Minister Rishi Sunak, who left office last year, spoke.",
            "Would-be Prime Minister Rishi Sunak spoke.",
            "Shadow Prime Minister Rishi Sunak spoke.",
            "Deputy Prime Minister Rishi Sunak spoke.",
            "Vice President Rishi Sunak spoke.",
            "Acting FBI Director Christopher Wray spoke.",
            "Prime Minister-designate Rishi Sunak spoke.",
            "The late Queen Elizabeth II was remembered.",
            "Queen Elizabeth II was remembered.",
        ] {
            assert_clean(Some("2025-10-16"), body);
        }
    }

    #[test]
    fn country_words_narrow_a_generic_title() {
        assert_flags(
            Some("2020-06-01"),
            "Indian Prime Minister Manmohan Singh spoke.",
            "Manmohan Singh was not Prime Minister of India on 2020-06-01 (from 2004-05-22 to 2014-05-26); Narendra Modi held the office that day",
        );
        assert_flags(
            Some("2020-06-01"),
            "American President Boris Johnson spoke.",
            "Boris Johnson has never been President of the United States (Donald Trump held it on 2020-06-01); on 2020-06-01 Boris Johnson was Prime Minister of the United Kingdom",
        );
    }

    #[test]
    fn the_moment_a_term_ends_or_begins_keeps_its_title() {
        assert_clean(
            Some("2017-05-10"),
            "FBI Director James Comey was fired on Tuesday.",
        );
        assert_clean(
            Some("2022-10-27"),
            "Prime Minister Liz Truss resigned after 45 days in office.",
        );
        assert_clean(
            Some("2024-07-04"),
            "Prime Minister Keir Starmer will be appointed by the King tomorrow.",
        );
        assert_clean(
            Some("2023-01-15"),
            "Theresa May's government, and later Prime Minister Boris Johnson's, argued the case.",
        );
        // Words of arrival do not excuse a title whose term has ended.
        assert_flags(
            Some("2025-10-16"),
            "Prime Minister Rishi Sunak named a new cabinet on Thursday.",
            SUNAK_2025,
        );
    }

    #[test]
    fn a_time_of_day_is_not_a_title() {
        assert_clean(
            Some("2023-06-01"),
            "At 3 PM Keir Starmer will open the new wing.",
        );
    }

    #[test]
    fn portrayals_pass() {
        assert_clean(
            Some("2024-06-01"),
            "The actor who played Prime Minister Tony Blair on stage has a new film.",
        );
        assert_clean(
            Some("2024-06-01"),
            "A comedian impersonating President Barack Obama opened the show.",
        );
    }

    #[test]
    fn sentences_that_date_themselves_pass() {
        assert_clean(
            Some("2025-10-16"),
            "In 2019, Prime Minister Boris Johnson said the deal was done.",
        );
        assert_clean(
            Some("2025-10-16"),
            "It was in 2016, when David Cameron was prime minister, that the vote was held.",
        );
        assert_clean(
            Some("2025-10-16"),
            "At the time, Prime Minister Boris Johnson said the deal was done.",
        );
        assert_clean(
            Some("2025-10-16"),
            "In March, Prime Minister Keir Starmer said the deal was done.",
        );
        assert_clean(
            Some("2020-06-01"),
            "Prime Minister Theresa May was replaced in July 2019.",
        );
    }

    #[test]
    fn a_title_never_held_names_the_real_office() {
        assert_flags(
            Some("2025-10-16"),
            "Director of Public Prosecutions Ken McCallum warned of spies.",
            "Ken McCallum has never been Director of Public Prosecutions for England and Wales (Stephen Parkinson held it on 2025-10-16); on 2025-10-16 Ken McCallum was Director General of MI5",
        );
        let findings = check(Some("2025-10-16"), "CIA Director Kash Patel testified.");
        assert_eq!(
            findings[0].diff.as_ref().unwrap().expected,
            "FBI Director Kash Patel testified."
        );
        // Still wrong when the story has no date.
        assert_flags(
            None,
            "Ken McCallum, the Director of Public Prosecutions, warned of spies.",
            "Ken McCallum has never been Director of Public Prosecutions for England and Wales; the pack knows Ken McCallum as Director General of MI5 (from 2020-04)",
        );
    }

    #[test]
    fn a_wrong_title_before_the_real_office_began_says_what_the_pack_knows() {
        assert_flags(
            Some("2019-05-10"),
            "GCHQ boss Ken McCallum spoke.",
            "Ken McCallum has never been Director of GCHQ (Jeremy Fleming held it on 2019-05-10); the pack knows Ken McCallum as Director General of MI5 (from 2020-04)",
        );
    }

    #[test]
    fn a_generic_title_is_never_called_wrong() {
        // Rishi Sunak was Chancellor of the Exchequer; the pack lists only Germany's.
        assert_clean(
            Some("2021-06-01"),
            "Chancellor Rishi Sunak set out the budget.",
        );
        assert_clean(
            Some("2016-06-01"),
            "President Juncker met Prime Minister David Cameron.",
        );
        assert_clean(Some("2015-06-01"), "ECB President Mario Draghi spoke.");
        assert_clean(
            Some("2015-06-01"),
            "Labour Prime Minister Tony Blair won in 1997.",
        );
    }

    #[test]
    fn surnames_two_people_share_or_that_others_bear_pass() {
        // Two Presidents Bush: the surname alone names neither.
        assert_clean(Some("2015-06-01"), "President Bush ordered the strike.");
        assert_clean(
            Some("2019-06-01"),
            "Hunter Biden, the president's son, spoke.",
        );
        assert_clean(
            Some("2019-06-01"),
            "US President Lyndon Johnson signed the act.",
        );
        assert_clean(Some("2019-06-01"), "In May, the Prime Minister said.");
    }

    #[test]
    fn before_the_record_begins_there_is_no_verdict() {
        // 1987: Reagan, Thatcher and Kohl are not in the pack; Chirac was prime minister.
        assert_clean(
            Some("1987-03-02"),
            "French Prime Minister Jacques Chirac met President Reagan.",
        );
        assert_clean(
            Some("1987-03-02"),
            "Vice President George Bush flew to Bonn to see Chancellor Helmut Kohl.",
        );
    }

    #[test]
    fn an_undated_story_gets_a_note_not_a_verdict() {
        let findings = check(None, "Prime Minister Rishi Sunak said taxes would fall.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Info);
        assert_eq!(
            findings[0].message,
            "Rishi Sunak was Prime Minister of the United Kingdom only from 2022-10-25 to 2024-07-05; the story has no date, so whether the title was current is not checked"
        );
        assert_clean(None, "Prime Minister Keir Starmer said taxes would fall.");
    }

    #[test]
    fn several_terms_are_checked_one_by_one() {
        assert_clean(Some("2018-03-01"), "President Donald Trump spoke.");
        assert_clean(Some("2025-03-01"), "President Donald Trump spoke.");
        assert_flags(
            Some("2022-03-01"),
            "President Donald Trump spoke.",
            "Donald Trump was not President of the United States on 2022-03-01 (from 2017-01-20 to 2021-01-20 and from 2025-01-20); Joe Biden held the office that day",
        );
    }

    #[test]
    fn a_month_without_a_day_gives_no_verdict_inside_it() {
        assert_clean(Some("2020-04-10"), "MI5 chief Andrew Parker spoke.");
        assert_clean(Some("2020-04-10"), "MI5 chief Ken McCallum spoke.");
        assert_flags(
            Some("2020-06-10"),
            "MI5 chief Andrew Parker spoke.",
            "Andrew Parker was not Director General of MI5 on 2020-06-10 (from 2013-04 to 2020-04); Ken McCallum held the office that day",
        );
    }
}
