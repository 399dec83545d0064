//! The knowledge base compiled for matching, and the mentions it finds in a story.
//!
//! Every name, alias and abbreviation of every entity goes into one automaton, and every word
//! for every country into another, so a story is scanned once per automaton however large the
//! pack ([`KnowledgeBase::mentions`]). Matches must stand as whole words. Full names match
//! without regard to ASCII case (headlines capitalise everything); abbreviations and country
//! words are proper nouns and match case-sensitively. Straight and curly apostrophes are
//! interchangeable.

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
    full_names: AhoCorasick,
    full_targets: Vec<Vec<usize>>,
    abbreviations: Option<AhoCorasick>,
    abbreviation_targets: Vec<Vec<usize>>,
    cue_words: AhoCorasick,
    cue_targets: Vec<Vec<CueTarget>>,
}

impl KnowledgeBase {
    /// Compiles the pack's entity names and country words.
    pub fn new(pack: &Pack) -> KnowledgeBase {
        let mut full: Patterns<usize> = Patterns::default();
        let mut short: Patterns<usize> = Patterns::default();
        for (index, entity) in pack.entities.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                full.add(&name.to_lowercase(), index);
            }
            for abbreviation in &entity.abbreviations {
                short.add(abbreviation, index);
            }
        }
        let mut cues: Patterns<CueTarget> = Patterns::default();
        for (country_index, country) in pack.countries.iter().enumerate() {
            let mut add = |word: &String, region: Option<usize>, kind: CueWord| {
                cues.add(
                    word,
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
        let (full_names, full_targets) = full.build(true);
        let (short_names, abbreviation_targets) = short.build(false);
        let (cue_words, cue_targets) = cues.build(false);
        KnowledgeBase {
            full_names,
            full_targets,
            abbreviations: (!abbreviation_targets.is_empty()).then_some(short_names),
            abbreviation_targets,
            cue_words,
            cue_targets,
        }
    }

    /// Every institution and country word in `text`.
    pub fn mentions(&self, text: &str) -> Mentions {
        let mut entities: Vec<EntityMention> = whole_word_matches(&self.full_names, text)
            .map(|(pattern, span)| EntityMention {
                span,
                entities: self.full_targets[pattern].clone(),
                form: NameForm::Full,
            })
            .collect();
        if let Some(abbreviations) = &self.abbreviations {
            let named: Vec<usize> = entities.iter().flat_map(|m| m.entities.clone()).collect();
            let short = whole_word_matches(abbreviations, text).filter_map(|(pattern, span)| {
                let targets = &self.abbreviation_targets[pattern];
                // An abbreviation is trusted only once the story has named the institution in
                // full: "CPS" alone may be Child Protective Services.
                let defined: Vec<usize> = targets
                    .iter()
                    .copied()
                    .filter(|t| named.contains(t))
                    .collect();
                (!defined.is_empty()).then_some(EntityMention {
                    span,
                    entities: defined,
                    form: NameForm::Abbreviation,
                })
            });
            let short: Vec<EntityMention> = short
                .filter(|m| !entities.iter().any(|e| overlaps(e.span, m.span)))
                .collect();
            entities.extend(short);
            entities.sort_by_key(|m| m.span);
        }
        let cues = whole_word_matches(&self.cue_words, text)
            .filter(|(_, span)| !entities.iter().any(|e| overlaps(e.span, *span)))
            .map(|(pattern, span)| CountryCue {
                span,
                targets: self.cue_targets[pattern].clone(),
            })
            .collect();
        Mentions { entities, cues }
    }
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
        let curly = pattern.replace('\'', "’");
        let straight = pattern.replace('’', "'");
        for variant in [straight, curly] {
            let slot = match self.index.get(&variant) {
                Some(&slot) => slot,
                None => {
                    self.index.insert(variant.clone(), self.patterns.len());
                    self.patterns.push(variant);
                    self.targets.push(Vec::new());
                    self.targets.len() - 1
                }
            };
            if !self.targets[slot].contains(&target) {
                self.targets[slot].push(target.clone());
            }
        }
    }

    fn build(self, case_insensitive: bool) -> (AhoCorasick, Vec<Vec<T>>) {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&self.patterns)
            .expect("patterns are plain strings, far below the automaton's size limits");
        (automaton, self.targets)
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
