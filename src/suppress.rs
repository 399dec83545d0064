//! Inline suppressions: an editor's note in a Markdown or HTML story that a finding in the next
//! paragraph has been looked at and is not a problem.
//!
//! ```markdown
//! <!-- crosscheck-ignore implausible-entity: the quote is the minister's own words -->
//! "We were targeted by China's Crown Prosecution Service," the minister said.
//! ```
//!
//! The comment names one or more rules (comma-separated) and, after a colon, the reason, which
//! is required so that the next editor knows why. It covers the next paragraph: in Markdown up to
//! the next blank line; in HTML the next element (up to its closing tag). Suppressions that cover
//! no finding are returned as unused, so that stale ones can be removed. Pure: the caller hands
//! in the files' text.
//!
//! Copy that cannot be edited (wire stories, an archive exported from a CMS) is suppressed from a
//! file instead, a YAML list of [`Listed`] entries naming the rule, the story's id as reports give
//! it, optionally the text found, and the reason.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::baseline::normalise;
use crate::ingest::Format;
use crate::outcome::Outcome;

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--\s*crosscheck-ignore\b(.*?)-->").expect("the pattern is valid")
});

static RULE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9][A-Za-z0-9_-]*$").expect("the pattern is valid"));

/// One suppression comment and the part of its file it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The file.
    pub path: String,
    /// 1-based line of the comment.
    pub line: usize,
    /// The rules it silences.
    pub rules: Vec<String>,
    /// Why.
    pub reason: String,
    /// Byte offset in the file where the covered text starts.
    pub start: usize,
    /// Byte offset just past the covered text.
    pub end: usize,
}

/// A suppression comment that cannot be honoured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub path: String,
    /// 1-based line of the comment.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// The suppression comments in one file's text. Only Markdown and HTML have comments; other
/// formats give none. Comments naming a rule not in `known_rules`, or giving no reason, are
/// problems and suppress nothing.
pub fn find(
    path: &str,
    text: &str,
    format: Format,
    known_rules: &[&str],
) -> (Vec<Suppression>, Vec<Problem>) {
    let mut suppressions = Vec::new();
    let mut problems = Vec::new();
    if !matches!(format, Format::Markdown | Format::Html) {
        return (suppressions, problems);
    }
    for found in COMMENT.captures_iter(text) {
        let whole = found.get(0).expect("a match has a whole");
        let line = text[..whole.start()].matches('\n').count() + 1;
        let problem = |message: String| Problem {
            path: path.to_string(),
            line,
            message,
        };
        let inner = found[1].trim();
        let Some((rules, reason)) = inner.split_once(':') else {
            problems.push(problem(
                "a suppression needs a rule and a reason: <!-- crosscheck-ignore RULE: reason -->"
                    .to_string(),
            ));
            continue;
        };
        let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if reason.is_empty() {
            problems.push(problem(format!(
                "the suppression of {} gives no reason; say after the colon why the finding is not a problem",
                rules.trim()
            )));
            continue;
        }
        let rules: Vec<String> = rules.split(',').map(|r| r.trim().to_string()).collect();
        if let Some(bad) = rules.iter().find(|r| !RULE_ID.is_match(r)) {
            problems.push(problem(format!(
                "'{bad}' is not a rule id; write <!-- crosscheck-ignore RULE: reason -->"
            )));
            continue;
        }
        if let Some(unknown) = rules.iter().find(|r| !known_rules.contains(&r.as_str())) {
            problems.push(problem(format!(
                "no rule '{unknown}'; the loaded rules are: {}",
                known_rules.join(", ")
            )));
            continue;
        }
        let (start, end) = covered(text, whole.end(), format);
        suppressions.push(Suppression {
            path: path.to_string(),
            line,
            rules,
            reason,
            start,
            end,
        });
    }
    (suppressions, problems)
}

/// The next paragraph after byte `from`: its first non-blank character, to the next blank line
/// (Markdown) or the end of the element it opens (HTML).
fn covered(text: &str, from: usize, format: Format) -> (usize, usize) {
    let rest = &text[from..];
    let start = from + (rest.len() - rest.trim_start().len());
    let body = &text[start..];
    let blank_line = blank_line(body).map_or(text.len(), |at| start + at);
    if format == Format::Markdown {
        return (start, blank_line);
    }
    let end = match element_name(body) {
        Some(name) => {
            let closing = format!("</{}", name.to_ascii_lowercase());
            body.to_ascii_lowercase()
                .find(&closing)
                .and_then(|at| body[at..].find('>').map(|gt| start + at + gt + 1))
        }
        // Text straight after the comment, inside an element: up to that element's end.
        None => body.find("</").map(|at| start + at),
    };
    (start, end.unwrap_or(blank_line))
}

/// Offset of the first line holding only white space, after the first line.
fn blank_line(text: &str) -> Option<usize> {
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if index > 0 && line.trim().is_empty() {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// The name of the element `text` opens with, if it starts with an opening tag.
fn element_name(text: &str) -> Option<&str> {
    let after = text.strip_prefix('<')?;
    let len = after
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(after.len());
    (len > 0 && after.as_bytes()[0].is_ascii_alphabetic()).then(|| &after[..len])
}

/// An entry of a suppressions file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawListed {
    rule: String,
    story: String,
    text: Option<String>,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppressions {
    suppressions: Vec<RawListed>,
}

/// A suppression from a suppressions file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// 1-based position in the file's list.
    pub entry: usize,
    /// The rule it silences.
    pub rule: String,
    /// The story's id, as reports give it.
    pub story: String,
    /// The text found, normalised; `None` silences the rule in the whole story.
    pub text: Option<String>,
    /// Why.
    pub reason: String,
}

/// Reads a suppressions file's text; the error says where and what is wrong.
pub fn parse_listed(text: &str, known_rules: &[&str]) -> Result<Vec<Listed>, String> {
    let raw: RawSuppressions = crate::yaml::parse(text).map_err(|e| match (e.line, e.column) {
        (Some(line), Some(column)) => format!("{line}:{column}: {}", e.message),
        _ => e.message,
    })?;
    raw.suppressions
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let number = index + 1;
            if entry.reason.trim().is_empty() {
                return Err(format!(
                    "entry {number} gives no reason; say why the finding is not a problem"
                ));
            }
            if !known_rules.contains(&entry.rule.as_str()) {
                return Err(format!(
                    "entry {number}: no rule '{}'; the loaded rules are: {}",
                    entry.rule,
                    known_rules.join(", ")
                ));
            }
            Ok(Listed {
                entry: number,
                rule: entry.rule,
                story: entry.story,
                text: entry.text.as_deref().map(normalise),
                reason: entry.reason.trim().to_string(),
            })
        })
        .collect()
}

/// Removes from `outcome` the findings a listed suppression covers (same rule and story, and the
/// text found contains the entry's text), recounting its summary, and returns the entries that
/// covered none.
pub fn apply_listed<'a>(listed: &'a [Listed], outcome: &mut Outcome) -> Vec<&'a Listed> {
    let mut used = vec![false; listed.len()];
    outcome.findings.retain(|finding| {
        let excerpt = normalise(&finding.place.excerpt);
        let covering = listed.iter().position(|l| {
            l.rule == finding.rule
                && l.story == finding.place.story
                && l.text.as_ref().is_none_or(|t| excerpt.contains(t.as_str()))
        });
        match covering {
            Some(index) => {
                used[index] = true;
                false
            }
            None => true,
        }
    });
    outcome.recount();
    listed
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(l, _)| l)
        .collect()
}

/// Removes from `outcome` the findings a suppression covers, recounting its summary, and returns
/// the suppressions that covered none.
pub fn apply<'a>(suppressions: &'a [Suppression], outcome: &mut Outcome) -> Vec<&'a Suppression> {
    let mut used = vec![false; suppressions.len()];
    outcome.findings.retain(|finding| {
        let place = &finding.place;
        let covering = suppressions.iter().position(|s| {
            s.path == place.path
                && s.start <= place.start
                && place.start < s.end
                && s.rules.contains(&finding.rule)
        });
        match covering {
            Some(index) => {
                used[index] = true;
                false
            }
            None => true,
        }
    });
    outcome.recount();
    suppressions
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(s, _)| s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackBuilder;

    const RULES: &[&str] = &["implausible-entity", "contradiction"];

    fn check_and_suppress(name: &str, text: &str) -> (Outcome, Vec<Suppression>, Vec<Problem>) {
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        // Credibility signals are findings too; these tests count the other rules' findings.
        builder
            .add_text(
                "no-credibility.yaml",
                "rules:\n  - id: credibility\n    enabled: false\n",
            )
            .unwrap();
        let pack = builder.build().unwrap();
        let format = Format::from_path(std::path::Path::new(name)).unwrap();
        let (suppressions, problems) = find(name, text, format, RULES);
        let mut outcome = crate::check_texts(&[(name, text.to_string())], &pack);
        let unused: Vec<Suppression> = apply(&suppressions, &mut outcome)
            .into_iter()
            .cloned()
            .collect();
        (outcome, unused, problems)
    }

    #[test]
    fn a_markdown_comment_silences_the_next_paragraph_only() {
        let text = "---\ntitle: Spy shock\n---\n\n<!-- crosscheck-ignore implausible-entity: quoting the minister's words -->\n\"We were targeted by China's controversial Crown Prosecution Service,\" the minister said.\n\nThe French FBI opened an inquiry.\n";
        let (outcome, unused, problems) = check_and_suppress("a.md", text);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(unused.is_empty());
        assert_eq!(outcome.findings.len(), 1, "{:?}", outcome.findings);
        assert_eq!(outcome.findings[0].place.excerpt, "French FBI");
        assert_eq!(outcome.summary.errors, 1);
    }

    #[test]
    fn an_html_comment_silences_the_next_element() {
        let text = "<html><head><title>Spy shock</title></head><body><article>\n<!-- crosscheck-ignore implausible-entity: satire column -->\n<p>The French FBI opened an inquiry.</p>\n<p>Russia's powerful Bundestag voted on Tuesday.</p>\n</article></body></html>\n";
        let (outcome, unused, problems) = check_and_suppress("a.html", text);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(unused.is_empty());
        let excerpts: Vec<&str> = outcome
            .findings
            .iter()
            .map(|f| f.place.excerpt.as_str())
            .collect();
        assert_eq!(excerpts, vec!["Russia's powerful Bundestag"]);
    }

    #[test]
    fn a_suppression_without_a_reason_is_a_problem_and_silences_nothing() {
        let text = "---\ntitle: Spy\n---\n\n<!-- crosscheck-ignore implausible-entity: -->\nThe French FBI opened an inquiry.\n";
        let (outcome, _, problems) = check_and_suppress("a.md", text);
        assert_eq!(outcome.findings.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5);
        assert_eq!(
            problems[0].message,
            "the suppression of implausible-entity gives no reason; say after the colon why the finding is not a problem"
        );
        let (_, _, problems) = check_and_suppress(
            "a.md",
            "---\ntitle: Spy\n---\n\n<!-- crosscheck-ignore implausible-entitee: a reason -->\nText.\n",
        );
        assert_eq!(
            problems[0].message,
            "no rule 'implausible-entitee'; the loaded rules are: implausible-entity, contradiction"
        );
    }

    #[test]
    fn a_suppression_over_a_clean_paragraph_is_unused() {
        let text = "---\ntitle: Spy\n---\n\n<!-- crosscheck-ignore implausible-entity: was wrong once -->\nBritain's Crown Prosecution Service charged two men.\n";
        let (_, unused, _) = check_and_suppress("a.md", text);
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].line, 5);
        assert_eq!(unused[0].reason, "was wrong once");
    }

    #[test]
    fn a_suppressions_file_silences_wire_copy_by_story_and_text() {
        let file = "suppressions:\n  - rule: implausible-entity\n    story: wire.txt\n    text: french  FBI\n    reason: the agency's own joke\n  - rule: implausible-entity\n    story: other.txt\n    reason: stale\n";
        let listed = parse_listed(file, RULES).unwrap();
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        // Credibility signals are findings too; these tests count the other rules' findings.
        builder
            .add_text(
                "no-credibility.yaml",
                "rules:\n  - id: credibility\n    enabled: false\n",
            )
            .unwrap();
        let pack = builder.build().unwrap();
        let text = "Wire\n\nThe French FBI opened an inquiry.\n\nRussia's powerful Bundestag voted on Tuesday.\n";
        let mut outcome = crate::check_texts(&[("wire.txt", text.to_string())], &pack);
        let unused = apply_listed(&listed, &mut outcome);
        assert_eq!(outcome.findings.len(), 1);
        assert_eq!(
            outcome.findings[0].place.excerpt,
            "Russia's powerful Bundestag"
        );
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].entry, 2);
    }

    #[test]
    fn a_suppressions_file_needs_reasons_and_known_keys() {
        let error = parse_listed(
            "suppressions:\n  - rule: contradiction\n    story: a.txt\n    reason: ' '\n",
            RULES,
        )
        .unwrap_err();
        assert_eq!(
            error,
            "entry 1 gives no reason; say why the finding is not a problem"
        );
        let error = parse_listed(
            "suppressions:\n  - rule: contradiction\n    stroy: a.txt\n    reason: r\n",
            RULES,
        )
        .unwrap_err();
        assert!(
            error.starts_with("3:5: suppressions[0]: unknown field `stroy`"),
            "{error}"
        );
    }

    #[test]
    fn plain_text_has_no_comments() {
        let text = "Spy\n\n<!-- crosscheck-ignore implausible-entity: no -->\nThe French FBI opened an inquiry.\n";
        let (suppressions, problems) = find("a.txt", text, Format::Plain, RULES);
        assert!(suppressions.is_empty() && problems.is_empty());
    }
}
