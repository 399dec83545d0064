//! Segmentation: a story's text into paragraphs and sentences, with what is set aside.
//!
//! Claims live in sentences, so every detector reads [`Segmented::sentences`]. Two kinds of text
//! are set aside and never checked: a reader-comment section appended to the story (a line such
//! as "7 Comments" and everything after it: the readers' words are not the story's claims), and
//! a paragraph that repeats an earlier one word for word (scraped pages often print a picture
//! caption twice; it is one claim, not two).

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use crate::findings::Span;

/// Which part of the story a sentence is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The headline (and, for plain text, the first line).
    Headline,
    /// The body.
    Body,
}

/// One sentence of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is in the story's text, without surrounding white space.
    pub span: Span,
    /// Index of its paragraph, counting from 0 at the headline.
    pub paragraph: usize,
    /// Headline or body.
    pub part: Part,
}

/// Why a stretch of text was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAside {
    /// Reader comments after the story.
    Comments,
    /// A paragraph that repeats an earlier one.
    Repeat,
}

/// A story cut into sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// The sentences to check, in order.
    pub sentences: Vec<Sentence>,
    /// Text not checked, and why.
    pub set_aside: Vec<(Span, SetAside)>,
}

/// A line that starts a reader-comment section: "7 Comments", "Comments (12)", "Reader
/// comments", "Show 40 comments".
static COMMENTS_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:\d[\d,]*\s+comments?|comments?\s*\(\d[\d,]*\)|readers?'?\s+comments|(?:show|view|load|read)\s+(?:all\s+)?(?:\d[\d,]*\s+)?comments?)\s*$",
    )
    .expect("constant pattern")
});

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "gov", "sen", "rep", "rev", "hon", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est",
    "dept", "univ", "ave", "mt", "ft", "fig", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m",
    "p.m", "d.c", "cf", "al",
];

/// Cuts `text` into sentences; the headline ends at `body_start`.
pub fn segment(text: &str, body_start: usize) -> Segmented {
    let mut out = Segmented::default();
    let mut seen_paragraphs = FxHashSet::default();
    let mut paragraph_index = 0;
    for paragraph in paragraphs(text, body_start) {
        let part = if paragraph.start < body_start {
            Part::Headline
        } else {
            Part::Body
        };
        let body = &text[paragraph.start..paragraph.end];
        if part == Part::Body && COMMENTS_MARKER.is_match(body.lines().next().unwrap_or("")) {
            out.set_aside.push((
                Span::new(paragraph.start, text.trim_end().len()),
                SetAside::Comments,
            ));
            break;
        }
        if body.split_whitespace().nth(3).is_some() && !seen_paragraphs.insert(normalise(body)) {
            out.set_aside.push((paragraph, SetAside::Repeat));
            continue;
        }
        for span in sentences(text, paragraph) {
            out.sentences.push(Sentence {
                span,
                paragraph: paragraph_index,
                part,
            });
        }
        paragraph_index += 1;
    }
    out
}

/// Lower case with white space folded, for comparing paragraphs.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// Paragraph spans: blank lines always separate paragraphs, and so does a line break after a
/// line that ends a sentence or looks like a heading. A line that stops mid-sentence is
/// hard-wrapped prose and runs on into the next.
fn paragraphs(text: &str, body_start: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    let mut at = 0;
    while at < text.len() {
        let end_of_line = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[at..end_of_line];
        let trimmed = line.trim();
        let next = (end_of_line + 1).min(text.len());
        if trimmed.is_empty() {
            if let Some(span) = current.take() {
                out.push(span);
            }
            at = next.max(end_of_line);
            if end_of_line == text.len() {
                break;
            }
            continue;
        }
        let start = at + (line.len() - line.trim_start().len());
        let end = at + line.trim_end().len();
        let starts_block = trimmed.starts_with(['#', '-', '*', '>', '•'])
            || COMMENTS_MARKER.is_match(trimmed)
            || start == body_start
            || (start > body_start && at <= body_start);
        // A line that opens in lower case continues the sentence before it, however short
        // the line before was.
        let continues = trimmed.starts_with(char::is_lowercase);
        current = match current {
            Some(span) if !starts_block && (continues || runs_on(&text[span.start..span.end])) => {
                Some(Span::new(span.start, end))
            }
            Some(span) => {
                out.push(span);
                Some(Span::new(start, end))
            }
            None => Some(Span::new(start, end)),
        };
        if end_of_line == text.len() {
            break;
        }
        at = next;
    }
    if let Some(span) = current {
        out.push(span);
    }
    out
}

/// Whether a paragraph's last line was cut mid-sentence by a hard wrap.
fn runs_on(paragraph: &str) -> bool {
    let last_line = paragraph
        .rsplit('\n')
        .next()
        .unwrap_or(paragraph)
        .trim_end();
    let ends_clause = last_line.ends_with(['.', '!', '?', ':', ';', '"', '\'', ')', ']', '”', '’']);
    !ends_clause && last_line.chars().count() >= 40 && !COMMENTS_MARKER.is_match(last_line)
}

/// Sentence spans within one paragraph.
fn sentences(text: &str, paragraph: Span) -> Vec<Span> {
    let body = &text[paragraph.start..paragraph.end];
    let char_at = |at: usize| body[at..].chars().next();
    let mut out = Vec::new();
    let mut start = 0;
    // The closing quotes and white space stepped over after a mark hold no other mark, so
    // every mark is looked at in turn.
    for (offset, mark) in body.match_indices(['.', '!', '?']) {
        // Closing quotes and brackets belong to the sentence they close.
        let mut end = offset + mark.len();
        while let Some(c) = char_at(end).filter(|c| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']'))
        {
            end += c.len_utf8();
        }
        let followed_by_space = char_at(end).is_some_and(char::is_whitespace);
        let mut next = end;
        while let Some(c) = char_at(next).filter(|c| c.is_whitespace()) {
            next += c.len_utf8();
        }
        let next_starts_sentence = char_at(next).is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '“' | '‘' | '(')
        });
        if followed_by_space
            && next_starts_sentence
            && !(mark == "." && is_abbreviation(&body[start..offset]))
        {
            push_trimmed(&mut out, paragraph.start, body, start, end);
            start = next;
        }
    }
    push_trimmed(&mut out, paragraph.start, body, start, body.len());
    out
}

fn push_trimmed(out: &mut Vec<Span>, base: usize, body: &str, start: usize, end: usize) {
    let piece = &body[start..end];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    out.push(Span::new(
        base + start + lead,
        base + start + lead + trimmed.len(),
    ));
}

/// Whether the word before a full stop is an abbreviation or an initial ("Mr", "U.S", "J").
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str, body_start: usize) -> Vec<&str> {
        segment(text, body_start)
            .sentences
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "Headline here\n\nMr. Smith met Dr. Jones at 3 p.m. on Friday. They spoke \
                    about the U.S. economy. \"It was fine,\" he said. J. K. Rowling agreed!";
        assert_eq!(
            sentence_texts(text, 15),
            vec![
                "Headline here",
                "Mr. Smith met Dr. Jones at 3 p.m. on Friday.",
                "They spoke about the U.S. economy.",
                "\"It was fine,\" he said.",
                "J. K. Rowling agreed!",
            ]
        );
    }

    #[test]
    fn headline_without_full_stop_is_its_own_sentence() {
        let text =
            "UK MPs targeted in an influence operation by a foreign service\nThe body starts here.";
        let texts = sentence_texts(text, text.find("The body").unwrap());
        assert_eq!(texts.len(), 2);
        assert_eq!(segment(text, 64).sentences[0].part, Part::Headline);
    }

    #[test]
    fn hard_wrapped_lines_run_on() {
        let text = "Title\n\nThe case was brought by China's controversial\nCrown Prosecution Service, officials said.\nNext paragraph.";
        let texts = sentence_texts(text, 7);
        assert_eq!(
            texts[1],
            "The case was brought by China's controversial\nCrown Prosecution Service, officials said."
        );
        assert_eq!(texts[2], "Next paragraph.");
    }

    #[test]
    fn reader_comments_are_set_aside() {
        let text = "Title\n\nThe story says one thing.\n7 Comments\nReader1\nThe CPS is Chinese.\n";
        let segmented = segment(text, 7);
        let texts: Vec<&str> = segmented
            .sentences
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect();
        assert_eq!(texts, vec!["Title", "The story says one thing."]);
        assert_eq!(segmented.set_aside.len(), 1);
        assert_eq!(segmented.set_aside[0].1, SetAside::Comments);
    }

    #[test]
    fn repeated_captions_are_checked_once() {
        let text = "Title\n\nPictured is the minister in London on May 30.\n\nPictured is the minister in London on May 30.\n\nEnd of story here.";
        let segmented = segment(text, 7);
        assert_eq!(segmented.sentences.len(), 3);
        assert_eq!(segmented.set_aside[0].1, SetAside::Repeat);
    }
}
