//! The shape of a rule-pack file as written in YAML, before any checking.
//!
//! These structs only say which keys exist and what type each holds; unknown keys are rejected
//! so a misspelt key is an error, not a silently ignored setting. Everything else (ids that
//! must be unique, countries that must exist, detectors that must be known) is checked when
//! [`super::Pack`] is built from them.

use serde::Deserialize;

/// One YAML file of a pack. Every section is optional, so a pack can be split across files.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// About the pack itself.
    pub pack: Option<RawPackInfo>,
    /// Countries and how stories name them.
    #[serde(default)]
    pub countries: Vec<RawCountry>,
    /// Institutions and the country each belongs to.
    #[serde(default)]
    pub entities: Vec<RawEntity>,
    /// Word lists the detectors use.
    pub lexicon: Option<RawLexicon>,
    /// Rules: which detector runs, at what severity, with examples.
    #[serde(default)]
    pub rules: Vec<RawRule>,
    /// Public offices, the titles stories give them, and who held them when.
    #[serde(default)]
    pub offices: Vec<RawOffice>,
    /// Credibility signals, their weights, the base score and the bands.
    pub credibility: Option<RawCredibility>,
}

/// About the pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPackInfo {
    pub name: String,
    pub description: Option<String>,
    /// The day its facts were last checked, YYYY-MM-DD.
    pub reviewed: Option<String>,
}

/// A country.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCountry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
    #[serde(default)]
    pub ambiguous: Vec<String>,
    #[serde(default)]
    pub regions: Vec<RawRegion>,
    /// Ids of member countries, for a union such as the EU whose institutions its members may
    /// call their own ("Italy's European Parliament delegation").
    #[serde(default)]
    pub members: Vec<String>,
    pub source: Option<String>,
}

/// A part of a country with institutions of its own (Scotland, Hong Kong).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

/// An institution.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub kind: String,
    pub function: Option<String>,
    pub country: String,
    #[serde(default)]
    pub jurisdiction: Vec<String>,
    pub description: Option<String>,
    pub source: Option<String>,
}

/// Word lists.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLexicon {
    /// Words that may stand between a country and an institution it owns ("China's
    /// *controversial* ...").
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// Nouns that look like adjectives and so must not count as modifiers ("official").
    #[serde(default)]
    pub not_modifiers: Vec<String>,
    /// Words right before an attribution, or right after the name, that make it a comparison
    /// ("*known as* China's MI5", "an MI5 *equivalent*").
    #[serde(default)]
    pub comparisons: Vec<String>,
    /// Nouns that, right after an institution's name, take the country word for themselves
    /// ("a Russian CIA *asset*").
    #[serde(default)]
    pub heads: Vec<String>,
    /// Verbs after which "the X of Y" does not mean Y's X ("*accused* the FBI of ...").
    #[serde(default)]
    pub of_verbs: Vec<String>,
    /// Pairs of words that say opposite things ("approved", "rejected").
    #[serde(default)]
    pub opposites: Vec<Vec<String>>,
}

/// A rule. Overriding a rule of an earlier pack needs only the id and the keys to change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub detector: Option<String>,
    pub severity: Option<String>,
    pub enabled: Option<bool>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub examples: Option<RawExamples>,
}

/// Text a rule must flag and text it must pass.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub pass: Vec<String>,
}

/// A public office and its holders.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffice {
    pub id: String,
    pub name: String,
    pub country: String,
    /// Id of the entity the office heads.
    pub institution: Option<String>,
    /// Titles that name this office alone ("FBI Director", "MI5 boss").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Titles many countries' offices share ("Prime Minister", "President").
    #[serde(default)]
    pub generic_titles: Vec<String>,
    /// Whether holders keep the title for life, as monarchs keep their regnal names.
    #[serde(default)]
    pub title_kept: bool,
    /// The day (YYYY-MM-DD) or month (YYYY-MM) from which the list of holders is complete.
    pub since: String,
    pub holders: Vec<RawHolder>,
}

/// A person who held an office.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHolder {
    pub name: String,
    /// Other forms of the name stories use ("Starmer", "Sir Keir Starmer").
    #[serde(default)]
    pub aliases: Vec<String>,
    pub terms: Vec<RawTerm>,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// One term in office: `start` to `end`, both included; no `end` for a term still running.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub start: String,
    pub end: Option<String>,
}
/// The credibility section: how a story's score is made.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCredibility {
    /// The score a story starts from before any signal is added.
    pub base: Option<i32>,
    /// Named bands, each from its lowest score upwards.
    pub bands: Option<Vec<RawBand>>,
    /// Word lists for finding people, speakers and quotations.
    pub names: Option<RawNames>,
    /// The signals.
    #[serde(default)]
    pub signals: Vec<RawSignal>,
    /// The user's own view of outlets, shown beside the scores and never added to them.
    #[serde(default)]
    pub outlets: Vec<RawOutletPrior>,
}

/// A band: a plain word for the scores from `min` up to the next band.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub band: String,
    pub min: i32,
}

/// Word lists the credibility checks use to find named people and who is speaking.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNames {
    /// Titles written before a name ("Mr", "Prime Minister").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Capitalised words that do not start a name ("The", "On", months, days).
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words that make a capitalised run an organisation rather than a person ("Service").
    #[serde(default)]
    pub organisation_words: Vec<String>,
    /// Verbs that attribute words to a speaker ("said", "told").
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// Words that refer back to a speaker named earlier ("she", "the ministry").
    #[serde(default)]
    pub back_references: Vec<String>,
}

/// A credibility signal. Overriding a signal of an earlier pack needs only the id and the keys
/// to change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignal {
    pub id: String,
    pub weight: Option<i32>,
    pub cap: Option<usize>,
    pub enabled: Option<bool>,
    #[serde(rename = "in")]
    pub scope: Option<String>,
    pub check: Option<String>,
    pub summary: Option<String>,
    pub rationale: Option<String>,
    pub hint: Option<String>,
    pub phrases: Option<Vec<String>>,
    pub patterns: Option<Vec<String>>,
    pub case_sensitive: Option<bool>,
    pub outside_quotes: Option<bool>,
    pub unless_followed_by: Option<Vec<String>>,
    pub kinds: Option<Vec<String>>,
    pub min_severity: Option<String>,
    pub unless: Option<Vec<String>>,
    pub min_words: Option<usize>,
    pub examples: Option<RawExamples>,
}

/// A user's prior on an outlet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutletPrior {
    pub outlet: String,
    pub prior: i32,
    pub note: Option<String>,
}
