//! Credibility signals in a story's text: what a reader would use to judge how well a story is
//! sourced.
//!
//! What it finds: against the story, claims credited to no one ("according to alarming new
//! findings", "experts warn"), anonymous sources ("one council officer, who wished to
//! remain anonymous"), loaded wording and clickbait headlines ("SHOCK", "you won't believe"), hedges
//! ("is believed to"), and a story with no date, no figure or no named person at all; in its
//! favour, direct quotations from named people, cited documents ("in a statement", "court
//! documents"), named outlets ("the BBC reported"), a dateline, a byline and a correction
//! notice. The signals, their words and their weights are data in the pack
//! (`rules/credibility.yaml`); this file says how to look.
//!
//! Why: a fact-checker triaging a batch wants the weakest-sourced stories first, and wants to
//! see why. Each signal against a story becomes an info finding with its evidence; every
//! signal, for or against, goes into the story's score (`src/credibility.rs`).
//!
//! Example: in "Shockingly, experts warn that the plot is bigger", `shockingly` is loaded
//! wording and `experts warn` is vague attribution. Words inside quotation marks are the
//! speaker's, not the outlet's, and are not held against the story.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::{Detector, StoryView};
use crate::claims::lowered;
use crate::credibility::Observed;
use crate::findings::{Finding, Kind, Span};
use crate::pack::Rule;
use crate::pack::credibility::{Candidates, Check, Scope, Signal};
use crate::segment::{Part, Sentence};

/// The credibility detector.
pub struct Credibility;

impl Detector for Credibility {
    fn name(&self) -> &'static str {
        "credibility"
    }

    fn kind(&self) -> Kind {
        Kind::Credibility
    }

    fn documentation(&self) -> &'static str {
        "Looks for the credibility signals of the pack's `credibility` section in each story: \
         phrases and patterns (vague or anonymous attribution, loaded wording, clickbait \
         headline forms, hedges, superlatives; cited documents, named outlets, datelines, \
         correction notices), named quotations, a byline, and the absence of any date, figure \
         or named person. Matches inside quotation marks are the speaker's words and are not \
         counted against the story. Every signal against the story is reported as a finding \
         with its evidence; all signals, with the story's findings from other rules, make its \
         score from 0 to 100 (docs/credibility.md)."
    }

    fn check_story(&self, view: &StoryView<'_>, rule: &Rule, out: &mut Vec<Finding>) {
        let signals = &view.pack.credibility.signals;
        for observed in view.signals {
            let signal = &signals[observed.signal];
            if signal.is_favourable() {
                continue;
            }
            out.push(Finding {
                rule: rule.id.clone(),
                kind: Kind::Credibility,
                severity: rule.severity,
                story: view.index,
                span: observed.span,
                message: format!(
                    "{} ({} points, signal {})",
                    signal.summary, signal.weight, signal.id
                ),
                hint: signal.hint.clone(),
                group: "Credibility signals".to_string(),
                diff: None,
                related: Vec::new(),
            });
        }
    }
}

/// The capitalised words of a name: "Owen Stratton", "Ken McCallum", "Seán O'Neill", "Park
/// Won-soon", "People's Daily", "Bank of China".
static NAME_RUN: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}(?:\p{Ll}+|['’]\p{Lu}\p{Ll}+)(?:\p{Lu}\p{Ll}+)?(?:-\p{L}\p{Ll}+)?(?:['’]s)?";
    let connector = r"(?:(?:of|of the|for|de|del|da|van|von|bin|al)\s+)?";
    Regex::new(&format!(
        r"\b{word}(?:\s+{connector}(?:\p{{Lu}}\.\s+)?{word}){{1,3}}\b"
    ))
    .expect("constant pattern")
});

/// A paragraph that opens with a social-media handle and a colon: a quoted post.
static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^@\w+:").expect("constant pattern"));

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?").expect("constant pattern"));

/// The words of `text` as [`WORD`] finds them, with their offsets in `text`. Most sentences
/// are plain ASCII, where a word is a run of letters and digits with an optional apostrophe
/// and letters after it; those are cut by hand, which is several times quicker than the
/// pattern, and anything else is left to the pattern.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ascii = text.is_ascii().then_some(AsciiWords { text, at: 0 });
    let other = (!text.is_ascii()).then(|| WORD.find_iter(text).map(|w| (w.start(), w.as_str())));
    ascii
        .into_iter()
        .flatten()
        .chain(other.into_iter().flatten())
}

/// The words of an ASCII text, as [`WORD`] would find them.
struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let start = self.at
            + bytes[self.at..]
                .iter()
                .position(u8::is_ascii_alphanumeric)?;
        let run = |from: usize, keep: fn(&u8) -> bool| {
            from + bytes[from..].iter().take_while(|b| keep(b)).count()
        };
        let mut end = run(start, u8::is_ascii_alphanumeric);
        if bytes.get(end) == Some(&b'\'') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            end = run(end + 1, u8::is_ascii_alphabetic);
        }
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

/// Least words in a quotation for it to count as a direct quote rather than a scare quote.
const MIN_QUOTE_WORDS: usize = 4;

/// Least words in a paragraph for it to be prose rather than a header line.
const MIN_PROSE_WORDS: usize = 8;

/// A story's text as the signals read it.
struct Reading<'a> {
    view: &'a StoryView<'a>,
    text: &'a str,
    /// Quotations, by span, including the quotation marks.
    quotes: Vec<Span>,
    /// Named people and bodies found in the body, outside quotations.
    people: Vec<Span>,
    /// The last word of each name in `people`, for later mentions by surname.
    surnames: Vec<&'a str>,
    /// Those of `surnames` that are capitalised, lower-cased, for matching lower-cased words.
    folded_surnames: Vec<String>,
    /// Index of the last paragraph of the opening.
    opening_end: usize,
    /// For each sentence, the signals' phrases and patterns that can match in it.
    candidates: Vec<Candidates>,
}

/// Every signal of the pack found in the story, with findings-based signals left to the
/// scoring stage.
pub fn observe(view: &StoryView<'_>) -> Vec<Observed> {
    let reading = Reading::new(view);
    let signals = &view.pack.credibility.signals;
    let mut out: Vec<Observed> = Vec::new();
    // Text signals first: some checks are cancelled by them (`unless`).
    for (index, signal) in signals.iter().enumerate() {
        if !signal.enabled {
            continue;
        }
        match signal.check {
            Check::Text => out.extend(reading.text_matches(index, signal)),
            Check::ShoutingHeadline => {
                let headline_has_lower = reading
                    .sentences(Scope::Headline)
                    .any(|s| reading.text[s.start..s.end].chars().any(char::is_lowercase));
                if headline_has_lower {
                    out.extend(reading.text_matches(index, signal));
                }
            }
            _ => {}
        }
    }
    let story = view.story;
    // Words of prose only: a table of figures or a list of headings is not a story that should
    // name its sources, however many tokens it holds.
    let body_words: usize = reading
        .sentences(Scope::Body)
        .map(|s| &reading.text[s.start..s.end])
        .filter(|s| is_prose(s))
        .map(|s| {
            s.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic) && !w.contains(".."))
                .count()
        })
        .sum();
    out.retain(|o| body_words >= signals[o.signal].min_words);
    let nowhere = Span::new(story.body_start, story.body_start);
    for (index, signal) in signals.iter().enumerate() {
        if !signal.enabled || body_words < signal.min_words {
            continue;
        }
        let found = |span| Observed {
            signal: index,
            span,
        };
        match &signal.check {
            Check::Byline => {
                if let Some(author) = story.author.as_deref().map(str::trim)
                    && !author.is_empty()
                {
                    let span = reading
                        .text
                        .find(author)
                        .map_or(nowhere, |at| Span::new(at, at + author.len()));
                    out.push(found(span));
                }
            }
            Check::Undated => {
                if story.date.is_none() {
                    out.push(found(nowhere));
                }
            }
            Check::NoFigures => {
                let any = reading.sentences(Scope::Body).any(|s| {
                    reading.text[s.start..s.end]
                        .bytes()
                        .any(|b| b.is_ascii_digit())
                });
                if !any && reading.sentences(Scope::Body).next().is_some() {
                    out.push(found(nowhere));
                }
            }
            Check::NoNamedSource => {
                let body: Vec<Span> = reading.sentences(Scope::Body).collect();
                if reading.people.is_empty()
                    && !body.is_empty()
                    && !body.iter().any(|&s| reading.has_named_attribution(s))
                {
                    out.push(found(nowhere));
                }
            }
            Check::NamedQuote | Check::NamedAttribution => {
                let cancelled = |sentence: Span| {
                    out.iter().any(|o| {
                        signal.unless.contains(&o.signal)
                            && o.span.start >= sentence.start
                            && o.span.end <= sentence.end
                    })
                };
                let quote = signal.check == Check::NamedQuote;
                let credited: Vec<Observed> = reading
                    .sentences(signal.scope)
                    .filter(|&s| {
                        let named = if quote {
                            reading.is_named_quote(s)
                        } else {
                            reading.has_named_attribution(s)
                        };
                        named && !cancelled(s)
                    })
                    .map(found)
                    .collect();
                out.extend(credited);
            }
            Check::Text
            | Check::ShoutingHeadline
            | Check::Corroborated
            | Check::Findings { .. } => {}
        }
    }
    out.sort_by_key(|o| (o.span.start, o.signal));
    out
}

impl<'a> Reading<'a> {
    fn new(view: &'a StoryView<'a>) -> Reading<'a> {
        let text = view.story.text();
        let mut reading = Reading {
            view,
            text,
            quotes: Vec::new(),
            people: Vec::new(),
            surnames: Vec::new(),
            folded_surnames: Vec::new(),
            opening_end: 0,
            candidates: Vec::new(),
        };
        let set = view.pack.credibility.text_set();
        reading.candidates = view
            .segmented
            .sentences
            .iter()
            .map(|s| set.candidates(&text[s.span.start..s.span.end]))
            .collect();
        let mut paragraphs: Vec<(usize, Span)> = Vec::new();
        for sentence in &view.segmented.sentences {
            match paragraphs.last_mut() {
                Some((index, span)) if *index == sentence.paragraph => span.end = sentence.span.end,
                _ => paragraphs.push((sentence.paragraph, sentence.span)),
            }
        }
        for (index, (_, span)) in paragraphs.iter().enumerate() {
            // A paragraph introduced by one ending in a colon ("She wrote on her blog:"), or
            // opening with a handle ("@bejanmatur: ..."), is a block quotation, usually set
            // without quotation marks.
            let introduced = index > 0 && {
                let (_, before) = paragraphs[index - 1];
                text[before.start..before.end].trim_end().ends_with(':')
            };
            if introduced || HANDLE.is_match(&text[span.start..span.end]) {
                reading.quotes.push(*span);
            } else {
                reading.quotes.extend(quotations(text, *span));
            }
        }
        reading.opening_end = view
            .segmented
            .sentences
            .iter()
            .filter(|s| s.part == Part::Body)
            .map(|s| s.paragraph)
            .find(|&p| {
                paragraphs.iter().any(|(index, span)| {
                    *index == p
                        && text[span.start..span.end].split_whitespace().count() >= MIN_PROSE_WORDS
                })
            })
            .unwrap_or(usize::MAX);
        // Headings ("Quarry Traffic Concerns") are capitalised throughout; only
        // sentences of prose are searched for people.
        let prose: Vec<Span> = reading
            .sentences(Scope::Body)
            .filter(|s| ends_like_prose(&reading.text[s.start..s.end]))
            .collect();
        for sentence in prose {
            let people = reading.names_in(sentence, true);
            reading.people.extend(people);
        }
        reading.surnames = reading
            .people
            .iter()
            .filter_map(|p| text[p.start..p.end].split_whitespace().last())
            .filter(|w| w.chars().count() > 2)
            .collect();
        reading.folded_surnames = reading
            .surnames
            .iter()
            .filter(|s| s.chars().next().is_some_and(char::is_uppercase))
            .map(|s| s.to_lowercase())
            .collect();
        reading
    }

    /// The sentences of a part of the story, by span.
    fn sentences(&self, scope: Scope) -> impl Iterator<Item = Span> + '_ {
        self.view
            .segmented
            .sentences
            .iter()
            .filter(move |s| self.in_scope(s, scope))
            .map(|s| s.span)
    }

    fn in_scope(&self, sentence: &Sentence, scope: Scope) -> bool {
        match scope {
            Scope::Headline => sentence.part == Part::Headline,
            Scope::Body => sentence.part == Part::Body,
            Scope::Opening => sentence.part == Part::Body && sentence.paragraph <= self.opening_end,
            Scope::Story => true,
        }
    }

    /// The sentences of a part of the story, by span, each with the signals' phrases and
    /// patterns that can match in it.
    fn sentences_and_candidates(
        &self,
        scope: Scope,
    ) -> impl Iterator<Item = (Span, &Candidates)> + '_ {
        self.view
            .segmented
            .sentences
            .iter()
            .zip(&self.candidates)
            .filter(move |(s, _)| self.in_scope(s, scope))
            .map(|(s, c)| (s.span, c))
    }

    fn in_quote(&self, at: usize) -> bool {
        self.quotes.iter().any(|q| q.start <= at && at < q.end)
    }

    /// The signal's phrases and patterns in its part of the story, one match per place.
    fn text_matches(&self, index: usize, signal: &Signal) -> Vec<Observed> {
        let members = self.view.pack.credibility.text_set().members(index);
        let mut spans: Vec<Span> = Vec::new();
        for (sentence, candidates) in self.sentences_and_candidates(signal.scope) {
            let slice = &self.text[sentence.start..sentence.end];
            let regexes = signal.phrases.iter().chain(&signal.patterns);
            for (regex, &member) in regexes.zip(members) {
                if !candidates.may_match(member) {
                    continue;
                }
                for m in regex.find_iter(slice) {
                    if m.start() == m.end() {
                        continue;
                    }
                    let span = Span::new(sentence.start + m.start(), sentence.start + m.end());
                    if signal.outside_quotes && self.in_quote(span.start) {
                        continue;
                    }
                    if !signal.unless_followed_by.is_empty() {
                        let next = words(&slice[m.end()..]).next().map(|(_, w)| lowered(w));
                        if next.is_some_and(|w| signal.unless_followed_by.contains(w.as_ref())) {
                            continue;
                        }
                    }
                    spans.push(span);
                }
            }
        }
        spans.sort();
        let mut kept: Vec<Span> = Vec::new();
        for span in spans {
            if kept.last().is_none_or(|last| span.start >= last.end) {
                kept.push(span);
            }
        }
        kept.into_iter()
            .map(|span| Observed {
                signal: index,
                span,
            })
            .collect()
    }

    /// Whether a word is a country's name or demonym in the pack ("British", "China").
    fn is_country_word(&self, word: &str) -> bool {
        self.view.pack.countries.iter().any(|c| {
            c.name == word
                || c.names.iter().any(|n| n == word)
                || c.demonyms.iter().any(|d| d == word)
        })
    }

    /// Names in a sentence, outside quotations: a title and a name ("Prime Minister Keir
    /// Starmer"), or a run of two to four capitalised words once leading words that cannot
    /// start a name ("The", "On", "British") are set aside. With `people_only`, a run holding a
    /// word of an organisation ("Service", "Council") or an institution the knowledge base
    /// knows is left out, so that what remains names people (or, now and then, a place).
    fn names_in(&self, sentence: Span, people_only: bool) -> Vec<Span> {
        let names = &self.view.pack.credibility.names;
        let slice = &self.text[sentence.start..sentence.end];
        let mut out = Vec::new();
        if let Some(titled) = &names.titled {
            for m in titled.find_iter(slice) {
                let span = Span::new(sentence.start + m.start(), sentence.start + m.end());
                if !self.in_quote(span.start) {
                    out.push(span);
                }
            }
        }
        for m in NAME_RUN.find_iter(slice) {
            let start = sentence.start + m.start();
            if self.in_quote(start) || out.iter().any(|s| s.start <= start && start < s.end) {
                continue;
            }
            let word_starts: Vec<usize> = m
                .as_str()
                .char_indices()
                .filter(|&(i, c)| {
                    !c.is_whitespace()
                        && m.as_str()[..i]
                            .chars()
                            .next_back()
                            .is_none_or(char::is_whitespace)
                })
                .map(|(i, _)| i)
                .collect();
            let words: Vec<&str> = m.as_str().split_whitespace().collect();
            let skip = words
                .iter()
                .take_while(|w| names.not_names.contains(**w) || self.is_country_word(w))
                .count();
            let rest = &words[skip..];
            if rest.len() < 2 {
                continue;
            }
            if people_only {
                let organisation = rest.iter().any(|w| {
                    names.organisation_words.contains(*w)
                        || names.not_names.contains(*w)
                        || self.is_country_word(w)
                }) || self
                    .view
                    .mentions
                    .entities
                    .iter()
                    .any(|e| e.span.start <= start && start < e.span.end);
                if organisation {
                    continue;
                }
            }
            out.push(Span::new(
                start + word_starts[skip],
                sentence.start + m.end(),
            ));
        }
        out
    }

    /// Whether a sentence credits something to a named speaker, person or body, outside
    /// quotations: a speech verb a few words after the name ("the Agriculture Department
    /// reported", "Ms Pryce, the council leader, said") or right before it ("said Joanne
    /// Pryce").
    fn has_named_attribution(&self, sentence: Span) -> bool {
        const AFTER: usize = 6;
        const BEFORE: usize = 2;
        let verbs = &self.view.pack.credibility.names.speech_verbs;
        let words: Vec<(usize, Cow<'_, str>)> = words(&self.text[sentence.start..sentence.end])
            .map(|(at, w)| (sentence.start + at, lowered(w)))
            .filter(|(at, _)| !self.in_quote(*at))
            .collect();
        // Without a speech verb there is nothing to attribute, whatever names the sentence
        // holds; most sentences have none, and finding names is the costly part.
        if !words.iter().any(|(_, w)| verbs.contains(w.as_ref())) {
            return false;
        }
        let mut names = self.names_in(sentence, false);
        names.extend(
            self.view
                .mentions
                .entities
                .iter()
                .map(|e| e.span)
                .filter(|e| e.start >= sentence.start && e.start < sentence.end)
                .filter(|e| !self.in_quote(e.start)),
        );
        // A surname already named in full ("Ongpin said").
        names.extend(
            words
                .iter()
                .filter(|(_, w)| self.folded_surnames.iter().any(|s| s == w))
                .map(|(at, w)| Span::new(*at, at + w.len())),
        );
        names.iter().any(|name| {
            let first_after = words.partition_point(|(at, _)| *at < name.end);
            let first_in = words.partition_point(|(at, _)| *at < name.start);
            let after = words[first_after..].iter().take(AFTER);
            let before = words[..first_in].iter().rev().take(BEFORE);
            after.chain(before).any(|(_, w)| verbs.contains(w.as_ref()))
        })
    }

    /// Whether a sentence holds a direct quotation with a named speaker: a quotation of a few
    /// words and, outside it, a speech verb and a named person or body (or a word that refers
    /// back to one named earlier in the story).
    fn is_named_quote(&self, sentence: Span) -> bool {
        let names = &self.view.pack.credibility.names;
        // The quotation is in the sentence, or follows it once the sentence ends in a colon
        // ("She wrote on her blog:" and a block quotation).
        let introduces = self.text[sentence.start..sentence.end]
            .trim_end()
            .ends_with(':');
        let has_quote = self.quotes.iter().any(|q| {
            let inside = q.start < sentence.end && q.end > sentence.start;
            let follows = introduces
                && q.start >= sentence.end
                && self.text[sentence.end..q.start].trim().is_empty();
            (inside || follows)
                && self.text[q.start..q.end].split_whitespace().count() >= MIN_QUOTE_WORDS
        });
        if !has_quote {
            return false;
        }
        let outside: Vec<(usize, &str)> = words(&self.text[sentence.start..sentence.end])
            .map(|(at, w)| (sentence.start + at, w))
            .filter(|(at, _)| !self.in_quote(*at))
            .collect();
        let speaks = outside
            .iter()
            .any(|(_, w)| names.speech_verbs.contains(lowered(w).as_ref()));
        if !speaks {
            return false;
        }
        let named = !self.names_in(sentence, false).is_empty()
            || self.view.mentions.entities.iter().any(|e| {
                e.span.start >= sentence.start
                    && e.span.start < sentence.end
                    && !self.in_quote(e.span.start)
            })
            || outside.iter().any(|(_, w)| self.surnames.contains(w));
        if named {
            return true;
        }
        let named_before = self.people.iter().any(|p| p.start < sentence.start)
            || self
                .view
                .mentions
                .entities
                .iter()
                .any(|e| e.span.start < sentence.start);
        let lower = self.text[sentence.start..sentence.end].to_lowercase();
        named_before
            && names.back_references.iter().any(|r| {
                lower.match_indices(r.as_str()).any(|(at, _)| {
                    let before = lower[..at].chars().next_back();
                    let after = lower[at + r.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                        && !self.in_quote(sentence.start + at)
                })
            })
    }
}

/// Whether a sentence ends as prose does, with a full stop, a question or exclamation mark, a
/// closing quotation mark or bracket, rather than as a heading or a line of a table.
fn ends_like_prose(sentence: &str) -> bool {
    sentence
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '\'', '’', ')'])
}

/// Whether a sentence is prose: it ends like prose and runs to a few words.
fn is_prose(sentence: &str) -> bool {
    ends_like_prose(sentence) && sentence.split_whitespace().count() >= MIN_PROSE_WORDS
}

/// The quotations in a paragraph: text between double quotation marks (straight or curly) or
/// single ones (curly, or straight where it opens after a space and closes before one, so that
/// apostrophes in "Britain's" are not taken for quotation marks). A quotation left open runs
/// to the end of the paragraph, as multi-paragraph quotations do.
fn quotations(text: &str, paragraph: Span) -> Vec<Span> {
    let slice = &text[paragraph.start..paragraph.end];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let opens_single = c == '‘'
            || (c == '\''
                && prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p))
                && next.is_some_and(|n| !n.is_whitespace()));
        let closes_single = (c == '’' || c == '\'')
            && !(letter(prev) && letter(next))
            && prev.is_some_and(|p| !p.is_whitespace())
            && next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]—–-".contains(n));
        match open {
            None => {
                if c == '"' || c == '“' {
                    open = Some((at, '"'));
                } else if opens_single {
                    open = Some((at, '\''));
                }
            }
            Some((start, kind)) => {
                let closes = match kind {
                    '"' => c == '"' || c == '”',
                    _ => closes_single,
                };
                if closes {
                    let end = at + c.len_utf8();
                    out.push(Span::new(paragraph.start + start, paragraph.start + end));
                    open = None;
                }
            }
        }
    }
    if let Some((start, _)) = open {
        out.push(Span::new(paragraph.start + start, paragraph.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::string::string_regex;
    use proptest::test_runner::TestRunner;

    fn quoted(text: &str) -> Vec<&str> {
        quotations(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn plain_text_is_cut_into_the_words_the_pattern_finds() {
        let texts = [
            "The minister's aide said 2,400 homes flooded.",
            "rock'n'roll, O'Neill's 'scare quotes' and a trailing' apostrophe",
            "don't 3rd 10'000 x'1 a'' ''b -- 'tis",
            "",
            "   ",
            "Seán said the café's prices rose",
        ];
        // And random texts from the characters that matter to the pattern, from a fixed seed.
        let characters = string_regex("[ab Z09'\"_ -]{0,31}").expect("a valid class");
        let mut runner = TestRunner::deterministic();
        let random =
            (0..20_000).map(|_| characters.new_tree(&mut runner).expect("a text").current());
        for text in texts.map(String::from).into_iter().chain(random) {
            let by_pattern: Vec<(usize, &str)> = WORD
                .find_iter(&text)
                .map(|w| (w.start(), w.as_str()))
                .collect();
            assert_eq!(words(&text).collect::<Vec<_>>(), by_pattern, "{text:?}");
        }
    }

    #[test]
    fn quotations_are_found_but_apostrophes_are_not() {
        assert_eq!(
            quoted("Britain's 'longstanding policy not to comment', she said."),
            vec!["'longstanding policy not to comment'"]
        );
        assert_eq!(
            quoted("He said: \"We will appeal.\" The court's ruling stands."),
            vec!["\"We will appeal.\""]
        );
        assert_eq!(
            quoted("‘It is the side’s request,’ the ministry said."),
            vec!["‘It is the side’s request,’"]
        );
        assert!(quoted("The operatives' lawyers and Wang's wife met.").is_empty());
    }

    /// The signals counted in a one-story batch, as (signal, excerpt).
    fn signals(text: &str) -> Vec<(String, String)> {
        let pack = crate::pack::Pack::default_pack().unwrap();
        let outcome = crate::check_texts(&[("story.txt", text.to_string())], &pack);
        outcome.documents[0]
            .credibility
            .as_ref()
            .unwrap()
            .signals
            .iter()
            .filter(|s| s.weight != 0)
            .map(|s| (s.rule.clone(), s.place.excerpt.clone()))
            .collect()
    }

    fn has(text: &str, rule: &str) -> bool {
        signals(text).iter().any(|(r, _)| r == rule)
    }

    #[test]
    fn a_quotation_from_a_named_speaker_counts_and_an_anonymous_one_does_not() {
        assert!(has(
            "Vote\n\n\"We have no choice,\" said the council leader, Joanne Pryce.\n",
            "named-quote"
        ));
        assert!(has(
            "Vote\n\nSir Ken McCallum spoke on Thursday. McCallum said: \"It is frustrating when they don't happen.\"\n",
            "named-quote"
        ));
        assert!(!has(
            "Vote\n\n\"We have no choice,\" one councillor said.\n",
            "named-quote"
        ));
        assert!(!has(
            "Vote\n\nOne council officer, who wished to remain anonymous, told reporters: \"The budget is already spent.\"\n",
            "named-quote"
        ));
    }

    #[test]
    fn a_scare_quote_is_not_a_direct_quotation() {
        assert!(!has(
            "Spies\n\nBeijing said the case involved 'coercion', Joanne Pryce said.\n",
            "named-quote"
        ));
    }

    #[test]
    fn a_block_quotation_introduced_by_a_named_writer_counts() {
        let text = "Roboski\n\nThe poet Bejan Matur wrote on her account:\n\nI arrived at Roboski today and could not leave.\n";
        assert!(has(text, "named-quote"), "{:?}", signals(text));
    }

    #[test]
    fn a_story_that_names_no_one_is_marked_but_a_named_body_speaking_is_a_source() {
        let nobody = "Quarry dust\n\nResidents near the old quarry say the dust has grown worse since the spring. Lorries now run through the village late into the evening, and parents worry about children walking to school along the lane. People who complained were told the matter was in hand. The dust is said to be at its worst on dry days, and many expect it to get worse before the work ends.\n";
        assert!(has(nobody, "no-named-source"));
        let body = nobody.replace(
            "People who complained",
            "The Environment Agency said that people who complained",
        );
        assert_ne!(body, nobody);
        assert!(!has(&body, "no-named-source"), "{:?}", signals(&body));
        let person = nobody.replace(
            "People who complained",
            "Owen Stratton, a driver, said that people who complained",
        );
        assert_ne!(person, nobody);
        assert!(!has(&person, "no-named-source"));
    }

    #[test]
    fn headings_in_capitals_are_not_taken_for_names() {
        let text = "Quarry dust\n\nQuarry Traffic Concerns\n\nResidents near the old quarry say the dust has grown worse since the spring. Lorries now run through the village late into the evening, and parents worry about children walking to school along the lane. People who complained were told the matter was in hand. The dust is said to be at its worst on dry days, and many expect it to get worse before the work ends.\n";
        assert!(has(text, "no-named-source"), "{:?}", signals(text));
    }

    #[test]
    fn a_headline_all_in_capitals_is_house_style_not_shouting() {
        assert!(!has(
            "JAPAN BUYS SOYBEANS FROM CHINA\n\nJapan bought 95,000 tonnes.\n",
            "shouting-headline"
        ));
        assert!(has(
            "BREAKING: Japan buys soybeans\n\nJapan bought 95,000 tonnes.\n",
            "shouting-headline"
        ));
    }

    #[test]
    fn a_dateline_counts_once() {
        let text = "Fire\n\nSOUTHAMPTON, Tuesday – Sixty firefighters fought a fire.\n\nWASHINGTON, Feb 26 - Another line.\n";
        let datelines = signals(text)
            .into_iter()
            .filter(|(r, _)| r == "dateline")
            .count();
        assert_eq!(datelines, 1);
    }

    #[test]
    fn a_quotation_left_open_runs_to_the_end_of_the_paragraph() {
        assert_eq!(
            quoted("She said: \"We will appeal, and we will win."),
            vec!["\"We will appeal, and we will win."]
        );
    }
}
