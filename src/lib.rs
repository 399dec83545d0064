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
mod yaml;

use align::StoryClaims;
use detectors::{BatchView, Detector, StoryView};
use findings::Finding;
use ingest::{Batch, Format};
use knowledge::KnowledgeBase;
use outcome::Outcome;
use pack::{Pack, Rule};

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
pub fn check_with(batch: Batch, pack: &Pack, options: Options) -> Outcome {
    let knowledge = KnowledgeBase::new(pack);
    let rules = active_rules(pack);
    let mut findings: Vec<Finding> = Vec::new();
    let mut claims = Vec::with_capacity(batch.stories.len());
    let mut readings = Vec::with_capacity(batch.stories.len());
    for (index, story) in batch.stories.iter().enumerate() {
        let segmented = segment::segment(story.text(), story.body_start);
        let mentions = knowledge.mentions(story.text());
        let view = StoryView {
            index,
            story,
            segmented: &segmented,
            mentions: &mentions,
            pack,
        };
        for (rule, detector) in &rules {
            detector.check_story(&view, rule, &mut findings);
        }
        claims.push(claims::extract(story.text(), &segmented, story.date));
        readings.push((segmented, mentions));
    }
    let story_claims: Vec<StoryClaims<'_>> = batch
        .stories
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
        stories: &batch.stories,
        groups: &groups,
        pack,
        as_of: options.as_of,
    };
    for (rule, detector) in &rules {
        detector.check_batch(&view, rule, &mut findings);
    }
    let claims = outcome::claims(&batch.stories, &groups);
    let credibility = assess_credibility(&batch, &readings, &findings, &groups, pack, &rules);
    let mut outcome = Outcome::with_credibility(batch, findings, credibility);
    outcome.claims = claims;
    outcome
}

/// Scores every story and outlet once all detectors have run, since a story's findings from
/// the other rules count against it and its claims other outlets share count for it; `None`
/// when the `credibility` rule is disabled.
fn assess_credibility(
    batch: &Batch,
    readings: &[(segment::Segmented, knowledge::Mentions)],
    findings: &[Finding],
    groups: &[align::ClaimGroup],
    pack: &Pack,
    rules: &[(&Rule, &'static dyn Detector)],
) -> Option<credibility::Assessment> {
    rules
        .iter()
        .find(|(_, d)| d.kind() == findings::Kind::Credibility)?;
    let observed: Vec<Vec<credibility::Observed>> = batch
        .stories
        .iter()
        .zip(readings)
        .enumerate()
        .map(|(index, (story, (segmented, mentions)))| {
            detectors::credibility_signals(&StoryView {
                index,
                story,
                segmented,
                mentions,
                pack,
            })
        })
        .collect();
    Some(credibility::assess(
        &batch.stories,
        &observed,
        findings,
        groups,
        &pack.credibility,
    ))
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

/// The enabled rules with their detectors, in pack order.
fn active_rules(pack: &Pack) -> Vec<(&Rule, &'static dyn Detector)> {
    pack.rules
        .iter()
        .filter(|rule| rule.enabled)
        .filter_map(|rule| detectors::find(&rule.detector).map(|d| (rule, d)))
        .collect()
}
