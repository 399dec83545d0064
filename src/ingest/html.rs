//! Reading a saved HTML news page into a story.
//!
//! A saved page holds far more than the story: menus, share buttons, cookie banners, related
//! links, comments. This reader runs a small forgiving lexer over the page (no tree is built, so
//! a broken or enormous page costs linear time and bounded work per tag), reads the metadata
//! (title, outlet, date, canonical URL, author) from `<meta>`, `<link>`, `<title>`, `<time>` and
//! JSON-LD, and keeps the text of the article's paragraphs, headings, list items, quotes and
//! captions while skipping scripts, navigation and other page furniture. Every piece of text is
//! pushed with the byte offset it was read from, so findings point into the HTML file itself,
//! even through decoded `&amp;`s and collapsed white space.

use std::cmp::Reverse;

use super::Draft;
use super::source::TextBuilder;

/// Open elements tracked at most; deeper ones are only counted, so a pathological page cannot
/// make the stack (or the searches through it) grow without bound.
const MAX_DEPTH: usize = 1024;
/// How far down the stack an end tag looks for its start tag before it is ignored as stray.
const END_TAG_REACH: usize = 128;
/// How far down the stack a new block looks for a paragraph or list item it implicitly ends.
const IMPLIED_END_REACH: usize = 16;

/// Reads a saved HTML page. Err carries a plain-English reason for the user when the page holds
/// no story text.
pub fn read(raw: &str) -> Result<Draft, String> {
    let strict = Walk::run(raw, Mode::Strict);
    if strict.has_body() {
        return strict.finish();
    }
    // Some pages wrap everything in a `<form>` (ASP.NET) or give the story's container a class
    // that looks like furniture ("has-sidebar"); before giving up, read the page again trusting
    // only the tags that never hold the story.
    let lenient = Walk::run(raw, Mode::Lenient);
    if lenient.has_body() {
        lenient.finish()
    } else {
        strict.finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer

/// One piece of the page as the lexer sees it.
#[derive(Debug)]
enum Token<'a> {
    /// Text between tags, `start..end` in the page, character references not yet decoded.
    Text {
        start: usize,
        end: usize,
    },
    /// The content of an element read as raw text (`<script>`, `<style>`, `<title>`...).
    Raw {
        start: usize,
        end: usize,
    },
    Start(Tag<'a>),
    End {
        name: &'a str,
        at: usize,
        len: usize,
    },
}

/// A start tag.
#[derive(Debug)]
struct Tag<'a> {
    name: &'a str,
    attrs: Vec<Attr<'a>>,
    self_closing: bool,
    at: usize,
    len: usize,
}

/// An attribute; `value` is the raw text between the quotes, read from byte `at`.
#[derive(Debug)]
struct Attr<'a> {
    name: &'a str,
    value: &'a str,
    at: usize,
}

impl<'a> Tag<'a> {
    fn attr(&self, name: &str) -> Option<&Attr<'a>> {
        self.attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// Whether the space-separated attribute `name` holds `word` (as `rel` holds `canonical`).
    fn attr_has_word(&self, name: &str, word: &str) -> bool {
        self.attr(name).is_some_and(|a| {
            a.value
                .split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case(word))
        })
    }
}

/// Splits a page into tokens the way a browser would, closely enough for reading text: it
/// never fails, and anything it cannot make sense of is either text or skipped.
struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// After the start tag of an element whose content is not markup, the name of its end tag.
    raw_until: Option<&'static str>,
}

/// Elements whose content browsers do not parse as markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "noscript",
    "iframe",
    "noembed",
    "noframes",
    "xmp",
    "textarea",
    "title",
    "plaintext",
];

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            raw_until: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Whether the `<` at `at` starts markup; otherwise it is plain text ("a < b").
    fn opens_markup(&self, at: usize) -> bool {
        match self.bytes().get(at + 1) {
            Some(b) if b.is_ascii_alphabetic() => true,
            Some(b'!' | b'?') => true,
            Some(b'/') => at + 2 < self.src.len(),
            _ => false,
        }
    }

    /// Where the next markup starts at or after `from`, or the end of the page.
    fn next_markup(&self, mut from: usize) -> usize {
        while let Some(offset) = self.bytes().get(from..).and_then(|b| find_byte(b, b'<')) {
            let at = from + offset;
            if self.opens_markup(at) {
                return at;
            }
            from = at + 1;
        }
        self.src.len()
    }

    /// Just past the first `pattern` at or after `from` (an ASCII boundary).
    fn find_past(&self, from: usize, pattern: &str) -> Option<usize> {
        let offset = self.src.get(from..)?.find(pattern)?;
        Some(from + offset + pattern.len())
    }

    /// Just past the first `pattern` at or after `from`, or the end of the page.
    fn skip_past(&self, from: usize, pattern: &str) -> usize {
        self.find_past(from, pattern).unwrap_or(self.src.len())
    }

    /// Where `</name` starts at or after `from`, or the end of the page.
    fn find_end_tag(&self, name: &str, mut from: usize) -> usize {
        let bytes = self.bytes();
        while let Some(offset) = self.src.get(from..).and_then(|rest| rest.find("</")) {
            let at = from + offset;
            let name_end = at + 2 + name.len();
            let named = bytes
                .get(at + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            let ended = bytes
                .get(name_end)
                .is_none_or(|&b| is_space_byte(b) || b == b'/' || b == b'>');
            if named && ended {
                return at;
            }
            from = at + 2;
        }
        self.src.len()
    }

    /// Skips `<!-- -->`, `<![CDATA[ ]]>` and `<!DOCTYPE>`; an unterminated one runs to the end,
    /// as in a browser.
    fn skip_declaration(&self, start: usize) -> usize {
        let rest = &self.bytes()[start..];
        if rest.starts_with(b"<!--") {
            // Searching from the first dash lets `<!-->` and `<!--->` end at once, as browsers do.
            self.skip_past(start + 2, "-->")
        } else if rest
            .get(..9)
            .is_some_and(|r| r.eq_ignore_ascii_case(b"<![cdata["))
        {
            self.skip_past(start + 9, "]]>")
        } else {
            self.skip_past(start + 2, ">")
        }
    }

    fn end_tag(&mut self, start: usize) -> Option<Token<'a>> {
        let bytes = self.bytes();
        let name_start = start + 2;
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `</>` is dropped and `</ 3>` is a comment, as in a browser.
            self.pos = self.skip_past(name_start, ">");
            return None;
        }
        let name_end = scan_name(bytes, name_start);
        let name = &self.src[name_start..name_end];
        let Some(end) = self.find_past(name_end, ">") else {
            self.pos = self.src.len();
            return None;
        };
        self.pos = end;
        Some(Token::End {
            name,
            at: start,
            len: self.pos - start,
        })
    }

    fn start_tag(&mut self, start: usize) -> Option<Token<'a>> {
        let src = self.src;
        let bytes = self.bytes();
        let len = bytes.len();
        let name_end = scan_name(bytes, start + 1);
        let name = &src[start + 1..name_end];
        let mut attrs = Vec::new();
        let mut self_closing = false;
        let mut i = name_end;
        loop {
            while i < len && (is_space_byte(bytes[i]) || bytes[i] == b'/') {
                if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'>') {
                    self_closing = true;
                }
                i += 1;
            }
            if i >= len {
                // A tag cut off by the end of the page is dropped, as in a browser.
                self.pos = len;
                return None;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let attr_start = i;
            i += 1;
            while i < len && !is_space_byte(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            // The first byte may be a multi-byte character's lead byte; step to a boundary.
            while !src.is_char_boundary(i) {
                i += 1;
            }
            let attr_name = &src[attr_start..i];
            while i < len && is_space_byte(bytes[i]) {
                i += 1;
            }
            let (value_start, value_end) = if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < len && is_space_byte(bytes[i]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let value_start = i + 1;
                        let Some(offset) =
                            bytes.get(value_start..).and_then(|b| find_byte(b, quote))
                        else {
                            self.pos = len;
                            return None;
                        };
                        i = value_start + offset + 1;
                        (value_start, value_start + offset)
                    }
                    _ => {
                        let value_start = i;
                        while i < len && !is_space_byte(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        (value_start, i)
                    }
                }
            } else {
                (i, i)
            };
            attrs.push(Attr {
                name: attr_name,
                value: &src[value_start..value_end],
                at: value_start,
            });
        }
        self.pos = i;
        // `<title/>` can only be an SVG title; treating it as raw text would swallow the page.
        if !self_closing {
            self.raw_until = RAW_TEXT
                .iter()
                .find(|raw| raw.eq_ignore_ascii_case(name))
                .copied();
        }
        Some(Token::Start(Tag {
            name,
            attrs,
            self_closing,
            at: start,
            len: i - start,
        }))
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let start = self.pos;
            if start >= self.src.len() {
                return None;
            }
            if let Some(name) = self.raw_until.take() {
                let end = self.find_end_tag(name, start);
                self.pos = end;
                if end > start {
                    return Some(Token::Raw { start, end });
                }
                continue;
            }
            if self.bytes()[start] != b'<' || !self.opens_markup(start) {
                let end = self.next_markup(start + 1);
                self.pos = end;
                return Some(Token::Text { start, end });
            }
            let token = match self.bytes().get(start + 1) {
                Some(b'!') => {
                    self.pos = self.skip_declaration(start);
                    None
                }
                Some(b'?') => {
                    self.pos = self.skip_past(start + 2, ">");
                    None
                }
                Some(b'/') => self.end_tag(start),
                _ => self.start_tag(start),
            };
            if token.is_some() {
                return token;
            }
        }
    }
}

/// The end of a tag name starting at `from`.
fn scan_name(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() && !is_space_byte(bytes[from]) && !matches!(bytes[from], b'/' | b'>') {
        from += 1;
    }
    from
}

fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

// ---------------------------------------------------------------------------------------------
// Text with offsets

/// One stretch of an [`Inline`]'s text and where in the page it was read from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Where the stretch starts in the inline text.
    at: usize,
    raw: usize,
    raw_len: usize,
    verbatim: bool,
}

/// A run of white space (or a `<br>`) waiting to become one space if more text follows.
#[derive(Debug, Clone, Copy)]
struct Gap {
    raw: usize,
    end: usize,
    /// The run is a single plain space, which can be copied rather than decoded.
    plain: bool,
}

/// The text of one block or attribute value, white space collapsed and references decoded,
/// remembering where each piece came from. Leading and trailing white space never gets in, so
/// it is always trimmed.
#[derive(Debug, Default, Clone)]
struct Inline {
    text: String,
    pieces: Vec<Piece>,
    pending: Option<Gap>,
}

impl Inline {
    fn as_str(&self) -> &str {
        &self.text
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Notes white space `len` bytes long at `raw`.
    fn space(&mut self, raw: usize, len: usize, plain: bool) {
        if self.text.is_empty() {
            return;
        }
        match &mut self.pending {
            Some(gap) => {
                // Spaces split by an inline tag keep the first run's offset only.
                if gap.end == raw {
                    gap.end = raw + len;
                    gap.plain = false;
                }
            }
            None => {
                self.pending = Some(Gap {
                    raw,
                    end: raw + len,
                    plain,
                })
            }
        }
    }

    /// Appends text read from `raw_len` bytes at `raw`.
    fn push(&mut self, piece: &str, raw: usize, raw_len: usize, verbatim: bool) {
        if piece.is_empty() {
            return;
        }
        if let Some(gap) = self.pending.take() {
            self.append(" ", gap.raw, gap.end - gap.raw, gap.plain);
        }
        self.append(piece, raw, raw_len, verbatim);
    }

    fn append(&mut self, piece: &str, raw: usize, raw_len: usize, verbatim: bool) {
        if verbatim
            && let Some(last) = self.pieces.last_mut()
            && last.verbatim
            && last.raw + last.raw_len == raw
        {
            last.raw_len += raw_len;
        } else {
            self.pieces.push(Piece {
                at: self.text.len(),
                raw,
                raw_len,
                verbatim,
            });
        }
        self.text.push_str(piece);
    }

    /// The part of the text from `from` to `to` (char boundaries), still mapped.
    fn slice(&self, from: usize, to: usize) -> Inline {
        let mut out = Inline::default();
        for (index, piece) in self.pieces.iter().enumerate() {
            let end = self.pieces.get(index + 1).map_or(self.text.len(), |n| n.at);
            let (start, end) = (piece.at.max(from), end.min(to));
            if start >= end {
                continue;
            }
            if piece.verbatim {
                out.append(
                    &self.text[start..end],
                    piece.raw + (start - piece.at),
                    end - start,
                    true,
                );
            } else {
                out.append(&self.text[start..end], piece.raw, piece.raw_len, false);
            }
        }
        out
    }

    fn write_to(&self, builder: &mut TextBuilder) {
        for (index, piece) in self.pieces.iter().enumerate() {
            let end = self.pieces.get(index + 1).map_or(self.text.len(), |n| n.at);
            let text = &self.text[piece.at..end];
            if piece.verbatim {
                builder.push_verbatim(text, piece.raw);
            } else {
                builder.push_decoded(text, piece.raw, piece.raw_len);
            }
        }
    }
}

/// Appends `src[start..end]` to `out`, decoding character references and collapsing white space.
fn decode_into(src: &str, start: usize, end: usize, out: &mut Inline) {
    let bytes = src.as_bytes();
    let end = end.min(bytes.len());
    let mut literal = start;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        let space_len = if is_space_byte(b) {
            1
        } else if b == 0xC2 && bytes.get(i + 1) == Some(&0xA0) {
            2
        } else {
            0
        };
        if space_len > 0 {
            out.push(&src[literal..i], literal, i - literal, true);
            out.space(i, space_len, b == b' ');
            i += space_len;
            literal = i;
            continue;
        }
        if b == b'&'
            && let Some((c, len)) = reference(&bytes[i..end])
        {
            out.push(&src[literal..i], literal, i - literal, true);
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}') {
                out.space(i, len, false);
            } else {
                out.push(c.encode_utf8(&mut [0; 4]), i, len, false);
            }
            i += len;
            literal = i;
            continue;
        }
        i += 1;
    }
    if literal < end {
        out.push(&src[literal..end], literal, end - literal, true);
    }
}

/// The text of an attribute value, decoded and collapsed.
fn attr_text(src: &str, attr: &Attr) -> Inline {
    let mut out = Inline::default();
    decode_into(src, attr.at, attr.at + attr.value.len(), &mut out);
    out
}

/// Decodes the character reference at the start of `s` (which starts with `&`): the character
/// and how many bytes the reference spans. None leaves it as literal text.
fn reference(s: &[u8]) -> Option<(char, usize)> {
    if s.get(1) == Some(&b'#') {
        let (radix, digits) = if matches!(s.get(2), Some(b'x' | b'X')) {
            (16, 3)
        } else {
            (10, 2)
        };
        let mut value: u32 = 0;
        let mut i = digits;
        while let Some(d) = s.get(i).and_then(|&b| char::from(b).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(d).min(0x11_0000);
            i += 1;
        }
        if i == digits {
            return None;
        }
        if s.get(i) == Some(&b';') {
            i += 1;
        }
        return Some((code_point(value), i));
    }
    let name_len = s
        .iter()
        .skip(1)
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || s.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&s[1..1 + name_len]).ok()?;
    named_reference(name).map(|c| (c, name_len + 2))
}

/// The character a numeric reference stands for, as a browser reads it: 128–159 are taken as
/// Windows-1252 (old pages write `&#146;` for an apostrophe), and anything that is not a valid
/// character becomes U+FFFD.
fn code_point(value: u32) -> char {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0 => 0xFFFD,
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        _ => value,
    };
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

/// The common named references news pages use.
fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{AD}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "prime" => '′',
        "Prime" => '″',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "middot" => '·',
        "bull" => '•',
        "dagger" => '†',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "iexcl" => '¡',
        "iquest" => '¿',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "igrave" => 'ì',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "oacute" => 'ó',
        "ograve" => 'ò',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "szlig" => 'ß',
        "Aacute" => 'Á',
        "Agrave" => 'À',
        "Auml" => 'Ä',
        "Ccedil" => 'Ç',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Iacute" => 'Í',
        "Ntilde" => 'Ñ',
        "Oacute" => 'Ó',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "Uacute" => 'Ú',
        "Uuml" => 'Ü',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// The walk

/// How much of the page the walk is willing to throw away as furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Skip furniture by tag, by class and id, and by ARIA role.
    Strict,
    /// Skip only tags that never hold the story (scripts, navigation, asides, footers).
    Lenient,
}

/// The kinds of element whose text is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    H1,
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Caption,
}

/// What an open element means to the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    /// Page furniture: nothing inside is read.
    Skip,
    /// `<svg>` or `<math>`: skipped, and `<x/>` inside really closes.
    Foreign,
    /// `<header>`: only an `<h1>` inside is read.
    Header,
    Article,
    Main,
    Block(BlockKind),
}

#[derive(Debug)]
struct Open {
    /// Lower-cased tag name.
    name: String,
    role: Role,
}

/// An open block element.
#[derive(Debug, Clone, Copy)]
struct BlockContext {
    kind: BlockKind,
    /// Whether its text is kept (it is not inside furniture).
    keep: bool,
    article: Option<usize>,
    in_main: bool,
}

/// A finished block of text.
#[derive(Debug)]
struct Block {
    kind: BlockKind,
    /// Which top-level `<article>` it is in, counting from 0.
    article: Option<usize>,
    in_main: bool,
    text: Inline,
}

/// A `<time datetime>` seen outside furniture.
#[derive(Debug)]
struct Time {
    article: Option<usize>,
    in_main: bool,
    value: String,
}

/// Metadata candidates; the first value seen for each wins.
#[derive(Debug, Default)]
struct Meta {
    og_title: Option<Inline>,
    twitter_title: Option<Inline>,
    title_element: Option<Inline>,
    site_name: Option<Inline>,
    application_name: Option<Inline>,
    ld_publisher: Option<String>,
    published_time: Option<Inline>,
    named_date: Option<Inline>,
    item_date: Option<Inline>,
    ld_date: Option<String>,
    canonical: Option<Inline>,
    og_url: Option<Inline>,
    author: Option<Inline>,
    article_author: Option<Inline>,
    rel_author: Option<Inline>,
}

/// Where a raw-text token's content goes.
#[derive(Debug, Clone, Copy)]
enum RawOwner {
    Title,
    LinkedData,
}

/// Which part of the page the story is read from.
#[derive(Debug, Clone, Copy)]
enum Region {
    Article(usize),
    Main,
    Page,
}

impl Region {
    fn holds(self, article: Option<usize>, in_main: bool) -> bool {
        match self {
            Region::Article(index) => article == Some(index),
            Region::Main => in_main,
            Region::Page => true,
        }
    }
}

/// One pass over the page's tokens, keeping counters instead of a tree.
struct Walk<'a> {
    src: &'a str,
    mode: Mode,
    stack: Vec<Open>,
    /// Start tags seen beyond [`MAX_DEPTH`] and not yet closed.
    overflow: usize,
    /// Whether any start tag was ever beyond [`MAX_DEPTH`], for the message when no text is found.
    overflowed: bool,
    skip: usize,
    foreign: usize,
    header: usize,
    main: usize,
    article_depth: usize,
    /// Top-level articles seen so far.
    articles: usize,
    open_blocks: Vec<BlockContext>,
    /// Text of the innermost open block, since the last block boundary.
    inline: Inline,
    blocks: Vec<Block>,
    times: Vec<Time>,
    meta: Meta,
    raw_owner: Option<RawOwner>,
    /// The text of an open `rel="author"` link, and the stack depth it closes at.
    author_capture: Option<(usize, Inline)>,
}

impl<'a> Walk<'a> {
    fn run(src: &'a str, mode: Mode) -> Self {
        let mut walk = Walk {
            src,
            mode,
            stack: Vec::new(),
            overflow: 0,
            overflowed: false,
            skip: 0,
            foreign: 0,
            header: 0,
            main: 0,
            article_depth: 0,
            articles: 0,
            open_blocks: Vec::new(),
            inline: Inline::default(),
            blocks: Vec::new(),
            times: Vec::new(),
            meta: Meta::default(),
            raw_owner: None,
            author_capture: None,
        };
        for token in Lexer::new(src) {
            walk.token(token);
        }
        walk.flush();
        while !walk.stack.is_empty() {
            walk.pop();
        }
        walk
    }

    fn token(&mut self, token: Token<'a>) {
        let raw_owner = self.raw_owner.take();
        match token {
            Token::Text { start, end } => self.text(start, end),
            Token::Raw { start, end } => match raw_owner {
                Some(RawOwner::Title) => {
                    let mut title = Inline::default();
                    decode_into(self.src, start, end, &mut title);
                    set_once(&mut self.meta.title_element, title);
                }
                Some(RawOwner::LinkedData) => self.linked_data(start, end),
                None => {}
            },
            Token::Start(tag) => self.start(&tag),
            Token::End { name, at, len } => self.end(name, at, len),
        }
    }

    fn current_article(&self) -> Option<usize> {
        (self.article_depth > 0).then(|| self.articles.saturating_sub(1))
    }

    fn text(&mut self, start: usize, end: usize) {
        if let Some((_, capture)) = &mut self.author_capture {
            decode_into(self.src, start, end, capture);
        }
        if self.skip == 0 && self.open_blocks.last().is_some_and(|b| b.keep) {
            decode_into(self.src, start, end, &mut self.inline);
        }
    }

    /// A `<br>`: a space inside the block.
    fn line_break(&mut self, at: usize, len: usize) {
        self.inline.space(at, len, false);
        if let Some((_, capture)) = &mut self.author_capture {
            capture.space(at, len, false);
        }
    }

    fn start(&mut self, tag: &Tag<'a>) {
        let name = tag.name.to_ascii_lowercase();
        let name = name.as_str();
        match name {
            "meta" => self.meta_tag(tag),
            "link" => {
                if tag.attr_has_word("rel", "canonical")
                    && let Some(href) = tag.attr("href")
                {
                    set_once(&mut self.meta.canonical, attr_text(self.src, href));
                }
            }
            "title" if self.foreign == 0 => self.raw_owner = Some(RawOwner::Title),
            "script"
                if tag
                    .attr("type")
                    .is_some_and(|t| t.value.to_ascii_lowercase().contains("ld+json")) =>
            {
                self.raw_owner = Some(RawOwner::LinkedData);
            }
            "br" => {
                self.line_break(tag.at, tag.len);
                return;
            }
            "time" if self.skip == 0 => {
                if let Some(datetime) = tag.attr("datetime") {
                    let value = attr_text(self.src, datetime);
                    if !value.is_empty() {
                        self.times.push(Time {
                            article: self.current_article(),
                            in_main: self.main > 0,
                            value: value.text,
                        });
                    }
                }
            }
            _ => {}
        }
        if tag.attr_has_word("itemprop", "datePublished")
            && let Some(value) = tag.attr("datetime").or_else(|| tag.attr("content"))
        {
            set_once(&mut self.meta.item_date, attr_text(self.src, value));
        }
        if is_void(name) {
            return;
        }
        let role = self.role_of(name, tag);
        if tag.self_closing && (self.foreign > 0 || role == Role::Foreign) {
            return;
        }
        if is_block_level(name) {
            self.flush();
            self.close_implied(name);
        }
        let author_link = tag.attr_has_word("rel", "author");
        self.push(name, role, author_link);
    }

    fn end(&mut self, name: &str, at: usize, len: usize) {
        let name = name.to_ascii_lowercase();
        if name == "br" {
            // Browsers read `</br>` as `<br>`.
            self.line_break(at, len);
            return;
        }
        if is_block_level(&name) {
            self.flush();
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        let reach = self.stack.len().saturating_sub(END_TAG_REACH);
        if let Some(index) = (reach..self.stack.len())
            .rev()
            .find(|&i| self.stack[i].name == name)
        {
            while self.stack.len() > index {
                self.pop();
            }
        }
    }

    fn role_of(&self, name: &str, tag: &Tag) -> Role {
        match name {
            "svg" | "math" => return Role::Foreign,
            "html" | "body" => return Role::Plain,
            "main" => return Role::Main,
            _ => {}
        }
        if is_skipped(name, self.mode) {
            return Role::Skip;
        }
        if self.mode == Mode::Strict {
            let class = tag.attr("class").map_or("", |a| a.value);
            let id = tag.attr("id").map_or("", |a| a.value);
            let furniture_role = tag.attr("role").is_some_and(|r| {
                matches!(
                    r.value.trim().to_ascii_lowercase().as_str(),
                    "navigation"
                        | "complementary"
                        | "contentinfo"
                        | "search"
                        | "banner"
                        | "menu"
                        | "menubar"
                        | "dialog"
                        | "alertdialog"
                )
            });
            // An article's classes often list its tags ("tag-social-media"), so only a
            // class that starts with a furniture word ("comment") rules it out.
            let anywhere = name != "article";
            if furniture_role
                || tag.attr("hidden").is_some()
                || is_furniture(class, anywhere)
                || is_furniture(id, anywhere)
            {
                return Role::Skip;
            }
            if name == "header" {
                return Role::Header;
            }
        }
        match name {
            "article" => Role::Article,
            "p" => Role::Block(BlockKind::Paragraph),
            "h1" => Role::Block(BlockKind::H1),
            "h2" | "h3" | "h4" | "h5" | "h6" => Role::Block(BlockKind::Heading),
            "li" => Role::Block(BlockKind::ListItem),
            "blockquote" => Role::Block(BlockKind::Quote),
            "figcaption" => Role::Block(BlockKind::Caption),
            _ => Role::Plain,
        }
    }

    fn push(&mut self, name: &str, role: Role, author_link: bool) {
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            self.overflowed = true;
            return;
        }
        match role {
            Role::Plain => {}
            Role::Skip => self.skip += 1,
            Role::Foreign => {
                self.skip += 1;
                self.foreign += 1;
            }
            Role::Header => self.header += 1,
            Role::Main => self.main += 1,
            Role::Article => {
                if self.article_depth == 0 {
                    self.articles += 1;
                }
                self.article_depth += 1;
            }
            Role::Block(kind) => {
                self.flush();
                let keep = self.skip == 0
                    && (self.header == 0 || kind == BlockKind::H1)
                    // Outside the article, lists are menus and link farms.
                    && (kind != BlockKind::ListItem || self.article_depth > 0 || self.main > 0);
                self.open_blocks.push(BlockContext {
                    kind,
                    keep,
                    article: self.current_article(),
                    in_main: self.main > 0,
                });
            }
        }
        self.stack.push(Open {
            name: name.to_string(),
            role,
        });
        if author_link && self.author_capture.is_none() && self.meta.rel_author.is_none() {
            self.author_capture = Some((self.stack.len(), Inline::default()));
        }
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        match open.role {
            Role::Plain => {}
            Role::Skip => self.skip = self.skip.saturating_sub(1),
            Role::Foreign => {
                self.skip = self.skip.saturating_sub(1);
                self.foreign = self.foreign.saturating_sub(1);
            }
            Role::Header => self.header = self.header.saturating_sub(1),
            Role::Main => self.main = self.main.saturating_sub(1),
            Role::Article => self.article_depth = self.article_depth.saturating_sub(1),
            Role::Block(_) => {
                self.flush();
                self.open_blocks.pop();
            }
        }
        if self
            .author_capture
            .as_ref()
            .is_some_and(|(depth, _)| *depth > self.stack.len())
            && let Some((_, author)) = self.author_capture.take()
        {
            set_once(&mut self.meta.rel_author, author);
        }
    }

    /// Ends elements a new block start ends without an end tag: `<p>one<p>two`, `<li>a<li>b`,
    /// `<h2>a<h3>b`.
    fn close_implied(&mut self, name: &str) {
        self.close_open("p", is_block_level);
        if name == "li" {
            self.close_open("li", |open| {
                is_block_level(open) && !matches!(open, "div" | "p" | "address")
            });
        }
        if is_heading(name) && self.stack.last().is_some_and(|open| is_heading(&open.name)) {
            self.pop();
        }
    }

    /// Closes the nearest open `target` if it is near the top of the stack and no element for
    /// which `stops` holds lies above it.
    fn close_open(&mut self, target: &str, stops: impl Fn(&str) -> bool) {
        let reach = self.stack.len().saturating_sub(IMPLIED_END_REACH);
        for index in (reach..self.stack.len()).rev() {
            let open = self.stack[index].name.as_str();
            if open == target {
                while self.stack.len() > index {
                    self.pop();
                }
                return;
            }
            if stops(open) {
                return;
            }
        }
    }

    /// Ends the text run of the innermost block: keeps it if that block's text is kept.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        if text.is_empty() {
            return;
        }
        if let Some(context) = self.open_blocks.last()
            && context.keep
        {
            self.blocks.push(Block {
                kind: context.kind,
                article: context.article,
                in_main: context.in_main,
                text,
            });
        }
    }

    fn meta_tag(&mut self, tag: &Tag) {
        let Some(content) = tag.attr("content") else {
            return;
        };
        let value = attr_text(self.src, content);
        if value.is_empty() {
            return;
        }
        for key in ["property", "name", "itemprop"] {
            let Some(key) = tag.attr(key) else {
                continue;
            };
            let meta = &mut self.meta;
            let slot = match key.value.trim().to_ascii_lowercase().as_str() {
                "og:title" => &mut meta.og_title,
                "twitter:title" => &mut meta.twitter_title,
                "og:site_name" => &mut meta.site_name,
                "application-name" => &mut meta.application_name,
                "article:published_time" => &mut meta.published_time,
                "date" | "pubdate" | "publishdate" | "dc.date.issued" | "sailthru.date"
                | "parsely-pub-date" => &mut meta.named_date,
                "datepublished" => &mut meta.item_date,
                "og:url" => &mut meta.og_url,
                "author" => &mut meta.author,
                "article:author" if !looks_like_url(value.as_str()) => &mut meta.article_author,
                _ => continue,
            };
            set_once(slot, value.clone());
        }
    }

    /// Picks the publication date and publisher out of a JSON-LD block.
    fn linked_data(&mut self, start: usize, end: usize) {
        let Some(json) = self.src.get(start..end) else {
            return;
        };
        if self.meta.ld_date.is_none() {
            self.meta.ld_date = json_field(json, "\"datePublished\"");
        }
        if self.meta.ld_publisher.is_none()
            && let Some(at) = json.find("\"publisher\"")
        {
            let rest = &json[at..];
            // The publisher's own name comes before its object closes.
            let publisher = rest.find('}').map_or(rest, |close| &rest[..close]);
            self.meta.ld_publisher = json_field(publisher, "\"name\"");
        }
    }

    /// Whether the walk found any body text (not only a headline).
    fn has_body(&self) -> bool {
        self.blocks.iter().any(|b| b.kind != BlockKind::H1)
    }

    /// Which part of the page holds the story: the article with the most body text, else
    /// `<main>`, else the whole page.
    fn region(&self) -> Region {
        let mut sizes = vec![0usize; self.articles];
        for block in &self.blocks {
            if block.kind != BlockKind::H1
                && let Some(size) = block.article.and_then(|a| sizes.get_mut(a))
            {
                *size += block.text.as_str().len();
            }
        }
        let largest = sizes
            .iter()
            .enumerate()
            .filter(|(_, size)| **size > 0)
            .max_by_key(|(index, size)| (**size, Reverse(*index)));
        if let Some((index, _)) = largest {
            Region::Article(index)
        } else if self
            .blocks
            .iter()
            .any(|b| b.in_main && b.kind != BlockKind::H1)
        {
            Region::Main
        } else {
            Region::Page
        }
    }

    fn finish(self) -> Result<Draft, String> {
        let Walk {
            blocks,
            times,
            meta,
            ..
        } = &self;
        let outlet = meta
            .site_name
            .as_ref()
            .or(meta.application_name.as_ref())
            .map(|o| o.as_str().to_string())
            .or_else(|| meta.ld_publisher.clone())
            .filter(|o| !o.is_empty());
        let title = meta
            .og_title
            .as_ref()
            .or(meta.twitter_title.as_ref())
            .or(meta.title_element.as_ref())
            .map(|t| strip_site_name(t, outlet.as_deref()));

        let region = self.region();
        let same_as_title = |block: &Block| {
            title
                .as_ref()
                .is_some_and(|t| t.as_str().to_lowercase() == block.text.as_str().to_lowercase())
        };
        let h1s = || {
            blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind == BlockKind::H1)
        };
        let in_region = |block: &Block| region.holds(block.article, block.in_main);
        // The region's own h1 (the one matching the title if several); else an h1 elsewhere
        // that repeats the title; else the title itself; else any h1.
        let headline_block = h1s()
            .filter(|(_, b)| in_region(b))
            .find(|(_, b)| same_as_title(b))
            .or_else(|| h1s().find(|(_, b)| in_region(b)))
            .or_else(|| h1s().find(|(_, b)| same_as_title(b)))
            .or_else(|| title.is_none().then(|| h1s().next()).flatten())
            .map(|(index, _)| index);
        let headline = match headline_block {
            Some(index) => blocks[index].text.clone(),
            None => title.clone().unwrap_or_default(),
        };
        let body: Vec<&Block> = blocks
            .iter()
            .enumerate()
            .filter(|(index, b)| Some(*index) != headline_block && in_region(b))
            .map(|(_, b)| b)
            .collect();
        if headline.is_empty() && body.is_empty() && self.overflowed {
            return Err(format!(
                "no article text found in the page (no <p> or <h1> with text in the first \
                 {MAX_DEPTH} levels of nesting; deeper elements are not read)"
            ));
        }
        if headline.is_empty() && body.is_empty() {
            return Err("no article text found in the page (no <p> or <h1> with text)".into());
        }

        let mut builder = TextBuilder::new();
        headline.write_to(&mut builder);
        let body_start = builder.text().len() + 2;
        builder.push_separator("\n\n");
        for (index, block) in body.iter().enumerate() {
            if index > 0 {
                builder.push_separator("\n\n");
            }
            block.text.write_to(&mut builder);
        }

        let text_of = |value: Option<&Inline>| {
            value
                .map(|v| v.as_str().to_string())
                .filter(|v| !v.is_empty())
        };
        let date = text_of(
            meta.published_time
                .as_ref()
                .or(meta.named_date.as_ref())
                .or(meta.item_date.as_ref()),
        )
        .or_else(|| meta.ld_date.clone())
        .or_else(|| {
            times
                .iter()
                .find(|t| region.holds(t.article, t.in_main))
                .map(|t| t.value.clone())
        });
        Ok(Draft {
            id: None,
            title: text_of(title.as_ref()).or_else(|| text_of(Some(&headline))),
            outlet,
            date,
            url: text_of(meta.canonical.as_ref().or(meta.og_url.as_ref())),
            author: text_of(
                meta.author
                    .as_ref()
                    .or(meta.article_author.as_ref())
                    .or(meta.rel_author.as_ref()),
            ),
            text: builder.finish(),
            body_start,
            line: 1,
        })
    }
}

fn set_once(slot: &mut Option<Inline>, value: Inline) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

/// Removes a " | Outlet" suffix (or "Outlet | " prefix) from a title when it names `outlet`.
fn strip_site_name(title: &Inline, outlet: Option<&str>) -> Inline {
    let Some(outlet) = outlet else {
        return title.clone();
    };
    let text = title.as_str();
    for separator in [" | ", " - ", " – ", " — ", " · ", " :: "] {
        let tail = separator.len() + outlet.len();
        if text.len() <= tail {
            continue;
        }
        let cut = text.len() - tail;
        if text.is_char_boundary(cut)
            && text[cut..].starts_with(separator)
            && text[cut + separator.len()..].eq_ignore_ascii_case(outlet)
        {
            return title.slice(0, cut);
        }
        if text.is_char_boundary(outlet.len())
            && text[..outlet.len()].eq_ignore_ascii_case(outlet)
            && text[outlet.len()..].starts_with(separator)
        {
            return title.slice(tail, text.len());
        }
    }
    title.clone()
}

/// The string value of the first `key` (written with its quotes) in `json`.
fn json_field(json: &str, key: &str) -> Option<String> {
    let at = json.find(key)? + key.len();
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let value = json_string(rest.strip_prefix('"')?)?;
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty()).then_some(value)
}

/// Reads a JSON string body up to its closing quote, decoding escapes.
fn json_string(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let mut code = u32::from_str_radix(&hex, 16).ok()?;
                    if (0xD800..0xDC00).contains(&code) {
                        // A surrogate pair is written as two escapes.
                        let rest = chars.as_str();
                        if let Some(low) = rest
                            .strip_prefix("\\u")
                            .and_then(|r| r.get(..4))
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .filter(|low| (0xDC00..0xE000).contains(low))
                        {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            chars = rest[6..].chars();
                        }
                    }
                    out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
                'n' | 't' | 'r' => out.push(' '),
                'b' | 'f' => {}
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

fn looks_like_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    ["http://", "https://", "//", "www."]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements whose start or end ends the current block of text.
fn is_block_level(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "body"
                | "caption"
                | "center"
                | "dd"
                | "details"
                | "dialog"
                | "dir"
                | "div"
                | "dl"
                | "dt"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "header"
                | "hgroup"
                | "hr"
                | "html"
                | "legend"
                | "li"
                | "listing"
                | "main"
                | "menu"
                | "nav"
                | "ol"
                | "p"
                | "plaintext"
                | "pre"
                | "section"
                | "summary"
                | "table"
                | "tbody"
                | "td"
                | "tfoot"
                | "th"
                | "thead"
                | "tr"
                | "ul"
                | "xmp"
        )
}

/// Elements skipped with all their content.
fn is_skipped(name: &str, mode: Mode) -> bool {
    match name {
        "script" | "style" | "noscript" | "template" | "title" | "textarea" | "select"
        | "button" | "iframe" | "object" | "canvas" | "video" | "audio" | "nav" | "aside"
        | "footer" | "noembed" | "noframes" => true,
        "form" | "dialog" => mode == Mode::Strict,
        _ => false,
    }
}

/// Words in a class or id that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "sidebar",
    "related",
    "share",
    "social",
    "comment",
    "newsletter",
    "promo",
    "advert",
    "ad-",
    "ads-",
    "cookie",
    "breadcrumb",
    "subscribe",
    "sr-only",
    "screen-reader",
    "visually-hidden",
];

/// Whether a class or id value marks furniture: one of its words begins with a furniture word
/// ("site-nav", "navbar", "shareTools" but not "canvas" or "commentary"). With `anywhere`
/// false only a whole class beginning with the word counts.
fn is_furniture(value: &str, anywhere: bool) -> bool {
    value.split_ascii_whitespace().any(|token| {
        let lower = token.to_ascii_lowercase();
        if matches!(lower.as_str(), "ad" | "ads") {
            return true;
        }
        // State classes on wrappers ("has-sidebar", "no-comments") describe the layout
        // around the story, not furniture.
        if ["has-", "with-", "no-", "without-", "is-", "layout-"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            return false;
        }
        let original = token.as_bytes();
        FURNITURE_WORDS.iter().any(|word| {
            let mut from = 0;
            while let Some(offset) = lower.get(from..).and_then(|rest| rest.find(word)) {
                let at = from + offset;
                let word_start = at == 0
                    || (anywhere
                        && (!original[at - 1].is_ascii_alphanumeric()
                            || (original[at - 1].is_ascii_lowercase()
                                && original[at].is_ascii_uppercase())));
                if word_start && !lower[at..].starts_with("commentary") {
                    return true;
                }
                from = at + 1;
            }
            false
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that the text at the first occurrence of `word` maps back to `word` in `html`.
    fn assert_maps(html: &str, draft: &Draft, word: &str) {
        let text = draft.text.as_str();
        let pos = text
            .find(word)
            .unwrap_or_else(|| panic!("{word:?} not in {text:?}"));
        let raw = draft.text.raw_offset(pos);
        assert!(
            html[raw..].starts_with(word),
            "{word:?} maps to {:?}",
            &html[raw..(raw + 30).min(html.len())]
        );
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Council Approves Budget | The Daily Ledger</title>
  <meta property="og:title" content="Council approves &amp; signs budget">
  <meta property="og:site_name" content="The Daily Ledger">
  <meta property="article:published_time" content="2025-03-14T09:30:00Z">
  <meta name="author" content="Jane Roe">
  <link rel="canonical" href="https://ledger.example/news/budget?a=1&amp;b=2">
  <style>p { color: red; }</style>
  <script>var tracking = "<p>not text</p>";</script>
</head>
<body class="has-nav">
  <nav><ul><li>Home</li><li>World</li></ul></nav>
  <header class="site-header"><a href="/">The Daily Ledger</a> <span>Menu</span></header>
  <article>
    <header><h1>Council   approves
       budget</h1><p class="byline">By Jane Roe</p></header>
    <p>The city council voted <em>7&ndash;2</em> on Tuesday to approve the
       budget.</p>
    <div class="share-tools"><p>Share on Facebook</p></div>
    <p>Mayor O&#8217;Brien said the plan &ldquo;keeps&rdquo; libraries open.&nbsp;&nbsp;Critics disagreed.</p>
    <!-- <p>Hidden comment paragraph</p> -->
    <blockquote><p>We did it.</p>&mdash; A councillor</blockquote>
    <ul><li>Roads: $4m</li><li><p>Parks: $1m</p></li></ul>
    <aside><p>Related: other budgets</p></aside>
    <section id="comments"><p>First!</p></section>
  </article>
  <footer><p>Copyright The Daily Ledger</p></footer>
</body>
</html>
"#;

    #[test]
    fn reads_metadata_from_open_graph_and_head() {
        let draft = read(PAGE).unwrap();
        assert_eq!(
            draft.title.as_deref(),
            Some("Council approves & signs budget")
        );
        assert_eq!(draft.outlet.as_deref(), Some("The Daily Ledger"));
        assert_eq!(draft.date.as_deref(), Some("2025-03-14T09:30:00Z"));
        assert_eq!(
            draft.url.as_deref(),
            Some("https://ledger.example/news/budget?a=1&b=2")
        );
        assert_eq!(draft.author.as_deref(), Some("Jane Roe"));
        assert_eq!(draft.id, None);
        assert_eq!(draft.line, 1);
    }

    #[test]
    fn keeps_article_paragraphs_separated_by_blank_lines() {
        let draft = read(PAGE).unwrap();
        assert_eq!(
            draft.text.as_str(),
            "Council approves budget\n\n\
             The city council voted 7–2 on Tuesday to approve the budget.\n\n\
             Mayor O’Brien said the plan “keeps” libraries open. Critics disagreed.\n\n\
             We did it.\n\n\
             — A councillor\n\n\
             Roads: $4m\n\n\
             Parks: $1m"
        );
        assert_eq!(draft.body_start, "Council approves budget".len() + 2);
        assert!(draft.text.as_str()[draft.body_start..].starts_with("The city council"));
    }

    #[test]
    fn drops_page_furniture() {
        let text = read(PAGE).unwrap().text.as_str().to_string();
        for absent in [
            "Home",
            "Menu",
            "not text",
            "color",
            "Share on Facebook",
            "Hidden comment",
            "Related",
            "First!",
            "Copyright",
            "By Jane Roe",
        ] {
            assert!(!text.contains(absent), "{absent:?} in {text:?}");
        }
    }

    #[test]
    fn offsets_point_into_the_page() {
        let draft = read(PAGE).unwrap();
        for word in [
            "Council",
            "budget\n\nThe",
            "approve the",
            "Tuesday",
            "Brien said",
            "libraries",
            "Critics",
            "We did",
            "A councillor",
            "Parks",
        ] {
            let word = word.split('\n').next().unwrap_or(word);
            assert_maps(PAGE, &draft, word);
        }
        let text = draft.text.as_str();
        // A decoded reference maps to its first byte; collapsed white space to where it began.
        let quote = text.find('“').unwrap();
        assert!(PAGE[draft.text.raw_offset(quote)..].starts_with("&ldquo;"));
        let space = text.find("approves budget").unwrap() + "approves".len();
        assert!(PAGE[draft.text.raw_offset(space)..].starts_with("\n       budget"));
        let nbsp = text.find("open. Critics").unwrap() + "open.".len();
        assert!(PAGE[draft.text.raw_offset(nbsp)..].starts_with("&nbsp;&nbsp;Critics"));
        let dash = text.find('–').unwrap();
        assert!(PAGE[draft.text.raw_offset(dash)..].starts_with("&ndash;2"));
        // The blank line after the headline maps to the end of the headline.
        let gap = text.find("\n\n").unwrap();
        assert!(PAGE[..draft.text.raw_offset(gap)].ends_with("budget"));
    }

    #[test]
    fn decodes_character_references() {
        let html = "<p>Tom &amp; Jerry &lt;3 &quot;hi&quot; &apos;x&apos; caf&eacute; \
                    &#39;a&#x2019; &#146;b &#0; &#xD800; &#99999999999; &bogus; &amp \
                    AT&T &#; &copy;&trade;&euro;&pound;&hellip;&laquo;&raquo;&middot;</p>";
        let draft = read(html).unwrap();
        assert_eq!(
            &draft.text.as_str()[draft.body_start..],
            "Tom & Jerry <3 \"hi\" 'x' café 'a’ ’b \u{FFFD} \u{FFFD} \u{FFFD} &bogus; &amp \
             AT&T &#; ©™€£…«»·"
        );
        assert_maps(html, &draft, "Jerry");
        assert_maps(html, &draft, "AT&T");
    }

    #[test]
    fn title_falls_back_to_title_element_without_site_suffix() {
        let html = "<html><head><title>Storm hits coast - Coastal News</title>\
                    <meta name=\"application-name\" content=\"Coastal News\"></head>\
                    <body><div><p>Winds reached 100 km/h.</p></div></body></html>";
        let draft = read(html).unwrap();
        assert_eq!(draft.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(draft.outlet.as_deref(), Some("Coastal News"));
        assert_eq!(
            draft.text.as_str(),
            "Storm hits coast\n\nWinds reached 100 km/h."
        );
        assert_maps(html, &draft, "Storm hits coast");
        assert_maps(html, &draft, "Winds");
    }

    #[test]
    fn title_suffix_kept_when_it_is_not_the_outlet() {
        let html = "<title>Q&amp;A | Part 2</title><meta property=og:site_name content=Other>\
                    <p>Body.</p>";
        let draft = read(html).unwrap();
        assert_eq!(draft.title.as_deref(), Some("Q&A | Part 2"));
    }

    #[test]
    fn headline_from_meta_attribute_maps_to_the_attribute() {
        let html = "<head><meta name='twitter:title' content='Rates &amp; rents rise'></head>\
                    <body><main><p>Rents rose 5%.</p></main></body>";
        let draft = read(html).unwrap();
        assert_eq!(draft.text.as_str(), "Rates & rents rise\n\nRents rose 5%.");
        assert_maps(html, &draft, "Rates");
        assert_maps(html, &draft, "rents rise");
    }

    #[test]
    fn reads_other_metadata_sources() {
        let html = r#"<html><head>
            <META NAME="DC.date.issued" CONTENT="2024-01-02">
            <meta property=og:url content=https://x.example/a>
            <meta property="article:author" content="https://x.example/people/ann">
            <script type="application/ld+json">
              {"@type":"NewsArticle","publisher":{"@type":"Organization","name":"X \u0026 Co"}}
            </script>
            </head><body><article>
            <p>By <a rel="author" href="/ann">Ann   Lee</a></p>
            <p>Text.</p></article></body></html>"#;
        let draft = read(html).unwrap();
        assert_eq!(draft.date.as_deref(), Some("2024-01-02"));
        assert_eq!(draft.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(draft.author.as_deref(), Some("Ann Lee"));
        assert_eq!(draft.outlet.as_deref(), Some("X & Co"));
    }

    #[test]
    fn date_from_itemprop_time_and_article_time() {
        let itemprop = "<article><p>Posted <time itemprop=datePublished \
                        datetime='2023-05-06T07:00'>May 6</time></p></article>";
        assert_eq!(
            read(itemprop).unwrap().date.as_deref(),
            Some("2023-05-06T07:00")
        );
        let time = "<aside><time datetime=2020-01-01>old</time></aside>\
                    <article><h1>T</h1><time datetime=2021-02-03>Feb 3</time><p>x</p></article>";
        assert_eq!(read(time).unwrap().date.as_deref(), Some("2021-02-03"));
        let ld = r#"<script type="application/ld+json">{"datePublished": "2022-09-09T10:00:00+02:00"}</script><p>x</p>"#;
        assert_eq!(
            read(ld).unwrap().date.as_deref(),
            Some("2022-09-09T10:00:00+02:00")
        );
        let article_author = "<meta property=article:author content='Bo Diaz'><p>x</p>";
        assert_eq!(
            read(article_author).unwrap().author.as_deref(),
            Some("Bo Diaz")
        );
    }

    #[test]
    fn prefers_the_largest_article() {
        let html = "<body><p>Outside the article.</p>\
                    <article><h1>Teaser</h1><p>Short.</p></article>\
                    <article><h1>Main story</h1><p>A much longer paragraph of story text.</p>\
                    <p>Second paragraph.</p></article></body>";
        let draft = read(html).unwrap();
        assert_eq!(
            draft.text.as_str(),
            "Main story\n\nA much longer paragraph of story text.\n\nSecond paragraph."
        );
    }

    #[test]
    fn falls_back_to_main_then_body_and_skips_lists_outside_the_story() {
        let main = "<body><p>Cookie notice text</p><main><h2>Sub</h2><p>Story.</p></main></body>";
        let draft = read(main).unwrap();
        assert_eq!(draft.text.as_str(), "\n\nSub\n\nStory.");
        assert_eq!(draft.body_start, 2);
        let body = "<body><ul><li>Home</li></ul><h1>Head</h1><p>One.</p><p>Two.</p></body>";
        assert_eq!(read(body).unwrap().text.as_str(), "Head\n\nOne.\n\nTwo.");
    }

    #[test]
    fn headline_outside_article_used_when_it_matches_the_title() {
        let html = "<head><title>Big Win</title></head><body>\
                    <header><h1 class=logo>Sports Daily</h1></header>\
                    <h1>Big  Win</h1><article><p>They won.</p></article></body>";
        let draft = read(html).unwrap();
        assert_eq!(draft.text.as_str(), "Big Win\n\nThey won.");
        let pos = draft.text.raw_offset(0);
        assert!(html[pos..].starts_with("Big  Win</h1>"));
    }

    #[test]
    fn unclosed_paragraphs_and_line_breaks() {
        let html = "<p>One<p>Two<br>lines<br/><br>\n here<li>not kept<div>Three";
        let draft = read(html).unwrap();
        assert_eq!(draft.text.as_str(), "\n\nOne\n\nTwo lines here");
        assert_maps(html, &draft, "here");
        assert_maps(html, &draft, "lines");
    }

    #[test]
    fn inline_tags_do_not_break_blocks() {
        let html = "<article><p>A <a href='/x'>link</a>, <strong>bold</strong>and\
                    <span class=x> span</span>.</p></article>";
        let draft = read(html).unwrap();
        assert_eq!(draft.text.as_str(), "\n\nA link, boldand span.");
        assert_maps(html, &draft, "span");
        assert_maps(html, &draft, "link");
    }

    #[test]
    fn furniture_classes_and_ids_are_skipped() {
        let html = "<article class='post tag-social'>\
                    <div id=mainNav><p>Nav text</p></div>\
                    <div class='newsletter-signup'><p>Sign up</p></div>\
                    <div class=ad-slot><p>Buy now</p></div>\
                    <p class=commentary>Kept commentary.</p>\
                    <div class=canvas><p>Kept canvas.</p></div>\
                    <div class='cookie-banner'><p>We use cookies</p></div>\
                    <p>Story.</p></article>";
        let draft = read(html).unwrap();
        assert_eq!(
            draft.text.as_str(),
            "\n\nKept commentary.\n\nKept canvas.\n\nStory."
        );
    }

    #[test]
    fn story_wrapped_in_a_form_is_still_read() {
        let html = "<body><form id=aspnetForm><h1>Headline</h1><p>Story text.</p></form></body>";
        let draft = read(html).unwrap();
        assert_eq!(draft.text.as_str(), "Headline\n\nStory text.");
    }

    #[test]
    fn raw_text_elements_and_odd_markup() {
        let html = "<p>a < b > c</p><SCRIPT>document.write('</p><p>x')</SCRIPT>\
                    <P CLASS=\"x\">Upper</P><p>c<![CDATA[ hidden ]]>d</p>\
                    <p>e<!-- unterminated";
        let draft = read(html).unwrap();
        assert_eq!(draft.text.as_str(), "\n\na < b > c\n\nUpper\n\ncd\n\ne");
    }

    #[test]
    fn empty_page_is_an_error() {
        for html in [
            "",
            "<html><head><title></title></head><body><div>loose text</div></body></html>",
            "<nav><p>Only navigation</p></nav>",
        ] {
            let err = read(html).unwrap_err();
            assert!(err.contains("no article text"), "{err}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut html = String::from("<h1>Deep</h1><p>Before.</p>");
        html.push_str(&"<div>".repeat(100_000));
        html.push_str("<p>Inside.</p>");
        html.push_str(&"</div>".repeat(100_000));
        html.push_str("<p>After.</p>");
        let draft = read(&html).unwrap();
        assert!(draft.text.as_str().starts_with("Deep\n\nBefore."));
        assert!(draft.text.as_str().ends_with("After."));
        let unclosed = "<span><p>x".repeat(50_000);
        assert!(read(&unclosed).is_ok());
    }

    #[test]
    fn garbage_does_not_panic_and_offsets_stay_in_range() {
        let fragments = [
            "<",
            ">",
            "</",
            "<!",
            "<!--",
            "-->",
            "&",
            "&#",
            "&#x",
            ";",
            "&amp",
            "\"",
            "'",
            "=",
            "<p",
            "<p>",
            "</p>",
            "<h1 ",
            "<a href=",
            "<div class='nav",
            "<script>",
            "</script",
            "<title>",
            "<svg/>",
            "<br/>",
            "é",
            "€",
            "\u{A0}",
            " ",
            "\n",
            "x",
            "<![CDATA[",
            "]]>",
            "<meta property=og:title content=",
            "&nbsp;",
            "<article>",
            "</article>",
            "<li>",
            "<?",
            "</>",
            "<header>",
            "&#128512;",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..300 {
            let mut page = String::new();
            for _ in 0..200 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                page.push_str(fragments[(seed % fragments.len() as u64) as usize]);
            }
            if let Ok(draft) = read(&page) {
                let text = draft.text.as_str();
                for pos in 0..=text.len() {
                    assert!(draft.text.raw_offset(pos) <= page.len());
                }
                assert!(draft.body_start <= text.len());
            }
        }
    }

    #[test]
    fn every_copied_letter_maps_to_itself() {
        let draft = read(PAGE).unwrap();
        let text = draft.text.as_str();
        for (pos, c) in text
            .char_indices()
            .filter(|(_, c)| c.is_ascii_alphanumeric())
        {
            let raw = draft.text.raw_offset(pos);
            assert_eq!(PAGE.as_bytes()[raw], c as u8, "at text offset {pos}");
        }
    }
}
