//! Rule packs: loading the YAML, checking it, and merging packs into one [`Pack`].
//!
//! A pack is a YAML file or a directory of them (read recursively, in sorted order). The default
//! pack is the `rules/` directory, compiled into the binary. Packs are applied in order: an entry
//! whose id an earlier pack already defined replaces it (for rules, only the keys given change),
//! so users can correct the built-in knowledge without copying it. Within one pack an id may
//! appear once.
//!
//! Loading goes through two types, as the style guide asks: [`raw`] mirrors the YAML, and the
//! types here are what the checks use, built only from entries that passed every check. A bad
//! pack fails here, with file, line, column, entry and field, never later during a check.

// A pack error is built once, at load time, and ends the run: its size costs nothing.
#![allow(clippy::result_large_err)]

pub mod conflicts;
pub mod credibility;
pub mod raw;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::dates::Date;
use crate::detectors;
use crate::findings::Severity;
use crate::yaml;
use raw::{RawCountry, RawEntity, RawFile, RawHolder, RawOffice, RawRule};

/// The files of the built-in pack, as (path, content), embedded at build time.
const DEFAULT_PACK: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

/// What kind of institution an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// Brings criminal cases to court.
    Prosecutor,
    /// A court.
    Court,
    /// A parliament or one of its chambers.
    Parliament,
    /// A government or cabinet.
    Government,
    /// A ministry or department of government.
    Ministry,
    /// A foreign or signals intelligence service.
    Intelligence,
    /// A domestic security service.
    SecurityService,
    /// A police force.
    Police,
    /// Armed forces.
    Military,
    /// A central bank.
    CentralBank,
    /// Any other public body.
    Agency,
}

const ENTITY_KINDS: &[(&str, EntityKind)] = &[
    ("prosecutor", EntityKind::Prosecutor),
    ("court", EntityKind::Court),
    ("parliament", EntityKind::Parliament),
    ("government", EntityKind::Government),
    ("ministry", EntityKind::Ministry),
    ("intelligence", EntityKind::Intelligence),
    ("security-service", EntityKind::SecurityService),
    ("police", EntityKind::Police),
    ("military", EntityKind::Military),
    ("central-bank", EntityKind::CentralBank),
    ("agency", EntityKind::Agency),
];

/// About one pack that was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackInfo {
    /// Its name.
    pub name: String,
    /// What it holds.
    pub description: Option<String>,
    /// The day its facts were last checked.
    pub reviewed: Option<String>,
}

/// A part of a country with institutions of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Its usual name ("Scotland").
    pub name: String,
    /// Other names.
    pub names: Vec<String>,
    /// Words used before a noun ("Scottish").
    pub demonyms: Vec<String>,
}

/// A country and the words stories use for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Its code ("GB").
    pub id: String,
    /// Its name in messages ("United Kingdom").
    pub name: String,
    /// Other names ("Britain", "UK").
    pub names: Vec<String>,
    /// Words used before a noun ("British").
    pub demonyms: Vec<String>,
    /// Places that stand for its government ("Whitehall").
    pub metonyms: Vec<String>,
    /// Which of the words above often mean something else; never used alone as evidence.
    pub ambiguous: HashSet<String>,
    /// Parts with institutions of their own.
    pub regions: Vec<Region>,
    /// Indices into [`Pack::countries`] of its members, for a union such as the EU.
    pub members: Vec<usize>,
    /// Where a fact-checker can verify it.
    pub source: Option<String>,
}

impl Country {
    /// The form used before a noun in messages: the first demonym, else the name.
    pub fn adjective(&self) -> &str {
        self.demonyms.first().unwrap_or(&self.name)
    }
}

/// An institution bound to one country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Unique id ("gb-cps").
    pub id: String,
    /// Its usual name.
    pub name: String,
    /// Other full names, matched on their own.
    pub aliases: Vec<String>,
    /// Short forms, trusted only where the same story also uses the name or an alias.
    pub abbreviations: Vec<String>,
    /// What kind of institution it is.
    pub kind: EntityKind,
    /// What it does, as a noun phrase shared by its counterparts abroad ("public prosecutor").
    pub function: Option<String>,
    /// Index of its country in [`Pack::countries`].
    pub country: usize,
    /// The regions it covers; empty for the whole country.
    pub jurisdiction: Vec<String>,
    /// One sentence on what it is.
    pub description: Option<String>,
    /// Where a fact-checker can verify it.
    pub source: Option<String>,
}

/// Word lists the detectors use, all lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Words that may stand between a country and an institution it owns.
    pub modifiers: HashSet<String>,
    /// Nouns that look like adjectives and never count as modifiers.
    pub not_modifiers: HashSet<String>,
    /// Words and phrases that turn an attribution into a comparison.
    pub comparisons: Vec<String>,
    /// Nouns that, right after an institution's name, take the country word for themselves.
    pub heads: HashSet<String>,
    /// Verbs after which "the X of Y" does not mean Y's X.
    pub of_verbs: HashSet<String>,
    /// Pairs of words that say opposite things ("approved", "rejected").
    pub opposites: Vec<(String, String)>,
}

/// Examples a rule must flag and must pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    /// Text the rule must flag.
    pub flag: Vec<String>,
    /// Text the rule must not flag.
    pub pass: Vec<String>,
}

/// A rule: a detector, how severe its findings are, and its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Unique id ("implausible-entity").
    pub id: String,
    /// Name of the detector that runs it.
    pub detector: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// Whether it runs.
    pub enabled: bool,
    /// One line on what it finds.
    pub summary: String,
    /// What it checks and why it matters.
    pub description: String,
    /// Its examples.
    pub examples: Examples,
    /// The file that last defined it.
    pub file: String,
}

/// A day, or a whole month or year where the source gives no day: the earliest and the latest
/// day it may mean. Written `YYYY-MM-DD`, `YYYY-MM` or `YYYY` in a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// The first day it may mean.
    pub earliest: Date,
    /// The last day it may mean (the same day for an exact date).
    pub latest: Date,
}

impl Bound {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the error says what is wrong.
    pub fn parse(value: &str) -> Result<Bound, String> {
        let value = value.trim();
        let parts: Vec<&str> = value.split('-').collect();
        let number = |s: &str| s.parse::<u32>().ok();
        let bad = || {
            format!(
                "'{value}' is not a date; write YYYY-MM-DD, or YYYY-MM or YYYY when the day is unknown"
            )
        };
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                let day = Date::new(
                    number(y).ok_or_else(bad)? as i32,
                    number(m).ok_or_else(bad)?,
                    number(d).ok_or_else(bad)?,
                )
                .ok_or_else(|| format!("'{value}' is not a real calendar date"))?;
                Ok(Bound {
                    earliest: day,
                    latest: day,
                })
            }
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let year = number(y).ok_or_else(bad)? as i32;
                let month = number(m).ok_or_else(bad)?;
                let first = Date::new(year, month, 1)
                    .ok_or_else(|| format!("'{value}' is not a real month"))?;
                let next = if month == 12 {
                    Date::new(year + 1, 1, 1)
                } else {
                    Date::new(year, month + 1, 1)
                }
                .ok_or_else(bad)?;
                Ok(Bound {
                    earliest: first,
                    latest: Date::from_days_since_epoch(next.days_since_epoch() - 1),
                })
            }
            [y] if y.len() == 4 => {
                let year = number(y).ok_or_else(bad)? as i32;
                Ok(Bound {
                    earliest: Date::new(year, 1, 1).ok_or_else(bad)?,
                    latest: Date::new(year, 12, 31).ok_or_else(bad)?,
                })
            }
            _ => Err(bad()),
        }
    }

    /// Whether it names one day.
    pub fn is_exact(self) -> bool {
        self.earliest == self.latest
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_exact() {
            write!(f, "{}", self.earliest)
        } else if self.earliest.month() == 1 && self.latest.month() == 12 {
            write!(f, "{:04}", self.earliest.year())
        } else {
            write!(
                f,
                "{:04}-{:02}",
                self.earliest.year(),
                self.earliest.month()
            )
        }
    }
}

/// Whether someone held an office on a day, as far as the pack can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Certainly held it.
    Yes,
    /// Certainly did not.
    No,
    /// The day falls in a month the source gives without a day.
    Unsure,
}

/// One term in office, both ends included: on a handover day the outgoing and the incoming
/// holder both hold the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// When it began.
    pub start: Bound,
    /// When it ended; `None` while it was still running on the pack's review date.
    pub end: Option<Bound>,
}

impl Term {
    /// Whether the term covers `date`.
    pub fn held_on(&self, date: Date) -> Held {
        let after_start = date >= self.start.latest;
        let before_end = self.end.is_none_or(|end| date <= end.earliest);
        if after_start && before_end {
            Held::Yes
        } else if date < self.start.earliest || self.end.is_some_and(|end| date > end.latest) {
            Held::No
        } else {
            Held::Unsure
        }
    }
}

/// A person who held an office, with the forms of the name stories use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The full name; the same person has the same name in every office.
    pub name: String,
    /// Other forms ("Starmer", "Sir Keir Starmer").
    pub aliases: Vec<String>,
    /// Terms in office, in order.
    pub terms: Vec<Term>,
    /// Where a fact-checker can verify them.
    pub source: Option<String>,
    /// Anything worth knowing about the dates.
    pub note: Option<String>,
}

/// A public office: the titles stories give it and who held it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Unique id ("gb-prime-minister").
    pub id: String,
    /// Its name in messages ("Prime Minister of the United Kingdom").
    pub name: String,
    /// Index of its country in [`Pack::countries`].
    pub country: usize,
    /// Index in [`Pack::entities`] of the institution it heads.
    pub institution: Option<usize>,
    /// Titles that name this office alone ("FBI Director").
    pub titles: Vec<String>,
    /// Titles shared with other countries' offices ("Prime Minister"); a country word before
    /// one ("British Prime Minister") makes it name this office alone.
    pub generic_titles: Vec<String>,
    /// Whether holders keep the title after their term (a monarch's regnal name).
    pub title_kept: bool,
    /// From when the list of holders is complete.
    pub since: Bound,
    /// Its holders.
    pub holders: Vec<Holder>,
}

/// A pack that could not be loaded, with where and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The entry ("rule 'implausible-entity'", "entity 'gb-cps'").
    pub entry: Option<String>,
    /// The key.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(entry) = &self.entry {
            write!(f, "{entry}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field '{field}': ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PackError {}

/// The merged knowledge and rules of every pack loaded.
#[derive(Debug, Clone, Default)]
pub struct Pack {
    /// The packs loaded, in order.
    pub infos: Vec<PackInfo>,
    /// Countries, in the order first defined.
    pub countries: Vec<Country>,
    /// Institutions, in the order first defined.
    pub entities: Vec<Entity>,
    /// Word lists, merged.
    pub lexicon: Lexicon,
    /// Rules, in the order first defined.
    pub rules: Vec<Rule>,
    /// Public offices and their holders, in the order first defined.
    pub offices: Vec<Office>,
    /// Credibility signals, base score, bands and outlet priors.
    pub credibility: credibility::Credibility,
    /// Definitions of a later pack that contradict an earlier pack's; the later one was kept.
    pub conflicts: Vec<conflicts::Conflict>,
}

impl Pack {
    /// The built-in pack alone.
    pub fn default_pack() -> Result<Pack, PackError> {
        let mut builder = PackBuilder::default();
        builder.add_default()?;
        builder.build()
    }

    /// The index of the country with code `id`.
    pub fn country_index(&self, id: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.id == id)
    }

    /// The rule with id `id`.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// One file's text under the name used in messages.
struct PackFile {
    name: String,
    text: String,
}

/// A rule as merged so far: raw values, checked once every pack is in.
struct PendingRule {
    raw: RawRule,
    file: usize,
}

/// Collects packs in order, then checks and merges them into a [`Pack`].
#[derive(Default)]
pub struct PackBuilder {
    files: Vec<PackFile>,
    infos: Vec<PackInfo>,
    countries: Vec<(RawCountry, usize)>,
    entities: Vec<(RawEntity, usize)>,
    lexicon: Vec<(raw::RawLexicon, usize)>,
    rules: Vec<PendingRule>,
    offices: Vec<(RawOffice, usize)>,
    credibility: credibility::Builder,
    conflicts: Vec<conflicts::Conflict>,
}

impl PackBuilder {
    /// A builder with no packs.
    pub fn new() -> PackBuilder {
        PackBuilder::default()
    }

    /// Adds the built-in pack.
    pub fn add_default(&mut self) -> Result<(), PackError> {
        let files = DEFAULT_PACK
            .iter()
            .map(|(name, text)| PackFile {
                name: format!("<built-in>/{name}"),
                text: (*text).to_string(),
            })
            .collect();
        self.add_pack(files)
    }

    /// Adds a pack from a YAML file or a directory of them.
    pub fn add_path(&mut self, path: &Path) -> Result<(), PackError> {
        let mut names = Vec::new();
        collect_yaml_files(path, &mut names)?;
        if names.is_empty() {
            return Err(PackError {
                file: path.display().to_string(),
                message: "no .yaml or .yml files here".to_string(),
                hint: Some("point --rules at a pack file or a directory holding them".to_string()),
                ..PackError::bare()
            });
        }
        let mut files = Vec::new();
        for name in names {
            let text = fs::read_to_string(&name).map_err(|error| PackError {
                file: name.display().to_string(),
                message: format!("cannot read the file: {error}"),
                ..PackError::bare()
            })?;
            files.push(PackFile {
                name: name.display().to_string(),
                text,
            });
        }
        self.add_pack(files)
    }

    /// Adds a pack given as text, for tests and for `rules test` on a single file.
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<(), PackError> {
        self.add_pack(vec![PackFile {
            name: name.to_string(),
            text: text.to_string(),
        }])
    }

    fn add_pack(&mut self, files: Vec<PackFile>) -> Result<(), PackError> {
        let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
        let mut duplicate = |section: &'static str, id: &str, file: usize, files: &[PackFile]| {
            match seen.insert((section, id.to_string()), file) {
                Some(first) => Err(located(
                    &files[file],
                    section,
                    id,
                    None,
                    format!(
                        "the id '{id}' is defined twice in this pack (first in {})",
                        files[first].name
                    ),
                    Some(
                        "give each entry its own id; to change a built-in entry, define it in your own pack",
                    ),
                )),
                None => Ok(()),
            }
        };
        let base = self.files.len();
        let mut parsed = Vec::new();
        // The files are parsed on every core, then taken in order, so that the first problem
        // reported is the same as when they are read one by one.
        let raws: Vec<Result<RawFile, PackError>> = files.par_iter().map(parse_file).collect();
        for (index, raw) in raws.into_iter().enumerate() {
            let raw = raw?;
            for country in &raw.countries {
                duplicate("countries", &country.id, index, &files)?;
            }
            for entity in &raw.entities {
                duplicate("entities", &entity.id, index, &files)?;
            }
            for rule in &raw.rules {
                duplicate("rules", &rule.id, index, &files)?;
            }
            for office in &raw.offices {
                duplicate("offices", &office.id, index, &files)?;
            }
            for signal in raw.credibility.iter().flat_map(|c| &c.signals) {
                duplicate("signals", &signal.id, index, &files)?;
            }
            parsed.push(raw);
        }
        self.find_conflicts(&parsed, &files);
        self.files.extend(files);
        for (index, raw) in parsed.into_iter().enumerate() {
            let file = base + index;
            if let Some(info) = raw.pack {
                self.infos.push(PackInfo {
                    name: info.name,
                    description: info.description,
                    reviewed: info.reviewed,
                });
            }
            for country in raw.countries {
                replace_or_push(&mut self.countries, (country, file), |(c, _)| c.id.clone());
            }
            for entity in raw.entities {
                replace_or_push(&mut self.entities, (entity, file), |(e, _)| e.id.clone());
            }
            if let Some(lexicon) = raw.lexicon {
                self.lexicon.push((lexicon, file));
            }
            for rule in raw.rules {
                self.merge_rule(rule, file);
            }
            for office in raw.offices {
                replace_or_push(&mut self.offices, (office, file), |(o, _)| o.id.clone());
            }
            if let Some(section) = raw.credibility {
                self.credibility.add(section, file);
            }
        }
        Ok(())
    }

    /// Records where the entities and offices of a new pack contradict those already merged.
    fn find_conflicts(&mut self, parsed: &[RawFile], files: &[PackFile]) {
        let names = &self.files;
        let entities: Vec<_> = self
            .entities
            .iter()
            .map(|(e, file)| {
                let earlier = conflicts::Earlier {
                    id: &e.id,
                    country: &e.country,
                    file: &names[*file].name,
                };
                (earlier, e)
            })
            .collect();
        let offices: Vec<_> = self
            .offices
            .iter()
            .map(|(o, file)| conflicts::Earlier {
                id: &o.id,
                country: &o.country,
                file: &names[*file].name,
            })
            .collect();
        let in_files = |index: usize| files[index].name.as_str();
        let added_entities: Vec<_> = parsed
            .iter()
            .enumerate()
            .flat_map(|(i, raw)| raw.entities.iter().map(move |e| (e, in_files(i))))
            .collect();
        let added_offices: Vec<_> = parsed
            .iter()
            .enumerate()
            .flat_map(|(i, raw)| raw.offices.iter().map(move |o| (o, in_files(i))))
            .collect();
        let mut found = conflicts::entities(&entities, &added_entities);
        found.extend(conflicts::offices(&offices, &added_offices));
        self.conflicts.extend(found);
    }

    fn merge_rule(&mut self, rule: RawRule, file: usize) {
        let Some(existing) = self.rules.iter_mut().find(|r| r.raw.id == rule.id) else {
            self.rules.push(PendingRule { raw: rule, file });
            return;
        };
        let old = &mut existing.raw;
        old.detector = rule.detector.or(old.detector.take());
        old.severity = rule.severity.or(old.severity.take());
        old.enabled = rule.enabled.or(old.enabled);
        old.summary = rule.summary.or(old.summary.take());
        old.description = rule.description.or(old.description.take());
        old.examples = rule.examples.or(old.examples.take());
        existing.file = file;
    }

    /// Checks every entry and builds the pack.
    pub fn build(self) -> Result<Pack, PackError> {
        let mut pack = Pack {
            infos: self.infos,
            conflicts: self.conflicts,
            ..Pack::default()
        };
        for (raw, file) in &self.countries {
            pack.countries.push(check_country(raw, &self.files[*file])?);
        }
        for (index, (raw, file)) in self.countries.iter().enumerate() {
            for member in &raw.members {
                let found = pack.country_index(member).ok_or_else(|| {
                    located(
                        &self.files[*file],
                        "countries",
                        &raw.id,
                        Some("members"),
                        format!("no country with id '{member}' is defined"),
                        Some("list the ids of countries defined under countries"),
                    )
                })?;
                pack.countries[index].members.push(found);
            }
        }
        for (raw, file) in &self.entities {
            pack.entities
                .push(check_entity(raw, &self.files[*file], &pack.countries)?);
        }
        let lower =
            |words: &Vec<String>| words.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
        for (lexicon, file) in &self.lexicon {
            for pair in &lexicon.opposites {
                match pair.as_slice() {
                    [a, b] => pack
                        .lexicon
                        .opposites
                        .push((a.to_lowercase(), b.to_lowercase())),
                    _ => {
                        return Err(PackError {
                            file: self.files[*file].name.clone(),
                            entry: Some("lexicon".to_string()),
                            field: Some("opposites".to_string()),
                            message: format!("{pair:?} is not a pair of two words"),
                            hint: Some("write each entry as [word, opposite]".to_string()),
                            ..PackError::bare()
                        });
                    }
                }
            }
            pack.lexicon.modifiers.extend(lower(&lexicon.modifiers));
            pack.lexicon
                .not_modifiers
                .extend(lower(&lexicon.not_modifiers));
            pack.lexicon.comparisons.extend(lower(&lexicon.comparisons));
            pack.lexicon.heads.extend(lower(&lexicon.heads));
            pack.lexicon.of_verbs.extend(lower(&lexicon.of_verbs));
        }
        for pending in &self.rules {
            pack.rules
                .push(check_rule(&pending.raw, &self.files[pending.file])?);
        }
        for (raw, file) in &self.offices {
            let office = check_office(raw, &self.files[*file], &pack)?;
            pack.offices.push(office);
        }
        pack.credibility = self.credibility.build(&self.files)?;
        Ok(pack)
    }
}

impl PackError {
    fn bare() -> PackError {
        PackError {
            file: String::new(),
            line: None,
            column: None,
            entry: None,
            field: None,
            message: String::new(),
            hint: None,
        }
    }
}

fn replace_or_push<T>(items: &mut Vec<T>, item: T, id: impl Fn(&T) -> String) {
    let key = id(&item);
    match items.iter_mut().find(|existing| id(existing) == key) {
        Some(existing) => *existing = item,
        None => items.push(item),
    }
}

fn collect_yaml_files(path: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), PackError> {
    let metadata = fs::metadata(path).map_err(|error| PackError {
        file: path.display().to_string(),
        message: format!("cannot read the rule pack: {error}"),
        hint: Some("check the path given to --rules".to_string()),
        ..PackError::bare()
    })?;
    if !metadata.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<_> = fs::read_dir(path)
        .map_err(|error| PackError {
            file: path.display().to_string(),
            message: format!("cannot list the directory: {error}"),
            ..PackError::bare()
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_yaml_files(&entry, out)?;
        } else if entry.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(entry);
        }
    }
    Ok(())
}

/// `entities[3].aliases: invalid type ...` → section, index, field, rest; for a nested key
/// (`offices[0].holders[2].terms[0].start`) the field is the innermost key.
static SERDE_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:credibility\.)?(\w+)\[(\d+)\](?:\.(\w+)(?:\[\d+\])?)*: (.*)$")
        .expect("constant pattern")
});

static BACKTICKED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:unknown|missing) field `(\w+)`").expect("constant pattern"));

fn parse_file(file: &PackFile) -> Result<RawFile, PackError> {
    yaml::parse::<Option<RawFile>>(&file.text)
        .map(Option::unwrap_or_default)
        .map_err(|error| {
            let mut out = PackError {
                file: file.name.clone(),
                line: error.line,
                column: error.column,
                message: error.message.clone(),
                ..PackError::bare()
            };
            if let Some(caps) = SERDE_PATH.captures(&error.message) {
                let section = &caps[1];
                let index: usize = caps[2].parse().unwrap_or(0);
                out.entry = Some(describe_entry(
                    section,
                    &entry_id(&file.text, section, index),
                ));
                out.field = caps.get(3).map(|m| m.as_str().to_string());
                out.message = caps[4].to_string();
            }
            // The misspelt or missing key itself, even inside a nested entry.
            if let Some(caps) = BACKTICKED.captures(&out.message) {
                out.field = Some(caps[1].to_string());
            }
            out.hint = Some(if out.message.starts_with("unknown field") {
                "check the spelling of the key; docs/rule-packs.md lists every key".to_string()
            } else if out.message.starts_with("missing field") {
                "add the key; docs/rule-packs.md says what each entry needs".to_string()
            } else {
                "fix the YAML at that line; docs/rule-packs.md shows the format".to_string()
            });
            out
        })
}

/// The id of entry `index` of `section`, for naming the entry a shape error is in; `#N` when
/// the id itself cannot be read.
fn entry_id(text: &str, section: &str, index: usize) -> String {
    #[derive(serde::Deserialize)]
    struct Ids {
        #[serde(default)]
        countries: Vec<IdOnly>,
        #[serde(default)]
        entities: Vec<IdOnly>,
        #[serde(default)]
        rules: Vec<IdOnly>,
        #[serde(default)]
        offices: Vec<IdOnly>,
        credibility: Option<SignalIds>,
    }
    #[derive(serde::Deserialize)]
    struct SignalIds {
        #[serde(default)]
        signals: Vec<IdOnly>,
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Option<String>,
    }
    let ids: Option<Ids> = yaml::parse(text).ok();
    ids.and_then(|ids| {
        let list = match section {
            "countries" => ids.countries,
            "entities" => ids.entities,
            "rules" => ids.rules,
            "offices" => ids.offices,
            "signals" => ids.credibility?.signals,
            _ => return None,
        };
        list.into_iter().nth(index).and_then(|entry| entry.id)
    })
    .unwrap_or_else(|| format!("#{}", index + 1))
}

fn describe_entry(section: &str, id: &str) -> String {
    let noun = match section {
        "countries" => "country",
        "entities" => "entity",
        "rules" => "rule",
        "offices" => "office",
        "signals" => "signal",
        other => other,
    };
    format!("{noun} '{id}'")
}

/// A check failure on an entry, located at the entry's `id:` line (or the field's line).
fn located(
    file: &PackFile,
    section: &str,
    id: &str,
    field: Option<&str>,
    message: String,
    hint: Option<&str>,
) -> PackError {
    let (line, column) = find_entry_line(&file.text, id, field);
    PackError {
        file: file.name.clone(),
        line,
        column,
        entry: Some(describe_entry(section, id)),
        field: field.map(str::to_string),
        message,
        hint: hint.map(str::to_string),
    }
}

/// The line and column of `field:` inside the entry whose `id:` is `id`, or of the `id:` itself.
fn find_entry_line(text: &str, id: &str, field: Option<&str>) -> (Option<usize>, Option<usize>) {
    let lines: Vec<&str> = text.lines().collect();
    let is_id_line = |line: &str| {
        let rest = line.trim_start().trim_start_matches("- ").trim_start();
        rest.strip_prefix("id:")
            .map(|v| v.trim().trim_matches(['"', '\'']) == id)
            .unwrap_or(false)
    };
    let Some(start) = lines.iter().position(|l| is_id_line(l)) else {
        return (None, None);
    };
    let id_column = |line: &str| line.find("id:").map_or(1, |c| c + 1);
    if let Some(field) = field {
        let key = format!("{field}:");
        for (offset, line) in lines[start..].iter().enumerate() {
            if offset > 0 && line.trim_start().starts_with("- id:") {
                break;
            }
            let trimmed = line.trim_start().trim_start_matches("- ");
            if trimmed.starts_with(&key) {
                let column = line.len() - line.trim_start().len() + 1;
                return (Some(start + offset + 1), Some(column));
            }
        }
    }
    (Some(start + 1), Some(id_column(lines[start])))
}

fn check_country(raw: &RawCountry, file: &PackFile) -> Result<Country, PackError> {
    let fail = |field: &str, message: String, hint: &str| {
        located(file, "countries", &raw.id, Some(field), message, Some(hint))
    };
    if raw.id.trim().is_empty() {
        return Err(fail(
            "id",
            "the id is empty".into(),
            "use the ISO 3166-1 alpha-2 code, e.g. GB",
        ));
    }
    if raw.name.trim().is_empty() {
        return Err(fail(
            "name",
            "the name is empty".into(),
            "give the country's usual English name",
        ));
    }
    let words: HashSet<&String> = std::iter::once(&raw.name)
        .chain(&raw.names)
        .chain(&raw.demonyms)
        .chain(&raw.metonyms)
        .chain(
            raw.regions
                .iter()
                .flat_map(|r| std::iter::once(&r.name).chain(&r.names).chain(&r.demonyms)),
        )
        .collect();
    if let Some(stray) = raw.ambiguous.iter().find(|a| !words.contains(a)) {
        return Err(fail(
            "ambiguous",
            format!("'{stray}' is not one of this country's names, demonyms or metonyms"),
            "list under ambiguous only words the country entry itself uses",
        ));
    }
    Ok(Country {
        id: raw.id.clone(),
        name: raw.name.clone(),
        names: raw.names.clone(),
        demonyms: raw.demonyms.clone(),
        metonyms: raw.metonyms.clone(),
        ambiguous: raw.ambiguous.iter().cloned().collect(),
        regions: raw
            .regions
            .iter()
            .map(|r| Region {
                name: r.name.clone(),
                names: r.names.clone(),
                demonyms: r.demonyms.clone(),
            })
            .collect(),
        members: Vec::new(),
        source: raw.source.clone(),
    })
}

fn check_entity(
    raw: &RawEntity,
    file: &PackFile,
    countries: &[Country],
) -> Result<Entity, PackError> {
    let fail = |field: &str, message: String, hint: String| {
        located(file, "entities", &raw.id, Some(field), message, Some(&hint))
    };
    if raw.name.trim().is_empty() {
        return Err(fail(
            "name",
            "the name is empty".into(),
            "give the institution's usual English name".into(),
        ));
    }
    let kind = ENTITY_KINDS
        .iter()
        .find(|(name, _)| *name == raw.kind)
        .map(|(_, kind)| *kind)
        .ok_or_else(|| {
            let known: Vec<&str> = ENTITY_KINDS.iter().map(|(n, _)| *n).collect();
            fail(
                "kind",
                format!("unknown kind '{}'", raw.kind),
                format!("use one of: {}", known.join(", ")),
            )
        })?;
    let country = countries
        .iter()
        .position(|c| c.id == raw.country)
        .ok_or_else(|| {
            fail(
                "country",
                format!("no country with id '{}' is defined", raw.country),
                "use the id of an entry under countries (e.g. GB), or define the country in your pack".into(),
            )
        })?;
    let regions = &countries[country].regions;
    if let Some(unknown) = raw
        .jurisdiction
        .iter()
        .find(|j| !regions.iter().any(|r| &r.name == *j))
    {
        let known: Vec<&str> = regions.iter().map(|r| r.name.as_str()).collect();
        return Err(fail(
            "jurisdiction",
            format!("'{unknown}' is not a region of {}", countries[country].name),
            if known.is_empty() {
                "the country defines no regions; leave jurisdiction out for the whole country"
                    .into()
            } else {
                format!("use one of: {}", known.join(", "))
            },
        ));
    }
    if let Some(bad) = raw
        .abbreviations
        .iter()
        .find(|a| a.chars().count() < 2 || !a.chars().any(char::is_uppercase))
    {
        return Err(fail(
            "abbreviations",
            format!("'{bad}' is not an abbreviation"),
            "abbreviations are matched case-sensitively and need at least two characters, one of them a capital".into(),
        ));
    }
    Ok(Entity {
        id: raw.id.clone(),
        name: raw.name.clone(),
        aliases: raw.aliases.clone(),
        abbreviations: raw.abbreviations.clone(),
        kind,
        function: raw.function.clone(),
        country,
        jurisdiction: raw.jurisdiction.clone(),
        description: raw.description.clone(),
        source: raw.source.clone(),
    })
}

fn check_rule(raw: &RawRule, file: &PackFile) -> Result<Rule, PackError> {
    let fail = |field: &str, message: String, hint: String| {
        located(file, "rules", &raw.id, Some(field), message, Some(&hint))
    };
    let detector = raw.detector.clone().ok_or_else(|| {
        fail(
            "detector",
            "a new rule needs a detector".into(),
            format!("use one of: {}", detectors::names().join(", ")),
        )
    })?;
    if !detectors::names().contains(&detector.as_str()) {
        return Err(fail(
            "detector",
            format!("unknown detector '{detector}'"),
            format!("use one of: {}", detectors::names().join(", ")),
        ));
    }
    let severity = match &raw.severity {
        Some(s) => s.parse::<Severity>().map_err(|message| {
            fail(
                "severity",
                message,
                "severity is error, warning or info".into(),
            )
        })?,
        None => Severity::Warning,
    };
    let summary = raw.summary.clone().ok_or_else(|| {
        fail(
            "summary",
            "a new rule needs a one-line summary".into(),
            "say in one line what the rule finds".into(),
        )
    })?;
    let examples = raw
        .examples
        .as_ref()
        .map(|e| Examples {
            flag: e.flag.clone(),
            pass: e.pass.clone(),
        })
        .unwrap_or_default();
    Ok(Rule {
        id: raw.id.clone(),
        detector,
        severity,
        enabled: raw.enabled.unwrap_or(true),
        summary,
        description: raw.description.clone().unwrap_or_default(),
        examples,
        file: file.name.clone(),
    })
}

/// Words a one-word alias must not be: they start sentences and dates ("In May, the prime
/// minister said").
const COMMON_WORDS: &[&str] = &[
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
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "President",
    "Prime",
    "Minister",
    "Director",
    "Chief",
];

fn check_office(raw: &RawOffice, file: &PackFile, pack: &Pack) -> Result<Office, PackError> {
    let fail = |field: &str, message: String, hint: &str| {
        located(file, "offices", &raw.id, Some(field), message, Some(hint))
    };
    if raw.id.trim().is_empty() {
        return Err(fail(
            "id",
            "the id is empty".into(),
            "give the office an id such as gb-prime-minister",
        ));
    }
    if raw.name.trim().is_empty() {
        return Err(fail(
            "name",
            "the name is empty".into(),
            "give the office's full name, used in messages",
        ));
    }
    let country = pack.country_index(&raw.country).ok_or_else(|| {
        fail(
            "country",
            format!("no country with id '{}' is defined", raw.country),
            "use the id of an entry under countries (e.g. GB)",
        )
    })?;
    let institution = match &raw.institution {
        None => None,
        Some(id) => Some(
            pack.entities
                .iter()
                .position(|e| &e.id == id)
                .ok_or_else(|| {
                    fail(
                        "institution",
                        format!("no entity with id '{id}' is defined"),
                        "use the id of an entry under entities, or leave institution out",
                    )
                })?,
        ),
    };
    if raw.titles.is_empty() && raw.generic_titles.is_empty() {
        return Err(fail(
            "titles",
            "the office has no title".into(),
            "list the titles stories use under titles (or generic_titles for ones many countries share)",
        ));
    }
    for (field, list) in [
        ("titles", &raw.titles),
        ("generic_titles", &raw.generic_titles),
    ] {
        if list.iter().any(|t| t.trim().is_empty()) {
            return Err(fail(
                field,
                "a title is empty".into(),
                "remove the empty entry",
            ));
        }
    }
    let since = Bound::parse(&raw.since).map_err(|message| {
        fail(
            "since",
            message,
            "give the day from which every holder is listed",
        )
    })?;
    if raw.holders.is_empty() {
        return Err(fail(
            "holders",
            "the office has no holders".into(),
            "list who held the office, with their terms",
        ));
    }
    let holders = raw
        .holders
        .iter()
        .map(|holder| check_holder(holder, file, &raw.id))
        .collect::<Result<Vec<Holder>, PackError>>()?;
    // One holder at a time: two people's terms may share only a handover day.
    for (i, a) in holders.iter().enumerate() {
        for b in &holders[i + 1..] {
            if a.name == b.name {
                continue;
            }
            for ta in &a.terms {
                for tb in &b.terms {
                    let start = ta.start.latest.max(tb.start.latest);
                    let end = match (ta.end, tb.end) {
                        (Some(x), Some(y)) => Some(x.earliest.min(y.earliest)),
                        (Some(x), None) | (None, Some(x)) => Some(x.earliest),
                        (None, None) => None,
                    };
                    if end.is_none_or(|end| start < end) {
                        return Err(holder_error(
                            file,
                            &raw.id,
                            &b.name,
                            "terms",
                            format!(
                                "a term of {} overlaps a term of {} (from {})",
                                b.name, a.name, start
                            ),
                            "an office has one holder at a time; terms may share only the handover day",
                        ));
                    }
                }
            }
        }
    }
    Ok(Office {
        id: raw.id.clone(),
        name: raw.name.clone(),
        country,
        institution,
        titles: raw.titles.clone(),
        generic_titles: raw.generic_titles.clone(),
        title_kept: raw.title_kept,
        since,
        holders,
    })
}

fn check_holder(raw: &RawHolder, file: &PackFile, office: &str) -> Result<Holder, PackError> {
    let fail = |field: &str, message: String, hint: &str| {
        holder_error(file, office, &raw.name, field, message, hint)
    };
    if raw.name.trim().is_empty() {
        return Err(fail(
            "name",
            "the name is empty".into(),
            "give the holder's full name",
        ));
    }
    for alias in &raw.aliases {
        let one_word = !alias.contains(' ');
        if alias.trim().is_empty() || !alias.chars().any(char::is_uppercase) {
            return Err(fail(
                "aliases",
                format!("'{alias}' is not a name"),
                "aliases are matched case-sensitively: write them as names are written",
            ));
        }
        if one_word && COMMON_WORDS.contains(&alias.as_str()) {
            return Err(fail(
                "aliases",
                format!("'{alias}' is a common word, not only a name"),
                "write the longer form (\"Theresa May\", \"Mrs May\")",
            ));
        }
    }
    if raw.terms.is_empty() {
        return Err(fail(
            "terms",
            "the holder has no term".into(),
            "give at least one term with a start",
        ));
    }
    let mut terms = Vec::with_capacity(raw.terms.len());
    for term in &raw.terms {
        let start = Bound::parse(&term.start)
            .map_err(|message| fail("start", message, "write the first day in office"))?;
        let end = match &term.end {
            None => None,
            Some(end) => Some(
                Bound::parse(end)
                    .map_err(|message| fail("end", message, "write the last day in office"))?,
            ),
        };
        if let Some(end) = end
            && end.latest < start.earliest
        {
            return Err(fail(
                "end",
                format!("the term ends ({end}) before it starts ({start})"),
                "check the order of start and end",
            ));
        }
        terms.push(Term { start, end });
    }
    terms.sort_by_key(|t| t.start.earliest);
    Ok(Holder {
        name: raw.name.clone(),
        aliases: raw.aliases.clone(),
        terms,
        source: raw.source.clone(),
        note: raw.note.clone(),
    })
}

/// A check failure on one holder of an office, located at the field under the holder's name.
fn holder_error(
    file: &PackFile,
    office: &str,
    holder: &str,
    field: &str,
    message: String,
    hint: &str,
) -> PackError {
    let (mut line, mut column) = find_entry_line(&file.text, office, None);
    if let Some(start) = line {
        let lines: Vec<&str> = file.text.lines().collect();
        let is_name = |l: &str| {
            l.trim_start()
                .trim_start_matches("- ")
                .strip_prefix("name:")
                .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == holder)
        };
        let key = format!("{field}:");
        if let Some(offset) = lines[start..].iter().position(|l| is_name(l)) {
            let name_line = start + offset;
            let mut found = (name_line, lines[name_line]);
            for (i, l) in lines.iter().enumerate().skip(name_line + 1) {
                let trimmed = l.trim_start().trim_start_matches("- ");
                if trimmed.starts_with("name:") || trimmed.starts_with("id:") {
                    break;
                }
                if trimmed.starts_with(&key)
                    || l.contains(&format!("{{{key}"))
                    || l.contains(&format!(" {key}"))
                {
                    found = (i, l);
                    break;
                }
            }
            line = Some(found.0 + 1);
            column = Some(found.1.len() - found.1.trim_start().len() + 1);
        }
    }
    PackError {
        file: file.name.clone(),
        line,
        column,
        entry: Some(format!("office '{office}', holder '{holder}'")),
        field: Some(field.to_string()),
        message,
        hint: Some(hint.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Pack, PackError> {
        let mut builder = PackBuilder::new();
        builder.add_default()?;
        builder.add_text("mine.yaml", text)?;
        builder.build()
    }

    #[test]
    fn a_month_bound_covers_the_whole_month() {
        let bound = Bound::parse("2024-02").unwrap();
        assert_eq!(bound.earliest.to_string(), "2024-02-01");
        assert_eq!(bound.latest.to_string(), "2024-02-29");
        assert_eq!(bound.to_string(), "2024-02");
        let year = Bound::parse("1998").unwrap();
        assert_eq!(year.earliest.to_string(), "1998-01-01");
        assert_eq!(year.latest.to_string(), "1998-12-31");
        assert_eq!(year.to_string(), "1998");
        assert_eq!(
            Bound::parse("2024-07-05").unwrap().to_string(),
            "2024-07-05"
        );
        assert!(Bound::parse("July 2024").is_err());
        assert!(Bound::parse("2024-02-30").is_err());
    }

    #[test]
    fn a_term_is_held_from_start_to_end_inclusive_and_unsure_in_a_vague_month() {
        let term = Term {
            start: Bound::parse("2020-04").unwrap(),
            end: Some(Bound::parse("2024-07-05").unwrap()),
        };
        let day = |s: &str| Bound::parse(s).unwrap().earliest;
        assert_eq!(term.held_on(day("2020-03-31")), Held::No);
        assert_eq!(term.held_on(day("2020-04-15")), Held::Unsure);
        assert_eq!(term.held_on(day("2020-05-01")), Held::Yes);
        assert_eq!(term.held_on(day("2024-07-05")), Held::Yes);
        assert_eq!(term.held_on(day("2024-07-06")), Held::No);
    }

    #[test]
    fn the_built_in_pack_knows_offices() {
        let pack = Pack::default_pack().unwrap();
        let pm = pack
            .offices
            .iter()
            .find(|o| o.id == "gb-prime-minister")
            .unwrap();
        assert_eq!(pack.countries[pm.country].id, "GB");
        assert!(pm.holders.iter().any(|h| h.name == "Keir Starmer"));
    }

    #[test]
    fn overlapping_terms_are_refused_with_the_holder_and_line() {
        let text = "offices:\n  - id: xx-chief\n    name: Chief\n    country: GB\n    titles: [Chief of Things]\n    since: 2000-01-01\n    holders:\n      - name: Ann One\n        terms: [{start: 2000-01-01, end: 2010-01-01}]\n        source: https://example.org/ann\n      - name: Bob Two\n        terms: [{start: 2009-06-01}]\n        source: https://example.org/bob\n";
        let error = load(text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "mine.yaml:12:9: office 'xx-chief', holder 'Bob Two': field 'terms': a term of Bob Two overlaps a term of Ann One (from 2009-06-01)\n  hint: an office has one holder at a time; terms may share only the handover day"
        );
    }

    #[test]
    fn a_bad_date_and_an_unknown_key_in_an_office_are_located() {
        let text = "offices:\n  - id: xx-chief\n    name: Chief\n    country: GB\n    titles: [Chief of Things]\n    since: 2000-01-01\n    holders:\n      - name: Ann One\n        terms: [{start: 1 May 2000}]\n";
        let error = load(text).unwrap_err();
        assert_eq!(error.line, Some(9));
        assert_eq!(error.field.as_deref(), Some("start"));
        assert!(
            error.message.contains("'1 May 2000' is not a date"),
            "{error}"
        );
        let misspelt = "offices:\n  - id: xx-chief\n    name: Chief\n    country: GB\n    titles: [Chief of Things]\n    since: 2000-01-01\n    holders:\n      - name: Ann One\n        terms: [{start: 2000-01-01, ends: 2001-01-01}]\n";
        let error = load(misspelt).unwrap_err();
        assert_eq!(error.entry.as_deref(), Some("office 'xx-chief'"));
        assert_eq!(error.field.as_deref(), Some("ends"));
        assert_eq!(error.line, Some(9));
    }

    #[test]
    fn an_alias_that_is_a_month_is_refused() {
        let text = "offices:\n  - id: xx-chief\n    name: Chief\n    country: GB\n    titles: [Chief of Things]\n    since: 2000-01-01\n    holders:\n      - name: Ann May\n        aliases: [May]\n        terms: [{start: 2000-01-01}]\n";
        let error = load(text).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("aliases"));
        assert_eq!(error.line, Some(9));
    }
}
