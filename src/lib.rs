//! crosscheck: a source-credibility and consistency checker for news.
//!
//! The pipeline, top to bottom, is [`check`]: stories (from [`ingest`]) are cut into sentences
//! ([`segment`]), the knowledge base finds the institutions and countries they name
//! ([`knowledge`]), each sentence's claims are extracted ([`claims`]) and aligned with the same
//! claims in other stories ([`align`]), each enabled rule's detector looks for problems in each
//! story and across the batch ([`detectors`]), every story and outlet gets a credibility score
//! from its signals and findings ([`credibility`]), and the findings are located in their files
//! and summarised ([`outcome`]) for a report format ([`report`]). Everything here is pure except
//! [`ingest::read_paths`] and [`pack::PackBuilder::add_path`], which read files; nothing prints
//! or exits.

pub mod align;
pub mod baseline;
pub mod claims;
pub mod config;
pub mod credibility;
pub mod dates;
pub mod detectors;
pub mod examples;
pub mod findings;
pub mod gitignore;
pub mod ingest;
pub mod knowledge;
pub mod outcome;
pub mod pack;
pub mod report;
pub mod segment;
pub mod suppress;
pub mod word;
mod yaml;

use align::StoryClaims;
use detectors::{BatchView, Detector, StoryView};
use findings::Finding;
use ingest::{Batch, Format};
use knowledge::KnowledgeBase;
use outcome::Outcome;
use pack::{Pack, Rule};
use rayon::prelude::*;

/// How a check runs, beyond the packs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Check every story as of this day instead of its own date (titles and offices).
    pub as_of: Option<dates::Date>,
}

/// Checks a batch of stories against the merged packs.
pub fn check(batch: Batch, pack: &Pack) -> Outcome {
    check_with(batch, pack, Options::default())
}

/// Checks a batch of stories against the merged packs, with options.
///
/// The stages that read one story at a time (sentences, mentions, the per-story rules, claims
/// and credibility signals) run in parallel on rayon's pool; their results are collected in
/// story order, so the outcome is the same whatever the number of threads. A story's sentences
/// and mentions are dropped as soon as its own stages are done: only its claims, findings and
/// signals are kept for the stages across the batch.
pub fn check_with(batch: Batch, pack: &Pack, options: Options) -> Outcome {
    // The automaton that tells which credibility phrases a sentence may hold is built beside
    // the knowledge base's, before the stories need both.
    let (knowledge, _) = rayon::join(|| KnowledgeBase::new(pack), || pack.credibility.text_set());
    let rules = active_rules(pack);
    let scoring = scores(&rules);
    let readings: Vec<Reading> = batch
        .stories
        .par_iter()
        .enumerate()
        .map(|(index, story)| read_story(index, story, &knowledge, &rules, pack, scoring))
        .collect();
    let mut findings: Vec<Finding> = Vec::new();
    let mut claims = Vec::with_capacity(readings.len());
    let mut observed = Vec::with_capacity(readings.len());
    for reading in readings {
        findings.extend(reading.findings);
        claims.push(reading.claims);
        observed.push(reading.signals);
    }
    let (claims, credibility) = across_batch(
        &batch.stories,
        claims,
        &observed,
        &mut findings,
        &rules,
        pack,
        options,
    );
    let mut outcome = Outcome::with_credibility(batch, findings, credibility);
    outcome.claims = claims;
    outcome
}

/// Runs the stages across the batch: alignment, claim groups, the batch rules (their findings
/// are added to `findings`), and (when a credibility rule is on) credibility. Gives back the
/// claims for the report and the assessment. It takes the stories' claims and drops them, with
/// the pairs and groups built from them, before returning: they are the largest part of a run,
/// and are not needed while the findings are located.
fn across_batch(
    stories: &[ingest::Story],
    claims: Vec<Vec<claims::SentenceClaims>>,
    observed: &[Vec<credibility::Observed>],
    findings: &mut Vec<Finding>,
    rules: &[(&Rule, &'static dyn Detector)],
    pack: &Pack,
    options: Options,
) -> (Vec<outcome::Claim>, Option<credibility::Assessment>) {
    let story_claims: Vec<StoryClaims<'_>> = stories
        .iter()
        .zip(&claims)
        .enumerate()
        .map(|(index, (story, sentences))| StoryClaims {
            story: index,
            date: story.date,
            outlet: story.outlet.as_deref(),
            sentences,
        })
        .collect();
    let pairs = align::align(&story_claims);
    let groups = align::claim_groups(&story_claims, &pairs, &pack.lexicon.opposites);
    let view = BatchView {
        stories,
        groups: &groups,
        pack,
        as_of: options.as_of,
    };
    for (rule, detector) in rules {
        detector.check_batch(&view, rule, findings);
    }
    let report_claims = outcome::claims(stories, &groups);
    // Scored once all detectors have run, since a story's findings from the other rules count
    // against it and its claims other outlets share count for it.
    let credibility = scores(rules)
        .then(|| credibility::assess(stories, observed, findings, &groups, &pack.credibility));
    (report_claims, credibility)
}

/// What the per-story stages keep of one story for the stages across the batch.
struct Reading {
    findings: Vec<Finding>,
    claims: Vec<claims::SentenceClaims>,
    signals: Vec<credibility::Observed>,
}

/// Runs the stages that need one story alone: sentences, mentions, the per-story rules,
/// claims, and (when `scoring`) the credibility signals.
fn read_story(
    index: usize,
    story: &ingest::Story,
    knowledge: &KnowledgeBase,
    rules: &[(&Rule, &'static dyn Detector)],
    pack: &Pack,
    scoring: bool,
) -> Reading {
    let segmented = segment::segment(story.text(), story.body_start);
    let mentions = knowledge.mentions(story.text());
    let mut view = StoryView {
        index,
        story,
        segmented: &segmented,
        mentions: &mentions,
        pack,
        signals: &[],
    };
    let signals = if scoring {
        detectors::credibility_signals(&view)
    } else {
        Vec::new()
    };
    view.signals = &signals;
    let mut findings = Vec::new();
    for (rule, detector) in rules {
        detector.check_story(&view, rule, &mut findings);
    }
    Reading {
        findings,
        claims: claims::extract(story.text(), &segmented, story.date),
        signals,
    }
}

/// Checks stories given as (file name, text); the file name's extension picks the reader.
/// For tests and rule examples.
pub fn check_texts(files: &[(&str, String)], pack: &Pack) -> Outcome {
    let mut batch = Batch::default();
    for (name, text) in files {
        let format = Format::from_path(std::path::Path::new(name)).unwrap_or(Format::Plain);
        ingest::read_text(name, text.clone(), format, &mut batch);
    }
    check(batch, pack)
}

/// Whether a credibility rule is enabled, so that stories and outlets are scored.
fn scores(rules: &[(&Rule, &'static dyn Detector)]) -> bool {
    rules
        .iter()
        .any(|(_, d)| d.kind() == findings::Kind::Credibility)
}

/// The enabled rules with their detectors, in pack order.
fn active_rules(pack: &Pack) -> Vec<(&Rule, &'static dyn Detector)> {
    pack.rules
        .iter()
        .filter(|rule| rule.enabled)
        .filter_map(|rule| detectors::find(&rule.detector).map(|d| (rule, d)))
        .collect()
}
