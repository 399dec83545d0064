//! Credibility scores: a story's signals in, a score from 0 to 100 with its reasons out, and
//! an outlet's score from its stories in the batch.
//!
//! A story starts from the pack's base score (60 in the built-in pack). Each signal found adds
//! its weight, negative or positive, but only up to the signal's cap of occurrences, so a story
//! that says "experts warn" ten times loses no more than one that says it three times.
//! The sum is clamped to 0..100 and named by its band (75-100 solid, 60-74 mixed, below 60
//! weak in the built-in pack). Text signals come from the `credibility` detector; consistency
//! signals are the story's own findings from the other detectors (an implausible entity, a
//! contradiction where the story is the outlier), each counted with the signal's weight, and
//! the claims another outlet in the batch corroborates (from the claim groups of `align`).
//!
//! An outlet's score is the mean of its stories' scores in this batch, and nothing else: the
//! outlet's name never moves a score. A user's own prior on an outlet is carried beside it, for
//! the report to show separately.
//!
//! Everything here is pure: no text is read and nothing is printed.

use std::collections::BTreeMap;

use crate::align::ClaimGroup;
use crate::findings::{Finding, Span};
use crate::ingest::Story;
use crate::pack::credibility::{Check, Credibility, OutletPrior};

/// A signal found in a story's text, by the index of the signal in the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observed {
    /// Index into the pack's credibility signals.
    pub signal: usize,
    /// Where in the story's text; empty for a signal about something missing.
    pub span: Span,
}

/// A signal as it counts towards a score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// The signal's id.
    pub rule: String,
    /// The points it added: the signal's weight, or 0 once the signal's cap was reached.
    pub weight: i32,
    /// Where in the story's text.
    pub span: Span,
}

/// One story's score and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryScore {
    /// Index of the story in the batch.
    pub story: usize,
    /// 0..100.
    pub score: i32,
    /// The band's plain word.
    pub band: String,
    /// Every signal found, in text order.
    pub signals: Vec<Counted>,
}

/// One outlet's score over its stories in the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletScore {
    /// The outlet's name as its stories give it.
    pub outlet: String,
    /// The mean of its stories' scores, rounded.
    pub score: i32,
    /// The band's plain word.
    pub band: String,
    /// Indices of its stories, lowest score first.
    pub stories: Vec<usize>,
    /// The user's prior on it, shown beside the score and never added to it.
    pub prior: Option<OutletPrior>,
}

/// The scores of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The score every story starts from.
    pub base: i32,
    /// The bands in plain words, for reports.
    pub legend: String,
    /// One score per story, in batch order.
    pub stories: Vec<StoryScore>,
    /// One score per outlet, lowest first (then by name).
    pub outlets: Vec<OutletScore>,
}

/// Scores every story from its text signals (`observed`, one list per story), its findings
/// from the other detectors and the claims other outlets corroborate (`groups`), then every
/// outlet from its stories.
pub fn assess(
    stories: &[Story],
    observed: &[Vec<Observed>],
    findings: &[Finding],
    groups: &[ClaimGroup],
    credibility: &Credibility,
) -> Assessment {
    // Each story's findings and claim versions, indexed once, so that scoring a story reads
    // only its own and the batch is not scanned once per story.
    let mut findings_of: Vec<Vec<&Finding>> = vec![Vec::new(); stories.len()];
    for finding in findings {
        if let Some(own) = findings_of.get_mut(finding.story) {
            own.push(finding);
        }
    }
    let mut versions_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); stories.len()];
    for (g, group) in groups.iter().enumerate() {
        for (v, version) in group.versions.iter().enumerate() {
            for &i in version {
                if let Some(own) = versions_of.get_mut(group.observations[i].story)
                    && own.last() != Some(&(g, v))
                {
                    own.push((g, v));
                }
            }
        }
    }
    let scores: Vec<StoryScore> = (0..stories.len())
        .map(|index| {
            let mut found: Vec<Observed> = observed.get(index).cloned().unwrap_or_default();
            found.extend(from_findings(&findings_of[index], credibility));
            found.extend(corroborated(
                index,
                stories,
                groups,
                &versions_of[index],
                credibility,
            ));
            score_story(index, found, credibility)
        })
        .collect();
    let mut by_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, story) in stories.iter().enumerate() {
        if let Some(outlet) = story.outlet.as_deref() {
            by_outlet.entry(outlet.trim()).or_default().push(index);
        }
    }
    let mut outlets: Vec<OutletScore> = by_outlet
        .into_iter()
        .map(|(outlet, mut members)| {
            members.sort_by_key(|&i| (scores[i].score, i));
            let total: i32 = members.iter().map(|&i| scores[i].score).sum();
            let score = mean(total, members.len());
            OutletScore {
                outlet: outlet.to_string(),
                score,
                band: credibility.band(score).to_string(),
                stories: members,
                prior: credibility.prior(outlet).cloned(),
            }
        })
        .collect();
    outlets.sort_by(|a, b| (a.score, &a.outlet).cmp(&(b.score, &b.outlet)));
    Assessment {
        base: credibility.base,
        legend: credibility.band_legend(),
        stories: scores,
        outlets,
    }
}

/// The mean of `count` scores summing to `total`, rounded half up.
fn mean(total: i32, count: usize) -> i32 {
    let count = count.max(1) as i32;
    (2 * total + count) / (2 * count)
}

/// The story's findings from other detectors that a `findings` signal counts.
fn from_findings(findings: &[&Finding], credibility: &Credibility) -> Vec<Observed> {
    let mut out = Vec::new();
    for (index, signal) in credibility.signals.iter().enumerate() {
        let Check::Findings {
            kinds,
            min_severity,
        } = &signal.check
        else {
            continue;
        };
        if !signal.enabled {
            continue;
        }
        out.extend(
            findings
                .iter()
                .filter(|f| kinds.contains(&f.kind))
                .filter(|f| f.severity >= *min_severity)
                .map(|f| Observed {
                    signal: index,
                    span: f.span,
                }),
        );
    }
    out
}

/// The story's claims that another outlet states the same way: for each claim group, the
/// story's observations in a version that also holds an observation from another story of
/// another (known) outlet. Two stories of one outlet do not corroborate each other. `versions`
/// lists, as (group, version) in order, those that hold an observation of the story.
fn corroborated(
    story: usize,
    stories: &[Story],
    groups: &[ClaimGroup],
    versions: &[(usize, usize)],
    credibility: &Credibility,
) -> Vec<Observed> {
    let own = stories[story].outlet.as_deref().map(str::trim);
    let mut out = Vec::new();
    for (index, signal) in credibility.signals.iter().enumerate() {
        if signal.check != Check::Corroborated || !signal.enabled {
            continue;
        }
        for &(g, v) in versions {
            let group = &groups[g];
            {
                let version = &group.versions[v];
                let observations = version.iter().map(|&i| &group.observations[i]);
                let other = observations.clone().any(|o| {
                    o.story != story
                        && o.outlet
                            .as_deref()
                            .map(str::trim)
                            .is_some_and(|outlet| Some(outlet) != own)
                });
                if !other {
                    continue;
                }
                out.extend(observations.filter(|o| o.story == story).map(|o| Observed {
                    signal: index,
                    span: o.sentence,
                }));
            }
        }
    }
    out
}

/// Adds the weights of `found` to the base, each signal counted up to its cap, and clamps.
fn score_story(story: usize, mut found: Vec<Observed>, credibility: &Credibility) -> StoryScore {
    found.sort_by_key(|o| (o.span.start, o.signal, o.span.end));
    found.dedup();
    let mut counts = vec![0usize; credibility.signals.len()];
    let mut total = credibility.base;
    let mut signals = Vec::with_capacity(found.len());
    for observed in found {
        let Some(signal) = credibility.signals.get(observed.signal) else {
            continue;
        };
        let count = &mut counts[observed.signal];
        let weight = if *count < signal.cap {
            signal.weight
        } else {
            0
        };
        *count += 1;
        total += weight;
        signals.push(Counted {
            rule: signal.id.clone(),
            weight,
            span: observed.span,
        });
    }
    let score = total.clamp(0, 100);
    StoryScore {
        story,
        score,
        band: credibility.band(score).to_string(),
        signals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackBuilder;

    fn credibility(yaml: &str) -> Credibility {
        let mut builder = PackBuilder::new();
        builder.add_text("test.yaml", yaml).unwrap();
        builder.build().unwrap().credibility
    }

    const PACK: &str = r#"
credibility:
  base: 60
  signals:
    - id: vague
      weight: -5
      cap: 2
      summary: Vague
      phrases: ["experts warn"]
    - id: quote
      weight: 30
      cap: 2
      summary: Quote
      phrases: ["she said"]
"#;

    fn observed(signal: usize, start: usize) -> Observed {
        Observed {
            signal,
            span: Span::new(start, start + 1),
        }
    }

    #[test]
    fn repetition_counts_only_up_to_the_cap() {
        let credibility = credibility(PACK);
        let found = (0..10).map(|i| observed(0, i * 10)).collect();
        let score = score_story(0, found, &credibility);
        assert_eq!(score.score, 50, "two of ten counted: {:?}", score.signals);
        assert_eq!(score.signals.len(), 10, "all ten are shown");
        assert_eq!(score.signals.iter().filter(|s| s.weight != 0).count(), 2);
        assert_eq!(score.band, "weak");
    }

    #[test]
    fn scores_are_clamped_to_0_100() {
        let credibility = credibility(PACK);
        let high = score_story(0, (0..2).map(|i| observed(1, i)).collect(), &credibility);
        assert_eq!((high.score, high.band.as_str()), (100, "solid"));
        let nothing = score_story(0, Vec::new(), &credibility);
        assert_eq!((nothing.score, nothing.band.as_str()), (60, "mixed"));
    }

    #[test]
    fn rounding_of_the_mean_is_half_up() {
        assert_eq!(mean(121, 2), 61);
        assert_eq!(mean(120, 2), 60);
        assert_eq!(mean(0, 0), 0);
    }
}
