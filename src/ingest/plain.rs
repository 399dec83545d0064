//! The plain-text reader: the first non-empty line is the headline, the rest is the body.
//!
//! The text is kept exactly as it is in the file, so every offset maps one to one. Plain text
//! has no metadata, but saved stories often carry a short header under the headline: the
//! outlet's name ("Solent Evening Record", "TrendPulse Daily | World News"), a byline ("By Tom
//! Ashcroft"), a "Published 11 March 2025" line. Those are read as the outlet and author; the
//! date is found later with the other dates in the text.

use super::source::TextBuilder;
use super::{Draft, line_at};

/// Reads a plain-text story. Err when the file holds nothing but white space.
pub fn read(raw: &str) -> Result<Draft, String> {
    let start = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let mut at = start;
    while at < raw.len() {
        let (line, next) = line_at(raw, at);
        if !line.trim().is_empty() {
            let mut builder = TextBuilder::new();
            builder.push_verbatim(&raw[start..], start);
            let header = header_lines(raw, next);
            return Ok(Draft {
                outlet: header.iter().find_map(|l| outlet_name(l)),
                author: header.iter().find_map(|l| byline(l)),
                title: Some(line.trim().to_string()),
                text: builder.finish(),
                body_start: next - start,
                line: 1,
                ..Draft::default()
            });
        }
        at = next;
    }
    Err("empty file: no headline and no text".to_string())
}

/// Most lines of a header block under the headline.
const MAX_HEADER_LINES: usize = 5;

/// The short lines right under the headline, before the first line of prose.
fn header_lines(raw: &str, mut at: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    while at < raw.len() && lines.len() < MAX_HEADER_LINES {
        let (line, next) = line_at(raw, at);
        let line = line.trim();
        at = next;
        if line.is_empty() {
            continue;
        }
        let prose =
            line.ends_with(['.', '!', '?', '"', '”']) || line.split_whitespace().count() > 12;
        if prose {
            break;
        }
        lines.push(line);
    }
    lines
}

/// Small words an outlet's name may hold uncapitalised ("The Times of India").
const NAME_CONNECTORS: &[&str] = &["of", "the", "and", "&", "on", "de", "for"];

/// A header line that reads as an outlet's name: at most five words, each capitalised (or a
/// connector); a section after " | " is dropped ("TrendPulse Daily | World News").
fn outlet_name(line: &str) -> Option<String> {
    let name = line.split(" | ").next()?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower = name.to_lowercase();
    if words.is_empty()
        || words.len() > 5
        || lower.starts_with("by ")
        || lower.starts_with("published")
        || lower.starts_with("updated")
        || !crate::dates::find_dates(name).is_empty()
        || name.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            || NAME_CONNECTORS.contains(&w.to_lowercase().as_str())
    };
    (words.iter().all(capitalised) && words[0].chars().next().is_some_and(char::is_uppercase))
        .then(|| name.to_string())
}

/// The writer's name from a byline ("By Tom Ashcroft, Chief Reporter" gives "Tom Ashcroft").
fn byline(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))?;
    let name = rest.split([',', '|']).next()?.trim();
    (!name.is_empty() && name.split_whitespace().count() <= 5).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_non_empty_line_is_the_headline() {
        let raw = "\u{feff}\n\n  Fire at the docks  \nSixty firefighters attended.\n";
        let draft = read(raw).unwrap();
        assert_eq!(draft.title.as_deref(), Some("Fire at the docks"));
        let text = draft.text.as_str();
        assert_eq!(&text[draft.body_start..], "Sixty firefighters attended.\n");
        let offset = text.find("Sixty").unwrap();
        assert!(raw[draft.text.raw_offset(offset)..].starts_with("Sixty"));
    }

    #[test]
    fn header_lines_give_outlet_and_author() {
        let raw = "Fire at the docks\n\nSolent Evening Record\nPublished 11 March 2025\nBy Tom Ashcroft, Chief Reporter\n\nSixty firefighters attended the blaze on Tuesday.\n";
        let draft = read(raw).unwrap();
        assert_eq!(draft.outlet.as_deref(), Some("Solent Evening Record"));
        assert_eq!(draft.author.as_deref(), Some("Tom Ashcroft"));
        let draft = read("SPY SHOCK: secrets sold\n\nTrendPulse Daily | World News\n\nAccording to new findings, a worker sold secrets.\n").unwrap();
        assert_eq!(draft.outlet.as_deref(), Some("TrendPulse Daily"));
    }

    #[test]
    fn a_subheadline_is_not_an_outlet() {
        let draft = read("MPs targeted\n\nChinese prosecution service targeted UK MPs in influence op\n\nBody text follows here.\n").unwrap();
        assert_eq!(draft.outlet, None);
        let draft = read(
            "Headline\nThe body starts at once and runs on for a good many words, as prose does.\n",
        )
        .unwrap();
        assert_eq!(draft.outlet, None);
    }

    #[test]
    fn blank_files_are_refused() {
        assert_eq!(
            read(" \n\t\n").unwrap_err(),
            "empty file: no headline and no text"
        );
    }
}
