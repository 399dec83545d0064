//! The credibility section of a pack, checked: the base score, the bands, the signals with
//! their weights and compiled patterns, the word lists for names and speakers, and the user's
//! outlet priors.
//!
//! Signals merge across packs by id like rules do (a later pack changes only the keys it
//! gives), so `{ id: anonymous-source, weight: -2 }` reweighs a built-in signal. Phrases and
//! patterns are compiled here, once; a pattern that does not compile fails the load with the
//! file, line, signal and key, never later during a check.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use regex::Regex;
use rustc_hash::FxHashSet;

use super::raw::{RawBand, RawCredibility, RawNames, RawOutletPrior, RawSignal};
use super::{Examples, PackError, PackFile, located};
use crate::findings::{Kind, Severity};

/// Where in a story a signal looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The headline.
    Headline,
    /// The body, without reader comments or repeated captions.
    Body,
    /// The first paragraphs of the body, up to and including the first line of prose.
    Opening,
    /// Headline and body.
    Story,
}

const SCOPES: &[(&str, Scope)] = &[
    ("headline", Scope::Headline),
    ("body", Scope::Body),
    ("opening", Scope::Opening),
    ("story", Scope::Story),
];

/// How a signal is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Its phrases and patterns, found in the text.
    Text,
    /// Its phrases, found in a headline that also has lower-case letters (a headline set all in
    /// capitals is a house style, not shouting).
    ShoutingHeadline,
    /// The story names its writer.
    Byline,
    /// The story has no date, in its metadata or its text.
    Undated,
    /// The body holds no figure at all.
    NoFigures,
    /// The body names no person and credits nothing to a named source.
    NoNamedSource,
    /// A direct quotation attributed, in the same sentence, to a named person or body.
    NamedQuote,
    /// Words credited, without quotation marks, to a named person or body ("Marco Deltri said
    /// about 300 homes had been warned").
    NamedAttribution,
    /// A claim the story shares with another outlet in the batch: the same value for the same
    /// fact, as the comparison of stories finds it.
    Corroborated,
    /// Findings of other rules on the story, of these kinds, at or above this severity.
    Findings {
        /// The kinds counted.
        kinds: Vec<Kind>,
        /// The least severity counted.
        min_severity: Severity,
    },
}

const CHECKS: &[&str] = &[
    "text",
    "shouting-headline",
    "byline",
    "undated",
    "no-figures",
    "no-named-source",
    "named-quote",
    "named-attribution",
    "corroborated",
    "findings",
];

const FINDING_KINDS: &[(&str, Kind)] = &[
    ("implausible-entity", Kind::ImplausibleEntity),
    ("role-mismatch", Kind::RoleMismatch),
    ("contradiction", Kind::Contradiction),
];

/// One credibility signal.
#[derive(Debug, Clone)]
pub struct Signal {
    /// Unique id ("vague-attribution").
    pub id: String,
    /// Points added to the score each time it is found (negative lowers it).
    pub weight: i32,
    /// How many times it is counted at most in one story.
    pub cap: usize,
    /// Whether it is looked for.
    pub enabled: bool,
    /// Where it looks.
    pub scope: Scope,
    /// How it is found.
    pub check: Check,
    /// One line on what it is.
    pub summary: String,
    /// Why it bears on credibility, and what its weight rests on.
    pub rationale: String,
    /// What a writer or fact-checker can do about it.
    pub hint: String,
    /// The phrases, compiled into one pattern; `None` when there are none.
    pub phrases: Option<Regex>,
    /// The phrases as plain text, for the prefilter ([`TextSet`]): their words joined by one
    /// space, apostrophes straight.
    pub phrase_texts: Vec<String>,
    /// The patterns.
    pub patterns: Vec<Regex>,
    /// Whether a match inside a quotation is ignored (a speaker's words are not the outlet's).
    pub outside_quotes: bool,
    /// Lower-case words that, right after a match, cancel it ("according to research *by*").
    pub unless_followed_by: FxHashSet<String>,
    /// Indices of signals that, found in the same sentence, cancel this one (a quotation
    /// from "a source who wished to remain anonymous" is not a named quotation).
    pub unless: Vec<usize>,
    /// The fewest words of prose a story's body must have for the signal to be looked for (a
    /// table of results is not a story that should name its sources).
    pub min_words: usize,
    /// Text it must find and text it must not.
    pub examples: Examples,
    /// The file that last defined it.
    pub file: String,
}

impl Signal {
    /// Whether this signal ever raises a score.
    pub fn is_favourable(&self) -> bool {
        self.weight > 0
    }
}

/// A plain word for a range of scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// The word ("solid").
    pub name: String,
    /// The lowest score in the band.
    pub min: i32,
}

/// Word lists for names and speakers.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Titles before a name ("Mr", "Prime Minister"), as one pattern matching title and name.
    pub titled: Option<Regex>,
    /// Capitalised words that never start a name.
    pub not_names: FxHashSet<String>,
    /// Words that make a capitalised run an organisation.
    pub organisation_words: FxHashSet<String>,
    /// Verbs that attribute words to a speaker, lower case.
    pub speech_verbs: FxHashSet<String>,
    /// Words that refer back to a speaker named earlier, lower case.
    pub back_references: Vec<String>,
}

/// A user's view of an outlet: shown beside its score, never added to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletPrior {
    /// The outlet's name as stories give it.
    pub outlet: String,
    /// The user's points.
    pub prior: i32,
    /// Why.
    pub note: Option<String>,
    /// The file it came from.
    pub file: String,
}

/// The checked credibility section of the merged packs.
#[derive(Debug, Clone)]
pub struct Credibility {
    /// The score before any signal.
    pub base: i32,
    /// Bands, highest first.
    pub bands: Vec<Band>,
    /// Word lists.
    pub names: Names,
    /// Signals, in the order first defined.
    pub signals: Vec<Signal>,
    /// Outlet priors.
    pub outlets: Vec<OutletPrior>,
    /// Every signal's phrases as one set, built on first use once the packs are merged
    /// ([`Credibility::text_set`]).
    text_set: OnceLock<TextSet>,
}

/// Which signals' phrases can match in a sentence, asked once per sentence so that the phrase
/// patterns are tried only where they may match; most match in no sentence at all.
///
/// Every phrase is held as plain text in one Aho-Corasick automaton, matched without regard to
/// ASCII case over the sentence folded as the phrase patterns would read it: each run of white
/// space as one space, a curly apostrophe as a straight one, and the two letters outside ASCII
/// that match an ASCII letter when case is ignored (the Kelvin sign, the long s) as that
/// letter. That finds every place a phrase pattern matches (and a few more, such as a phrase
/// inside a longer word, which the pattern then turns down) at a fraction of the patterns'
/// cost. A phrase with a character outside ASCII is always tried, since its other cases are
/// not ASCII.
///
/// Patterns stay out and are always tried: each is short and mostly anchored or led by a
/// literal the regex engine searches for quickly.
#[derive(Debug, Clone)]
pub struct TextSet {
    /// Every phrase that is plain ASCII; `None` when there is none.
    phrases: Option<AhoCorasick>,
    /// For each of `phrases`, the member its signal's phrase pattern is.
    phrase_members: Vec<usize>,
    /// Members with a phrase outside ASCII, tried in every sentence.
    always: Vec<usize>,
    /// How many phrase patterns there are, one member each.
    count: usize,
    /// For each signal, the member of each of its regexes, in the order `phrases` then
    /// `patterns`; `None` for its patterns, which are always tried.
    members: Vec<Vec<Option<usize>>>,
}

impl TextSet {
    fn new(signals: &[Signal]) -> TextSet {
        let mut count = 0;
        let mut texts = Vec::new();
        let mut phrase_members = Vec::new();
        let mut always = Vec::new();
        let members = signals
            .iter()
            .map(|signal| {
                let phrases = signal.phrases.iter().map(|_| {
                    let member = count;
                    count += 1;
                    for text in &signal.phrase_texts {
                        if text.is_ascii() {
                            texts.push(text.clone());
                            phrase_members.push(member);
                        } else if always.last() != Some(&member) {
                            always.push(member);
                        }
                    }
                    Some(member)
                });
                let patterns = signal.patterns.iter().map(|_| None);
                phrases.chain(patterns).collect::<Vec<_>>()
            })
            .collect();
        let phrases = (!texts.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&texts)
                .expect("phrases are plain strings, far below the automaton's size limits")
        });
        TextSet {
            phrases,
            phrase_members,
            always,
            count,
            members,
        }
    }

    /// Which members can match somewhere in `text`.
    pub fn candidates(&self, text: &str) -> Candidates {
        let mut matched = vec![false; self.count];
        for &member in &self.always {
            matched[member] = true;
        }
        if let Some(phrases) = &self.phrases {
            for found in phrases.find_overlapping_iter(folded_for_phrases(text).as_ref()) {
                matched[self.phrase_members[found.pattern().as_usize()]] = true;
            }
        }
        Candidates(matched)
    }

    /// The member of each of a signal's regexes, in the order `phrases` then `patterns`
    /// (`None` for a regex outside the set).
    pub fn members(&self, signal: usize) -> &[Option<usize>] {
        &self.members[signal]
    }
}

/// `text` as the phrase prefilter reads it: each run of white space (what `\s` matches) as
/// one space, curly apostrophes straight, the Kelvin sign as `k` and the long s as `s`; the
/// text itself when none of that changes it, as in most sentences.
fn folded_for_phrases(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let plain = text.is_ascii()
        && !bytes.iter().enumerate().any(|(i, &b)| {
            matches!(b, b'\t'..=b'\r') || (b == b' ' && bytes.get(i + 1) == Some(&b' '))
        });
    if plain {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push(match c {
            '’' => '\'',
            '\u{212a}' => 'k',
            'ſ' => 's',
            c => c,
        });
    }
    Cow::Owned(out)
}

/// The members of a [`TextSet`] that may match in one text.
#[derive(Debug, Clone)]
pub struct Candidates(Vec<bool>);

impl Candidates {
    /// Whether a regex may match: one outside the set (`None`) always may.
    pub fn may_match(&self, member: Option<usize>) -> bool {
        member.is_none_or(|index| self.0[index])
    }
}

impl Default for Credibility {
    fn default() -> Credibility {
        let band = |name: &str, min| Band {
            name: name.to_string(),
            min,
        };
        Credibility {
            base: 60,
            bands: vec![band("solid", 75), band("mixed", 60), band("weak", 0)],
            names: Names::default(),
            signals: Vec::new(),
            outlets: Vec::new(),
            text_set: OnceLock::new(),
        }
    }
}

impl Credibility {
    /// The signals' phrases as one set. Built the first time it is asked for, so only once
    /// every pack has been merged.
    pub fn text_set(&self) -> &TextSet {
        self.text_set.get_or_init(|| TextSet::new(&self.signals))
    }

    /// The band a score falls in.
    pub fn band(&self, score: i32) -> &str {
        self.bands
            .iter()
            .find(|b| score >= b.min)
            .or(self.bands.last())
            .map_or("", |b| b.name.as_str())
    }

    /// The bands as a phrase for reports: "75-100 solid, 60-74 mixed, below 60 weak".
    pub fn band_legend(&self) -> String {
        let mut parts = Vec::new();
        let mut top = 100;
        for (index, band) in self.bands.iter().enumerate() {
            if index + 1 == self.bands.len() && band.min <= 0 {
                parts.push(format!("below {} {}", top + 1, band.name));
            } else {
                parts.push(format!("{}-{} {}", band.min, top, band.name));
            }
            top = band.min - 1;
        }
        parts.join(", ")
    }

    /// The prior a user gave `outlet`, if any.
    pub fn prior(&self, outlet: &str) -> Option<&OutletPrior> {
        self.outlets.iter().find(|p| p.outlet == outlet)
    }
}

/// Collects the credibility sections of every pack, then checks them.
#[derive(Debug, Default)]
pub(super) struct Builder {
    base: Option<i32>,
    bands: Option<(Vec<RawBand>, usize)>,
    names: Vec<RawNames>,
    signals: Vec<(RawSignal, usize)>,
    outlets: Vec<(RawOutletPrior, usize)>,
}

impl Builder {
    /// Adds one file's section.
    pub(super) fn add(&mut self, raw: RawCredibility, file: usize) {
        self.base = raw.base.or(self.base);
        if let Some(bands) = raw.bands {
            self.bands = Some((bands, file));
        }
        if let Some(names) = raw.names {
            self.names.push(names);
        }
        for signal in raw.signals {
            self.merge_signal(signal, file);
        }
        for prior in raw.outlets {
            match self
                .outlets
                .iter_mut()
                .find(|(p, _)| p.outlet == prior.outlet)
            {
                Some(existing) => *existing = (prior, file),
                None => self.outlets.push((prior, file)),
            }
        }
    }

    fn merge_signal(&mut self, signal: RawSignal, file: usize) {
        let Some((old, old_file)) = self.signals.iter_mut().find(|(s, _)| s.id == signal.id) else {
            self.signals.push((signal, file));
            return;
        };
        old.weight = signal.weight.or(old.weight);
        old.cap = signal.cap.or(old.cap);
        old.enabled = signal.enabled.or(old.enabled);
        old.scope = signal.scope.or(old.scope.take());
        old.check = signal.check.or(old.check.take());
        old.summary = signal.summary.or(old.summary.take());
        old.rationale = signal.rationale.or(old.rationale.take());
        old.hint = signal.hint.or(old.hint.take());
        old.phrases = signal.phrases.or(old.phrases.take());
        old.patterns = signal.patterns.or(old.patterns.take());
        old.case_sensitive = signal.case_sensitive.or(old.case_sensitive);
        old.outside_quotes = signal.outside_quotes.or(old.outside_quotes);
        old.unless_followed_by = signal.unless_followed_by.or(old.unless_followed_by.take());
        old.kinds = signal.kinds.or(old.kinds.take());
        old.min_severity = signal.min_severity.or(old.min_severity.take());
        old.unless = signal.unless.or(old.unless.take());
        old.min_words = signal.min_words.or(old.min_words);
        old.examples = signal.examples.or(old.examples.take());
        *old_file = file;
    }

    /// Checks everything collected.
    pub(super) fn build(self, files: &[PackFile]) -> Result<Credibility, PackError> {
        let mut out = Credibility::default();
        if let Some(base) = self.base {
            out.base = base.clamp(0, 100);
        }
        if let Some((bands, file)) = self.bands {
            out.bands = check_bands(&bands, &files[file])?;
        }
        // The signals' patterns are compiled on every core, beside the names' pattern; the first
        // problem in pack order is the one reported.
        let (names, signals) = rayon::join(
            || names(&self.names),
            || {
                self.signals
                    .par_iter()
                    .map(|(raw, file)| check_signal(raw, &files[*file]))
                    .collect::<Vec<_>>()
            },
        );
        out.names = names;
        for signal in signals {
            out.signals.push(signal?);
        }
        for (index, (raw, file)) in self.signals.iter().enumerate() {
            for id in raw.unless.iter().flatten() {
                let found = out
                    .signals
                    .iter()
                    .position(|s| &s.id == id)
                    .ok_or_else(|| {
                        located(
                            &files[*file],
                            "signals",
                            &raw.id,
                            Some("unless"),
                            format!("no signal with id '{id}' is defined"),
                            Some("list the ids of signals defined under credibility.signals"),
                        )
                    })?;
                out.signals[index].unless.push(found);
            }
        }
        out.outlets = self
            .outlets
            .into_iter()
            .map(|(p, file)| OutletPrior {
                outlet: p.outlet,
                prior: p.prior,
                note: p.note,
                file: files[file].name.clone(),
            })
            .collect();
        Ok(out)
    }
}

fn check_bands(raw: &[RawBand], file: &PackFile) -> Result<Vec<Band>, PackError> {
    let mut bands: Vec<Band> = raw
        .iter()
        .map(|b| Band {
            name: b.band.clone(),
            min: b.min,
        })
        .collect();
    bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    let fail = |message: String| PackError {
        file: file.name.clone(),
        entry: Some("credibility".to_string()),
        field: Some("bands".to_string()),
        message,
        hint: Some(
            "give each band a name and the lowest score in it, one band starting at 0".to_string(),
        ),
        ..PackError::bare()
    };
    if bands.last().is_none_or(|b| b.min > 0) {
        return Err(fail(
            "no band starts at 0, so low scores have no band".into(),
        ));
    }
    if let Some(pair) = bands.windows(2).find(|w| w[0].min == w[1].min) {
        return Err(fail(format!(
            "bands '{}' and '{}' both start at {}",
            pair[0].name, pair[1].name, pair[0].min
        )));
    }
    if let Some(bad) = bands
        .iter()
        .find(|b| b.min > 100 || b.name.trim().is_empty())
    {
        return Err(fail(format!(
            "band '{}' starting at {} is not a named range of 0..100",
            bad.name, bad.min
        )));
    }
    Ok(bands)
}

fn names(raw: &[RawNames]) -> Names {
    let mut titles: Vec<&String> = raw.iter().flat_map(|n| &n.titles).collect();
    // Longest first, so "Prime Minister" is preferred to "Minister".
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    titles.dedup();
    let titled = (!titles.is_empty()).then(|| {
        let alternatives: Vec<String> = titles.iter().map(|t| phrase_pattern(t)).collect();
        Regex::new(&format!(
            r"\b(?:{})\.?\s+(?:\p{{Lu}}[\p{{L}}'’.-]*)(?:\s+\p{{Lu}}[\p{{L}}'’-]*){{0,2}}",
            alternatives.join("|")
        ))
        .expect("escaped words always compile")
    });
    let lower = |pick: fn(&RawNames) -> &Vec<String>| {
        raw.iter()
            .flat_map(pick)
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
    };
    Names {
        titled,
        not_names: raw.iter().flat_map(|n| n.not_names.clone()).collect(),
        organisation_words: raw
            .iter()
            .flat_map(|n| n.organisation_words.clone())
            .collect(),
        speech_verbs: lower(|n| &n.speech_verbs).into_iter().collect(),
        back_references: lower(|n| &n.back_references),
    }
}

/// A phrase as a pattern: escaped, any run of spaces matching any white space, straight and
/// curly apostrophes interchangeable, word boundaries where the phrase starts or ends with a
/// letter or digit.
fn phrase_pattern(phrase: &str) -> String {
    let mut out = String::new();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            out.push_str(r"\s+");
        }
        for c in word.chars() {
            if c == '\'' || c == '’' {
                out.push_str("['’]");
            } else {
                out.push_str(&regex::escape(&c.to_string()));
            }
        }
    }
    let wordy = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut bounded = String::new();
    if wordy(phrase.trim().chars().next()) {
        bounded.push_str(r"\b");
    }
    bounded.push_str(&out);
    if wordy(phrase.trim().chars().last()) {
        bounded.push_str(r"\b");
    }
    bounded
}

fn check_signal(raw: &RawSignal, file: &PackFile) -> Result<Signal, PackError> {
    let fail = |field: &str, message: String, hint: &str| {
        located(file, "signals", &raw.id, Some(field), message, Some(hint))
    };
    let weight = raw.weight.ok_or_else(|| {
        fail(
            "weight",
            "a new signal needs a weight".into(),
            "give the points it adds (positive) or takes away (negative) each time it is found",
        )
    })?;
    if !(-100..=100).contains(&weight) {
        return Err(fail(
            "weight",
            format!("weight {weight} is outside -100..100"),
            "a weight is a number of points on a 0..100 score",
        ));
    }
    let summary = raw.summary.clone().ok_or_else(|| {
        fail(
            "summary",
            "a new signal needs a one-line summary".into(),
            "say in one line what the signal finds",
        )
    })?;
    let scope_name = raw.scope.as_deref().unwrap_or("body");
    let scope = SCOPES
        .iter()
        .find(|(name, _)| *name == scope_name)
        .map(|(_, scope)| *scope)
        .ok_or_else(|| {
            fail(
                "in",
                format!("unknown place '{scope_name}'"),
                "use headline, body, opening or story",
            )
        })?;
    let check_name = raw.check.as_deref().unwrap_or("text");
    let check = match check_name {
        "text" => Check::Text,
        "shouting-headline" => Check::ShoutingHeadline,
        "byline" => Check::Byline,
        "undated" => Check::Undated,
        "no-figures" => Check::NoFigures,
        "no-named-source" => Check::NoNamedSource,
        "named-quote" => Check::NamedQuote,
        "named-attribution" => Check::NamedAttribution,
        "corroborated" => Check::Corroborated,
        "findings" => {
            let names = raw.kinds.clone().unwrap_or_default();
            if names.is_empty() {
                return Err(fail(
                    "kinds",
                    "a findings signal needs the kinds of finding it counts".into(),
                    "list kinds such as implausible-entity, role-mismatch, contradiction",
                ));
            }
            let mut kinds = Vec::new();
            for name in &names {
                let kind = FINDING_KINDS
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, k)| *k)
                    .ok_or_else(|| {
                        fail(
                            "kinds",
                            format!("unknown kind '{name}'"),
                            "use implausible-entity, role-mismatch or contradiction",
                        )
                    })?;
                kinds.push(kind);
            }
            let min_severity = match &raw.min_severity {
                Some(s) => s.parse::<Severity>().map_err(|message| {
                    fail("min_severity", message, "use error, warning or info")
                })?,
                None => Severity::Warning,
            };
            Check::Findings {
                kinds,
                min_severity,
            }
        }
        other => {
            return Err(fail(
                "check",
                format!("unknown check '{other}'"),
                &format!("use one of: {}", CHECKS.join(", ")),
            ));
        }
    };
    let case_sensitive = raw.case_sensitive.unwrap_or(false);
    let phrases = raw.phrases.clone().unwrap_or_default();
    if let Some(empty) = phrases.iter().find(|p| p.trim().is_empty()) {
        return Err(fail(
            "phrases",
            format!("{empty:?} is an empty phrase"),
            "remove it",
        ));
    }
    let phrase_regex = (!phrases.is_empty()).then(|| {
        let alternatives: Vec<String> = phrases.iter().map(|p| phrase_pattern(p)).collect();
        let flags = if case_sensitive { "" } else { "(?i)" };
        Regex::new(&format!("{flags}(?:{})", alternatives.join("|")))
            .expect("escaped phrases always compile")
    });
    let mut patterns = Vec::new();
    for pattern in raw.patterns.as_deref().unwrap_or_default() {
        let compiled = Regex::new(pattern).map_err(|error| {
            let detail = error.to_string();
            let last = detail.lines().last().unwrap_or("").trim().to_string();
            fail(
                "patterns",
                format!("pattern {pattern:?} does not compile: {last}"),
                "fix the regular expression (Rust regex syntax; no look-around)",
            )
        })?;
        patterns.push(compiled);
    }
    let needs_text = matches!(check, Check::Text | Check::ShoutingHeadline);
    if needs_text && phrase_regex.is_none() && patterns.is_empty() {
        return Err(fail(
            "phrases",
            "the signal has no phrases or patterns to look for".into(),
            "list phrases (plain words) or patterns (regular expressions)",
        ));
    }
    let cap = raw.cap.unwrap_or(3);
    if cap == 0 {
        return Err(fail(
            "cap",
            "cap 0 would count the signal never".into(),
            "use enabled: false to turn a signal off",
        ));
    }
    let examples = raw
        .examples
        .as_ref()
        .map(|e| Examples {
            flag: e.flag.clone(),
            pass: e.pass.clone(),
        })
        .unwrap_or_default();
    Ok(Signal {
        id: raw.id.clone(),
        weight,
        cap,
        enabled: raw.enabled.unwrap_or(true),
        scope,
        check,
        summary,
        rationale: raw.rationale.clone().unwrap_or_default(),
        hint: raw.hint.clone().unwrap_or_default(),
        phrases: phrase_regex,
        phrase_texts: phrases
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace('’', "'")
            })
            .collect(),
        patterns,
        outside_quotes: raw.outside_quotes.unwrap_or(true),
        unless_followed_by: raw
            .unless_followed_by
            .iter()
            .flatten()
            .map(|w| w.to_lowercase())
            .collect(),
        unless: Vec::new(),
        min_words: raw.min_words.unwrap_or(0),
        examples,
        file: file.name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::RngExt;
    use proptest::test_runner::{TestRng, TestRunner};

    /// The built-in pack's credibility signals.
    fn built_in() -> Credibility {
        let mut builder = crate::pack::PackBuilder::new();
        builder.add_default().expect("the built-in pack loads");
        builder
            .build()
            .expect("the built-in pack builds")
            .credibility
    }

    /// `phrase` with each letter's case, each space and each apostrophe chosen by `rng`,
    /// with letters outside ASCII that match ASCII ones when case is ignored: "Sources SAID",
    /// "ſources\n\t said", "won’t".
    fn varied(phrase: &str, rng: &mut TestRng) -> String {
        let mut next = || rng.random_range(0..usize::MAX);
        let mut out = String::new();
        for c in phrase.chars() {
            match c {
                ' ' => out.push_str(["  ", "\n", " \t ", " ", "\u{a0}", " \u{2009}"][next() % 6]),
                '\'' if next() % 2 == 0 => out.push('’'),
                'k' | 'K' if next() % 3 == 0 => out.push('\u{212a}'),
                's' | 'S' if next() % 3 == 0 => out.push('ſ'),
                c if next() % 2 == 0 => out.extend(c.to_uppercase()),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn the_prefilter_lets_through_every_sentence_a_phrase_matches() {
        let credibility = built_in();
        let set = credibility.text_set();
        // Each signal's phrase pattern, by member.
        let patterns: Vec<&Regex> = credibility
            .signals
            .iter()
            .filter_map(|s| s.phrases.as_ref())
            .collect();
        assert_eq!(patterns.len(), set.count);
        let mut runner = TestRunner::deterministic();
        let mut tried = 0;
        for signal in &credibility.signals {
            for phrase in &signal.phrase_texts {
                for frame in ["{}", "Officials said {} on Tuesday.", "x{}y", "“{}!”"] {
                    let sentence = frame.replace("{}", &varied(phrase, runner.rng()));
                    tried += 1;
                    let candidates = set.candidates(&sentence);
                    for (member, pattern) in patterns.iter().enumerate() {
                        assert!(
                            !pattern.is_match(&sentence) || candidates.may_match(Some(member)),
                            "{sentence:?} matches {} but was filtered out",
                            pattern.as_str()
                        );
                    }
                }
            }
        }
        assert!(tried > 100, "only {tried} sentences tried");
        // And it does filter: a plain sentence leaves most phrase patterns untried.
        let plain = set.candidates("The council met on Tuesday to discuss the budget.");
        let untried = (0..set.count)
            .filter(|&m| !plain.may_match(Some(m)))
            .count();
        assert!(untried * 2 > set.count, "{untried} of {}", set.count);
    }

    #[test]
    fn only_the_kelvin_sign_and_the_long_s_match_ascii_letters_when_case_is_ignored() {
        // What the prefilter's folding rests on.
        let letter = Regex::new("(?i)^[a-z]$").expect("constant pattern");
        let outside: Vec<char> = ('\u{80}'..=char::MAX)
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(outside, ['ſ', '\u{212a}']);
    }

    #[test]
    fn sentences_are_folded_as_phrase_patterns_read_them() {
        assert!(matches!(
            folded_for_phrases("one two three"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            folded_for_phrases("one  two\n\tthree \r\n"),
            "one two three "
        );
        assert_eq!(folded_for_phrases("\x0b\x0c\u{a0}x"), " x");
        assert_eq!(folded_for_phrases("won’t \u{212a}ey ſay"), "won't key say");
    }

    #[test]
    fn phrases_match_whole_words_and_either_apostrophe() {
        let re = Regex::new(&format!("(?i){}", phrase_pattern("you won't believe"))).unwrap();
        assert!(re.is_match("You won’t  believe what happened"));
        assert!(!re.is_match("you won't believers"));
        let re = Regex::new(&phrase_pattern("!")).unwrap();
        assert!(re.is_match("Wow!"));
    }

    #[test]
    fn band_legend_reads_in_plain_words() {
        let credibility = Credibility::default();
        assert_eq!(
            credibility.band_legend(),
            "75-100 solid, 60-74 mixed, below 60 weak"
        );
        assert_eq!(credibility.band(75), "solid");
        assert_eq!(credibility.band(74), "mixed");
        assert_eq!(credibility.band(0), "weak");
    }
}
