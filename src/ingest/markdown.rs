//! The Markdown reader: optional YAML front matter (`title`, `source`, `date`, `url`,
//! `author`), then the body.
//!
//! The body is kept as written, Markdown marks and all: sentence splitting copes with them and
//! offsets stay exact. A headline given in the front matter is placed before the body, mapped to
//! where its value is written.

use super::source::TextBuilder;
use super::{Draft, line_at};
use crate::yaml;

/// Reads a Markdown story. Err when the front matter is unterminated or not valid YAML, or
/// when there is no text at all.
pub fn read(raw: &str) -> Result<Draft, String> {
    let start = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let (first, after_first) = line_at(raw, start);
    let mut draft = Draft {
        line: 1,
        ..Draft::default()
    };
    let mut body_at = start;
    let mut title_at = None;
    if first.trim_end() == "---" {
        let (matter_end, body) = find_closing_fence(raw, after_first).ok_or_else(|| {
            "front matter opened on line 1 is never closed; end it with a line holding only ---"
                .to_string()
        })?;
        let matter = &raw[after_first..matter_end];
        let fields = yaml::parse_scalar_map(matter).map_err(|error| {
            let line = error
                .line
                .map_or(String::new(), |l| format!(" at line {}", l + 1));
            format!(
                "front matter is not valid YAML{line}: {}; fix it, or remove the front matter",
                error.message
            )
        })?;
        let field = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| fields.get(*name).cloned().flatten())
                .filter(|value| !value.trim().is_empty())
        };
        draft.title = field(&["title", "headline"]);
        draft.outlet = field(&["source", "outlet", "publisher"]);
        draft.date = field(&["date", "published", "published_at"]);
        draft.url = field(&["url", "link"]);
        draft.author = field(&["author", "byline"]);
        title_at = draft
            .title
            .as_ref()
            .map(|title| value_offset(raw, after_first, matter_end, "title", title));
        body_at = body;
    }
    let mut builder = TextBuilder::new();
    match (&draft.title, title_at) {
        (Some(title), Some((offset, len))) => {
            if raw.get(offset..offset + len) == Some(title.as_str()) {
                builder.push_verbatim(title, offset);
            } else {
                builder.push_decoded(title, offset, len);
            }
            builder.push_separator("\n\n");
            draft.body_start = builder.text().len();
            let body = raw[body_at..].trim_start_matches(['\n', '\r']);
            builder.push_verbatim(body, raw.len() - body.len());
        }
        _ => {
            let body = &raw[body_at..];
            let mut at = body_at;
            while at < raw.len() {
                let (line, next) = line_at(raw, at);
                let heading = line.trim().trim_start_matches('#').trim();
                if !heading.is_empty() {
                    draft.title = Some(heading.to_string());
                    draft.body_start = next - body_at;
                    break;
                }
                at = next;
            }
            builder.push_verbatim(body, body_at);
        }
    }
    if builder.text().trim().is_empty() {
        return Err("empty story: no headline and no text".to_string());
    }
    draft.text = builder.finish();
    Ok(draft)
}

/// The end of the front matter and the start of the body, if a closing `---` (or `...`) line
/// follows `from`.
fn find_closing_fence(raw: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while at < raw.len() {
        let (line, next) = line_at(raw, at);
        if matches!(line.trim_end(), "---" | "...") {
            return Some((at, next));
        }
        at = next;
    }
    None
}

/// Where the value of `key` is written in the front matter, so findings in a headline point at
/// it; falls back to the key's line when the value is not written literally.
fn value_offset(raw: &str, from: usize, to: usize, key: &str, value: &str) -> (usize, usize) {
    let mut at = from;
    while at < to {
        let (line, next) = line_at(raw, at);
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let written = rest.trim_start();
            let offset = at + line.len() - written.len();
            let quoted = written.starts_with(['"', '\'']);
            let skip = usize::from(quoted);
            let len = written.trim_end().len().saturating_sub(2 * skip);
            if written.get(skip..skip + value.len()) == Some(value) {
                return (offset + skip, value.len());
            }
            return (offset + skip, len);
        }
        at = next;
    }
    (from, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "---\ntitle: \"Fire at the docks\"\nsource: Harbourside Daily\ndate: 2025-03-14\ntags: [fire]\n---\n\nSixty firefighters attended.\n";

    #[test]
    fn front_matter_fields_and_headline() {
        let draft = read(STORY).unwrap();
        assert_eq!(draft.title.as_deref(), Some("Fire at the docks"));
        assert_eq!(draft.outlet.as_deref(), Some("Harbourside Daily"));
        assert_eq!(draft.date.as_deref(), Some("2025-03-14"));
        let text = draft.text.as_str();
        assert_eq!(text, "Fire at the docks\n\nSixty firefighters attended.\n");
        assert_eq!(&text[draft.body_start..draft.body_start + 5], "Sixty");
        for word in ["Fire", "docks", "Sixty", "attended"] {
            let offset = text.find(word).unwrap();
            assert!(
                STORY[draft.text.raw_offset(offset)..].starts_with(word),
                "{word}"
            );
        }
    }

    #[test]
    fn without_front_matter_the_first_heading_is_the_headline() {
        let draft = read("# Fire at the docks\n\nSixty firefighters attended.\n").unwrap();
        assert_eq!(draft.title.as_deref(), Some("Fire at the docks"));
        assert!(
            draft.text.as_str()[draft.body_start..]
                .trim_start()
                .starts_with("Sixty")
        );
    }

    #[test]
    fn broken_front_matter_is_explained() {
        assert_eq!(
            read("---\ntitle: x\nno end here\n").unwrap_err(),
            "front matter opened on line 1 is never closed; end it with a line holding only ---"
        );
        let reason = read("---\ntitle: [unclosed\n---\nBody\n").unwrap_err();
        assert!(
            reason.starts_with("front matter is not valid YAML at line "),
            "{reason}"
        );
    }
}
