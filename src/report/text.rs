//! The text report: findings grouped under the entity or claim they concern, each shown as a
//! diff, what the knowledge base or the batch holds on a `-` line and what the story says on a
//! `+` line, with the differing words emphasised.
//!
//! ```text
//! Crown Prosecution Service (United Kingdom)
//!
//! error[implausible-entity]: Crown Prosecution Service is the public prosecutor of England and Wales (United Kingdom), not of China
//!   --> stories/garbled.txt:5:42
//!    - … orchestrated by Britain's controversial Crown Prosecution Service, according to …
//!    + … orchestrated by China's controversial Crown Prosecution Service, according to …
//!    = hint: China's public prosecutor is the Supreme People's Procuratorate; …
//! ```

use std::fmt::Write;

use similar::{ChangeTag, TextDiff};

use super::Palette;
use crate::findings::{Diff, Severity};
use crate::ingest::DateOrigin;
use crate::outcome::{CredibilityOverview, Document, DocumentCredibility, Located, Outcome};

/// Above this many stories the report counts them instead of listing them.
const MAX_LISTED_STORIES: usize = 50;

/// Characters of unchanged context kept on each side of a change in a diff line.
const DIFF_CONTEXT: usize = 60;

/// Above this many stories the credibility table shows only the lowest scores.
const MAX_SCORED_STORIES: usize = 20;

/// Signals named on a story's line of reasons; the rest are counted.
const MAX_REASONS: usize = 4;

/// The report as text.
pub fn render(outcome: &Outcome, palette: Palette) -> String {
    let mut out = String::new();
    stories(outcome, palette, &mut out);
    let mut groups: Vec<(&str, Vec<&Located>)> = Vec::new();
    for finding in &outcome.findings {
        match groups.iter_mut().find(|(name, _)| *name == finding.group) {
            Some((_, members)) => members.push(finding),
            None => groups.push((&finding.group, vec![finding])),
        }
    }
    for (name, members) in groups {
        let stories = {
            let mut ids: Vec<&str> = members.iter().map(|f| f.place.story.as_str()).collect();
            ids.dedup();
            ids.len()
        };
        let _ = writeln!(
            out,
            "{} {}",
            palette.strong(name),
            palette.dim(&format!(
                "({} finding{} in {} stor{})",
                members.len(),
                plural(members.len()),
                stories,
                if stories == 1 { "y" } else { "ies" }
            ))
        );
        out.push('\n');
        for finding in members {
            finding_block(finding, palette, &mut out);
        }
    }
    if let Some(overview) = &outcome.credibility {
        credibility(outcome, overview, palette, &mut out);
    }
    summary(outcome, palette, &mut out);
    out
}

/// The credibility table: each story's score, band and main reasons, worst first, then each
/// outlet's score over its stories, with the user's prior beside it, never added in.
fn credibility(
    outcome: &Outcome,
    overview: &CredibilityOverview,
    palette: Palette,
    out: &mut String,
) {
    let mut scored: Vec<(&Document, &DocumentCredibility)> = outcome
        .documents
        .iter()
        .filter_map(|d| d.credibility.as_ref().map(|c| (d, c)))
        .collect();
    if scored.is_empty() {
        return;
    }
    scored.sort_by(|a, b| (a.1.score, &a.0.id).cmp(&(b.1.score, &b.0.id)));
    let _ = writeln!(
        out,
        "{} {}",
        palette.strong("Credibility, worst first"),
        palette.dim(&format!(
            "(each story starts at {}; {})",
            overview.base, overview.legend
        ))
    );
    out.push('\n');
    let shown = if scored.len() > MAX_LISTED_STORIES {
        MAX_SCORED_STORIES
    } else {
        scored.len()
    };
    for (document, score) in &scored[..shown] {
        let _ = writeln!(
            out,
            "  {:>3}  {:5}  {}",
            score.score,
            score.band,
            palette.strong(&document.id)
        );
        let _ = writeln!(out, "              {}", palette.dim(&reasons(score)));
    }
    if shown < scored.len() {
        let rest = &scored[shown..];
        let _ = writeln!(
            out,
            "  … and {} more stories, scoring {} to {}",
            rest.len(),
            rest.first().map_or(0, |(_, c)| c.score),
            rest.last().map_or(0, |(_, c)| c.score)
        );
    }
    out.push('\n');
    if overview.outlets.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{} {}",
        palette.strong("Outlets, worst first"),
        palette.dim("(the mean of their stories here; the outlet's name never counts)")
    );
    out.push('\n');
    let listed = if overview.outlets.len() > MAX_LISTED_STORIES {
        MAX_SCORED_STORIES
    } else {
        overview.outlets.len()
    };
    for outlet in &overview.outlets[..listed] {
        let stories = outlet.stories.len();
        let _ = write!(
            out,
            "  {:>3}  {:5}  {}  {}",
            outlet.score,
            outlet.band,
            outlet.name,
            palette.dim(&format!(
                "({stories} stor{})",
                if stories == 1 { "y" } else { "ies" }
            ))
        );
        if let Some(prior) = &outlet.prior {
            let note = prior
                .note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default();
            let _ = write!(
                out,
                "  {}",
                palette.dim(&format!(
                    "your prior {:+} from {}, not added{note}",
                    prior.points, prior.file
                ))
            );
        }
        out.push('\n');
    }
    if listed < overview.outlets.len() {
        let _ = writeln!(
            out,
            "  … and {} more outlets",
            overview.outlets.len() - listed
        );
    }
    out.push('\n');
}

/// A story's main reasons: each signal's points summed, largest effect first.
fn reasons(score: &DocumentCredibility) -> String {
    let mut totals: Vec<(&str, i32)> = Vec::new();
    for signal in score.signals.iter().filter(|s| s.weight != 0) {
        match totals.iter_mut().find(|(rule, _)| *rule == signal.rule) {
            Some((_, total)) => *total += signal.weight,
            None => totals.push((&signal.rule, signal.weight)),
        }
    }
    if totals.is_empty() {
        return "no signals".to_string();
    }
    totals.sort_by(|a, b| (b.1.abs(), a.0).cmp(&(a.1.abs(), b.0)));
    let mut parts: Vec<String> = totals
        .iter()
        .take(MAX_REASONS)
        .map(|(rule, total)| format!("{rule} {total:+}"))
        .collect();
    if totals.len() > MAX_REASONS {
        parts.push(format!("{} more", totals.len() - MAX_REASONS));
    }
    parts.join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn stories(outcome: &Outcome, palette: Palette, out: &mut String) {
    let documents = &outcome.documents;
    if documents.is_empty() {
        return;
    }
    if documents.len() > MAX_LISTED_STORIES {
        let count = |origin| documents.iter().filter(|d| d.date_origin == origin).count();
        let _ = writeln!(
            out,
            "{} stories: {} dated by metadata, {} dated from their text, {} undated\n",
            documents.len(),
            count(DateOrigin::Metadata),
            count(DateOrigin::Inferred),
            count(DateOrigin::Unknown)
        );
        return;
    }
    let _ = writeln!(out, "{}", palette.strong("Stories"));
    for document in documents {
        let outlet = document.source.as_deref().unwrap_or("outlet unknown");
        let date = match (&document.date, document.date_origin) {
            (Some(date), DateOrigin::Metadata) => date.clone(),
            (Some(date), _) => format!("{date} (inferred from the text)"),
            (None, _) => "date unknown".to_string(),
        };
        let _ = writeln!(
            out,
            "  {}  {}  {}",
            document.id,
            palette.dim(outlet),
            palette.dim(&date)
        );
        for note in &document.notes {
            let _ = writeln!(out, "    {} {note}", palette.warning("note:"));
        }
    }
    out.push('\n');
}

fn finding_block(finding: &Located, palette: Palette, out: &mut String) {
    let label = format!("{}[{}]", finding.severity, finding.rule);
    let label = match finding.severity {
        Severity::Error => palette.error(&label),
        Severity::Warning => palette.warning(&label),
        Severity::Info => palette.info(&label),
    };
    let _ = writeln!(out, "{label}: {}", palette.strong(&finding.message));
    let _ = writeln!(
        out,
        "  {} {}:{}:{}",
        palette.dim("-->"),
        finding.place.path,
        finding.place.line,
        finding.place.column
    );
    match &finding.diff {
        Some(diff) => diff_lines(diff, palette, out),
        None => {
            let _ = writeln!(
                out,
                "   {} {}",
                palette.dim("|"),
                one_line(&finding.place.excerpt)
            );
        }
    }
    for related in &finding.related {
        let _ = writeln!(
            out,
            "   {} {}:{}:{}: {}",
            palette.dim("~"),
            related.path,
            related.line,
            related.column,
            one_line(&related.excerpt)
        );
    }
    if !finding.hint.is_empty() {
        let _ = writeln!(out, "   {} {}", palette.dim("= hint:"), finding.hint);
    }
    out.push('\n');
}

/// Text on one line: runs of white space, line breaks included, become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `-` and `+` lines, clipped to the changed region with some context, changed words
/// emphasised.
fn diff_lines(diff: &Diff, palette: Palette, out: &mut String) {
    let (expected, actual) = clip(&one_line(&diff.expected), &one_line(&diff.actual));
    let words = TextDiff::from_words(expected.as_str(), actual.as_str());
    let mut minus = String::new();
    let mut plus = String::new();
    for change in words.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                minus.push_str(&palette.removed(value));
                plus.push_str(&palette.added(value));
            }
            ChangeTag::Delete => minus.push_str(&palette.removed_emphasis(value)),
            ChangeTag::Insert => plus.push_str(&palette.added_emphasis(value)),
        }
    }
    let _ = writeln!(out, "   {} {minus}", palette.removed("-"));
    let _ = writeln!(out, "   {} {plus}", palette.added("+"));
}

/// Cuts the shared start and end of two lines down to [`DIFF_CONTEXT`] characters each, at word
/// boundaries, marking each cut with an ellipsis.
fn clip(a: &str, b: &str) -> (String, String) {
    let a_chars: Vec<char> = a.chars().collect();
    let b_chars: Vec<char> = b.chars().collect();
    let prefix = a_chars
        .iter()
        .zip(&b_chars)
        .take_while(|(x, y)| x == y)
        .count();
    let max_suffix = a_chars.len().min(b_chars.len()) - prefix;
    let suffix = a_chars
        .iter()
        .rev()
        .zip(b_chars.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let head = if prefix > DIFF_CONTEXT {
        // Cut at a space so no word is split.
        let cut = prefix - DIFF_CONTEXT;
        (cut..prefix).find(|&i| a_chars[i] == ' ').map(|i| i + 1)
    } else {
        None
    };
    let tail = if suffix > DIFF_CONTEXT {
        // Cut at the first space past the kept context; remove from there to the end.
        let len = a_chars.len();
        (len - suffix + DIFF_CONTEXT..len)
            .find(|&i| a_chars[i] == ' ')
            .map(|i| len - i)
    } else {
        None
    };
    let cut = |chars: &[char]| {
        let start = head.unwrap_or(0);
        let end = chars.len() - tail.unwrap_or(0);
        let mut s = String::new();
        if head.is_some() {
            s.push_str("… ");
        }
        s.extend(&chars[start..end.max(start)]);
        if tail.is_some() {
            s.push_str(" …");
        }
        s
    };
    (cut(&a_chars), cut(&b_chars))
}

fn summary(outcome: &Outcome, palette: Palette, out: &mut String) {
    let s = &outcome.summary;
    let count = |n: usize, word: &str| format!("{n} {word}{}", plural(n));
    let errors = count(s.errors, "error");
    let errors = if s.errors > 0 {
        palette.error(&errors)
    } else {
        errors
    };
    let warnings = count(s.warnings, "warning");
    let warnings = if s.warnings > 0 {
        palette.warning(&warnings)
    } else {
        warnings
    };
    let _ = writeln!(
        out,
        "{} read: {errors}, {warnings}, {}; {} skipped",
        if s.documents == 1 {
            "1 story".to_string()
        } else {
            format!("{} stories", s.documents)
        },
        count(s.infos, "info"),
        s.skipped
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_context_around_the_change() {
        let common_start = "word ".repeat(30);
        let common_end = " tail".repeat(30);
        let a = format!("{common_start}Britain's{common_end}");
        let b = format!("{common_start}China's{common_end}");
        let (a, b) = clip(&a, &b);
        assert!(a.starts_with("… word"), "{a}");
        assert!(a.ends_with("tail …"), "{a}");
        assert!(a.contains("Britain's") && b.contains("China's"));
        assert!(a.chars().count() < 140, "{a}");
    }

    #[test]
    fn short_lines_are_not_clipped() {
        assert_eq!(
            clip("Britain's CPS", "China's CPS"),
            ("Britain's CPS".to_string(), "China's CPS".to_string())
        );
    }

    #[test]
    fn diff_emphasises_only_changed_words_when_coloured() {
        let mut out = String::new();
        let diff = Diff {
            expected: "by Britain's CPS".into(),
            actual: "by China's CPS".into(),
        };
        diff_lines(&diff, Palette::plain(), &mut out);
        assert_eq!(out, "   - by Britain's CPS\n   + by China's CPS\n");
    }
}
