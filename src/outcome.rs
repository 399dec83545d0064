//! The outcome of a check: documents, located findings, skipped inputs and a summary.
//!
//! This is the one value every report format consumes. Findings are located here (byte offsets
//! in the story's text become path, line, column and byte offsets in the file), deduplicated,
//! and sorted by path, offset and rule so that output is stable.

use crate::align::{ClaimGroup, Value};
use crate::credibility::Assessment;
use crate::findings::{Diff, Finding, Kind, Severity};
use crate::ingest::{Batch, DateOrigin, Skipped, Story};

/// One story as the report describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The story's id: its path, or `path#id` inside a JSON Lines file.
    pub id: String,
    /// The file.
    pub path: String,
    /// 1-based line of the file where the story starts.
    pub line: usize,
    /// The headline.
    pub title: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The date, YYYY-MM-DD.
    pub date: Option<String>,
    /// Where the story is published, when its metadata says.
    pub url: Option<String>,
    /// Where the date came from.
    pub date_origin: DateOrigin,
    /// Notes on how the story was read.
    pub notes: Vec<String>,
    /// Its credibility score, when the `credibility` rule ran.
    pub credibility: Option<DocumentCredibility>,
}

/// A story's credibility score and the signals behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentCredibility {
    /// 0..100.
    pub score: i32,
    /// The band's plain word.
    pub band: String,
    /// The signals, in text order.
    pub signals: Vec<LocatedSignal>,
}

/// One credibility signal with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedSignal {
    /// The signal's id.
    pub rule: String,
    /// The points it added (0 once the signal's cap was reached).
    pub weight: i32,
    /// Where.
    pub place: Place,
}

/// An outlet's credibility over its stories in the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// The outlet's name.
    pub name: String,
    /// The mean of its stories' scores.
    pub score: i32,
    /// The band's plain word.
    pub band: String,
    /// Its stories' ids, lowest score first.
    pub stories: Vec<String>,
    /// The user's prior on it, never added to the score.
    pub prior: Option<Prior>,
}

/// A user's prior on an outlet, from their own pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prior {
    /// The user's points.
    pub points: i32,
    /// Why.
    pub note: Option<String>,
    /// The pack file it came from.
    pub file: String,
}

/// The batch's credibility scores beyond the per-story ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredibilityOverview {
    /// The score every story starts from.
    pub base: i32,
    /// The bands in plain words.
    pub legend: String,
    /// One entry per outlet, lowest score first.
    pub outlets: Vec<Outlet>,
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub path: String,
    /// The story's id.
    pub story: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column just past the last character.
    pub end_column: usize,
    /// Byte offset of the start, in the file as read.
    pub start: usize,
    /// Byte offset of the end, in the file as read.
    pub end: usize,
    /// The text there.
    pub excerpt: String,
}

/// A finding with its place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The rule's id.
    pub rule: String,
    /// The rule's family.
    pub kind: Kind,
    /// How serious.
    pub severity: Severity,
    /// Where.
    pub place: Place,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
    /// The heading the text report groups it under.
    pub group: String,
    /// Expected and actual text, for a diff.
    pub diff: Option<Diff>,
    /// Other places that bear on it.
    pub related: Vec<Place>,
}

impl std::ops::Deref for Located {
    type Target = Place;

    fn deref(&self) -> &Place {
        &self.place
    }
}

/// A claim that several stories make, with the versions they give: which stories and outlets
/// corroborate each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// What it is about ("how many firefighters", "the day it happened").
    pub about: String,
    /// The versions, the one most stories give first.
    pub versions: Vec<ClaimVersion>,
}

/// One version of a claim and who gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimVersion {
    /// What this version says, in the words of its first story.
    pub says: String,
    /// The ids of the stories that give it.
    pub stories: Vec<String>,
    /// Their outlets, where known, each once.
    pub outlets: Vec<String>,
    /// Where each story says it.
    pub places: Vec<Place>,
}

/// The claims of the batch's claim groups, located in their files.
pub fn claims(stories: &[Story], groups: &[ClaimGroup]) -> Vec<Claim> {
    groups
        .iter()
        .filter(|group| {
            group
                .versions
                .iter()
                .map(|v| group.stories(v))
                .sum::<usize>()
                > 1
        })
        .map(|group| {
            let versions: Vec<ClaimVersion> = group
                .versions
                .iter()
                .map(|version| {
                    let mut places: Vec<Place> = version
                        .iter()
                        .map(|&i| {
                            let o = &group.observations[i];
                            place(&stories[o.story], o.span)
                        })
                        .collect();
                    places.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
                    places.dedup();
                    let first = &group.observations[version[0]];
                    let says = match first.value {
                        Value::Happened(true) => "it did".to_string(),
                        Value::Happened(false) => "it did not".to_string(),
                        _ => places
                            .first()
                            .map(|p| p.excerpt.clone())
                            .unwrap_or_default(),
                    };
                    let mut ids: Vec<String> = places.iter().map(|p| p.story.clone()).collect();
                    ids.dedup();
                    ClaimVersion {
                        says,
                        stories: ids,
                        outlets: group
                            .outlets(version)
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                        places,
                    }
                })
                .collect();
            let example = versions
                .first()
                .and_then(|v| v.places.first())
                .map_or(String::new(), |p| p.excerpt.clone());
            Claim {
                about: group.subject.label(&example),
                versions,
            }
        })
        .collect()
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Stories read.
    pub documents: usize,
    /// Findings in all.
    pub findings: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
    /// Inputs skipped.
    pub skipped: usize,
}

/// Everything a report shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The stories, in the order read.
    pub documents: Vec<Document>,
    /// Findings, sorted by path, offset and rule.
    pub findings: Vec<Located>,
    /// Inputs passed over.
    pub skipped: Vec<Skipped>,
    /// Claims several stories make, and who corroborates which version.
    pub claims: Vec<Claim>,
    /// Counts.
    pub summary: Summary,
    /// What a baseline hid and which of its entries no longer occur, when one was applied.
    pub baseline: Option<crate::baseline::Applied>,
    /// Outlet scores and the bands, when the `credibility` rule ran.
    pub credibility: Option<CredibilityOverview>,
}

impl Outcome {
    /// Locates `findings` in the batch's files and summarises.
    pub fn new(batch: Batch, findings: Vec<Finding>) -> Outcome {
        Outcome::with_credibility(batch, findings, None)
    }

    /// Locates `findings` and the credibility signals in the batch's files and summarises.
    pub fn with_credibility(
        batch: Batch,
        findings: Vec<Finding>,
        credibility: Option<Assessment>,
    ) -> Outcome {
        let stories = &batch.stories;
        let mut located: Vec<Located> = findings
            .into_iter()
            .map(|finding| Located {
                place: place(&stories[finding.story], finding.span),
                related: finding
                    .related
                    .iter()
                    .map(|&(story, span)| place(&stories[story], span))
                    .collect(),
                rule: finding.rule,
                kind: finding.kind,
                severity: finding.severity,
                message: finding.message,
                hint: finding.hint,
                group: finding.group,
                diff: finding.diff,
            })
            .collect();
        located.sort_by(|a, b| {
            (&a.place.path, a.place.start, &a.rule, a.place.end).cmp(&(
                &b.place.path,
                b.place.start,
                &b.rule,
                b.place.end,
            ))
        });
        // Two messages at one place are two findings (a story can lack both a date and a figure).
        located.dedup_by(|a, b| a.rule == b.rule && a.place == b.place && a.message == b.message);
        let count = |severity| located.iter().filter(|f| f.severity == severity).count();
        let summary = Summary {
            documents: stories.len(),
            findings: located.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            skipped: batch.skipped.len(),
        };
        let mut documents: Vec<Document> = stories.iter().map(document).collect();
        let overview = credibility.map(|assessment| {
            for score in &assessment.stories {
                let story = &stories[score.story];
                documents[score.story].credibility = Some(DocumentCredibility {
                    score: score.score,
                    band: score.band.clone(),
                    signals: score
                        .signals
                        .iter()
                        .map(|s| LocatedSignal {
                            rule: s.rule.clone(),
                            weight: s.weight,
                            place: place(story, s.span),
                        })
                        .collect(),
                });
            }
            CredibilityOverview {
                base: assessment.base,
                legend: assessment.legend,
                outlets: assessment
                    .outlets
                    .into_iter()
                    .map(|o| Outlet {
                        name: o.outlet,
                        score: o.score,
                        band: o.band,
                        stories: o.stories.iter().map(|&i| stories[i].id.clone()).collect(),
                        prior: o.prior.map(|p| Prior {
                            points: p.prior,
                            note: p.note,
                            file: p.file,
                        }),
                    })
                    .collect(),
            }
        });
        Outcome {
            documents,
            findings: located,
            skipped: batch.skipped,
            claims: Vec::new(),
            summary,
            baseline: None,
            credibility: overview,
        }
    }

    /// Counts the findings again, after some were taken out (by a baseline or a suppression).
    pub fn recount(&mut self) {
        let count = |severity| {
            self.findings
                .iter()
                .filter(|f| f.severity == severity)
                .count()
        };
        self.summary.errors = count(Severity::Error);
        self.summary.warnings = count(Severity::Warning);
        self.summary.infos = count(Severity::Info);
        self.summary.findings = self.findings.len();
    }

    /// The most serious severity among the findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

fn document(story: &Story) -> Document {
    Document {
        id: story.id.clone(),
        path: story.source.path.clone(),
        line: story.line,
        title: story.title.clone(),
        source: story.outlet.clone(),
        date: story.date.map(|d| d.to_string()),
        url: story.url.clone(),
        date_origin: story.date_origin,
        notes: story.notes.clone(),
        credibility: None,
    }
}

fn place(story: &Story, span: crate::findings::Span) -> Place {
    let start = story.locate(span.start);
    let end = story.locate(span.end);
    let (end_line, end_column) = if end.byte > start.byte {
        (end.line, end.column)
    } else {
        (start.line, start.column)
    };
    Place {
        path: story.source.path.clone(),
        story: story.id.clone(),
        line: start.line,
        column: start.column,
        end_line,
        end_column,
        start: start.byte,
        end: end.byte.max(start.byte),
        excerpt: story.text()[span.start..span.end].to_string(),
    }
}
