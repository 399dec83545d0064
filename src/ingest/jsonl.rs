//! The JSON Lines reader: one story per line, with `id`, `title`, `date`, `source`, `url`,
//! `body` (and optionally `author`); other keys are ignored.
//!
//! A bad line does not stop the file: it is reported with its line number and the good lines
//! are still read. Strings are decoded here rather than by the JSON parser so that every byte of
//! the headline and body keeps its offset in the file (`\n` in the file is two bytes, one in the
//! text).

use rayon::prelude::*;
use serde::Deserialize;

use super::Draft;
use super::source::TextBuilder;

#[derive(Deserialize)]
struct RawStory {
    id: Option<serde_json::Value>,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    author: Option<String>,
    body: Option<String>,
}

/// Reads every line. Returns the stories and, for each line that is not one (or is longer than
/// `max_bytes`), its 1-based line number and the reason.
pub fn read(raw: &str, max_bytes: u64) -> (Vec<Draft>, Vec<(usize, String)>) {
    // The lines with something on them, with their 1-based numbers and offsets in `raw`.
    let mut lines = Vec::new();
    let mut line_start = 0;
    for (index, line) in raw.split('\n').enumerate() {
        let offset = line_start;
        line_start += line.len() + 1;
        let line = line.trim_end_matches('\r');
        let (line, offset) = match line.strip_prefix('\u{feff}') {
            Some(rest) if index == 0 => (rest, offset + 3),
            _ => (line, offset),
        };
        if !line.trim().is_empty() {
            lines.push((index + 1, line, offset));
        }
    }
    // Each line is parsed on its own, on every core; the results keep the file's order.
    let read: Vec<(usize, Result<Draft, String>)> = lines
        .into_par_iter()
        .map(|(number, line, offset)| {
            if line.len() as u64 > max_bytes {
                return (number, Err(super::too_large(line.len() as u64, max_bytes)));
            }
            let draft = read_line(line, offset).map(|mut draft| {
                draft.line = number;
                draft
            });
            (number, draft)
        })
        .collect();
    let mut drafts = Vec::new();
    let mut bad = Vec::new();
    for (number, draft) in read {
        match draft {
            Ok(draft) => drafts.push(draft),
            Err(reason) => bad.push((number, reason)),
        }
    }
    (drafts, bad)
}

fn read_line(line: &str, offset: usize) -> Result<Draft, String> {
    let story: RawStory = serde_json::from_str(line).map_err(|error| {
        format!(
            "not a story: {error}; each line must be one JSON object with the keys id, title, \
             date, source, url and body"
        )
    })?;
    let body = story.body.as_deref().unwrap_or("");
    let title = story.title.as_deref().unwrap_or("");
    if body.trim().is_empty() && title.trim().is_empty() {
        return Err("the story has no title and no body".to_string());
    }
    let spans = top_level_strings(line);
    let span_of = |key: &str| {
        spans
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|&(_, s, e)| (s, e))
    };
    let mut builder = TextBuilder::new();
    if let Some((start, end)) = span_of("title").filter(|_| !title.trim().is_empty()) {
        decode_into(&line[start..end], offset + start, &mut builder);
        builder.trim_end();
        builder.push_separator("\n\n");
    }
    let body_start = builder.text().len();
    if let Some((start, end)) = span_of("body") {
        decode_into(&line[start..end], offset + start, &mut builder);
    }
    let id = story.id.and_then(|id| match id {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    Ok(Draft {
        id,
        title: story.title.filter(|t| !t.trim().is_empty()),
        outlet: story.source,
        date: story.date,
        url: story.url,
        author: story.author,
        text: builder.finish(),
        body_start,
        line: 1,
    })
}

/// The keys of a JSON object's top-level string values, each with the byte span of the string's
/// contents (between its quotes). The line is known to be valid JSON.
fn top_level_strings(line: &str) -> Vec<(String, usize, usize)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut pending_key: Option<String> = None;
    let mut expecting_value = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let end = string_end(bytes, start);
                if depth == 1 {
                    if expecting_value {
                        if let Some(key) = pending_key.take() {
                            out.push((key, start, end));
                        }
                        expecting_value = false;
                    } else {
                        pending_key = Some(line[start..end].to_string());
                    }
                }
                i = end + 1;
                continue;
            }
            b':' if depth == 1 => expecting_value = true,
            b'{' | b'[' => {
                depth += 1;
                if depth == 2 {
                    expecting_value = false;
                    pending_key = None;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => {
                expecting_value = false;
                pending_key = None;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The index of the closing quote of the string whose contents start at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Decodes the contents of a JSON string into `builder`, keeping offsets: plain runs are copied
/// verbatim, each escape is pushed as decoded text mapped to its backslash.
fn decode_into(contents: &str, offset: usize, builder: &mut TextBuilder) {
    let bytes = contents.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        builder.push_verbatim(&contents[run_start..i], offset + run_start);
        let (decoded, len) = decode_escape(&contents[i..]);
        builder.push_decoded(&decoded, offset + i, len);
        i += len;
        run_start = i;
    }
    builder.push_verbatim(&contents[run_start..], offset + run_start);
}

/// One escape at the start of `s` (which begins with a backslash): its meaning and its length.
fn decode_escape(s: &str) -> (String, usize) {
    let Some(kind) = s.as_bytes().get(1) else {
        return (String::new(), s.len());
    };
    let simple = match kind {
        b'n' => '\n',
        b't' => '\t',
        b'r' => '\r',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'u' => return decode_unicode_escape(s),
        other => char::from(*other),
    };
    (simple.to_string(), 2)
}

fn decode_unicode_escape(s: &str) -> (String, usize) {
    let unit = |at: usize| {
        s.get(at..at + 4)
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
    };
    let Some(high) = unit(2) else {
        return ('\u{fffd}'.to_string(), s.len().min(6));
    };
    if (0xD800..0xDC00).contains(&high)
        && s.get(6..8) == Some("\\u")
        && let Some(low) = unit(8).filter(|low| (0xDC00..0xE000).contains(low))
    {
        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
        let c = char::from_u32(code).unwrap_or('\u{fffd}');
        return (c.to_string(), 12);
    }
    (char::from_u32(high).unwrap_or('\u{fffd}').to_string(), 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = concat!(
        "{\"id\": \"a1\", \"title\": \"Fire at \\\"the\\\" docks\", \"date\": \"2025-03-14\", \"source\": \"Wire\", \"url\": null, \"body\": \"Sixty firefighters.\\n\\nCaf\\u00e9 owner \\ud83d\\ude92 said.\"}\n",
        "not json at all\n",
        "\n",
        "{\"id\": 7, \"title\": \"\", \"body\": \"\", \"extra\": {\"body\": \"nested\"}}\n",
        "{\"id\": 8, \"meta\": {\"title\": \"nested\"}, \"body\": \"Second story.\"}\n",
    );

    #[test]
    fn good_lines_are_read_and_bad_lines_reported() {
        let (drafts, bad) = read(FILE, u64::MAX);
        assert_eq!(drafts.len(), 2);
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].0, 2);
        assert!(
            bad[0]
                .1
                .starts_with("not a story: expected ident at line 1 column 2;"),
            "{}",
            bad[0].1
        );
        assert_eq!(
            bad[1],
            (4, "the story has no title and no body".to_string())
        );
        assert_eq!(drafts[1].line, 5);
        assert_eq!(drafts[1].text.as_str(), "Second story.");
        assert_eq!(drafts[1].id.as_deref(), Some("8"));
    }

    #[test]
    fn decoded_text_maps_back_to_the_file() {
        let (drafts, _) = read(FILE, u64::MAX);
        let draft = &drafts[0];
        let text = draft.text.as_str();
        assert_eq!(
            text,
            "Fire at \"the\" docks\n\nSixty firefighters.\n\nCafé owner 🚒 said."
        );
        assert_eq!(&text[draft.body_start..draft.body_start + 5], "Sixty");
        for word in ["docks", "Sixty", "owner", "said"] {
            let offset = text.find(word).unwrap();
            assert!(
                FILE[draft.text.raw_offset(offset)..].starts_with(word),
                "{word}"
            );
        }
        let e_acute = text.find('é').unwrap();
        assert!(FILE[draft.text.raw_offset(e_acute)..].starts_with("\\u00e9"));
    }
}
