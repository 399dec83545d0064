//! Claims: what each sentence asserts that another story could contradict.
//!
//! For every checked sentence this stage records its content words (stemmed, for aligning it
//! with sentences of other stories), the quantities it states with what they count ("about 60
//! firefighters", "£2.4m", "35%"), ages of named people ("Matthew Trickett, 37"), the day it says
//! something happened ("on Tuesday", "on 11 March"), and which verbs it negates ("did not
//! approve"). Approximation is kept as an interval: "about 60" admits 51 to 69, "more than 50"
//! anything above 50, a plain "60" (round, so perhaps rounded) 57 to 63, a plain "62" only 62.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::dates::{self, Date};
use crate::findings::Span;
use crate::segment::{Part, Segmented};
use crate::word::Word;

/// What a quantity measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// A count of something, by the counted noun's stem ("firefighter", "engine").
    Count(Word),
    /// A percentage; the stem of the word after it, if any ("increase").
    Percent(Word),
    /// Money in a currency ("GBP", "USD", "EUR").
    Money(&'static str),
}

/// A number as a range of values the words allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// The smallest value allowed.
    pub low: f64,
    /// The largest value allowed.
    pub high: f64,
}

impl Range {
    /// Whether two ranges share a value.
    pub fn overlaps(&self, other: &Range) -> bool {
        self.low <= other.high && other.low <= self.high
    }
}

/// A stated quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Where it is written, from any qualifier ("about") to the counted noun.
    pub span: Span,
    /// The number as written in digits.
    pub value: f64,
    /// The values the wording allows.
    pub range: Range,
    /// What it measures.
    pub unit: Unit,
    /// The stem of the verb that goes with it ("60 firefighters *fought*", "*sent* 12
    /// engines"), so that counts of the same thing at different moments are told apart.
    pub predicate: Option<Word>,
    /// Stems of the content words around it in its clause ("repairs *costing* £2.4m", "a £2.4m
    /// *bill* for *repairs*"): what the figure is a figure of. Sorted.
    pub context: Box<[Word]>,
    /// For a count, the stems of the whole noun phrase ("night-shift worker", "fire engin").
    pub phrase: Option<Word>,
    /// For money, what one amount buys ("24 dlrs *a share*", "17 dlrs *a barrel*", "500 dlrs
    /// *each*"): a price is never the same quantity as a total.
    pub per: Option<Word>,
}

/// A named person's stated age.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Age {
    /// Where the age is written.
    pub span: Span,
    /// The person's surname, as written.
    pub surname: String,
    /// The person's full name as written where known ("Matthew Trickett").
    pub name: String,
    /// The age in years.
    pub years: u32,
}

/// The day a sentence says something happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDay {
    /// Where the day is written.
    pub span: Span,
    /// The day, resolved against the story's date where it was written as a weekday.
    pub date: Option<Date>,
    /// The weekday, 0 = Monday, when written as one.
    pub weekday: Option<u8>,
    /// Stems of the content words around it in its clause ("cabinet *voted* to *close* it on
    /// Tuesday"): what happened that day. Sorted.
    pub context: Box<[Word]>,
}

/// What one sentence claims.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SentenceClaims {
    /// The sentence, as an index into [`Segmented::sentences`].
    pub sentence: usize,
    /// The sentence's span in the story.
    pub span: Span,
    /// Stems of its content words, sorted and deduplicated, for alignment.
    pub stems: Box<[Word]>,
    /// Quantities it states.
    pub quantities: Box<[Quantity]>,
    /// Ages of people it states.
    pub ages: Box<[Age]>,
    /// Days it names for events.
    pub days: Box<[EventDay]>,
    /// Stems of the verbs it denies ("did not approve" gives "approv").
    pub negated: Box<[Word]>,
    /// Stems of the content words it states plainly: outside quotation marks and away from any
    /// negation, sorted.
    pub asserted: Box<[Word]>,
    /// Stems of the words it puts in the future ("will *close* on Monday", "will stay *open*"),
    /// sorted: plans for different days do not say opposite things.
    pub future: Box<[Word]>,
    /// Whether it states a condition ("if", "unless", "whether"), so says nothing either way
    /// about whether something happened.
    pub conditional: bool,
    /// Stems of all its words, in order, for matching opposites and negations.
    pub words: Box<[Word]>,
    /// The words of `words` that are part of a proper name (capitalised, not opening the
    /// sentence or a clause), with where each is written, so that a name in one story can be
    /// set against the name in the same place of another's. In word order; read it with
    /// [`SentenceClaims::proper`]. Most words are not names, so only names are listed.
    pub proper: Box<[ProperWord]>,
    /// Whether it reports a change over time ("rose to", "has risen", "now"), so that a
    /// different figure may be an update rather than a contradiction.
    pub reports_change: bool,
    /// Stems of the proper names it uses (not counting its first word or a dateline), which
    /// anchor it to one event.
    pub names: Box<[Word]>,
    /// The periods it is about: months, years, quarters ("january", "1986", "first quarter"),
    /// so that figures for different periods are not compared.
    pub periods: Box<[Word]>,
    /// Every number written in it, sorted ("Round 4", "Advisory 14", "45 points to 24"), so
    /// that two instances of a recurring event can be told from one event told twice.
    pub numbers: Box<[f64]>,
}

impl SentenceClaims {
    /// Where word `k` is written, if it is part of a proper name.
    pub fn proper(&self, k: usize) -> Option<Span> {
        let k = u32::try_from(k).ok()?;
        let found = self.proper.binary_search_by_key(&k, |p| p.word).ok()?;
        Some(self.proper[found].span())
    }
}

/// A word of a proper name and where it is written in its story: the word's place in
/// [`SentenceClaims::words`] and its byte span, in 32 bits each (stories are capped far below
/// 4 GiB), since a batch keeps one for every name word of every sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProperWord {
    word: u32,
    start: u32,
    end: u32,
}

impl ProperWord {
    /// Word `word` of a sentence, written at `span`; nothing where either does not fit.
    fn new(word: usize, span: Span) -> Option<ProperWord> {
        Some(ProperWord {
            word: u32::try_from(word).ok()?,
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
        })
    }

    /// Where it is written.
    fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// Function words that carry no content for alignment.
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "with",
    "by",
    "as",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "them",
    "him",
    "we",
    "our",
    "you",
    "i",
    "who",
    "which",
    "what",
    "when",
    "where",
    "there",
    "than",
    "then",
    "also",
    "after",
    "before",
    "about",
    "into",
    "over",
    "said",
    "says",
    "say",
    "would",
    "will",
    "could",
    "should",
    "can",
    "may",
    "might",
    "not",
    "no",
    "never",
    "n't",
    "did",
    "do",
    "does",
    "so",
    "if",
    "up",
    "out",
    "one",
    "all",
    "some",
    "more",
    "most",
    "other",
    "such",
    "only",
    "just",
    "very",
    "mr",
    "mrs",
    "ms",
    "dr",
    "per",
    "cent",
    "percent",
    "while",
    "during",
    "around",
    "nearly",
    "almost",
    "least",
    "any",
    "because",
    "told",
    "according",
];

/// Words that negate the verb after them.
const NEGATORS: &[&str] = &["not", "never", "n't", "cannot"];

/// Words before a number that widen it into a range.
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::Above),
    ("over", Qualifier::Above),
    ("just over", Qualifier::Above),
    ("upwards of", Qualifier::Above),
    ("at least", Qualifier::AtLeast),
    ("fewer than", Qualifier::Below),
    ("less than", Qualifier::Below),
    ("under", Qualifier::Below),
    ("just under", Qualifier::Below),
    ("up to", Qualifier::AtMost),
    ("as many as", Qualifier::AtMost),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("estimated", Qualifier::About),
    ("approx", Qualifier::About),
    ("circa", Qualifier::About),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qualifier {
    Exact,
    About,
    Above,
    AtLeast,
    Below,
    AtMost,
    Nearly,
}

/// Relative slack allowed by "about" and friends.
const ABOUT: f64 = 0.15;

/// Relative slack allowed for a round number written plainly, which may have been rounded.
const ROUND: f64 = 0.05;

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("no", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("dozen", 12.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("k", 1e3),
    ("million", 1e6),
    ("m", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("b", 1e9),
    ("trillion", 1e12),
    ("tn", 1e12),
];

/// Words after a number that end the search for its noun.
const NOUN_STOPS: &[&str] = &[
    "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "with", "by", "were", "was",
    "are", "is", "had", "have", "has", "would", "will", "could", "who", "which", "that", "said",
    "after", "before", "than", "as", "per", "a", "an", "the", "since", "when", "while", "into",
    "it", "they", "he", "she", "we", "you", "i", "this", "these", "those", "their", "its", "his",
    "her", "our", "more", "less", "each", "times", "there", "here", "ago", "later", "earlier",
    "old", "now", "then", "too", "also", "already", "yet", "still", "again", "away", "back", "off",
    "down", "up", "out", "apiece", "so", "far",
];

/// Nouns that are not things counted in news but units of time, order or measure; a number
/// before them is not a count worth comparing across stories.
const NOT_COUNTED: &[&str] = &[
    "year", "month", "week", "day", "hour", "minute", "second", "time", "am", "pm", "o'clock",
    "st", "nd", "rd", "th", "percent", "cent", "times", "point", "pct", "vs", "ct", "cts", "utc",
    "gmt", "bst", "edt", "cet", "pts", "shr", "shrs", "rev", "net", "slr", "slrs", "byr", "byrs",
    "unch", "nom", "cif", "fob",
];

/// Month and weekday names, which date a sentence rather than say what it is about.
const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
];

/// A wire dateline opening a story: "PARIS, April 17 - ", "NEW YORK, March 27 - ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Za-z.]+)?,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*[-–—]\s+")
        .expect("constant pattern")
});

/// A token: a word or a number, with its span.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"[£$€¥]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:%|[a-zA-Z]{1,3}\b)?|[\p{L}]+(?:['’-][\p{L}]+)*(?:"t\b)?|n't|%"#,
    )
    .expect("constant pattern")
});

/// `word` in lower case, borrowed when it is ASCII with no capital to fold: most words of a
/// story are, and the word lists asked about every token are lower case.
pub(crate) fn lowered(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

fn tokens(text: &str, base: usize) -> Vec<Token<'_>> {
    let token = |start: usize, end: usize| Token {
        text: &text[start..end],
        start: base + start,
        end: base + end,
    };
    if text.is_ascii() {
        AsciiTokens { text, at: 0 }
            .map(|(start, end)| token(start, end))
            .collect()
    } else {
        TOKEN
            .find_iter(text)
            .map(|m| token(m.start(), m.end()))
            .collect()
    }
}

/// The tokens of an ASCII text as [`TOKEN`] finds them, as (start, end) offsets. Most sentences
/// are plain ASCII, and cutting them by hand is several times quicker than the pattern. In
/// ASCII the pattern's branches are: a figure (an optional `$`, digits with commas inside, a
/// decimal part, then `%` or a unit of up to three letters ending a word), a word (letters,
/// joined by apostrophes or hyphens, and an optional `"t` ending a word) or `%`; its `n't`
/// branch is never reached, since the word branch comes first and matches the `n`.
struct AsciiTokens<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for AsciiTokens<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
        let run = |from: usize, keep: fn(&u8) -> bool| {
            from + bytes[from..].iter().take_while(|b| keep(b)).count()
        };
        // Where a word ends in the pattern's sense: what follows is not a letter, digit or `_`.
        let boundary = |i: usize| !(at(i).is_ascii_alphanumeric() || at(i) == b'_');
        let mut start = self.at;
        while start < bytes.len() {
            let b = bytes[start];
            let figure = b.is_ascii_digit() || (b == b'$' && at(start + 1).is_ascii_digit());
            if figure || b.is_ascii_alphabetic() || b == b'%' {
                break;
            }
            start += 1;
        }
        if start >= bytes.len() {
            self.at = start;
            return None;
        }
        let b = bytes[start];
        let end = if b.is_ascii_digit() || b == b'$' {
            let first = if b == b'$' { start + 1 } else { start };
            // Digits and commas, ending on the last digit of the run.
            let mut end = first + 1;
            let stretch = run(end, |c| c.is_ascii_digit() || *c == b',');
            if let Some(last) = (end..stretch).rev().find(|&i| bytes[i].is_ascii_digit()) {
                end = last + 1;
            }
            if at(end) == b'.' && at(end + 1).is_ascii_digit() {
                end = run(end + 1, u8::is_ascii_digit);
            }
            if at(end) == b'%' {
                end += 1;
            } else {
                let letters = run(end, u8::is_ascii_alphabetic);
                if letters > end && letters - end <= 3 && boundary(letters) {
                    end = letters;
                }
            }
            end
        } else if b.is_ascii_alphabetic() {
            let mut end = run(start, u8::is_ascii_alphabetic);
            while matches!(at(end), b'\'' | b'-') && at(end + 1).is_ascii_alphabetic() {
                end = run(end + 1, u8::is_ascii_alphabetic);
            }
            if at(end) == b'"' && at(end + 1) == b't' && boundary(end + 2) {
                end += 2;
            }
            end
        } else {
            start + 1
        };
        self.at = end;
        Some((start, end))
    }
}

/// A crude English stem: lower case without common inflections, so that "approved",
/// "approves" and "approve" meet.
pub fn stem(word: &str) -> String {
    let mut w = word.to_lowercase();
    if w.contains('’') {
        w = w.replace('’', "'");
    }
    if let Some(base) = w.strip_suffix("'s") {
        w = base.to_string();
    }
    let irregular = match w.as_str() {
        "men" => Some("man"),
        "women" => Some("woman"),
        "children" => Some("child"),
        "people" => Some("person"),
        "police" => Some("police"),
        _ => IRREGULAR_FORMS.get(w.as_str()).copied(),
    };
    if let Some(base) = irregular {
        return base.to_string();
    }
    if w.len() > 4 {
        if let Some(base) = w.strip_suffix("ies") {
            return format!("{base}y");
        }
        for suffix in ["ing", "ed"] {
            if let Some(base) = w.strip_suffix(suffix)
                && base.len() >= 3
            {
                return base.trim_end_matches('e').to_string();
            }
        }
        for suffix in ["ches", "shes", "sses", "xes"] {
            if w.ends_with(suffix) {
                w.truncate(w.len() - 2);
                return w;
            }
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.pop();
    }
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// Past forms of irregular verbs, with the stem of their base form, so that "gave evidence"
/// meets "did not give evidence".
const IRREGULAR_VERBS: &[(&str, &str)] = &[
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("made", "make"),
    ("went", "go"),
    ("gone", "go"),
    ("won", "win"),
    ("lost", "lose"),
    ("held", "hold"),
    ("told", "tell"),
    ("paid", "pay"),
    ("sold", "sell"),
    ("found", "find"),
    ("met", "meet"),
    ("got", "get"),
    ("ran", "run"),
    ("came", "come"),
    ("saw", "see"),
    ("seen", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("thought", "think"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("fought", "fight"),
    ("caught", "catch"),
    ("began", "begin"),
    ("begun", "begin"),
    ("broke", "break"),
    ("broken", "break"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("kept", "keep"),
    ("spent", "spend"),
    ("sent", "send"),
    ("built", "build"),
    ("stood", "stand"),
    ("struck", "strike"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("wrote", "write"),
    ("written", "write"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("shot", "shoot"),
    ("sought", "seek"),
    ("taught", "teach"),
    ("understood", "understand"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("overturned", "overturn"),
    ("forbade", "forbid"),
];

/// The word lists asked about once per word of every sentence, as hash sets: a batch asks
/// them tens of millions of times, and a list compared word by word made these lookups a
/// good part of extracting claims.
static STOPWORD_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());
static CALENDAR_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| CALENDAR_WORDS.iter().copied().collect());
static IRREGULAR_FORMS: LazyLock<FxHashMap<&str, &str>> = LazyLock::new(|| {
    let mut forms = FxHashMap::default();
    for &(form, base) in IRREGULAR_VERBS {
        // The first entry for a form wins, as a search down the list would find it.
        forms.entry(form).or_insert(base);
    }
    forms
});

/// Extracts the claims of every body sentence of a story dated `story_date`.
pub fn extract(text: &str, segmented: &Segmented, story_date: Option<Date>) -> Vec<SentenceClaims> {
    let mut claims: Vec<SentenceClaims> = segmented
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.part == Part::Body && is_prose(&text[s.span.start..s.span.end]))
        .map(|(index, sentence)| {
            let whole = &text[sentence.span.start..sentence.span.end];
            // A dateline is the place and day the story was filed, not part of any claim.
            let skip = DATELINE.find(whole).map_or(0, |m| m.end());
            let start = sentence.span.start + skip;
            let body = &text[start..sentence.span.end];
            let tokens = tokens(body, start);
            let words: Vec<Word> = tokens.iter().map(|t| stemmed(t.text)).collect();
            // A question asserts nothing either way.
            let question = body
                .trim_end()
                .trim_end_matches(['"', '”', '’', '\'', ')'])
                .ends_with('?');
            let polarity = if question {
                Polarity::default()
            } else {
                polarity(text, &tokens, &words)
            };
            let date_spans = dates::find_dates(body)
                .into_iter()
                .map(|m| Span::new(start + m.start, start + m.end))
                .collect::<Vec<_>>();
            let quantities = if question {
                Vec::new()
            } else {
                quantities(text, &tokens, &date_spans)
            };
            let mut stems: Vec<Word> = tokens
                .iter()
                .zip(&words)
                .filter(|(t, w)| {
                    !t.text
                        .starts_with(|c: char| c.is_ascii_digit() || "£$€¥".contains(c))
                        && w.chars().count() > 2
                        && !STOPWORD_SET.contains(&w.as_str())
                        && !CALENDAR_SET.contains(&w.as_str())
                })
                .map(|(_, w)| *w)
                .collect();
            stems.sort();
            stems.dedup();
            let proper: Vec<Option<Span>> = tokens
                .iter()
                .zip(&words)
                .enumerate()
                .map(|(k, (t, w))| {
                    // After a dash, colon or quote a capital opens a clause, not a name.
                    let after = text[..t.start].trim_end().chars().next_back();
                    let name = k > 0
                        && after.is_some_and(|c| c.is_alphanumeric() || ",'’(&".contains(c))
                        && t.text.chars().next().is_some_and(char::is_uppercase)
                        && t.text.chars().count() > 1
                        && !CALENDAR_SET.contains(&w.as_str())
                        && !STOPWORD_SET.contains(&w.as_str());
                    name.then_some(Span::new(t.start, t.end))
                })
                .collect();
            let mut names: Vec<Word> = words
                .iter()
                .zip(&proper)
                .filter(|(_, p)| p.is_some())
                .map(|(w, _)| *w)
                .collect();
            names.sort();
            names.dedup();
            let numbers = {
                let mut numbers: Vec<f64> = tokens
                    .iter()
                    .filter(|t| {
                        t.text
                            .starts_with(|c: char| c.is_ascii_digit() || "£$€¥".contains(c))
                    })
                    .filter(|t| standalone(text, t))
                    // The figures compared are not what tells two instances apart.
                    .filter(|t| {
                        !quantities
                            .iter()
                            .any(|q| q.span.start <= t.start && t.end <= q.span.end)
                    })
                    .filter_map(|t| number_value(t.text).map(|(v, _, scale)| v * scale))
                    .collect();
                numbers.sort_by(f64::total_cmp);
                numbers
            };
            SentenceClaims {
                sentence: index,
                span: sentence.span,
                stems: stems.into(),
                quantities: quantities.into(),
                ages: ages(text, sentence.span).into(),
                days: days(text, Span::new(start, sentence.span.end), story_date)
                    .into_iter()
                    .map(|mut day| {
                        let first = tokens.iter().position(|t| t.end > day.span.start);
                        let last = tokens.iter().rposition(|t| t.start < day.span.end);
                        if let (Some(first), Some(last)) = (first, last) {
                            let mut context = context(text, &tokens, first, last.max(first));
                            context.retain(|w| !PARTS_OF_DAY.contains(&w.as_str()));
                            day.context = context.into();
                        }
                        day
                    })
                    .collect(),
                negated: polarity.negated.into(),
                asserted: polarity.asserted.into(),
                future: future_words(&tokens, &words).into(),
                conditional: tokens
                    .iter()
                    .any(|t| matches!(lowered(t.text).as_ref(), "if" | "unless" | "whether")),
                reports_change: reports_change(&words),
                names: names.into(),
                periods: interned(periods(&tokens)),
                numbers: numbers.into(),
                proper: proper
                    .iter()
                    .enumerate()
                    .filter_map(|(k, p)| p.and_then(|span| ProperWord::new(k, span)))
                    .collect(),
                words: words.into(),
            }
        })
        .collect();
    // A batch keeps every story's claims until alignment is done.
    claims.shrink_to_fit();
    claims
}

/// Distinct tokens a thread remembers the stems of before it starts afresh.
const MAX_REMEMBERED: usize = 1 << 20;

thread_local! {
    /// Each thread's tokens with their interned stems: a batch writes the same few hundred
    /// thousand words millions of times, and this spares each occurrence the stemming and the
    /// interner's lock.
    static STEMMED: std::cell::RefCell<FxHashMap<Box<str>, Word>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// The interned stem of a token, as [`stem`] gives it.
fn stemmed(token: &str) -> Word {
    STEMMED.with_borrow_mut(|remembered| {
        if let Some(&word) = remembered.get(token) {
            return word;
        }
        if remembered.len() >= MAX_REMEMBERED {
            remembered.clear();
        }
        let word = Word::new(&stem(token));
        remembered.insert(token.into(), word);
        word
    })
}

/// The interned words of a list, in its order.
fn interned(words: Vec<String>) -> Box<[Word]> {
    words.iter().map(|w| Word::new(w)).collect()
}

/// Whether a sentence is prose rather than a table row or a header: it has lower-case words,
/// and numbers are not most of what it says ("CME 10:45 EDT L-CATTLE APR7 69.52 UP 0.12 ...").
fn is_prose(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    // A table row ("LEAD - 350 tonnes mainly carries cash nil 3months 302.00") has figures and
    // no full stop.
    let ends_like_prose = trimmed.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', '…']);
    if !ends_like_prose && trimmed.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let words = sentence.split_whitespace().count();
    let numeric = sentence
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    sentence.chars().any(char::is_lowercase) && numeric * 2 <= words
}

/// The periods a sentence is about: month names, years, and "first quarter" and the like.
fn periods(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let lower = lowered(token.text);
        let month = CALENDAR_WORDS[..24].contains(&lower.trim_end_matches('.'));
        let year = lower.len() == 4
            && lower
                .parse::<u32>()
                .is_ok_and(|y| (1800..=2100).contains(&y));
        let quarter = lower == "quarter"
            && i > 0
            && [
                "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
            ]
            .contains(&tokens[i - 1].text.to_lowercase().as_str());
        if quarter {
            out.push(format!("{} quarter", tokens[i - 1].text.to_lowercase()));
        } else if month && (lower != "may" || token.text.starts_with('M')) {
            out.push(lower.chars().take(3).collect());
        } else if year {
            out.push(lower.into_owned());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether a number stands on its own: not glued to a word ("@opentree20", "A34", "G7") and
/// not part of a time of day ("8:00").
fn standalone(text: &str, token: &Token<'_>) -> bool {
    let before = text[..token.start].chars().next_back();
    let after = text[token.end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric() || "@#_/:".contains(c)) && after != Some(':')
}

/// The value of a number token, written in digits ("1,200", "2.5", "£2m") or words ("twelve").
fn number_value(token: &str) -> Option<(f64, Option<&'static str>, f64)> {
    let currency = match token.chars().next()? {
        '£' => Some("GBP"),
        '$' => Some("USD"),
        '€' => Some("EUR"),
        '¥' => Some("JPY"),
        _ => None,
    };
    let digits = token.trim_start_matches(['£', '$', '€', '¥']);
    if digits.starts_with(|c: char| c.is_ascii_digit()) {
        let number_end = digits
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(digits.len());
        let (number, suffix) = digits.split_at(number_end);
        let value: f64 = number.replace(',', "").trim_end_matches('.').parse().ok()?;
        let scale = match suffix.to_lowercase().as_str() {
            "" | "%" => 1.0,
            other => SCALES.iter().find(|(s, _)| *s == other).map(|(_, v)| *v)?,
        };
        return Some((value, currency, scale));
    }
    let lower = lowered(token);
    let (tens, ones) = lower.split_once('-').unwrap_or((lower.as_ref(), ""));
    let word = |w: &str| NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v);
    let value = word(tens)? + if ones.is_empty() { 0.0 } else { word(ones)? };
    Some((value, None, 1.0))
}

fn quantities(text: &str, tokens: &[Token<'_>], date_spans: &[Span]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let in_date = date_spans
            .iter()
            .any(|d| token.start >= d.start && token.end <= d.end);
        let glued = !standalone(text, &token);
        let in_table = [i.checked_sub(1), Some(i + 1), Some(i + 2)]
            .into_iter()
            .flatten()
            .filter_map(|k| tokens.get(k))
            .any(|t| t.text.eq_ignore_ascii_case("vs"));
        let in_date = in_date || glued || in_table;
        let Some((mut value, currency, mut scale)) = number_value(token.text).filter(|_| !in_date)
        else {
            i += 1;
            continue;
        };
        let lower = lowered(token.text);
        // "thousand cubic feet" alone names a unit, not a count: a bare "hundred" or
        // "thousand" counts only after "a" or "one".
        let bare_scale = matches!(lower.as_ref(), "hundred" | "thousand")
            && !(i > 0 && matches!(lowered(tokens[i - 1].text).as_ref(), "a" | "one"));
        if bare_scale {
            i += 1;
            continue;
        }
        // "a category 3 hurricane", "Round 4", "Flight 370": a label, not a count.
        if i > 0 && LABELS.contains(&tokens[i - 1].text.to_lowercase().as_str()) {
            i += 1;
            continue;
        }
        // "No" counts only as "no firefighters", "a dozen" as 12.
        if lower == "no" && i + 1 < tokens.len() && number_value(tokens[i + 1].text).is_some() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // "2.5 million", "two hundred", "a dozen".
        while let Some(next) = tokens.get(j) {
            let next_lower = next.text.to_lowercase();
            match SCALES.iter().find(|(s, _)| *s == next_lower && s.len() > 2) {
                Some((_, s)) => {
                    scale *= s;
                    j += 1;
                }
                None => break,
            }
        }
        if lower == "dozen" && i > 0 && tokens[i - 1].text.eq_ignore_ascii_case("a") {
            value = 12.0;
        }
        value *= scale;
        let is_year = scale == 1.0
            && currency.is_none()
            && token.text.len() == 4
            && (1800.0..=2100.0).contains(&value);
        let percent = token.text.ends_with('%')
            || tokens
                .get(j)
                .is_some_and(|t| t.text == "%" || t.text.eq_ignore_ascii_case("percent"))
            || (tokens
                .get(j)
                .is_some_and(|t| t.text.eq_ignore_ascii_case("per"))
                && tokens
                    .get(j + 1)
                    .is_some_and(|t| t.text.eq_ignore_ascii_case("cent")));
        if percent {
            j += match tokens.get(j).map(|t| t.text.to_lowercase()) {
                Some(t) if t == "per" => 2,
                Some(t) if t == "%" || t == "percent" => 1,
                _ => 0,
            };
        }
        let currency = currency.or_else(|| {
            let next_token = tokens.get(j)?;
            // "419.50 (421.43) dlrs": the currency word must follow the number directly.
            if !text[tokens[j - 1].end..next_token.start].trim().is_empty() {
                return None;
            }
            let next = next_token.text.to_lowercase();
            let code = match next.as_str() {
                "pounds" | "pound" => "GBP",
                "dollars" | "dollar" | "dlrs" | "dlr" => "USD",
                "stg" | "sterling" => "GBP",
                "euros" | "euro" => "EUR",
                "yen" => "JPY",
                _ => return None,
            };
            j += 1;
            Some(code)
        });
        let per = currency.and_then(|_| per_unit(text, tokens, j));
        // "Elders Futures and three other large firms": a part of a count, not the count.
        if currency.is_none()
            && tokens.get(j).is_some_and(|t| {
                matches!(
                    t.text.to_lowercase().as_str(),
                    "other" | "more" | "additional" | "further"
                )
            })
        {
            i = j.max(i + 1);
            continue;
        }
        let (noun, noun_end, phrase) = counted_noun(text, tokens, j);
        let unit = if percent {
            Some(Unit::Percent(Word::new(
                noun.as_deref().unwrap_or_default(),
            )))
        } else if let Some(code) = currency {
            Some(Unit::Money(code))
        } else if is_year || token.text.contains('.') && noun.is_none() {
            None
        } else {
            noun.filter(|n| !NOT_COUNTED.contains(&n.as_str()))
                .map(|n| Unit::Count(Word::new(&n)))
        };
        let Some(unit) = unit else {
            i = j.max(i + 1);
            continue;
        };
        let (qualifier, start) = qualifier(text, tokens, i);
        let mut range = range(value, qualifier, token.text, scale);
        // "81.750 francs" may be 81,750 written the continental way: allow both readings.
        let digits = token.text.trim_start_matches(['£', '$', '€', '¥']);
        if let Some((whole, fraction)) = digits.split_once('.')
            && fraction.len() == 3
            && fraction.chars().all(|c| c.is_ascii_digit())
            && !whole.contains(',')
        {
            range.high = range.high.max(value * 1000.0);
        }
        let end = match unit {
            Unit::Money(_) => tokens[j.saturating_sub(1).max(i)].end,
            _ => noun_end.unwrap_or(tokens[j.saturating_sub(1).max(i)].end),
        };
        let last = tokens.iter().rposition(|t| t.end <= end).unwrap_or(i);
        out.push(Quantity {
            span: Span::new(start, end),
            value,
            range,
            unit,
            predicate: predicate(text, tokens, i, last),
            context: context(text, tokens, i, last).into(),
            phrase: phrase.map(|p| Word::new(&p)),
            per: per.map(|p| Word::new(&p)),
        });
        i = j.max(i + 1);
    }
    out
}

/// Words next to a day that say when in it, not what happened.
const PARTS_OF_DAY: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "night",
    "midday",
    "noon",
    "earlier",
    "later",
];

/// Words around a figure that say nothing of what it is a figure of.
const CONTEXT_NOISE: &[&str] = &[
    "dlr",
    "dlrs",
    "dollar",
    "pound",
    "euro",
    "yen",
    "stg",
    "sterling",
    "mln",
    "million",
    "billion",
    "bn",
    "trillion",
    "thousand",
    "hundred",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "least",
    "just",
    "total",
    "totall",
    "worth",
];

/// The content words within a few words of tokens `first..=last`, in the same clause.
fn context(text: &str, tokens: &[Token<'_>], first: usize, last: usize) -> Vec<Word> {
    const REACH: usize = 5;
    let breaks = |from: usize, to: usize| {
        text[from..to].contains([',', ';', ':', '(', ')', '—', '–', '"', '“', '”'])
    };
    let mut picked = Vec::new();
    let mut k = first;
    while k > 0 && first - k < REACH && !breaks(tokens[k - 1].end, tokens[k].start) {
        k -= 1;
        picked.push(tokens[k]);
    }
    let mut k = last;
    while k + 1 < tokens.len() && k - last < REACH && !breaks(tokens[k].end, tokens[k + 1].start) {
        k += 1;
        picked.push(tokens[k]);
    }
    let mut out: Vec<Word> = picked
        .iter()
        .filter(|t| {
            t.text
                .chars()
                .all(|c| c.is_alphabetic() || "'’-".contains(c))
        })
        .map(|t| stemmed(t.text))
        .filter(|w| {
            w.chars().count() > 2
                && !STOPWORD_SET.contains(&w.as_str())
                && !CONTEXT_NOISE.contains(&w.as_str())
                && !CALENDAR_SET.contains(&w.as_str())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What an amount of money is paid for, from the words after it: "a share", "per barrel",
/// "an ounce", "each".
fn per_unit(text: &str, tokens: &[Token<'_>], at: usize) -> Option<String> {
    // "£4.2m, a sum the leader said": a new phrase, not a price.
    let first = tokens.get(at)?;
    if at == 0 || !text[tokens[at - 1].end..first.start].trim().is_empty() {
        return None;
    }
    let word = |k: usize| tokens.get(k).map(|t| t.text.to_lowercase());
    match word(at)?.as_str() {
        "each" | "apiece" => Some("each".to_string()),
        "a" | "an" | "per" => {
            let noun = tokens.get(at + 1)?;
            noun.text
                .chars()
                .all(char::is_alphabetic)
                .then(|| stem(noun.text))
        }
        _ => None,
    }
}

/// Nouns that a number after them names rather than counts ("category 3", "Round 4").
const LABELS: &[&str] = &[
    "category",
    "level",
    "grade",
    "round",
    "stage",
    "phase",
    "number",
    "no",
    "room",
    "flight",
    "route",
    "chapter",
    "article",
    "section",
    "page",
    "game",
    "class",
    "type",
    "model",
    "version",
    "tier",
    "zone",
    "district",
    "ward",
    "platform",
    "gate",
    "terminal",
    "line",
    "week",
    "day",
    "year",
    "season",
    "series",
    "squad",
    "unit",
    "block",
    "exit",
    "highway",
    "interstate",
    "channel",
    "episode",
    "act",
    "clause",
    "paragraph",
    "rule",
    "resolution",
    "item",
    "lot",
    "code",
    "band",
    "division",
    "league",
    "pier",
    "berth",
    "dock",
    "shed",
    "hangar",
    "wing",
    "floor",
    "storey",
    "cell",
    "court",
    "table",
    "seat",
    "row",
    "box",
];

/// Plurals that do not end in "s".
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "men",
    "women",
    "children",
    "staff",
    "police",
    "crew",
    "personnel",
    "cattle",
    "sheep",
    "fish",
    "aircraft",
    "feet",
    "teeth",
    "mice",
    "livestock",
    "troops",
];

/// The stem of the noun a number counts, from up to three words after it, stopping at a
/// function word or punctuation: the last plural among them ("12 fire engines", "60
/// firefighters fought", "14 night-shift staff"), else the first ("one man").
fn counted_noun(
    text: &str,
    tokens: &[Token<'_>],
    from: usize,
) -> (Option<String>, Option<usize>, Option<String>) {
    let mut words: Vec<(String, usize, bool)> = Vec::new();
    let mut previous_end = tokens.get(from.saturating_sub(1)).map(|t| t.end);
    for token in tokens.iter().skip(from).take(3) {
        let lower = lowered(token.text);
        // Only white space may separate the words of "12 fire engines".
        let adjacent = previous_end
            .is_some_and(|e| e <= token.start && text[e..token.start].trim().is_empty());
        if !adjacent
            || NOUN_STOPS.contains(&lower.as_ref())
            || !token.text.chars().all(|c| c.is_alphabetic() || c == '-')
            || token.text.chars().next().is_some_and(char::is_uppercase)
        {
            break;
        }
        // A participle after the noun is the start of the verb ("60 firefighters attended"),
        // an adverb the start of another phrase ("450 tonnes mainly carries").
        if !words.is_empty()
            && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly"))
        {
            break;
        }
        let word = stem(&lower);
        // "10 years", "3 hours": a measure of time or order, not a count.
        if NOT_COUNTED.contains(&word.as_str()) {
            return (None, None, None);
        }
        let plural = (lower.ends_with('s') && !lower.ends_with("ss"))
            || IRREGULAR_PLURALS.contains(&lower.as_ref());
        words.push((word, token.end, plural));
        previous_end = Some(token.end);
    }
    let chosen = words
        .iter()
        .rposition(|(_, _, plural)| *plural)
        .or((!words.is_empty()).then_some(0));
    match chosen {
        Some(at) => {
            let phrase: Vec<&str> = words[..=at].iter().map(|(w, _, _)| w.as_str()).collect();
            (
                Some(words[at].0.clone()),
                Some(words[at].1),
                Some(phrase.join(" ")),
            )
        }
        None => (None, None, None),
    }
}

/// Words skipped when looking for the verb of a quantity.
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "had",
    "have",
    "has",
    "been",
    "be",
    "being",
    "would",
    "will",
    "could",
    "also",
    "all",
    "reportedly",
    "then",
    "later",
    "still",
    "now",
    "who",
    "that",
    "which",
    "the",
    "a",
    "an",
    "some",
    "about",
    "around",
    "nearly",
    "almost",
    "more",
    "than",
    "least",
    "at",
    "over",
    "up",
    "to",
    "of",
    "by",
    "with",
    "and",
    "as",
    "many",
    "only",
    "just",
    "total",
    "estimated",
    "approximately",
    "roughly",
    "on",
    "in",
    "for",
    "from",
    "after",
    "before",
    "per",
    "a",
    "into",
    "against",
    "under",
    "while",
    "there",
    "it",
    "they",
    "he",
    "she",
    "said",
];

/// The verb of a quantity: the first content word after it in the same clause, else the
/// nearest before it in the same clause.
fn predicate(text: &str, tokens: &[Token<'_>], first: usize, last: usize) -> Option<Word> {
    let content = |t: &&Token<'_>| {
        let lower = lowered(t.text);
        t.text.chars().all(char::is_alphabetic)
            && !t.text.starts_with(char::is_uppercase)
            && !AUXILIARIES.contains(&lower.as_ref())
            && number_value(t.text).is_none()
    };
    let clause_break =
        |from: usize, to: usize| text[from..to].contains([',', ';', ':', '(', ')', '—', '–', '"']);
    let mut previous = tokens[last].end;
    // "20 firefighters and four engines remained": what follows "and" is another noun phrase.
    let mut after = tokens.iter().skip(last + 1).take(4).take_while(|t| {
        let open = !clause_break(previous, t.start)
            && !matches!(
                t.text.to_lowercase().as_str(),
                "and" | "or" | "but" | "plus"
            );
        previous = t.end;
        open
    });
    let found = after.find(content);
    let mut next = tokens[first].start;
    let before = tokens[..first].iter().rev().take(4).take_while(|t| {
        let open = !clause_break(t.end, next);
        next = t.start;
        open
    });
    let mut before = before;
    found
        .or_else(|| before.find(content))
        .map(|t| stemmed(t.text))
}

/// The qualifier before token `i` and where the quantity's text starts.
fn qualifier(text: &str, tokens: &[Token<'_>], i: usize) -> (Qualifier, usize) {
    let start = tokens[i].start;
    let window_start = tokens[i.saturating_sub(3)].start;
    let before = text[window_start..start].to_lowercase();
    let before = before.trim_end();
    QUALIFIERS
        .iter()
        .filter(|(phrase, _)| {
            before.ends_with(phrase)
                && before[..before.len() - phrase.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|(phrase, _)| phrase.len())
        .map_or((Qualifier::Exact, start), |(phrase, q)| {
            (*q, window_start + before.len() - phrase.len())
        })
}

fn range(value: f64, qualifier: Qualifier, written: &str, scale: f64) -> Range {
    let round = value >= 20.0 && value % 10.0 == 0.0 && !written.contains('.');
    // "3.1 billion" is stated to a tenth of a billion: it covers 3.05 to 3.15 billion.
    let decimals = written.split_once('.').map_or(0, |(_, d)| {
        d.chars().take_while(char::is_ascii_digit).count()
    });
    let precision = if scale > 1.0 {
        0.5 * scale / 10f64.powi(decimals as i32)
    } else {
        0.0
    };
    let (low, high) = match qualifier {
        Qualifier::Exact if round => (value * (1.0 - ROUND), value * (1.0 + ROUND)),
        Qualifier::Exact => (value - precision, value + precision),
        Qualifier::About => (value * (1.0 - ABOUT), value * (1.0 + ABOUT)),
        Qualifier::Above => (value, f64::INFINITY),
        Qualifier::AtLeast => (value, f64::INFINITY),
        Qualifier::Below => (0.0, value),
        Qualifier::AtMost => (0.0, value),
        Qualifier::Nearly => (value * (1.0 - ABOUT), value),
    };
    Range { low, high }
}

/// "Matthew Trickett, 37," / "Trickett, aged 37" / "the 37-year-old ... Matthew Trickett".
static AGE_AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\p{L}'’-]+\s){0,2}[A-Z][\p{L}'’-]+),\s(?:aged\s)?(\d{1,3})(?:,\s|\s*\)|\s(?:was|is|who|has|had|from|of|and)\s)")
        .expect("constant pattern")
});

static AGE_BEFORE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,3})-year-old\s(?:[a-z\p{L}-]+\s){0,3}?((?:[A-Z][\p{L}'’-]+\s){0,2}[A-Z][\p{L}'’-]+)")
        .expect("constant pattern")
});

/// Honorifics and words that open a sentence but are not part of a name.
const NOT_NAMES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "The", "A", "An", "Former",
    "Briton", "British", "American", "Police", "Officers", "Both", "He", "She", "It",
];

fn ages(text: &str, sentence: Span) -> Vec<Age> {
    let body = &text[sentence.start..sentence.end];
    let mut out = Vec::new();
    let mut push = |name: &str, years: &str, at: usize, len: usize| {
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| !NOT_NAMES.contains(&w.trim_end_matches('.')))
            .collect();
        let (Some(surname), Ok(years)) = (words.last(), years.parse::<u32>()) else {
            return;
        };
        if !(1..=120).contains(&years) {
            return;
        }
        out.push(Age {
            span: Span::new(sentence.start + at, sentence.start + at + len),
            surname: surname.to_string(),
            name: words.join(" "),
            years,
        });
    };
    for caps in AGE_AFTER_NAME.captures_iter(body) {
        let (Some(name), Some(years)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        push(
            name.as_str(),
            years.as_str(),
            name.start(),
            years.end() - name.start(),
        );
    }
    for caps in AGE_BEFORE_NAME.captures_iter(body) {
        let (Some(years), Some(name)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        push(
            name.as_str(),
            years.as_str(),
            years.start(),
            name.end() - years.start(),
        );
    }
    out
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

static EVENT_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
        .expect("constant pattern")
});

/// The days a sentence names for events: full dates, and weekdays after "on" resolved to the
/// latest such day on or before the story's date (news reports what has happened; a sentence
/// about the future, "will meet on Tuesday", is left unresolved).
fn days(text: &str, sentence: Span, story_date: Option<Date>) -> Vec<EventDay> {
    let body = &text[sentence.start..sentence.end];
    // Whether the words just before a weekday put it in the future ("will meet on Friday").
    let future = |at: usize| {
        let mut from = at.saturating_sub(40);
        while !body.is_char_boundary(from) {
            from -= 1;
        }
        let before = format!(" {}", body[from..at].to_lowercase());
        [
            " will ",
            " is due ",
            " are due ",
            " next ",
            " expected ",
            " plans ",
            " would ",
            " 'll ",
        ]
        .iter()
        .any(|w| before.contains(w))
    };
    let mut out: Vec<EventDay> = dates::find_dates(body)
        .into_iter()
        .map(|m| EventDay {
            span: Span::new(sentence.start + m.start, sentence.start + m.end),
            date: Some(m.date),
            weekday: None,
            context: Box::default(),
        })
        .collect();
    for caps in EVENT_DAY.captures_iter(body) {
        let Some(day) = caps.get(1) else { continue };
        let span = Span::new(sentence.start + day.start(), sentence.start + day.end());
        if out
            .iter()
            .any(|d| d.span.start <= span.start && span.end <= d.span.end + 12)
        {
            // "Tuesday, October 14, 2025": the full date says it all.
            continue;
        }
        let weekday = WEEKDAYS
            .iter()
            .position(|w| w.eq_ignore_ascii_case(day.as_str()))
            .map(|w| w as u8);
        let date = match (story_date, weekday, future(day.start())) {
            (Some(story), Some(weekday), false) => Some(latest_weekday(story, weekday)),
            _ => None,
        };
        out.push(EventDay {
            span,
            date,
            weekday,
            context: Box::default(),
        });
    }
    out
}

/// The latest day on or before `date` that falls on `weekday` (0 = Monday).
fn latest_weekday(date: Date, weekday: u8) -> Date {
    let days = date.days_since_epoch();
    let back = (i64::from(date.weekday()) - i64::from(weekday)).rem_euclid(7);
    Date::from_days_since_epoch(days - back)
}

/// Verbs whose negation carries over to the verb they introduce: "agreed not to *try* to
/// *seek* control" denies seeking control too.
const CATENATIVES: &[&str] = &[
    "try", "seek", "want", "agre", "plan", "intend", "attempt", "go", "going", "expect", "decid",
    "manag", "need", "wish", "hop", "refus", "offer", "threaten", "promis", "aim",
];

/// Words between a negator and the verb it negates ("has *not yet* been charged", "was not
/// *immediately* known").
const NEGATION_FILLERS: &[&str] = &[
    "be",
    "been",
    "being",
    "yet",
    "ever",
    "always",
    "have",
    "has",
    "had",
    "to",
    "even",
    "also",
    "now",
    "still",
    "currently",
    "formally",
];

/// Words after a negator that make it deny a phrase rather than the verb ("not *in* a short
/// time", "not *without* changes", "not *only* ...").
const CONSTITUENT: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "without",
    "with",
    "a",
    "an",
    "the",
    "only",
    "just",
    "because",
    "since",
    "as",
    "least",
    "all",
    "every",
    "enough",
    "necessarily",
    "so",
    "quite",
    "much",
    "until",
    "till",
    "before",
    "after",
    "by",
    "from",
    "that",
    "this",
    "unless",
    "if",
    "many",
];

/// Words that make the word after them a noun.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
];

/// The polarity of a sentence's words: the verbs it denies, and the content words it states
/// plainly (outside quotation marks and away from any negation).
#[derive(Debug, Default)]
struct Polarity {
    negated: Vec<Word>,
    asserted: Vec<Word>,
}

/// Reads what a sentence denies: the verb a negator governs ("did not *approve*", "has never
/// been *charged*", "agreed not to try to *seek*"), leaving out negations inside quotations
/// (a speaker's words, not the story's), contrasts ("quotas, not negotiate"), relative clauses
/// ("a budget that does not allocate"), phrases ("not in a short time") and time limits ("not
/// due to meet until September").
/// `words` are the tokens' stems.
fn polarity(text: &str, tokens: &[Token<'_>], words: &[Word]) -> Polarity {
    let quoted = quoted_tokens(text, tokens);
    let lower: Vec<Cow<'_, str>> = tokens.iter().map(|t| lowered(t.text)).collect();
    // "don"t": a typewriter quote standing in for the apostrophe, as in some wire copy.
    let is_negator = |k: usize| {
        NEGATORS.contains(&lower[k].as_ref())
            || lower[k].ends_with("n't")
            || lower[k].ends_with("n\"t")
    };
    let mut near_negation = vec![false; tokens.len()];
    let mut negated = Vec::new();
    for i in (0..tokens.len()).filter(|&i| is_negator(i)) {
        let from = i.saturating_sub(3);
        let to = (i + 4).min(tokens.len());
        near_negation[from..to]
            .iter_mut()
            .for_each(|near| *near = true);
        let contrast =
            lower[i] == "not" && i > 0 && text[tokens[i - 1].end..tokens[i].start].trim() == ",";
        let clause_end = (i + 1..tokens.len())
            .find(|&k| text[tokens[k - 1].end..tokens[k].start].contains([',', ';', ':', '(']))
            .unwrap_or(tokens.len());
        let time_limit = lower[i + 1..clause_end]
            .iter()
            .any(|w| w == "until" || w == "till");
        if quoted[i] || contrast || time_limit || describes_a_noun(tokens, i) {
            continue;
        }
        let mut k = i + 1;
        loop {
            while k < clause_end
                && (NEGATION_FILLERS.contains(&lower[k].as_ref())
                    || (lower[k].ends_with("ly") && lower[k].len() > 4))
            {
                k += 1;
            }
            if k >= clause_end || CONSTITUENT.contains(&lower[k].as_ref()) {
                break;
            }
            let verb = words[k];
            // "Stream is not CentOS": a name denied, not an action.
            if STOPWORD_SET.contains(&verb.as_str())
                || number_value(tokens[k].text).is_some()
                || tokens[k].text.starts_with(char::is_uppercase)
            {
                break;
            }
            let carries_on = CATENATIVES.contains(&verb.as_str())
                && tokens
                    .get(k + 1)
                    .is_some_and(|t| t.text.eq_ignore_ascii_case("to"));
            negated.push(verb);
            if !carries_on {
                break;
            }
            k += 1;
        }
    }
    // "found no deficiencies", "had no record": "no" before a noun denies the verb before it.
    for k in 1..tokens.len() {
        let verb = &lower[k - 1];
        if lower[k] == "no"
            && !quoted[k]
            && verb.chars().all(char::is_alphabetic)
            && !STOPWORD_SET.contains(&words[k - 1].as_str())
            && !DETERMINERS.contains(&verb.as_ref())
            && !CONSTITUENT.contains(&verb.as_ref())
            && text[tokens[k - 1].end..tokens[k].start].trim().is_empty()
        {
            negated.push(words[k - 1]);
            near_negation[k - 1] = true;
        }
    }
    let mut asserted: Vec<Word> = tokens
        .iter()
        .enumerate()
        .filter(|&(k, t)| {
            // After a determiner a word names a thing ("the closing value"), not an action.
            let after_determiner = k > 0 && DETERMINERS.contains(&lower[k - 1].as_ref());
            !quoted[k]
                && !near_negation[k]
                && !after_determiner
                && t.text
                    .chars()
                    .all(|c| c.is_alphabetic() || "'’-".contains(c))
        })
        .map(|(k, _)| words[k])
        .filter(|w| w.chars().count() > 2 && !STOPWORD_SET.contains(&w.as_str()))
        .collect();
    asserted.sort();
    asserted.dedup();
    Polarity { negated, asserted }
}

/// Stems of the words within two words after "will", "shall" or "'ll"; `words` are the
/// tokens' stems.
fn future_words(tokens: &[Token<'_>], words: &[Word]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        let lower = lowered(token.text);
        if matches!(lower.as_ref(), "will" | "shall")
            || lower.ends_with("'ll")
            || lower.ends_with("’ll")
        {
            out.extend(words.iter().skip(k + 1).take(2).copied());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Which tokens stand inside quotation marks, straight or curly, within the sentence.
fn quoted_tokens(text: &str, tokens: &[Token<'_>]) -> Vec<bool> {
    let mut inside = false;
    let mut previous = tokens.first().map_or(0, |t| {
        // Look back to the sentence's opening quotation mark, if any, just before the first token.
        let mut from = t.start.saturating_sub(2);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        from
    });
    tokens
        .iter()
        .map(|t| {
            for c in text[previous..t.start].chars() {
                match c {
                    '"' => inside = !inside,
                    '“' => inside = true,
                    '”' => inside = false,
                    _ => {}
                }
            }
            previous = t.end;
            inside
        })
        .collect()
}

/// Whether the negator at `i` opens a relative clause ("a budget *that does not* allocate
/// funds", "officers *who had not* been vetted"): it describes the noun before it and says
/// nothing on whether the main event happened.
fn describes_a_noun(tokens: &[Token<'_>], i: usize) -> bool {
    const RELATIVE: &[&str] = &["that", "which", "who", "whom", "whose"];
    const AUXILIARY: &[&str] = &[
        "do", "does", "did", "has", "have", "had", "is", "are", "was", "were", "will", "would",
        "could", "can", "should", "may", "might", "must",
    ];
    let lower = |k: usize| lowered(tokens[k].text);
    let relative = |k: usize| RELATIVE.contains(&lower(k).as_ref());
    if lower(i).ends_with("n't") {
        return i >= 1 && relative(i - 1);
    }
    (i >= 1 && relative(i - 1))
        || (i >= 2 && AUXILIARY.contains(&lower(i - 1).as_ref()) && relative(i - 2))
}

fn reports_change(words: &[Word]) -> bool {
    const CHANGE: &[&str] = &[
        "rise", "ris", "increas", "climb", "grow", "revis", "updat", "now", "latest", "fall",
        "dropp", "reach", "sweeten", "rais", "cut", "lower", "boost", "amend", "new", "higher",
    ];
    words.iter().any(|w| CHANGE.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::string::string_regex;
    use proptest::test_runner::TestRunner;

    #[test]
    fn plain_text_is_cut_into_the_tokens_the_pattern_finds() {
        // Random texts from the characters that matter to the pattern, from a fixed seed.
        let random = string_regex("[ab tn1,.$%'\"_XZ09 -]{0,31}").expect("a valid class");
        let mut runner = TestRunner::deterministic();
        let mut texts: Vec<String> = (0..20_000)
            .map(|_| random.new_tree(&mut runner).expect("a text").current())
            .collect();
        texts.extend(
            [
                "$2,400,000.50 rose 12% to 3km, 1,000, 5km2 and 7th don\"t isn't rock-n-roll's",
                "a 10-year-old's $ 5 %, 1.5.6 1,,2 ,3 x\"t_ y\"tz",
            ]
            .map(String::from),
        );
        for text in &texts {
            let by_pattern: Vec<(usize, usize)> = TOKEN
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let by_hand: Vec<(usize, usize)> = AsciiTokens { text, at: 0 }.collect();
            assert_eq!(by_hand, by_pattern, "{text:?}");
        }
    }

    fn claims(body: &str) -> SentenceClaims {
        let text = format!("Headline\n\n{body}");
        let segmented = segment(&text, 10);
        let mut all = extract(&text, &segmented, Date::new(2025, 3, 12));
        all.remove(0)
    }

    fn described(body: &str) -> Vec<String> {
        let text = format!("Headline\n\n{body}");
        claims(body)
            .quantities
            .iter()
            .map(|q| {
                format!(
                    "{} = {} [{}..{}] {:?}",
                    &text[q.span.start..q.span.end],
                    q.value,
                    q.range.low,
                    q.range.high,
                    q.unit
                )
            })
            .collect()
    }

    #[test]
    fn remembered_stems_are_the_stems() {
        for token in [
            "Firefighters",
            "gave",
            "council’s",
            "Approved",
            "firefighters",
            "gave",
        ] {
            assert_eq!(stemmed(token), Word::new(&stem(token)), "{token}");
        }
        assert_eq!(stemmed("Gave").as_str(), "give");
    }

    #[test]
    fn only_the_words_of_proper_names_have_a_place() {
        let body = "Yesterday the mayor Anne Hidalgo met Paris officials.";
        let text = format!("Headline\n\n{body}");
        let found = claims(body);
        let named: Vec<(&str, &str)> = (0..found.words.len())
            .filter_map(|k| {
                found
                    .proper(k)
                    .map(|s| (found.words[k].as_str(), &text[s.start..s.end]))
            })
            .collect();
        assert_eq!(
            named,
            [("anne", "Anne"), ("hidalgo", "Hidalgo"), ("pari", "Paris")]
        );
        assert_eq!(
            found.proper(0),
            None,
            "the opening word is not taken for a name"
        );
        assert_eq!(found.proper(found.words.len()), None);
    }

    #[test]
    fn counts_with_their_nouns_and_qualifiers() {
        assert_eq!(
            described(
                "Twelve fire engines and about 60 firefighters attended, with more than 50 staff."
            ),
            vec![
                "Twelve fire engines = 12 [12..12] Count(\"engin\")",
                "about 60 firefighters = 60 [51..69] Count(\"firefighter\")",
                "more than 50 staff = 50 [50..inf] Count(\"staff\")",
            ]
        );
    }

    #[test]
    fn words_and_digits_are_the_same_number() {
        let words = &claims("Sixty firefighters went.").quantities[0];
        let digits = &claims("60 firefighters went.").quantities[0];
        assert_eq!(words.value, digits.value);
        assert_eq!(words.unit, digits.unit);
        assert_eq!(
            claims("Twenty-five people were hurt.").quantities[0].value,
            25.0
        );
        assert_eq!(claims("A dozen homes were hit.").quantities[0].value, 12.0);
    }

    #[test]
    fn money_and_percentages() {
        assert_eq!(
            described("The council saved £2.4m, a 35% increase, and $30 million more."),
            vec![
                "£2.4m = 2400000 [2350000..2450000] Money(\"GBP\")",
                "35% increase = 35 [35..35] Percent(\"increas\")",
                "$30 million = 30000000 [28500000..31500000] Money(\"USD\")",
            ]
        );
    }

    #[test]
    fn years_times_and_dates_are_not_counts() {
        assert_eq!(
            described("In 2024, at 3.08am on 11 March 2025, it began."),
            Vec::<String>::new()
        );
        assert!(described("He spent 10 years there and 3 hours here.").is_empty());
    }

    #[test]
    fn tables_and_capitals_are_not_prose() {
        assert!(!is_prose(
            "CME 10:45 EDT L-CATTLE APR7 69.52 UP 0.12 JUN7 64.95 OFF 0.07"
        ));
        assert!(!is_prose("COMMODITIES CLOSING SPOT TRENDS - APRIL 7"));
        assert!(is_prose(
            "About 60 firefighters fought the fire on 11 March 2025."
        ));
    }

    #[test]
    fn stated_precision_widens_the_range() {
        let q = &claims("The bid was worth 3.1 billion dlrs.").quantities[0];
        assert!(q.range.low < 3.06e9 && q.range.high > 3.14e9, "{q:?}");
        assert_eq!(
            described("Gold fixed at 419.50 (421.43) dlrs an ounce."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_list_of_figures_is_not_an_age() {
        assert!(
            claims("Patents: 30,000 in West Germany, 60,000 in the U.S.")
                .ages
                .is_empty()
        );
    }

    #[test]
    fn no_counts_as_zero() {
        assert_eq!(
            described("No firefighters were injured."),
            vec!["No firefighters = 0 [0..0] Count(\"firefighter\")"]
        );
    }

    #[test]
    fn ages_of_named_people() {
        let found = claims(
            "A third suspect, 37-year-old Briton Matthew Trickett, was charged, and Jane Doe, 44, of Leeds, spoke.",
        );
        let ages: Vec<(String, u32)> = found
            .ages
            .iter()
            .map(|a| (a.name.clone(), a.years))
            .collect();
        assert_eq!(
            ages,
            vec![
                ("Jane Doe".to_string(), 44),
                ("Matthew Trickett".to_string(), 37)
            ]
        );
    }

    #[test]
    fn weekdays_resolve_against_the_story_date() {
        // 12 March 2025 was a Wednesday.
        let found = claims("The fire started on Tuesday and the council will meet on Friday.");
        assert_eq!(found.days[0].date, Date::new(2025, 3, 11));
        assert_eq!(found.days[1].date, None, "a future day is not resolved");
    }

    #[test]
    fn negations_name_the_negated_verb() {
        let negated = |body: &str| claims(body).negated.into_vec();
        assert_eq!(
            negated("The council did not approve the closure."),
            vec!["approv"]
        );
        assert_eq!(
            negated("Prosecutors would not seek a retrial."),
            vec!["seek"]
        );
        assert_eq!(
            negated("His position was not immediately known."),
            vec!["know"]
        );
        assert_eq!(negated("He has never been charged."), vec!["charg"]);
        assert_eq!(
            negated("Inspectors found no structural deficiencies."),
            vec!["find"]
        );
        assert!(negated("No firefighters were hurt and there were no deaths.").is_empty());
        assert_eq!(
            negated("Trump agreed not to try to seek control."),
            vec!["try", "seek"]
        );
        assert!(negated("The council approved the closure.").is_empty());
        assert!(negated("They tried to dictate quotas, not negotiate them.").is_empty());
        assert_eq!(
            negated("He will not approve a budget that does not allocate funding for a wall."),
            vec!["approv"],
            "a relative clause describes the budget; it does not deny an allocation"
        );
        assert!(negated("Officers who hadn't been vetted were sent.").is_empty());
        assert!(negated("Poland would pay, \"but not in a short time\", he said.").is_empty());
        assert!(negated("The full council is not due to meet again until September.").is_empty());
        assert!(negated("\"We will not sell below the official price,\" he said.").is_empty());
        assert_eq!(
            negated("\"We don\"t believe there is a problem.\"").len(),
            0
        );
        assert!(claims("If they did not change their minds, talks would end.").conditional);
    }

    #[test]
    fn asserted_words_leave_out_quotes_and_negations() {
        let found = claims(
            "The board approved the plan but did not sign it, saying \"we rejected nothing\".",
        );
        assert!(found.asserted.iter().any(|w| *w == "approv"));
        assert!(!found.asserted.iter().any(|w| *w == "sign"));
        assert!(!found.asserted.iter().any(|w| *w == "reject"));
    }

    #[test]
    fn stems_meet_across_inflections() {
        assert_eq!(stem("gave"), stem("give"));
        assert_eq!(stem("found"), stem("find"));
        assert_eq!(stem("approved"), stem("approves"));
        assert_eq!(stem("approve"), stem("approving"));
        assert_eq!(stem("firefighters"), "firefighter");
        assert_eq!(stem("men"), "man");
    }
}
