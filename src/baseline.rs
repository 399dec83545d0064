//! Baselines: the findings a batch already had, so that a check reports only new ones.
//!
//! A finding is known by its [`Key`]: the rule, the story's id and the text found, normalised
//! (white space collapsed, case and typographic quotes folded). Line numbers are left out on
//! purpose: they shift whenever a story is edited above the finding, and a baseline that broke
//! on every edit would be switched off. The same key gives SARIF its stable fingerprints.
//!
//! The file is JSON (`{"version": 1, "findings": [{"rule", "story", "excerpt"}]}`), read through a
//! raw serde shape that refuses unknown keys. Matching counts: a baseline that holds a finding
//! twice hides two occurrences, and a third is new. Entries that match nothing are returned as
//! stale, so the baseline can shrink as stories are corrected.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::outcome::{Located, Outcome};

/// The baseline file's version; bumped only by a breaking change.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits of its story.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The rule's id.
    pub rule: String,
    /// The story's id.
    pub story: String,
    /// The text found, normalised by [`normalise`].
    pub excerpt: String,
}

impl Key {
    /// The key of a located finding.
    pub fn of(finding: &Located) -> Key {
        Key {
            rule: finding.rule.clone(),
            story: finding.place.story.clone(),
            excerpt: normalise(&finding.place.excerpt),
        }
    }
}

/// The findings a batch is known to have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: Vec<Entry>,
}

/// One known finding, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The rule's id.
    pub rule: String,
    /// The story's id.
    pub story: String,
    /// The text found, as found.
    pub excerpt: String,
}

impl Entry {
    fn key(&self) -> Key {
        Key {
            rule: self.rule.clone(),
            story: self.story.clone(),
            excerpt: normalise(&self.excerpt),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    version: u32,
    findings: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings the baseline knew, and that are no longer reported.
    pub matched: usize,
    /// Entries of the baseline that matched no finding: fixed, or changed beyond recognition.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// The baseline of every finding in `outcome`.
    pub fn of(outcome: &Outcome) -> Baseline {
        Baseline {
            entries: outcome
                .findings
                .iter()
                .map(|f| Entry {
                    rule: f.rule.clone(),
                    story: f.place.story.clone(),
                    excerpt: f.place.excerpt.clone(),
                })
                .collect(),
        }
    }

    /// Reads a baseline file's text; the error says where and what is wrong.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let raw: RawBaseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if raw.version != VERSION {
            return Err(format!(
                "version {} is not known; this crosscheck reads and writes version {VERSION}",
                raw.version
            ));
        }
        Ok(Baseline {
            entries: raw.findings,
        })
    }

    /// The file's text: pretty-printed JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let raw = RawBaseline {
            version: VERSION,
            findings: self.entries.clone(),
        };
        let mut out =
            serde_json::to_string_pretty(&raw).expect("a baseline holds only strings and numbers");
        out.push('\n');
        out
    }

    /// The known entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Removes from `outcome` the findings this baseline knows and recounts its summary.
    pub fn apply(&self, outcome: &mut Outcome) -> Applied {
        let mut remaining: HashMap<Key, usize> = HashMap::new();
        for entry in &self.entries {
            *remaining.entry(entry.key()).or_default() += 1;
        }
        let before = outcome.findings.len();
        outcome
            .findings
            .retain(|finding| match remaining.get_mut(&Key::of(finding)) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            });
        let mut stale = Vec::new();
        for entry in &self.entries {
            if let Some(count) = remaining.get_mut(&entry.key())
                && *count > 0
            {
                *count -= 1;
                stale.push(entry.clone());
            }
        }
        outcome.recount();
        Applied {
            matched: before - outcome.findings.len(),
            stale,
        }
    }
}

/// Text as a baseline compares it: runs of white space become one space, letters are lower
/// case, and curly quotes and apostrophes are straight, so that re-wrapping a paragraph or a
/// sub-editor's change of quote style does not make an old finding look new.
pub fn normalise(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Pack, PackBuilder};

    fn pack() -> Pack {
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        // Credibility signals are findings too; these tests count the other rules' findings.
        builder
            .add_text(
                "no-credibility.yaml",
                "rules:\n  - id: credibility\n    enabled: false\n",
            )
            .unwrap();
        builder.build().unwrap()
    }

    const GARBLED: &str = "Spy shock\n\nMPs were targeted by China's controversial Crown Prosecution Service.\n\nThe French FBI opened an inquiry.\n";

    #[test]
    fn known_findings_are_hidden_after_an_edit_above_them() {
        let pack = pack();
        let before = crate::check_texts(&[("a.txt", GARBLED.to_string())], &pack);
        assert_eq!(before.findings.len(), 2);
        let baseline = Baseline::parse(&Baseline::of(&before).to_json()).unwrap();
        let edited = GARBLED.replace(
            "\n\nThe French",
            "\n\nA new paragraph.\n\nThe Italian FBI denied it.\n\nThe French",
        );
        let mut after = crate::check_texts(&[("a.txt", edited)], &pack);
        let applied = baseline.apply(&mut after);
        assert_eq!(applied.matched, 2);
        assert!(applied.stale.is_empty());
        assert_eq!(after.findings.len(), 1, "{:?}", after.findings);
        assert!(after.findings[0].place.excerpt.contains("Italian FBI"));
        assert_eq!(after.summary.findings, 1);
        assert_eq!(after.summary.errors, 1);
    }

    #[test]
    fn entries_that_no_longer_occur_are_stale() {
        let pack = pack();
        let before = crate::check_texts(&[("a.txt", GARBLED.to_string())], &pack);
        let baseline = Baseline::of(&before);
        let fixed = GARBLED.replace("China's", "Britain's");
        let mut after = crate::check_texts(&[("a.txt", fixed)], &pack);
        let applied = baseline.apply(&mut after);
        assert_eq!(applied.matched, 1);
        assert_eq!(applied.stale.len(), 1);
        assert!(applied.stale[0].excerpt.contains("China's"));
        assert!(after.findings.is_empty());
    }

    #[test]
    fn a_finding_known_once_is_new_the_second_time() {
        let pack = pack();
        let once = crate::check_texts(&[("a.txt", GARBLED.to_string())], &pack);
        let baseline = Baseline::of(&once);
        // A repeated paragraph would be set aside as a caption; this one differs around the name.
        let twice = format!("{GARBLED}\nLater, the French FBI opened a second inquiry.\n");
        let mut after = crate::check_texts(&[("a.txt", twice)], &pack);
        let applied = baseline.apply(&mut after);
        assert_eq!(applied.matched, 2);
        assert_eq!(after.findings.len(), 1);
    }

    #[test]
    fn a_bad_baseline_file_says_where_and_what() {
        let error = Baseline::parse(
            "{\"version\": 1, \"findings\": [{\"rule\": \"x\", \"story\": \"a\", \"exerpt\": \"b\"}]}",
        )
        .unwrap_err();
        assert!(error.starts_with("unknown field `exerpt`"), "{error}");
        assert!(error.contains(" at line 1 column "), "{error}");
        let error = Baseline::parse("{\"version\": 2, \"findings\": []}").unwrap_err();
        assert_eq!(
            error,
            "version 2 is not known; this crosscheck reads and writes version 1"
        );
    }

    #[test]
    fn normalising_ignores_wrapping_case_and_quote_style() {
        assert_eq!(
            normalise("China\u{2019}s  controversial\n  Crown Prosecution Service"),
            normalise("china's controversial Crown Prosecution Service")
        );
        assert_ne!(normalise("China's CPS"), normalise("Russia's CPS"));
    }
}
