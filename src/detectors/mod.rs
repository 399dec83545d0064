//! Detectors: the code that finds problems. Rules (YAML) say which detector runs at what
//! severity; a detector says how to look.
//!
//! Each detector is one small type in its own file implementing [`Detector`], listed once in
//! [`DETECTORS`]. A detector reads one story at a time through a [`StoryView`] and appends
//! [`Finding`]s; it does no I/O.

mod contradiction;
mod credibility;
mod implausible_entity;
mod role_mismatch;

use crate::align::ClaimGroup;
use crate::dates::Date;
use crate::findings::{Finding, Kind};
use crate::ingest::Story;
use crate::knowledge::Mentions;
use crate::pack::{Pack, Rule};
use crate::segment::Segmented;

/// Everything a detector may read about one story.
#[derive(Debug, Clone, Copy)]
pub struct StoryView<'a> {
    /// Index of the story in the batch.
    pub index: usize,
    /// The story.
    pub story: &'a Story,
    /// Its sentences.
    pub segmented: &'a Segmented,
    /// The institutions and country words in it.
    pub mentions: &'a Mentions,
    /// The merged packs.
    pub pack: &'a Pack,
    /// The credibility signals found in it ([`credibility_signals`]), read once for the
    /// credibility rule and the score; empty when no credibility rule is enabled.
    pub signals: &'a [crate::credibility::Observed],
}

/// Everything a detector may read about the whole batch.
#[derive(Debug, Clone, Copy)]
pub struct BatchView<'a> {
    /// The stories.
    pub stories: &'a [Story],
    /// Claims stated by several stories, clustered into versions that agree.
    pub groups: &'a [ClaimGroup],
    /// The merged packs.
    pub pack: &'a Pack,
    /// The day to check every story as of, instead of its own date.
    pub as_of: Option<Date>,
}

/// One family of checks.
pub trait Detector: Sync {
    /// The name rules use in `detector:`.
    fn name(&self) -> &'static str;

    /// The kind of the findings it makes.
    fn kind(&self) -> Kind;

    /// What it checks, why it matters, and an example: its user documentation.
    fn documentation(&self) -> &'static str;

    /// Checks one story under `rule`, appending findings to `out`.
    fn check_story(&self, view: &StoryView<'_>, rule: &Rule, out: &mut Vec<Finding>) {
        let _ = (view, rule, out);
    }

    /// Checks the batch as a whole under `rule`, appending findings to `out`.
    fn check_batch(&self, view: &BatchView<'_>, rule: &Rule, out: &mut Vec<Finding>) {
        let _ = (view, rule, out);
    }
}

/// Every detector.
pub const DETECTORS: &[&dyn Detector] = &[
    &implausible_entity::ImplausibleEntity,
    &contradiction::Contradiction,
    &role_mismatch::RoleMismatch,
    &credibility::Credibility,
];

/// The credibility signals found in one story's text, for the scoring stage.
pub fn credibility_signals(view: &StoryView<'_>) -> Vec<crate::credibility::Observed> {
    credibility::observe(view)
}

/// The names rules may use.
pub fn names() -> Vec<&'static str> {
    DETECTORS.iter().map(|d| d.name()).collect()
}

/// The detector called `name`.
pub fn find(name: &str) -> Option<&'static dyn Detector> {
    DETECTORS.iter().copied().find(|d| d.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn detector_names_are_unique() {
        let names = names();
        let unique: HashSet<_> = names.iter().collect();
        assert_eq!(names.len(), unique.len());
    }
}
