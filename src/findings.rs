//! Findings: what the detectors report, before they are located in files.
//!
//! A [`Finding`] points into a story's text by byte span; the report stage turns spans into
//! paths, lines and columns. Severity and kind are closed sets, so every output format can
//! rely on them.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless the user asks.
    Info,
    /// Probably wrong; worth a look.
    Warning,
    /// Wrong, on the evidence of the knowledge base or the batch.
    Error,
}

impl Severity {
    /// The lower-case name used in packs, flags and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity '{other}'; use error, warning or info"
            )),
        }
    }
}

/// The family a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An institution attributed to a country it does not belong to.
    ImplausibleEntity,
    /// A title its holder did not hold on the story's date.
    RoleMismatch,
    /// Stories in the batch disagree.
    Contradiction,
    /// A signal that bears on a story's credibility.
    Credibility,
}

impl Kind {
    /// The kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ImplausibleEntity => "implausible-entity",
            Kind::RoleMismatch => "role-mismatch",
            Kind::Contradiction => "contradiction",
            Kind::Credibility => "credibility",
        }
    }
}

/// A byte range in a story's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// What the knowledge base or the batch holds, set against what the story says: shown as a
/// diff, `expected` on the `-` line and `actual` on the `+` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// What it should say.
    pub expected: String,
    /// What it says.
    pub actual: String,
}

/// One problem found in one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The id of the rule that found it.
    pub rule: String,
    /// The rule's family.
    pub kind: Kind,
    /// The rule's severity.
    pub severity: Severity,
    /// Index of the story in the batch.
    pub story: usize,
    /// Where in the story's text.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// The text report groups findings under this heading (an entity's name, a claim).
    pub group: String,
    /// The expected and actual text, where the finding can be shown as a diff.
    pub diff: Option<Diff>,
    /// Other places that bear on it (the other side of a contradiction), as story and span.
    pub related: Vec<(usize, Span)>,
}
