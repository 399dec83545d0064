//! The knowledge base compiled for matching, and the mentions it finds in a story.
//!
//! Every name, alias and abbreviation of every entity goes into an automaton, and every word
//! for every country into another, so a story is scanned once per automaton however large the
//! pack ([`KnowledgeBase::mentions`]). Matching runs over a normalised copy of the text (any run
//! of white space, line breaks and no-break spaces included, is one space; curly apostrophes are
//! straight) with a map back to the original offsets, so a name wrapped across two lines is
//! still found. Matches must stand as whole words.
//!
//! Case: names written with lower-case letters ("Crown Prosecution Service") match in any case,
//! since headlines capitalise every word, but the text found must begin with a capital: "home
//! office furniture" is not the Home Office. Names written in capitals only ("FBI", "MI5") and
//! abbreviations match exactly: "Cia" in "Cia Vale do Rio Doce" is not the CIA. Country words
//! are proper nouns and match exactly, except in a line written all in capitals (a wire
//! headline such as "RUSSIA'S BUNDESTAG VOTES").

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::findings::Span;
use crate::pack::Pack;

/// How an entity was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameForm {
    /// Its name or an alias.
    Full,
    /// An abbreviation, trusted only where the story also names it in full.
    Abbreviation,
}

/// A place in a story that names an institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// Where.
    pub span: Span,
    /// Every entity the words can name (several when countries share a name), as indices into
    /// [`Pack::entities`].
    pub entities: Vec<usize>,
    /// Name or abbreviation.
    pub form: NameForm,
}

/// What kind of word names a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueWord {
    /// A name ("China", "Britain").
    Name,
    /// A word used before a noun ("Chinese", "UK").
    Demonym,
    /// A place standing for the government ("Beijing", "Whitehall").
    Metonym,
}

/// One country a cue word can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueTarget {
    /// Index into [`Pack::countries`].
    pub country: usize,
    /// Index into that country's regions, when the word names a region.
    pub region: Option<usize>,
    /// Name, demonym or metonym.
    pub word: CueWord,
    /// The pack marks the word as often meaning something else.
    pub ambiguous: bool,
}

/// A place in a story where a word for a country stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryCue {
    /// Where the word is (without any possessive ending).
    pub span: Span,
    /// Every country the word can stand for.
    pub targets: Vec<CueTarget>,
}

/// Everything the knowledge base recognises in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Institutions named, in text order.
    pub entities: Vec<EntityMention>,
    /// Country words, in text order, none inside an entity's name.
    pub cues: Vec<CountryCue>,
}

/// The pack's names compiled into automata.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    /// Names with lower-case letters, matched over case-folded text.
    folded_names: AhoCorasick,
    folded_targets: Vec<Vec<(usize, NameForm)>>,
    /// Names in capitals and abbreviations, matched exactly.
    exact_names: Option<AhoCorasick>,
    exact_targets: Vec<Vec<(usize, NameForm)>>,
    cue_words: AhoCorasick,
    cue_words_folded: AhoCorasick,
    cue_targets: Vec<Vec<CueTarget>>,
}

impl KnowledgeBase {
    /// Compiles the pack's entity names and country words.
    pub fn new(pack: &Pack) -> KnowledgeBase {
        let mut folded: Patterns<(usize, NameForm)> = Patterns::default();
        let mut exact: Patterns<(usize, NameForm)> = Patterns::default();
        for (index, entity) in pack.entities.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let name = normalise(name, false).text;
                if name.chars().any(char::is_lowercase) {
                    folded.add(&normalise(&name, true).text, (index, NameForm::Full));
                } else {
                    exact.add(&name, (index, NameForm::Full));
                }
            }
            for abbreviation in &entity.abbreviations {
                exact.add(
                    &normalise(abbreviation, false).text,
                    (index, NameForm::Abbreviation),
                );
            }
        }
        let mut cues: Patterns<CueTarget> = Patterns::default();
        for (country_index, country) in pack.countries.iter().enumerate() {
            let mut add = |word: &String, region: Option<usize>, kind: CueWord| {
                cues.add(
                    &normalise(word, false).text,
                    CueTarget {
                        country: country_index,
                        region,
                        word: kind,
                        ambiguous: country.ambiguous.contains(word),
                    },
                );
            };
            for name in std::iter::once(&country.name).chain(&country.names) {
                add(name, None, CueWord::Name);
            }
            for demonym in &country.demonyms {
                add(demonym, None, CueWord::Demonym);
            }
            for metonym in &country.metonyms {
                add(metonym, None, CueWord::Metonym);
            }
            for (region_index, region) in country.regions.iter().enumerate() {
                for name in std::iter::once(&region.name).chain(&region.names) {
                    add(name, Some(region_index), CueWord::Name);
                }
                for demonym in &region.demonyms {
                    add(demonym, Some(region_index), CueWord::Demonym);
                }
            }
        }
        let (folded_names, folded_targets) = folded.build(false);
        let (exact_names, exact_targets) = exact.build(false);
        let cue_words_folded = cues.automaton(true);
        let (cue_words, cue_targets) = cues.build(false);
        KnowledgeBase {
            folded_names,
            folded_targets,
            exact_names: (!exact_targets.is_empty()).then_some(exact_names),
            exact_targets,
            cue_words,
            cue_words_folded,
            cue_targets,
        }
    }

    /// Every institution and country word in `text`.
    pub fn mentions(&self, text: &str) -> Mentions {
        let plain = normalise(text, false);
        let folded = normalise(text, true);
        let mut found: Vec<(Span, Vec<(usize, NameForm)>)> =
            whole_word_matches(&self.folded_names, &folded.text)
                .map(|(pattern, span)| (folded.original(span, text), pattern))
                // A proper name begins with a capital: "home office" is not the Home Office.
                .filter(|(span, _)| {
                    text[span.start..]
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_lowercase())
                })
                .map(|(span, pattern)| (span, self.folded_targets[pattern].clone()))
                .collect();
        if let Some(exact) = &self.exact_names {
            let more: Vec<_> = whole_word_matches(exact, &plain.text)
                .map(|(pattern, span)| {
                    (
                        plain.original(span, text),
                        self.exact_targets[pattern].clone(),
                    )
                })
                .filter(|(span, _)| !found.iter().any(|(other, _)| overlaps(*other, *span)))
                .collect();
            found.extend(more);
            found.sort_by_key(|(span, _)| *span);
        }
        // An abbreviation is trusted only once the story has named the institution in full:
        // "CPS" alone may be Child Protective Services.
        let named: Vec<usize> = found
            .iter()
            .flat_map(|(_, targets)| {
                targets
                    .iter()
                    .filter(|(_, form)| *form == NameForm::Full)
                    .map(|(e, _)| *e)
            })
            .collect();
        let entities: Vec<EntityMention> = found
            .into_iter()
            .filter_map(|(span, targets)| {
                let full: Vec<usize> = targets
                    .iter()
                    .filter(|(_, f)| *f == NameForm::Full)
                    .map(|(e, _)| *e)
                    .collect();
                if !full.is_empty() {
                    return Some(EntityMention {
                        span,
                        entities: full,
                        form: NameForm::Full,
                    });
                }
                let defined: Vec<usize> = targets
                    .iter()
                    .map(|(e, _)| *e)
                    .filter(|e| named.contains(e))
                    .collect();
                (!defined.is_empty()).then_some(EntityMention {
                    span,
                    entities: defined,
                    form: NameForm::Abbreviation,
                })
            })
            .collect();
        let mut cues: Vec<CountryCue> = whole_word_matches(&self.cue_words, &plain.text)
            .map(|(pattern, span)| (pattern, plain.original(span, text)))
            .chain(
                whole_word_matches(&self.cue_words_folded, &plain.text)
                    .map(|(pattern, span)| (pattern, plain.original(span, text)))
                    .filter(|(_, span)| in_capitals_line(text, *span)),
            )
            .filter(|(_, span)| !entities.iter().any(|e| overlaps(e.span, *span)))
            .map(|(pattern, span)| CountryCue {
                span,
                targets: self.cue_targets[pattern].clone(),
            })
            .collect();
        cues.sort_by_key(|c| c.span);
        cues.dedup_by_key(|c| c.span);
        Mentions { entities, cues }
    }
}

/// Whether the line holding `span` is written all in capitals (at least two words of letters).
fn in_capitals_line(text: &str, span: Span) -> bool {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let line = &text[start..end];
    !line.chars().any(char::is_lowercase)
        && line
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
            >= 2
}

/// A copy of a text for matching, with the map back to the original's byte offsets.
struct Normalised {
    text: String,
    /// For each byte of `text`, the offset in the original of the character it came from.
    origin: Vec<usize>,
}

impl Normalised {
    /// The original span of a span of the normalised text.
    fn original(&self, span: Span, original: &str) -> Span {
        let start = self.origin[span.start];
        let end = self.origin.get(span.end).copied().unwrap_or(original.len());
        // The end maps to the character after the match; step back over white space folded in.
        let end = start + original[start..end].trim_end().len();
        Span::new(start, end)
    }
}

/// Folds white space runs to one space and curly apostrophes to straight ones; with `fold_case`
/// also lower-cases every letter (not only ASCII).
fn normalise(text: &str, fold_case: bool) -> Normalised {
    if text.is_ascii() {
        normalise_ascii(text, fold_case)
    } else {
        normalise_chars(text, fold_case)
    }
}

/// [`normalise`] for a text in ASCII, as most stories are: byte by byte, with no character to
/// decode and no curly apostrophe to straighten.
fn normalise_ascii(text: &str, fold_case: bool) -> Normalised {
    let mut bytes = Vec::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (offset, &b) in text.as_bytes().iter().enumerate() {
        // The ASCII characters `char::is_whitespace` accepts: tab to carriage return, space.
        if matches!(b, b'\t'..=b'\r' | b' ') {
            if !in_space {
                bytes.push(b' ');
                origin.push(offset);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        bytes.push(if fold_case { b.to_ascii_lowercase() } else { b });
        origin.push(offset);
    }
    Normalised {
        text: String::from_utf8(bytes).expect("ASCII in, ASCII out"),
        origin,
    }
}

/// [`normalise`] for any text, character by character.
fn normalise_chars(text: &str, fold_case: bool) -> Normalised {
    let mut out = Normalised {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut in_space = false;
    for (offset, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.text.push(' ');
                out.origin.push(offset);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let mut push = |c: char| {
            let before = out.text.len();
            out.text.push(c);
            out.origin
                .extend(std::iter::repeat_n(offset, out.text.len() - before));
        };
        match c {
            '’' | '‘' => push('\''),
            c if fold_case && c.is_uppercase() => c.to_lowercase().for_each(&mut push),
            c => push(c),
        }
    }
    out
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Patterns and what each stands for, deduplicated, with apostrophe variants.
struct Patterns<T> {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    targets: Vec<Vec<T>>,
}

impl<T> Default for Patterns<T> {
    fn default() -> Self {
        Patterns {
            index: HashMap::new(),
            patterns: Vec::new(),
            targets: Vec::new(),
        }
    }
}

impl<T: Clone + PartialEq> Patterns<T> {
    fn add(&mut self, pattern: &str, target: T) {
        let pattern = pattern.trim();
        if pattern.is_empty() {
            return;
        }
        let slot = match self.index.get(pattern) {
            Some(&slot) => slot,
            None => {
                self.index.insert(pattern.to_string(), self.patterns.len());
                self.patterns.push(pattern.to_string());
                self.targets.push(Vec::new());
                self.targets.len() - 1
            }
        };
        if !self.targets[slot].contains(&target) {
            self.targets[slot].push(target);
        }
    }

    fn automaton(&self, case_insensitive: bool) -> AhoCorasick {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&self.patterns)
            .expect("patterns are plain strings, far below the automaton's size limits")
    }

    fn build(self, case_insensitive: bool) -> (AhoCorasick, Vec<Vec<T>>) {
        (self.automaton(case_insensitive), self.targets)
    }
}

/// Matches that begin and end at word boundaries, as (pattern index, span).
fn whole_word_matches<'a>(
    automaton: &'a AhoCorasick,
    text: &'a str,
) -> impl Iterator<Item = (usize, Span)> + 'a {
    automaton.find_iter(text).filter_map(move |m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        (!is_word(before) && !is_word(after))
            .then(|| (m.pattern().as_usize(), Span::new(m.start(), m.end())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackBuilder;
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::string::string_regex;
    use proptest::test_runner::TestRunner;

    #[test]
    fn ascii_text_is_normalised_as_any_text_is() {
        let characters = string_regex("[aZ \t\n\x0b\x0c\r'.1-]{0,31}").expect("a valid class");
        let mut runner = TestRunner::deterministic();
        for _ in 0..20_000 {
            let text = characters.new_tree(&mut runner).expect("a text").current();
            for fold_case in [false, true] {
                let (ascii, chars) = (
                    normalise_ascii(&text, fold_case),
                    normalise_chars(&text, fold_case),
                );
                assert_eq!(
                    (ascii.text, ascii.origin),
                    (chars.text, chars.origin),
                    "{text:?}"
                );
            }
        }
    }

    const PACK: &str = r#"
countries:
  - id: GB
    name: United Kingdom
    names: [Britain, UK]
    demonyms: [British, UK]
    metonyms: [Whitehall]
  - id: CN
    name: China
    demonyms: [Chinese]
    metonyms: [Beijing]
  - id: KP
    name: North Korea
    demonyms: [North Korean]
entities:
  - id: gb-cps
    name: Crown Prosecution Service
    abbreviations: [CPS]
    kind: prosecutor
    country: GB
  - id: cn-mss
    name: Ministry of State Security
    kind: ministry
    country: CN
  - id: kp-mss
    name: Ministry of State Security
    kind: ministry
    country: KP
"#;

    fn knowledge() -> (Pack, KnowledgeBase) {
        let mut builder = PackBuilder::new();
        builder.add_text("test.yaml", PACK).unwrap();
        let pack = builder.build().unwrap();
        let knowledge = KnowledgeBase::new(&pack);
        (pack, knowledge)
    }

    fn texts(text: &str, spans: impl Iterator<Item = Span>) -> Vec<&str> {
        spans.map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn finds_whole_names_in_any_case_and_shared_names_keep_every_owner() {
        let (_, knowledge) = knowledge();
        let text = "THE CROWN PROSECUTION SERVICE and the Ministry of State Security; Crown Prosecution Services";
        let mentions = knowledge.mentions(text);
        assert_eq!(
            texts(text, mentions.entities.iter().map(|m| m.span)),
            vec!["CROWN PROSECUTION SERVICE", "Ministry of State Security"]
        );
        assert_eq!(mentions.entities[1].entities.len(), 2);
    }

    #[test]
    fn abbreviations_count_only_once_defined() {
        let (_, knowledge) = knowledge();
        assert!(knowledge.mentions("The CPS said no.").entities.is_empty());
        let text = "The Crown Prosecution Service (CPS) said no. The CPS added more.";
        let mentions = knowledge.mentions(text);
        assert_eq!(mentions.entities.len(), 3);
        assert_eq!(mentions.entities[2].form, NameForm::Abbreviation);
    }

    #[test]
    fn names_wrapped_or_spaced_oddly_are_found_at_their_original_offsets() {
        let (_, knowledge) = knowledge();
        let text = "By the Crown\nProsecution  Service and the Crown\u{a0}Prosecution Service.";
        let mentions = knowledge.mentions(text);
        assert_eq!(
            texts(text, mentions.entities.iter().map(|m| m.span)),
            vec![
                "Crown\nProsecution  Service",
                "Crown\u{a0}Prosecution Service"
            ]
        );
    }

    #[test]
    fn lower_case_look_alikes_and_wrong_case_acronyms_are_not_names() {
        let (_, knowledge) = knowledge();
        assert!(
            knowledge
                .mentions("the crown prosecution service of the mind")
                .entities
                .is_empty()
        );
        let text = "The Crown Prosecution Service (CPS) spoke; Cps and cps did not.";
        assert_eq!(knowledge.mentions(text).entities.len(), 2);
    }

    #[test]
    fn country_words_match_in_any_case_only_in_capital_lines() {
        let (_, knowledge) = knowledge();
        let text = "CHINESE CROWN PROSECUTION SERVICE ACTS\nchinese food";
        let mentions = knowledge.mentions(text);
        assert_eq!(
            texts(text, mentions.cues.iter().map(|c| c.span)),
            vec!["CHINESE"]
        );
    }

    #[test]
    fn country_words_are_case_sensitive_whole_words() {
        let (pack, knowledge) = knowledge();
        let text = "Chinese officials, chinese food, Chinese-born, Beijing’s view, Britain.";
        let mentions = knowledge.mentions(text);
        assert_eq!(
            texts(text, mentions.cues.iter().map(|c| c.span)),
            vec!["Chinese", "Chinese", "Beijing", "Britain"]
        );
        let china = pack.country_index("CN").unwrap();
        assert_eq!(mentions.cues[2].targets[0].country, china);
        assert_eq!(mentions.cues[2].targets[0].word, CueWord::Metonym);
    }
}
