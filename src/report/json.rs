//! The JSON report, version 1 (docs/report-format.md).
//!
//! The wire structs below are the contract; they are kept apart from the internal types so that
//! a change inside crosscheck cannot change the JSON by accident. Every key is always present,
//! with null where a value is unknown.

use std::io::{self, Write};

use serde::Serialize;

use crate::outcome::{Document, DocumentCredibility, Located, Outcome, Outlet, Place};

/// The contract's version; bumped only by a breaking change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    documents: Vec<JsonDocument<'a>>,
    findings: Vec<JsonFinding<'a>>,
    skipped: Vec<JsonSkipped<'a>>,
    claims: Vec<JsonClaim<'a>>,
    summary: JsonSummary,
    outlets: Vec<JsonOutlet<'a>>,
    baseline: Option<JsonBaseline<'a>>,
}

#[derive(Serialize)]
struct JsonBaseline<'a> {
    matched: usize,
    stale: &'a [crate::baseline::Entry],
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    about: &'a str,
    versions: Vec<JsonVersion<'a>>,
}

#[derive(Serialize)]
struct JsonVersion<'a> {
    says: &'a str,
    stories: &'a [String],
    outlets: &'a [String],
    places: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    id: &'a str,
    path: &'a str,
    line: usize,
    title: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    date_inferred: bool,
    date_origin: &'a crate::ingest::DateOrigin,
    credibility: Option<JsonCredibility<'a>>,
    notes: &'a [String],
}

/// A finding on the wire; also each line of the JSON Lines report.
#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
    rule: &'a str,
    kind: &'a str,
    severity: &'a str,
    path: &'a str,
    story: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    excerpt: &'a str,
    message: &'a str,
    hint: &'a str,
    expected: Option<&'a str>,
    related: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    path: &'a str,
    story: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    excerpt: &'a str,
}

/// A skipped input on the wire.
#[derive(Serialize)]
struct JsonCredibility<'a> {
    score: i32,
    band: &'a str,
    signals: Vec<JsonSignal<'a>>,
}

#[derive(Serialize)]
struct JsonSignal<'a> {
    rule: &'a str,
    weight: i32,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    excerpt: &'a str,
}

#[derive(Serialize)]
struct JsonOutlet<'a> {
    outlet: &'a str,
    score: i32,
    band: &'a str,
    stories: &'a [String],
    prior: Option<JsonPrior<'a>>,
}

#[derive(Serialize)]
struct JsonPrior<'a> {
    points: i32,
    note: Option<&'a str>,
    file: &'a str,
}

#[derive(Serialize)]
pub(super) struct JsonSkipped<'a> {
    path: &'a str,
    reason: &'a str,
}

/// The counts on the wire.
#[derive(Serialize)]
pub(super) struct JsonSummary {
    documents: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    skipped: usize,
}

/// Writes the report as pretty-printed JSON, ending with a newline.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        version: VERSION,
        documents: outcome.documents.iter().map(document).collect(),
        findings: outcome.findings.iter().map(finding).collect(),
        skipped: skipped(outcome),
        claims: outcome
            .claims
            .iter()
            .map(|c| JsonClaim {
                about: &c.about,
                versions: c
                    .versions
                    .iter()
                    .map(|v| JsonVersion {
                        says: &v.says,
                        stories: &v.stories,
                        outlets: &v.outlets,
                        places: v.places.iter().map(place).collect(),
                    })
                    .collect(),
            })
            .collect(),
        summary: summary(outcome),
        baseline: outcome.baseline.as_ref().map(|b| JsonBaseline {
            matched: b.matched,
            stale: &b.stale,
        }),
        outlets: outcome
            .credibility
            .iter()
            .flat_map(|c| &c.outlets)
            .map(outlet)
            .collect(),
    };
    super::write_pretty(&report, out)
}

/// The skipped inputs on the wire.
pub(super) fn skipped(outcome: &Outcome) -> Vec<JsonSkipped<'_>> {
    outcome
        .skipped
        .iter()
        .map(|s| JsonSkipped {
            path: &s.path,
            reason: &s.reason,
        })
        .collect()
}

/// The summary on the wire.
pub(super) fn summary(outcome: &Outcome) -> JsonSummary {
    JsonSummary {
        documents: outcome.summary.documents,
        findings: outcome.summary.findings,
        errors: outcome.summary.errors,
        warnings: outcome.summary.warnings,
        infos: outcome.summary.infos,
        skipped: outcome.summary.skipped,
    }
}

fn document(d: &Document) -> JsonDocument<'_> {
    JsonDocument {
        id: &d.id,
        path: &d.path,
        line: d.line,
        title: d.title.as_deref(),
        source: d.source.as_deref(),
        date: d.date.as_deref(),
        date_inferred: d.date_origin == crate::ingest::DateOrigin::Inferred,
        date_origin: &d.date_origin,
        credibility: d.credibility.as_ref().map(credibility),
        notes: &d.notes,
    }
}

fn credibility(c: &DocumentCredibility) -> JsonCredibility<'_> {
    JsonCredibility {
        score: c.score,
        band: &c.band,
        signals: c
            .signals
            .iter()
            .map(|s| JsonSignal {
                rule: &s.rule,
                weight: s.weight,
                start: s.place.start,
                end: s.place.end,
                line: s.place.line,
                column: s.place.column,
                excerpt: &s.place.excerpt,
            })
            .collect(),
    }
}

fn outlet(o: &Outlet) -> JsonOutlet<'_> {
    JsonOutlet {
        outlet: &o.name,
        score: o.score,
        band: &o.band,
        stories: &o.stories,
        prior: o.prior.as_ref().map(|p| JsonPrior {
            points: p.points,
            note: p.note.as_deref(),
            file: &p.file,
        }),
    }
}

/// A finding on the wire.
pub(super) fn finding(f: &Located) -> JsonFinding<'_> {
    JsonFinding {
        rule: &f.rule,
        kind: f.kind.as_str(),
        severity: f.severity.as_str(),
        path: &f.place.path,
        story: &f.place.story,
        line: f.place.line,
        column: f.place.column,
        start: f.place.start,
        end: f.place.end,
        excerpt: &f.place.excerpt,
        message: &f.message,
        hint: &f.hint,
        expected: f.diff.as_ref().map(|d| d.expected.as_str()),
        related: f.related.iter().map(place).collect(),
    }
}

fn place(p: &Place) -> JsonPlace<'_> {
    JsonPlace {
        path: &p.path,
        story: &p.story,
        line: p.line,
        column: p.column,
        start: p.start,
        end: p.end,
        excerpt: &p.excerpt,
    }
}
