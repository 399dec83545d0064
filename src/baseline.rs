//! Baselines: the findings a batch already had, so that a check reports only new ones.
//!
//! A finding is known by its [`Key`]: the rule, the story's id and the text found, normalised
//! (white space collapsed, case and typographic quotes folded). Line numbers are left out on
//! purpose: they shift whenever a story is edited above the finding, and a baseline that broke
//! on every edit would be switched off. The same key gives SARIF its stable fingerprints.

use crate::outcome::Located;

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

    #[test]
    fn normalising_ignores_wrapping_case_and_quote_style() {
        assert_eq!(
            normalise("China\u{2019}s  controversial\n  Crown Prosecution Service"),
            normalise("china's controversial Crown Prosecution Service")
        );
        assert_ne!(normalise("China's CPS"), normalise("Russia's CPS"));
    }
}
