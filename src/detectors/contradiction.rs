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

use std::collections::BTreeMap;

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
        let mut found: Vec<Finding> = Vec::new();
        for group in view.groups {
            if group.versions.len() < 2 {
                continue;
            }
            let mut version_of = vec![0; group.observations.len()];
            for (v, members) in group.versions.iter().enumerate() {
                for &i in members {
                    version_of[i] = v;
                }
            }
            let size = |v: usize| group.stories(&group.versions[v]);
            let adjacency = group.adjacency();
            // Each observation, with the versions it was compared with directly and disagrees
            // with: only a direct comparison contradicts.
            let mut opposed: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (i, partners) in adjacency.iter().enumerate() {
                for &p in partners {
                    let (vi, vp) = (version_of[i], version_of[p]);
                    let (mine, theirs) = (&group.observations[i], &group.observations[p]);
                    // Against the version most stories give, or, where two versions tie for
                    // most, against each other. A disagreement between two minor versions of
                    // a large group is more likely two figures than two versions of one.
                    let against_leader = vp == 0 && size(vi) < size(0);
                    // A name in one sentence shared by two stories may be two streets, two
                    // speakers: a swap needs a majority behind the other name.
                    let names = matches!(group.subject, Subject::Name(_));
                    let tie = vi < 2 && vp < 2 && size(0) == size(1) && !names;
                    if vi == vp
                        || !(against_leader || tie)
                        || agree(&mine.value, &theirs.value)
                        || states_too(group, mine.story, &theirs.value)
                        || is_update(group, &group.versions[vi], &group.versions[vp])
                    {
                        continue;
                    }
                    opposed.entry(i).or_default().push(vp);
                }
            }
            for (i, mut against) in opposed {
                against.sort_by(|&x, &y| size(y).cmp(&size(x)).then(x.cmp(&y)));
                against.dedup();
                let mine = version_of[i];
                let leads = size(against[0]) > size(mine);
                // The direct opponents first, so the diff sets this sentence against one it was
                // compared with; then the rest of the versions they belong to.
                let mut others: Vec<usize> = adjacency[i]
                    .iter()
                    .copied()
                    .filter(|p| version_of[*p] == against[0])
                    .collect();
                for &v in &against {
                    for &o in &group.versions[v] {
                        if !others.contains(&o) {
                            others.push(o);
                        }
                    }
                    if leads {
                        break;
                    }
                }
                found.push(finding(
                    view,
                    rule,
                    group,
                    i,
                    &group.versions[mine],
                    &others,
                    leads,
                ));
            }
        }
        // One finding a place, leaving other rules' findings as they are.
        found.sort_by_key(|f| (f.story, f.span));
        found.dedup_by(|a, b| a.story == b.story && a.span == b.span);
        out.extend(found);
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
const EVOLVED_AFTER_DAYS: i64 = 3;

/// Whether one of two versions is a later revision of the other rather than a disagreement:
/// a quantity from stories dated after every story of the other version, in sentences that
/// report a change, or at least [`EVOLVED_AFTER_DAYS`] later.
fn is_update(group: &ClaimGroup, version: &[usize], other: &[usize]) -> bool {
    if !matches!(group.subject, Subject::Quantity(_)) {
        return false;
    }
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
    later(version, other) || later(other, version)
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
    let subject = group.subject.label(&other_said);
    let (this_claim, other_claim) = match this.value {
        Value::Happened(true) => ("it did".to_string(), "it did not".to_string()),
        Value::Happened(false) => ("it did not".to_string(), "it did".to_string()),
        _ => (quoted(&said), quoted(&other_said)),
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
        "the - line is what most stories say; check this story's version against the original source"
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

    #[test]
    fn a_swapped_name_in_a_shared_sentence_is_reported() {
        let line = |town: &str| {
            format!(
                "Fire crews from {town} were called to the Kestrel Dock warehouse at 2am on Tuesday."
            )
        };
        let found = findings(&[
            ("a.md", story("Ledger", "2025-03-11", &line("Kelsford"))),
            ("b.md", story("Post", "2025-03-11", &line("Kelsford"))),
            ("c.md", story("Record", "2025-03-11", &line("Marwick"))),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("c.md: Marwick | stories disagree on who or what it names"),
            "{found:?}"
        );
    }

    #[test]
    fn one_outlets_figures_update_each_other() {
        let found = findings(&[
            (
                "a.md",
                story(
                    "Ledger",
                    "2025-03-11",
                    "About 60 firefighters fought the warehouse fire at Kestrel Dock.",
                ),
            ),
            (
                "b.md",
                story(
                    "Ledger",
                    "2025-03-11",
                    "Some 120 firefighters fought the Kestrel Dock warehouse blaze.",
                ),
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn questions_and_labels_claim_nothing() {
        let found = findings(&[
            (
                "a.md",
                story(
                    "Ledger",
                    "2025-03-11",
                    "Did the council approve the closure of the Elm Street library?",
                ),
            ),
            (
                "b.md",
                story(
                    "Post",
                    "2025-03-11",
                    "The council did not approve the closure of the Elm Street library.",
                ),
            ),
            (
                "c.md",
                story(
                    "Record",
                    "2025-03-11",
                    "Storm Kestrel, a category 3 hurricane, hit the Elm Street library.",
                ),
            ),
            (
                "d.md",
                story(
                    "Gazette",
                    "2025-03-11",
                    "Storm Kestrel, a category 2 hurricane, hit the Elm Street library.",
                ),
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_different_figure_for_the_same_group_is_reported_whatever_the_verb() {
        let found = findings(&[
            (
                "a.md",
                story(
                    "Ledger",
                    "2025-03-16",
                    "All 37 night-shift workers were evacuated from the Harwood plant in Marwick.",
                ),
            ),
            (
                "b.md",
                story(
                    "Post",
                    "2025-03-16",
                    "Thirty-seven night-shift workers escaped the Harwood plant in Marwick unhurt.",
                ),
            ),
            (
                "c.md",
                story(
                    "Record",
                    "2025-03-16",
                    "Mr Whitfield was one of 73 night-shift workers led out of the Harwood plant in Marwick.",
                ),
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("c.md: 73 night-shift workers"),
            "{found:?}"
        );
    }
}
