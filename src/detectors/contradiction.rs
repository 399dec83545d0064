//! Contradictions: stories in the batch that disagree about the same fact.
//!
//! What it finds: one story says 120 firefighters fought the fire where three others say about
//! 60; one says the council met on Wednesday where the others say Tuesday; one says the council
//! rejected the closure where the others say it approved it; one gives a person's age as 41
//! where others, a year earlier, gave 37. A fact-checker wants those few sentences out of a
//! batch of hundreds, with the majority's wording beside the outlier's.
//!
//! How: claim groups come from the alignment stage (`src/align.rs`): the same claim seen in
//! several stories, its values clustered into versions that agree (approximation, rounding and
//! the time between stories allowed for). Where one version is held by more stories than any
//! other, every other version is reported on its own story, with the majority in `related`;
//! where no version leads, every version is reported. A later story whose differing figure
//! comes with words of change ("rose to 21") is an update, not a contradiction, and is left
//! alone.

use crate::align::{ClaimGroup, Observation, Subject, Value, agree};
use crate::findings::{Diff, Finding, Kind};
use crate::pack::Rule;

use super::{BatchView, Detector};

/// The contradiction detector.
pub struct Contradiction;

/// How many places of the other side a finding lists in `related`.
const MAX_RELATED: usize = 5;

impl Detector for Contradiction {
    fn name(&self) -> &'static str {
        "contradiction"
    }

    fn kind(&self) -> Kind {
        Kind::Contradiction
    }

    fn documentation(&self) -> &'static str {
        "Flags a story that disagrees with other stories in the batch about the same fact: a \
         count, an amount or a percentage beyond what the wording allows (\"about 60\" and \"62\" \
         agree, \"60\" and \"120\" do not), the day of an event, a person's age (allowing for the \
         time between the stories), or whether something happened (\"approved\" and \"rejected\", \
         \"did not approve\"). Sentences are compared only where they report the same thing. The \
         outlier is reported, with the majority's wording and how many stories and outlets stand \
         behind each version. A later story that reports a change (\"the toll rose to 21\") is an \
         update, not a contradiction."
    }

    fn check_batch(&self, view: &BatchView<'_>, rule: &Rule, out: &mut Vec<Finding>) {
        for group in view.groups {
            if group.versions.len() < 2 {
                continue;
            }
            let leads = group.stories(&group.versions[0]) > group.stories(&group.versions[1]);
            for (index, version) in group.versions.iter().enumerate() {
                if leads && index == 0 {
                    continue;
                }
                if is_update(group, version) {
                    continue;
                }
                for &observation in version {
                    // Only a direct comparison contradicts: the other side must hold sentences
                    // aligned with this one, not merely linked to it through a chain.
                    let opponents: Vec<usize> = group
                        .partners(observation)
                        .into_iter()
                        .filter(|&p| {
                            let theirs = &group.observations[p].value;
                            !agree(&group.observations[observation].value, theirs)
                                && !states_too(group, group.observations[observation].story, theirs)
                        })
                        .collect();
                    if opponents.is_empty() {
                        continue;
                    }
                    let mut others = opponents;
                    if leads && index != 0 {
                        let leading = &group.versions[0];
                        others.retain(|o| leading.contains(o));
                        if others.is_empty() {
                            continue;
                        }
                        others.extend(
                            leading
                                .iter()
                                .filter(|o| !others.contains(o))
                                .copied()
                                .collect::<Vec<_>>(),
                        );
                    }
                    out.push(finding(
                        view,
                        rule,
                        group,
                        observation,
                        version,
                        &others,
                        leads,
                    ));
                }
            }
        }
        out.sort_by_key(|f| (f.story, f.span));
        out.dedup_by(|a, b| a.rule == b.rule && a.story == b.story && a.span == b.span);
    }
}

/// Whether `story` itself states a value that agrees with `value` somewhere in the group: a
/// story that gives both figures ("each 1,000 mark bond ... 500 dlrs", "each 10,000 mark bond
/// ... 5,000 dlrs") does not contradict a story that gives one of them.
fn states_too(group: &ClaimGroup, story: usize, value: &Value) -> bool {
    group
        .observations
        .iter()
        .any(|o| o.story == story && agree(&o.value, value))
}

/// Days between stories after which a different figure is taken for an update even without
/// words of change: the situation may have moved on (a storm strengthened, a count went on).
const EVOLVED_AFTER_DAYS: i64 = 1;

/// Whether a version is a later revision of a figure rather than a disagreement: a quantity
/// from stories dated after every story of the other version, in sentences that report a
/// change, or at least [`EVOLVED_AFTER_DAYS`] later (or the reverse: the leading version
/// revises this one).
fn is_update(group: &ClaimGroup, version: &[usize]) -> bool {
    if !matches!(group.subject, Subject::Quantity(_)) {
        return false;
    }
    let leading = &group.versions[0];
    let later = |a: &[usize], b: &[usize]| {
        let gap = a
            .iter()
            .flat_map(|&i| b.iter().map(move |&j| (i, j)))
            .map(
                |(i, j)| match (group.observations[i].date, group.observations[j].date) {
                    (Some(x), Some(y)) => x.days_since_epoch() - y.days_since_epoch(),
                    _ => 0,
                },
            )
            .min()
            .unwrap_or(0);
        let changes = a.iter().any(|&i| group.observations[i].reports_change);
        gap >= EVOLVED_AFTER_DAYS || (gap >= 1 && changes)
    };
    std::ptr::eq(version, leading.as_slice()) || later(version, leading) || later(leading, version)
}

fn finding(
    view: &BatchView<'_>,
    rule: &Rule,
    group: &ClaimGroup,
    observation: usize,
    version: &[usize],
    others: &[usize],
    leads: bool,
) -> Finding {
    let text = |o: &Observation, span: crate::findings::Span| {
        view.stories[o.story].text()[span.start..span.end].to_string()
    };
    let this = &group.observations[observation];
    let said = text(this, this.span);
    let first_other = &group.observations[others[0]];
    let other_said = text(first_other, first_other.span);
    let other_stories = {
        let mut s: Vec<usize> = others
            .iter()
            .map(|&i| group.observations[i].story)
            .collect();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    let outlets = group.outlets(others);
    let (noun, verb) = if other_stories == 1 {
        ("story", "says")
    } else {
        ("stories", "say")
    };
    let backing = if outlets.is_empty() {
        format!("{other_stories} other {noun} {verb}")
    } else {
        format!(
            "{other_stories} other {noun} ({}) {verb}",
            outlets.join(", ")
        )
    };
    let this_stories = group.stories(version);
    let (subject, this_claim, other_claim) = match (&group.subject, &this.value) {
        (Subject::Quantity(_), _) => (
            group.subject.label(&other_said),
            quoted(&said),
            quoted(&other_said),
        ),
        (Subject::Day, _) => (
            "the day it happened".to_string(),
            quoted(&said),
            quoted(&other_said),
        ),
        (Subject::Age(person), _) => (
            format!("{person}'s age"),
            quoted(&said),
            quoted(&other_said),
        ),
        (Subject::Polarity(_), Value::Happened(happened)) => (
            "whether it happened".to_string(),
            if *happened {
                "it did".to_string()
            } else {
                "it did not".to_string()
            },
            if *happened {
                "it did not".to_string()
            } else {
                "it did".to_string()
            },
        ),
        (Subject::Polarity(_), _) => (
            "whether it happened".to_string(),
            quoted(&said),
            quoted(&other_said),
        ),
    };
    let also = match this_stories {
        1 => String::new(),
        2 => " (as does 1 other story)".to_string(),
        n => format!(" (as do {} other stories)", n - 1),
    };
    let message = format!(
        "stories disagree on {subject}: this story says {this_claim}{also}; {backing} {other_claim}"
    );
    let hint = if leads {
        "the - line is what most stories say; check this story's figure against the original source"
            .to_string()
    } else {
        "no version has a majority; check each against the original source".to_string()
    };
    let mut related: Vec<(usize, crate::findings::Span)> = others
        .iter()
        .map(|&i| (group.observations[i].story, group.observations[i].span))
        .collect();
    related.sort();
    related.dedup();
    related.truncate(MAX_RELATED);
    Finding {
        rule: rule.id.clone(),
        kind: Kind::Contradiction,
        severity: rule.severity,
        story: this.story,
        span: this.span,
        message,
        hint,
        group: format!("Contradiction: {subject}"),
        diff: Some(Diff {
            expected: text(first_other, first_other.sentence),
            actual: text(this, this.sentence),
        }),
        related,
    }
}

fn quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

#[cfg(test)]
mod tests {
    use crate::check_texts;
    use crate::pack::Pack;

    fn story(outlet: &str, date: &str, body: &str) -> String {
        format!("---\ntitle: Warehouse fire\nsource: {outlet}\ndate: {date}\n---\n{body}\n")
    }

    fn findings(stories: &[(&str, String)]) -> Vec<String> {
        let pack = Pack::default_pack().unwrap();
        let outcome = check_texts(stories, &pack);
        outcome
            .findings
            .iter()
            .filter(|f| f.rule == "contradiction")
            .map(|f| format!("{}: {} | {}", f.place.path, f.place.excerpt, f.message))
            .collect()
    }

    #[test]
    fn the_outlier_is_reported_against_the_majority() {
        let found = findings(&[
            (
                "a.md",
                story(
                    "Ledger",
                    "2025-03-11",
                    "About 60 firefighters fought the warehouse fire at Kestrel Dock on Tuesday.",
                ),
            ),
            (
                "b.md",
                story(
                    "Post",
                    "2025-03-11",
                    "Sixty firefighters fought the fire at the Kestrel Dock warehouse on Tuesday.",
                ),
            ),
            (
                "c.md",
                story(
                    "Record",
                    "2025-03-11",
                    "Some 120 firefighters fought the Kestrel Dock warehouse blaze on Tuesday.",
                ),
            ),
        ]);
        assert_eq!(
            found,
            vec![
                "c.md: Some 120 firefighters | stories disagree on how many firefighters: this story says \"Some 120 firefighters\"; 2 other stories (Ledger, Post) say \"About 60 firefighters\""
            ]
        );
    }

    #[test]
    fn rounding_words_and_digits_agree() {
        let found = findings(&[
            (
                "a.md",
                story(
                    "Ledger",
                    "2025-03-11",
                    "About 80 firefighters fought the warehouse fire at Kestrel Dock.",
                ),
            ),
            (
                "b.md",
                story(
                    "Post",
                    "2025-03-11",
                    "Eighty-two firefighters fought the fire at the Kestrel Dock warehouse.",
                ),
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_later_revision_is_an_update() {
        let found = findings(&[
            (
                "a.md",
                story(
                    "Ledger",
                    "2025-03-11",
                    "Three people were treated by paramedics after the Kestrel Dock warehouse fire.",
                ),
            ),
            (
                "b.md",
                story(
                    "Ledger",
                    "2025-03-12",
                    "The number of people treated by paramedics after the Kestrel Dock warehouse fire rose to four.",
                ),
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn an_even_split_reports_both_sides() {
        let found = findings(&[
            (
                "a.md",
                story(
                    "Ledger",
                    "2025-03-11",
                    "The council approved the closure of the Elm Street library on Tuesday night.",
                ),
            ),
            (
                "b.md",
                story(
                    "Post",
                    "2025-03-11",
                    "The council rejected the closure of the Elm Street library on Tuesday night.",
                ),
            ),
        ]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("whether it happened"), "{found:?}");
    }
}
