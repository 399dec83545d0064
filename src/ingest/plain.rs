//! The plain-text reader: the first non-empty line is the headline, the rest is the body.
//!
//! The text is kept exactly as it is in the file, so every offset maps one to one.

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
            return Ok(Draft {
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
    fn blank_files_are_refused() {
        assert_eq!(
            read(" \n\t\n").unwrap_err(),
            "empty file: no headline and no text"
        );
    }
}
