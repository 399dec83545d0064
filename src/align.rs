//! Alignment: which sentences of different stories state the same fact, and the claim groups
//! built from them.
//!
//! Comparing every sentence with every other would cost the square of the batch. Instead each
//! sentence is indexed under its content stems; a stem found in more than [`MAX_POSTINGS`]
//! sentences ("said", "police") is too common to say two sentences are about the same thing
//! and is not used to find candidates (it still counts in the similarity). Each sentence meets
//! only the sentences that share at least [`MIN_SHARED`] indexed stems with it, so the work
//! grows with the batch times the posting cap, not with its square, even where one wire
//! sentence is repeated in thousands of stories.
//!
//! Similarity is the IDF-weighted Jaccard overlap of content stems. Aligned sentences then give
//! **claim groups**: the same kind of claim (a count of firefighters, the day of the event, an
//! age of one person, whether the council approved) seen in several stories, each observation
//! with its value, and the values clustered into versions that agree with each other.

use std::collections::HashMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::claims::{Range, SentenceClaims, Unit, stem};
use crate::dates::Date;
use crate::findings::Span;
use crate::word::Word;

/// A stem in more sentences than this is not used to find candidate pairs.
pub const MAX_POSTINGS: usize = 500;

/// Indexed stems two sentences must share to be compared at all.
pub const MIN_SHARED: usize = 2;

/// Similarity below which two sentences are not compared at all.
const MIN_PAIR: f64 = 0.05;

/// Similarity below which a denial is not set against a plain statement unless the sentences
/// report the same event as a whole.
const LOOSE_EVENT: f64 = 0.1;

/// Similarity above which sentences state the same quantity (with the same counted noun).
const SAME_QUANTITY: f64 = 0.25;

/// Similarity above which sentences report the same event, for its day and its polarity, and
/// above which two quantities are compared even where their verbs differ.
const SAME_EVENT: f64 = 0.4;

/// Similarity above which sentences are near-paraphrases.
const PARAPHRASE: f64 = 0.55;

/// Similarity above which two sentences of one outlet's stories state the same fact.
const SAME_OUTLET: f64 = 0.6;

/// Stories further apart than this many days are not compared: they report different events
/// or a later stage of one.
const MAX_DAYS_APART: i64 = 7;

/// A day more than this many days from its story's date is not the day of the reported event
/// (a bond due in 1993, an initiative announced last year).
const EVENT_DAY_RANGE: i64 = 14;

/// Sentences with fewer content stems than this say too little to align.
const MIN_STEMS: usize = 4;

/// A shared name anchors two sentences to one event only if at most this share of the batch's
/// stories uses it ("Kestrel Dock" does; "New York" in a wire archive does not).
const ANCHOR_SHARE: usize = 200;

/// ... or at most this many stories, in a small batch.
const ANCHOR_STORIES: usize = 10;

/// The share of the shorter story's rare names that two stories must have in common to report
/// the same event.
const SHARED_NAMES: f64 = 0.4;

/// A name in at most this many stories anchors on its own.
const VERY_RARE: usize = 3;

/// One story's claims, with what alignment needs to know about the story.
#[derive(Debug, Clone, Copy)]
pub struct StoryClaims<'a> {
    /// Index of the story in the batch.
    pub story: usize,
    /// The story's date.
    pub date: Option<Date>,
    /// The story's outlet.
    pub outlet: Option<&'a str>,
    /// Its sentences' claims.
    pub sentences: &'a [SentenceClaims],
}

/// Two sentences of different stories that state the same thing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    /// (index into the stories given to [`align`], index into its sentences).
    pub a: (usize, usize),
    /// The other sentence.
    pub b: (usize, usize),
    /// IDF-weighted Jaccard similarity of their content stems, 0 to 1.
    pub similarity: f64,
    /// Whether each names something rare that the other's story never mentions: two subjects
    /// in one template, or one subject swapped for another. Only names are compared across
    /// such a pair.
    pub foreign: bool,
}

/// What a claim group is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// A quantity in a unit.
    Quantity(Unit),
    /// The day an event happened.
    Day,
    /// A person's age, by the person's name.
    Age(String),
    /// Whether something happened, by the stem of its verb.
    Polarity(String),
    /// Who or what fills one place in a sentence several stories share ("fire crews from
    /// *Kelsford* were called"), by the words on either side of it.
    Name(String),
}

impl Subject {
    /// What the claim is about, in words, given one observation's text ("how many
    /// firefighters", "the amount (GBP)", "the day it happened", "Jane Doe's age").
    pub fn label(&self, example: &str) -> String {
        match self {
            Subject::Quantity(Unit::Count(_)) => {
                let noun = example
                    .split_whitespace()
                    .last()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric());
                format!("how many {noun}")
            }
            Subject::Quantity(Unit::Money(currency)) => format!("the amount ({currency})"),
            Subject::Quantity(Unit::Percent(_)) => "the percentage".to_string(),
            Subject::Day => "the day it happened".to_string(),
            Subject::Age(person) => format!("{person}'s age"),
            Subject::Polarity(_) => "whether it happened".to_string(),
            Subject::Name(_) => "who or what it names".to_string(),
        }
    }
}

/// The value one story gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A quantity, as the range its wording allows.
    Quantity(Range, f64),
    /// A day, resolved or as a weekday.
    Day(Option<Date>, Option<u8>),
    /// An age in years on the story's date.
    Age(u32, Option<Date>),
    /// Whether the story says it happened.
    Happened(bool),
    /// A name, as written.
    Name(String),
}

/// One story's statement of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Index of the story in the batch.
    pub story: usize,
    /// The story's outlet.
    pub outlet: Option<String>,
    /// The story's date.
    pub date: Option<Date>,
    /// Where the value is written.
    pub span: Span,
    /// The sentence holding it.
    pub sentence: Span,
    /// The value.
    pub value: Value,
    /// Whether the sentence reports a change over time.
    pub reports_change: bool,
}

/// The same claim across stories, its observations clustered into versions that agree.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimGroup {
    /// What it is about.
    pub subject: Subject,
    /// Every observation.
    pub observations: Vec<Observation>,
    /// Versions: indices into `observations` that agree with each other, largest first.
    pub versions: Vec<Vec<usize>>,
    /// Which observations were compared with each other directly. A group is held together by
    /// chains of comparisons, but only observations compared directly may contradict each other:
    /// a chain can drift from one quantity to another.
    pub links: Links,
}

/// The direct comparisons within a claim group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Links {
    /// Every observation bears on every other (ages of one person).
    All,
    /// Only these pairs of observations, by index, were compared.
    Pairs(Vec<(usize, usize)>),
}

impl ClaimGroup {
    /// For each observation, the observations compared directly with it.
    pub fn adjacency(&self) -> Vec<Vec<usize>> {
        let n = self.observations.len();
        match &self.links {
            Links::All => (0..n)
                .map(|i| (0..n).filter(|&j| j != i).collect())
                .collect(),
            Links::Pairs(pairs) => {
                let mut out = vec![Vec::new(); n];
                for &(a, b) in pairs {
                    out[a].push(b);
                    out[b].push(a);
                }
                for partners in &mut out {
                    partners.sort_unstable();
                    partners.dedup();
                }
                out
            }
        }
    }

    /// The observations compared directly with observation `i`.
    pub fn partners(&self, i: usize) -> Vec<usize> {
        match &self.links {
            Links::All => (0..self.observations.len()).filter(|&j| j != i).collect(),
            Links::Pairs(pairs) => {
                let mut out: Vec<usize> = pairs
                    .iter()
                    .filter_map(|&(a, b)| match (a == i, b == i) {
                        (true, _) => Some(b),
                        (_, true) => Some(a),
                        _ => None,
                    })
                    .collect();
                out.sort_unstable();
                out.dedup();
                out
            }
        }
    }

    /// The distinct stories in a version.
    pub fn stories(&self, version: &[usize]) -> usize {
        let mut stories: Vec<usize> = version
            .iter()
            .map(|&i| self.observations[i].story)
            .collect();
        stories.sort_unstable();
        stories.dedup();
        stories.len()
    }

    /// The distinct outlets in a version.
    pub fn outlets(&self, version: &[usize]) -> Vec<&str> {
        let mut outlets: Vec<&str> = version
            .iter()
            .filter_map(|&i| self.observations[i].outlet.as_deref())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets
    }
}

/// Finds pairs of sentences of different stories that state the same thing.
pub fn align(stories: &[StoryClaims<'_>]) -> Vec<Pair> {
    let vocabulary = Vocabulary::new(stories);
    // Sentences are numbered across the batch, story after story: story `s` holds sentences
    // `first[s]..first[s + 1]`, and `story_of` gives each sentence's story back.
    let first: Vec<usize> = std::iter::once(0)
        .chain(stories.iter().scan(0, |next, story| {
            *next += story.sentences.len();
            Some(*next)
        }))
        .collect();
    let story_of: Vec<u32> = (0..stories.len())
        .flat_map(|s| std::iter::repeat_n(s as u32, first[s + 1] - first[s]))
        .collect();
    let sentence_stems = vocabulary.per_sentence(stories, |s| &s.stems);
    let sentence_names = vocabulary.per_sentence(stories, |s| &s.names);
    let words = vocabulary.len();
    drop(vocabulary);
    // The sentences using each stem, which also tell which stories use it: for its weight,
    // and for asking whether a story ever mentions a name.
    let postings = postings(&sentence_stems, words);
    let idf = inverse_document_frequency(&postings, &story_of, stories.len());
    let uses = |story: usize, word: u32| {
        let list = postings.get(word as usize);
        let at = list.partition_point(|&h| (h as usize) < first[story]);
        list.get(at)
            .is_some_and(|&h| (h as usize) < first[story + 1])
    };
    let story_names = distinct_per_story(&sentence_names, &first);
    let anchors = anchor_names(&story_names, words);
    let story_names = story_names.retain(|n| anchors[n as usize] > 0);
    let alignable = |c: &SentenceClaims| c.stems.len() >= MIN_STEMS;
    let sentences = sentence_stems.len();
    // Each story's sentences are paired with those of later stories, story by story on every
    // core. A worker keeps, for each sentence of the batch, the indexed stems it shares with the
    // sentence being paired, and the sentences met so far; the pairs are sorted at the end, so
    // they come out the same whatever the number of threads.
    let mut pairs: Vec<Pair> = (0..stories.len())
        .into_par_iter()
        .fold(
            || (vec![0u32; sentences], Vec::new(), Vec::new()),
            |(mut shared, mut met, mut pairs), s| {
                let story = &stories[s];
                // Whether story `s` and a later story report the same event, asked once a pair.
                let mut same_event: FxHashMap<usize, bool> = FxHashMap::default();
                for (i, sentence) in story.sentences.iter().enumerate() {
                    if !alignable(sentence) {
                        continue;
                    }
                    let stems = sentence_stems.get(first[s] + i);
                    met.clear();
                    for &stem in stems {
                        let list = postings.get(stem as usize);
                        if list.len() > MAX_POSTINGS {
                            continue;
                        }
                        // Each pair once, and never within one story: only the sentences of
                        // later stories, which come after this story's in the sorted list.
                        let later = list.partition_point(|&h| (h as usize) < first[s + 1]);
                        for &h in &list[later..] {
                            let count = &mut shared[h as usize];
                            if *count == 0 {
                                met.push(h);
                            }
                            *count += 1;
                        }
                    }
                    for &h in &met {
                        let h = h as usize;
                        let count = std::mem::take(&mut shared[h]) as usize;
                        let t = story_of[h] as usize;
                        let j = h - first[t];
                        if count < MIN_SHARED || !close_in_time(story, &stories[t]) {
                            continue;
                        }
                        let other = &stories[t].sentences[j];
                        if !alignable(other)
                            || !same_periods(sentence, other)
                            || different_instances(sentence, other)
                        {
                            continue;
                        }
                        let foreign = different_subjects(
                            (sentence_names.get(first[s] + i), s),
                            (sentence_names.get(h), t),
                            &anchors,
                            uses,
                        );
                        let linked = *same_event.entry(t).or_insert_with(|| {
                            shares_anchor(story_names.get(s), story_names.get(t), &anchors)
                        });
                        if !linked {
                            continue;
                        }
                        let similarity = weighted_jaccard(stems, sentence_stems.get(h), &idf);
                        if similarity >= MIN_PAIR {
                            pairs.push(Pair {
                                a: (s, i),
                                b: (t, j),
                                similarity,
                                foreign,
                            });
                        }
                    }
                }
                (shared, met, pairs)
            },
        )
        .map(|(_, _, pairs)| pairs)
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    pairs.sort_by_key(|x| (x.a, x.b));
    pairs
}

/// Many short lists of numbers kept end to end in one buffer: list `k` is
/// `items[starts[k]..starts[k + 1]]`. A batch has a list for each of its millions of sentences;
/// one buffer spares each of them an allocation of its own.
struct Lists {
    starts: Vec<usize>,
    items: Vec<u32>,
}

impl Lists {
    /// The lists given in order.
    fn new<L: IntoIterator<Item = u32>>(lists: impl IntoIterator<Item = L>) -> Lists {
        let mut out = Lists {
            starts: vec![0],
            items: Vec::new(),
        };
        for list in lists {
            out.items.extend(list);
            out.starts.push(out.items.len());
        }
        out.starts.shrink_to_fit();
        out.items.shrink_to_fit();
        out
    }

    /// How many lists there are.
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// List `k`.
    fn get(&self, k: usize) -> &[u32] {
        &self.items[self.starts[k]..self.starts[k + 1]]
    }

    /// The lists in order.
    fn iter(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.len()).map(|k| self.get(k))
    }

    /// The same lists, each keeping only the numbers `keep` accepts.
    fn retain(&self, keep: impl Fn(u32) -> bool) -> Lists {
        Lists::new(
            self.iter()
                .map(|list| list.iter().copied().filter(|&n| keep(n))),
        )
    }
}

/// Every stem and name of a batch, numbered in alphabetical order, so that sorted lists of
/// words become sorted lists of numbers and are compared without comparing strings.
struct Vocabulary {
    /// Each word's number, by [`Word::id`].
    ids: FxHashMap<usize, u32>,
}

impl Vocabulary {
    fn new(stories: &[StoryClaims<'_>]) -> Vocabulary {
        let mut words: Vec<Word> = stories
            .iter()
            .flat_map(|story| story.sentences)
            .flat_map(|s| s.stems.iter().chain(&s.names))
            .map(|word| (word.id(), *word))
            .collect::<FxHashMap<usize, Word>>()
            .into_values()
            .collect();
        words.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        let ids = words
            .into_iter()
            .enumerate()
            .map(|(id, word)| (word.id(), id as u32))
            .collect();
        Vocabulary { ids }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    /// For each sentence of the batch, story after story, the numbers of its words of one kind
    /// (its stems, its names); sorted where the words are.
    fn per_sentence<'a>(
        &self,
        stories: &[StoryClaims<'a>],
        words: impl Fn(&'a SentenceClaims) -> &'a [Word],
    ) -> Lists {
        Lists::new(
            stories
                .iter()
                .flat_map(|story| story.sentences)
                .map(|s| words(s).iter().map(|w| self.ids[&w.id()])),
        )
    }
}

/// Each story's distinct words, sorted, given its sentences' words and where each story's
/// sentences start.
fn distinct_per_story(sentences: &Lists, first: &[usize]) -> Lists {
    let mut seen: Vec<u32> = Vec::new();
    Lists::new(first.windows(2).map(|range| {
        seen.clear();
        for k in range[0]..range[1] {
            seen.extend_from_slice(sentences.get(k));
        }
        seen.sort_unstable();
        seen.dedup();
        seen.clone()
    }))
}

/// For each word of the vocabulary, the sentences that use it, in order.
fn postings(sentence_words: &Lists, words: usize) -> Lists {
    // Counted first, so that each word's list is laid out once at its final size.
    let mut starts = vec![0; words + 1];
    for &word in &sentence_words.items {
        starts[word as usize + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut next = starts.clone();
    let mut items = vec![0; sentence_words.items.len()];
    for (sentence, list) in sentence_words.iter().enumerate() {
        for &word in list {
            items[next[word as usize]] = sentence as u32;
            next[word as usize] += 1;
        }
    }
    Lists { starts, items }
}

/// For each word of the vocabulary, the number of stories using it if it is a proper name rare
/// enough in the batch to anchor a sentence to one event, or 0.
fn anchor_names(story_names: &Lists, words: usize) -> Vec<usize> {
    let mut df = document_frequency(story_names, words);
    let limit = ANCHOR_STORIES.max(story_names.len() / ANCHOR_SHARE);
    for count in &mut df {
        if *count > limit {
            *count = 0;
        }
    }
    df
}

/// Whether two stories report the same event: they share rare proper names, two of them or
/// one found in very few stories, and those shared names are a good part of what the shorter
/// story names ([`SHARED_NAMES`]). Without that, sentences that share only common words ("the
/// company said it filed an offering of 50 mln dlrs", "Moody's said it may downgrade") may
/// well be about different companies, and two wire stories that share a market and a ministry
/// but not their companies are two stories. Both name lists are sorted.
fn shares_anchor(a: &[u32], b: &[u32], anchors: &[usize]) -> bool {
    let shared: Vec<u32> = a
        .iter()
        .copied()
        .filter(|n| b.binary_search(n).is_ok())
        .collect();
    let weight: usize = shared
        .iter()
        .map(|&n| anchors[n as usize])
        .filter(|&stories| stories > 0)
        .map(|stories| if stories <= VERY_RARE { 2 } else { 1 })
        .sum();
    let smaller = a.len().min(b.len()).max(1);
    weight >= 2 && shared.len() as f64 >= SHARED_NAMES * smaller as f64
}

/// Whether two sentences are about different subjects: each names something rare that the
/// other's story never mentions ("Thomson McKinnon Mortgage Assets is offering 100 mln dlrs of
/// mortgage obligations" and "Kidder Peabody Mortgage Assets Trust is offering 500 mln dlrs":
/// the same template, two companies). A sentence that names nothing, or only what the other
/// story names too, may well be about the same thing. Each sentence comes with its names and
/// its story; `uses(story, word)` says whether a story uses a word anywhere.
fn different_subjects(
    (a, story_a): (&[u32], usize),
    (b, story_b): (&[u32], usize),
    anchors: &[usize],
    uses: impl Fn(usize, u32) -> bool,
) -> bool {
    let foreign = |names: &[u32], other_story: usize| {
        names
            .iter()
            .any(|&n| anchors[n as usize] > 0 && !uses(other_story, n))
    };
    foreign(a, story_b) && foreign(b, story_a)
}

/// Whether two sentences are two instances of a recurring event rather than one event told
/// twice: both hold other numbers, and none of them is shared ("Round 3 ... 45 points to 24",
/// "Round 4 ... 30 points to 12").
fn different_instances(a: &SentenceClaims, b: &SentenceClaims) -> bool {
    !a.numbers.is_empty()
        && !b.numbers.is_empty()
        && a.numbers.len() + b.numbers.len() > 2
        && !a
            .numbers
            .iter()
            .any(|x| b.numbers.iter().any(|y| (x - y).abs() < 1e-9))
}

/// Whether two sentences can be about the same period: not when both name periods and none
/// is shared ("output fell in January", "output rose in February").
fn same_periods(a: &SentenceClaims, b: &SentenceClaims) -> bool {
    a.periods.is_empty() || b.periods.is_empty() || a.periods.iter().any(|p| b.periods.contains(p))
}

/// Whether two stories carry the same date (so their weekdays name the same week).
fn same_day(a: &StoryClaims<'_>, b: &StoryClaims<'_>) -> bool {
    a.date.is_some() && a.date == b.date
}

fn close_in_time(a: &StoryClaims<'_>, b: &StoryClaims<'_>) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) => (x.days_since_epoch() - y.days_since_epoch()).abs() <= MAX_DAYS_APART,
        _ => true,
    }
}

/// The weight of each word of the vocabulary: rarer across the batch's stories, heavier.
/// Given the sentences using each word, the story of each sentence and how many stories there
/// are.
fn inverse_document_frequency(postings: &Lists, story_of: &[u32], stories: usize) -> Vec<f64> {
    let n = stories as f64;
    postings
        .iter()
        .map(|sentences| {
            // Sentences are in story order, so each story's run is counted once.
            let mut count = 0;
            let mut last = None;
            for &h in sentences {
                let story = story_of[h as usize];
                if last != Some(story) {
                    count += 1;
                    last = Some(story);
                }
            }
            if count == 0 {
                0.0
            } else {
                (1.0 + n / count as f64).ln()
            }
        })
        .collect()
}

/// In how many stories each word of the vocabulary occurs, given each story's distinct words.
fn document_frequency(per_story: &Lists, words: usize) -> Vec<usize> {
    let mut df = vec![0; words];
    for &word in &per_story.items {
        df[word as usize] += 1;
    }
    df
}

/// Sum of the weights of shared stems over the sum of the weights of all stems. Both lists are
/// sorted.
fn weighted_jaccard(a: &[u32], b: &[u32], weight: &[f64]) -> f64 {
    let weight = |w: u32| weight[w as usize];
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut union) = (0.0, 0.0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                shared += weight(x);
                union += weight(x);
                i += 1;
                j += 1;
            }
            (Some(&x), Some(&y)) if x < y => {
                union += weight(x);
                i += 1;
            }
            (Some(_), Some(&y)) => {
                union += weight(y);
                j += 1;
            }
            (Some(&x), None) => {
                union += weight(x);
                i += 1;
            }
            (None, Some(&y)) => {
                union += weight(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    if union == 0.0 { 0.0 } else { shared / union }
}

/// Builds claim groups from aligned pairs. `opposites` are pairs of words that say opposite
/// things ("approved", "rejected").
pub fn claim_groups(
    stories: &[StoryClaims<'_>],
    pairs: &[Pair],
    opposites: &[(String, String)],
) -> Vec<ClaimGroup> {
    let opposites: Vec<(Word, Word)> = opposites
        .iter()
        .map(|(a, b)| (Word::new(&stem(a)), Word::new(&stem(b))))
        .collect();
    let mut groups = Groups::default();
    for pair in pairs {
        let (sa, ia) = pair.a;
        let (sb, ib) = pair.b;
        let (a, b) = (&stories[sa].sentences[ia], &stories[sb].sentences[ib]);
        // One outlet's stories on a developing event report its successive stages and facets
        // (the bid, the rival bid, the debt under review, the volume at noon and at the close):
        // its figures update each other, and only near-paraphrases of each other are taken to
        // state the same fact.
        let same_outlet = stories[sa].outlet.is_some() && stories[sa].outlet == stories[sb].outlet;
        if same_outlet && pair.similarity < SAME_OUTLET {
            continue;
        }
        // Whether two words stand side by side in either story, as parts of one name.
        let one_name = |p: &str, q: &str| {
            [sa, sb].iter().any(|&s| {
                stories[s].sentences.iter().any(|c| {
                    c.words
                        .windows(2)
                        .any(|w| (w[0] == p && w[1] == q) || (w[0] == q && w[1] == p))
                })
            })
        };
        let observe = |s: usize, claims: &SentenceClaims, span: Span, value: Value| Observation {
            story: stories[s].story,
            outlet: stories[s].outlet.map(str::to_string),
            date: stories[s].date,
            span,
            sentence: claims.span,
            value,
            reports_change: claims.reports_change,
        };
        if pair.similarity >= SWAP_SIMILARITY && !same_outlet {
            for (slot, (span_a, name_a), (span_b, name_b)) in swapped_names(a, b) {
                // Where each story names both, they are two items of a list, not a swap.
                let mentions = |story: &StoryClaims<'_>, name: &str| {
                    let words: Vec<&str> = name.split(' ').collect();
                    story.sentences.iter().any(|c| {
                        c.words
                            .windows(words.len())
                            .any(|w| w.iter().zip(&words).all(|(x, y)| x == y))
                    })
                };
                if mentions(&stories[sb], &name_a) && mentions(&stories[sa], &name_b) {
                    continue;
                }
                let outlets = [stories[sa].outlet, stories[sb].outlet];
                let own_outlet = |name: &str| {
                    outlets
                        .iter()
                        .flatten()
                        .any(|o| o.to_lowercase().contains(&name.to_lowercase()))
                };
                if own_outlet(&name_a) || own_outlet(&name_b) {
                    continue;
                }
                groups.link(
                    Subject::Name(slot),
                    observe(sa, a, span_a, Value::Name(name_a)),
                    observe(sb, b, span_b, Value::Name(name_b)),
                );
            }
        }
        // Across sentences about different subjects only the names are compared.
        if pair.foreign {
            continue;
        }
        // Quantities with the same unit: where each sentence has one, those two; where one has
        // several ("£14.5m up front, £17m with add-ons"), the one whose surrounding words meet
        // only the other's.
        let meets = |x: &crate::claims::Quantity, y: &crate::claims::Quantity| {
            x.unit == y.unit && x.context.iter().any(|w| y.context.binary_search(w).is_ok())
        };
        for qa in a.quantities.iter().filter(|_| !same_outlet) {
            let same: Vec<_> = b.quantities.iter().filter(|q| q.unit == qa.unit).collect();
            let alone = a.quantities.iter().filter(|q| q.unit == qa.unit).count() == 1;
            let counterpart = if let ([qb], true) = (same.as_slice(), alone) {
                Some(*qb)
            } else if pair.similarity < SAME_QUANTITY {
                // Several figures in loosely alike sentences ("£17m with add-ons", "a further
                // £2.5m in add-ons") share words without being one figure.
                None
            } else {
                let mut met = same.iter().filter(|qb| meets(qa, qb));
                match (met.next(), met.next()) {
                    (Some(qb), None)
                        if a.quantities.iter().filter(|x| meets(x, qb)).count() == 1 =>
                    {
                        Some(*qb)
                    }
                    _ => None,
                }
            };
            if let Some(qb) = counterpart {
                // "60 firefighters fought" and "20 firefighters remained" count at different
                // moments: the verbs must agree unless the sentences are near-paraphrases.
                // "37 night-shift workers" and "73 night-shift workers": a noun phrase that
                // specific names one group whatever the verb.
                let same_group =
                    qa.phrase.as_ref().is_some_and(|p| p.contains(' ')) && qa.phrase == qb.phrase;
                let verbs_agree = match (&qa.unit, &qa.predicate, &qb.predicate) {
                    _ if same_group => true,
                    (Unit::Count(_), Some(x), Some(y)) => x == y,
                    (Unit::Count(_), _, _) => pair.similarity >= PARAPHRASE,
                    _ => true,
                };
                // The same figure: in sentences alike enough, or with the same words around it
                // ("would cost £4.2m" and "repairs costing £2.4 million").
                let same_figure = same_group
                    || (pair.similarity >= SAME_QUANTITY && shares_context(a, b, &qa.unit))
                    || qa
                        .context
                        .iter()
                        .any(|w| qb.context.binary_search(w).is_ok());
                if !same_figure
                    || !verbs_agree
                    || qa.per != qb.per
                    || !same_magnitude(qa.value, qb.value)
                {
                    continue;
                }
                groups.link(
                    Subject::Quantity(qa.unit.clone()),
                    observe(sa, a, qa.span, Value::Quantity(qa.range, qa.value)),
                    observe(sb, b, qb.span, Value::Quantity(qb.range, qb.value)),
                );
            }
        }
        // A day near its story's date: a weekday resolved against the story's date, or a full
        // date (not a bond's maturity or last year's announcement).
        let near =
            |day: &crate::claims::EventDay, story: &StoryClaims<'_>| match (day.date, story.date) {
                (Some(d), Some(s)) => {
                    (d.days_since_epoch() - s.days_since_epoch()).abs() <= EVENT_DAY_RANGE
                }
                _ => day.weekday.is_some() && same_day(&stories[sa], &stories[sb]),
            };
        if let ([da], [db]) = (&*a.days, &*b.days)
            && same_day_event(pair, da, db)
            && near(da, &stories[sa])
            && near(db, &stories[sb])
        {
            groups.link(
                Subject::Day,
                observe(sa, a, da.span, Value::Day(da.date, da.weekday)),
                observe(sb, b, db.span, Value::Day(db.date, db.weekday)),
            );
        }
        for (negated, plain) in [(a, b), (b, a)] {
            if negated.conditional || plain.conditional {
                continue;
            }
            // The first negated word the other sentence states plainly, in the same company
            // ("did not approve the closure" against "approved the closure": one disagreement,
            // about approving the closure).
            let verb = negated.negated.iter().find(|verb| {
                plain.asserted.binary_search(verb).is_ok()
                    && !plain.negated.contains(verb)
                    && same_action(pair, (negated, plain), (verb, verb), &one_name)
            });
            if let Some(verb) = verb {
                let (sn, sp) = if std::ptr::eq(negated, a) {
                    (sa, sb)
                } else {
                    (sb, sa)
                };
                groups.link(
                    Subject::Polarity(verb.to_string()),
                    observe(sn, negated, negated.span, Value::Happened(false)),
                    observe(sp, plain, plain.span, Value::Happened(true)),
                );
            }
        }
        for (yes, no) in opposites
            .iter()
            .filter(|_| !a.conditional && !b.conditional)
        {
            let says = |c: &SentenceClaims, w: &Word| {
                c.asserted.binary_search(w).is_ok()
                    && !c.negated.contains(w)
                    && c.future.binary_search(w).is_err()
            };
            if says(a, yes)
                && says(b, no)
                && !says(a, no)
                && !says(b, yes)
                && same_action(pair, (a, b), (yes, no), &one_name)
            {
                groups.link(
                    Subject::Polarity(yes.to_string()),
                    observe(sa, a, a.span, Value::Happened(true)),
                    observe(sb, b, b.span, Value::Happened(false)),
                );
            } else if says(a, no)
                && says(b, yes)
                && !says(a, yes)
                && !says(b, no)
                && same_action(pair, (a, b), (no, yes), &one_name)
            {
                groups.link(
                    Subject::Polarity(yes.to_string()),
                    observe(sa, a, a.span, Value::Happened(false)),
                    observe(sb, b, b.span, Value::Happened(true)),
                );
            }
        }
    }
    let mut out = groups.finish();
    out.extend(age_groups(stories));
    for group in &mut out {
        group.versions = versions(group);
    }
    out.sort_by(|x, y| {
        let key = |g: &ClaimGroup| g.observations.iter().map(|o| (o.story, o.span.start)).min();
        key(x).cmp(&key(y)).then_with(|| x.subject.cmp(&y.subject))
    });
    out
}

/// Words two days' contexts must share ("*voted* to *close* it on Tuesday", "*voted* on
/// Wednesday evening to *close*") to be the days of one event in sentences that are otherwise
/// only loosely alike.
const SAME_DAY_CONTEXT: usize = 2;

/// Whether two days name the day of one event: the sentences report the same event, or they
/// are somewhat alike and say the same thing happened next to the day.
fn same_day_event(pair: &Pair, a: &crate::claims::EventDay, b: &crate::claims::EventDay) -> bool {
    let shared = a
        .context
        .iter()
        .filter(|w| b.context.binary_search(w).is_ok())
        .count();
    pair.similarity >= SAME_EVENT
        || (pair.similarity >= SAME_QUANTITY && shared >= SAME_DAY_CONTEXT)
}

/// A name set against another in the same place of two sentences: the place (the words on
/// either side), then each name's span and text.
type SwappedName = (String, (Span, String), (Span, String));

/// Similarity above which two sentences are near-paraphrases whose differing names are
/// compared ("Fire crews from Kelsford were called at 2am" and "Fire crews from Marwick were
/// called at 2am").
const SWAP_SIMILARITY: f64 = 0.5;

/// The longest name, in words, compared as one.
const MAX_NAME_WORDS: usize = 4;

/// Names that fill the same place in two near-paraphrases: a stretch of proper-name words in one
/// sentence replaced by a different stretch of proper-name words in the other, with the same
/// words on both sides of it. Each comes with its slot (the words around it), and each name with
/// its span and its text.
fn swapped_names(a: &SentenceClaims, b: &SentenceClaims) -> Vec<SwappedName> {
    use similar::{Algorithm, DiffTag, capture_diff_slices};
    // Two instances of one wire template ("bonuses to cover sales of 25,000 tonnes of wheat
    // flour to Iraq", "... 2,000 tonnes of semolina to Egypt") differ in their figures too; a
    // swapped name stands in a sentence that otherwise says the same.
    let same_figures = a.numbers == b.numbers
        && a.quantities.len() == b.quantities.len()
        && a.quantities
            .iter()
            .zip(&b.quantities)
            .all(|(x, y)| x.unit == y.unit && x.range.overlaps(&y.range));
    if !same_figures {
        return Vec::new();
    }
    let ops = capture_diff_slices(Algorithm::Myers, &a.words, &b.words);
    let mut out = Vec::new();
    for (k, op) in ops.iter().enumerate() {
        let (tag, old, new) = op.as_tag_tuple();
        let framed = |i: Option<usize>| {
            i.and_then(|i| ops.get(i))
                .is_some_and(|o| o.as_tag_tuple().0 == DiffTag::Equal)
        };
        if tag != DiffTag::Replace
            || !framed(k.checked_sub(1))
            || !framed(Some(k + 1))
            || old.len() > MAX_NAME_WORDS
            || new.len() > MAX_NAME_WORDS
        {
            continue;
        }
        let span = |c: &SentenceClaims, range: &std::ops::Range<usize>| {
            let spans: Option<Vec<Span>> = range.clone().map(|k| c.proper(k)).collect();
            let spans = spans?;
            Some(Span::new(spans.first()?.start, spans.last()?.end))
        };
        let (Some(span_a), Some(span_b)) = (span(a, &old), span(b, &new)) else {
            continue;
        };
        // "Franklin *California* Insured Tax-Free Income Fund": inside a longer name, the words
        // make another name, not another filler of one place.
        if a.proper(old.start - 1).is_some() && a.proper(old.end).is_some() {
            continue;
        }
        let name_a = a.words[old.clone()].join(" ");
        let name_b = b.words[new.clone()].join(" ");
        if same_name(&name_a, &name_b) {
            continue;
        }
        let before = &a.words[old.start - 1];
        let after = &a.words[old.end];
        out.push((
            format!("{before} _ {after}"),
            (span_a, name_a),
            (span_b, name_b),
        ));
    }
    out
}

/// Whether two names can name the same one: equal, one part of the other ("Pryce", "Joanne
/// Pryce"), or spelt nearly alike ("Mohammed", "Muhammad").
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let (wa, wb) = (words(&a), words(&b));
    a == b
        || wa.iter().all(|w| wb.contains(w))
        || wb.iter().all(|w| wa.contains(w))
        || strsim::jaro_winkler(&a, &b) >= 0.85
}

/// Whether verb `x` of sentence `a` and verb `y` of sentence `b` report one action: they take
/// the same object (see [`same_neighbour`]), and the sentences report the same event or share
/// a further word beyond the verbs and their object ("The *cabinet* approved the closure by nine
/// votes to three" and "Brackenford's *cabinet* did not approve the closure").
fn same_action(
    pair: &Pair,
    (a, b): (&SentenceClaims, &SentenceClaims),
    (x, y): (&str, &str),
    one_name: &dyn Fn(&str, &str) -> bool,
) -> bool {
    let Some(object) = same_neighbour(a, b, x, y) else {
        return false;
    };
    // "Stream does not follow the release cycle" and "CentOS would follow the release cycle":
    // different subjects need the sentences to report the same event as a whole.
    let (before_a, before_b) = (neighbours(a, x, false), neighbours(b, y, false));
    // "City accepted" and "Portbury rejected": two words of one name ("Portbury City").
    let subjects_differ = !before_a.is_empty()
        && !before_b.is_empty()
        && !before_a
            .iter()
            .any(|p| before_b.iter().any(|q| p == q || one_name(p, q)));
    pair.similarity >= SAME_EVENT
        || pair.similarity >= LOOSE_EVENT
            && !subjects_differ
            && a.stems
                .iter()
                .filter(|w| *w != x && *w != y && **w != object)
                .any(|w| b.stems.binary_search(w).is_ok())
}

/// Content words looked at after a verb for its object, and before it for its subject.
const OBJECT_WORDS: usize = 2;
const SUBJECT_WORDS: usize = 3;

/// The content words just after (`after` true) or just before word `w` of a sentence, nearest
/// first, at most [`OBJECT_WORDS`] after and [`SUBJECT_WORDS`] before.
fn neighbours(c: &SentenceClaims, w: &str, after: bool) -> Vec<String> {
    let Some(at) = c.words.iter().position(|s| s == w) else {
        return Vec::new();
    };
    let content = |s: &&Word| s.len() > 2 && c.stems.binary_search(s).is_ok();
    let picked: Vec<&Word> = if after {
        c.words[at + 1..]
            .iter()
            .filter(content)
            .take(OBJECT_WORDS)
            .collect()
    } else {
        c.words[..at]
            .iter()
            .rev()
            .filter(content)
            .take(SUBJECT_WORDS)
            .collect()
    };
    picked.into_iter().map(|w| w.to_string()).collect()
}

/// Whether word `x` in sentence `a` and word `y` in sentence `b` stand in the same company: a
/// content word among the few after them (their object: "reject *a 4.5% pay offer*", "accept
/// *the 4.5 per cent offer*") is the same, or, where neither has one, among the few before them
/// (their subject). A shared subject alone is not enough where the objects differ: "Dauster
/// will not attend the board meeting" and "Dauster will attend a meeting in Managua" are about
/// two meetings. Returns the shared word.
fn same_neighbour(a: &SentenceClaims, b: &SentenceClaims, x: &str, y: &str) -> Option<String> {
    let shared = |p: &[String], q: &[String]| p.iter().find(|w| q.contains(w)).cloned();
    let (after_a, after_b) = (neighbours(a, x, true), neighbours(b, y, true));
    match (after_a.is_empty(), after_b.is_empty()) {
        (false, false) => shared(&after_a, &after_b),
        (true, true) => shared(&neighbours(a, x, false), &neighbours(b, y, false)),
        _ => None,
    }
}

/// Figures further apart than this factor are not two versions of one figure but two
/// figures: a price and a total, a tranche and an issue ("52.5 mln dlr tranche", "a 160 mln dlr
/// offering").
const MAX_RATIO: f64 = 10.0;

/// Whether two values can be versions of one figure: within [`MAX_RATIO`] of each other, or
/// one of them none at all ("no firefighters were hurt" against "two firefighters were hurt").
fn same_magnitude(a: f64, b: f64) -> bool {
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    low == 0.0 || high <= low * MAX_RATIO
}

/// Whether two sentences share a content stem besides the counted noun itself: "60
/// firefighters attended" and "20 firefighters remained" are about different moments.
fn shares_context(a: &SentenceClaims, b: &SentenceClaims, unit: &Unit) -> bool {
    let noun = match unit {
        Unit::Count(noun) | Unit::Percent(noun) => noun.as_str(),
        Unit::Money(_) => "",
    };
    a.stems
        .iter()
        .any(|s| s != noun && b.stems.binary_search(s).is_ok())
}

/// Ages of the same person in different stories. People are matched by full name; a bare
/// surname joins only where one person in the batch has it.
fn age_groups(stories: &[StoryClaims<'_>]) -> Vec<ClaimGroup> {
    let mut by_person: HashMap<String, Vec<Observation>> = HashMap::new();
    let mut first_names: HashMap<String, Vec<String>> = HashMap::new();
    for story in stories {
        for claims in story.sentences {
            for age in &claims.ages {
                if age.name.contains(' ') {
                    let names = first_names.entry(age.surname.clone()).or_default();
                    if !names.contains(&age.name) {
                        names.push(age.name.clone());
                    }
                }
            }
        }
    }
    for story in stories {
        for claims in story.sentences {
            for age in &claims.ages {
                let key = match first_names.get(&age.surname).map(Vec::as_slice) {
                    Some([only]) => only.clone(),
                    _ if age.name.contains(' ') => age.name.clone(),
                    // A bare surname shared by several people names nobody in particular.
                    _ => continue,
                };
                by_person.entry(key).or_default().push(Observation {
                    story: story.story,
                    outlet: story.outlet.map(str::to_string),
                    date: story.date,
                    span: age.span,
                    sentence: claims.span,
                    value: Value::Age(age.years, story.date),
                    reports_change: false,
                });
            }
        }
    }
    let mut out: Vec<ClaimGroup> = by_person
        .into_iter()
        .filter(|(_, observations)| {
            let mut stories: Vec<usize> = observations.iter().map(|o| o.story).collect();
            stories.sort_unstable();
            stories.dedup();
            stories.len() > 1
        })
        .map(|(person, observations)| ClaimGroup {
            subject: Subject::Age(person),
            observations,
            versions: Vec::new(),
            links: Links::All,
        })
        .collect();
    out.sort_by(|a, b| a.subject.cmp(&b.subject));
    out
}

/// Whether two values can both be true.
pub fn agree(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Quantity(x, _), Value::Quantity(y, _)) => x.overlaps(y),
        // Two stories a week apart resolve "on Monday" to different Mondays; the words agree.
        (Value::Day(_, Some(x)), Value::Day(_, Some(y))) if x == y => true,
        (Value::Day(Some(x), _), Value::Day(Some(y), _)) => x == y,
        (Value::Day(_, Some(x)), Value::Day(_, Some(y))) => x == y,
        (Value::Day(Some(date), _), Value::Day(None, Some(weekday)))
        | (Value::Day(None, Some(weekday)), Value::Day(Some(date), _)) => {
            date.weekday() == *weekday
        }
        (Value::Day(..), Value::Day(..)) => true,
        (Value::Age(x, dx), Value::Age(y, dy)) => {
            // A birthday may fall between two stories: allow the years between, and one more.
            let years = match (dx, dy) {
                (Some(dx), Some(dy)) => (dx.days_since_epoch() - dy.days_since_epoch()).abs() / 365,
                _ => 1,
            };
            (i64::from(*x) - i64::from(*y)).abs() <= years + 1
        }
        (Value::Happened(x), Value::Happened(y)) => x == y,
        (Value::Name(x), Value::Name(y)) => same_name(x, y),
        _ => false,
    }
}

/// Clusters a group's observations into versions whose values all agree with each other,
/// largest (by stories) first.
fn versions(group: &ClaimGroup) -> Vec<Vec<usize>> {
    let observations = &group.observations;
    let mut versions: Vec<Vec<usize>> = Vec::new();
    let mut order: Vec<usize> = (0..observations.len()).collect();
    order.sort_by(|&x, &y| {
        let key = |o: &Observation| match &o.value {
            Value::Quantity(_, v) => *v,
            Value::Age(a, _) => f64::from(*a),
            _ => 0.0,
        };
        key(&observations[x])
            .total_cmp(&key(&observations[y]))
            .then(observations[x].story.cmp(&observations[y].story))
    });
    for i in order {
        match versions.iter_mut().find(|v| {
            v.iter()
                .all(|&j| agree(&observations[i].value, &observations[j].value))
        }) {
            Some(version) => version.push(i),
            None => versions.push(vec![i]),
        }
    }
    versions.sort_by(|x, y| {
        group
            .stories(y)
            .cmp(&group.stories(x))
            .then(x[0].cmp(&y[0]))
    });
    versions
}

/// Union-find over observations, keyed by subject.
#[derive(Default)]
struct Groups {
    observations: Vec<(Subject, Observation)>,
    index: HashMap<(Subject, usize, usize), usize>,
    parent: Vec<usize>,
    edges: Vec<(usize, usize)>,
}

impl Groups {
    fn node(&mut self, subject: &Subject, observation: Observation) -> usize {
        let key = (subject.clone(), observation.story, observation.span.start);
        if let Some(&node) = self.index.get(&key) {
            return node;
        }
        let node = self.observations.len();
        self.observations.push((subject.clone(), observation));
        self.parent.push(node);
        self.index.insert(key, node);
        node
    }

    fn root(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    fn link(&mut self, subject: Subject, a: Observation, b: Observation) {
        let a = self.node(&subject, a);
        let b = self.node(&subject, b);
        if a == b {
            return;
        }
        self.edges.push((a.min(b), a.max(b)));
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[rb.max(ra)] = rb.min(ra);
        }
    }

    fn finish(mut self) -> Vec<ClaimGroup> {
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for node in 0..self.observations.len() {
            let root = self.root(node);
            members.entry(root).or_default().push(node);
        }
        // Where each node lands: its group's root and its place among the group's observations.
        let mut place: HashMap<usize, usize> = HashMap::new();
        for nodes in members.values() {
            for (local, &node) in nodes.iter().enumerate() {
                place.insert(node, local);
            }
        }
        let mut links: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        self.edges.sort_unstable();
        self.edges.dedup();
        for (a, b) in std::mem::take(&mut self.edges) {
            let root = self.root(a);
            links.entry(root).or_default().push((place[&a], place[&b]));
        }
        let mut roots: Vec<usize> = members.keys().copied().collect();
        roots.sort_unstable();
        roots
            .into_iter()
            .map(|root| {
                let nodes = &members[&root];
                ClaimGroup {
                    subject: self.observations[root].0.clone(),
                    observations: nodes
                        .iter()
                        .map(|&n| self.observations[n].1.clone())
                        .collect(),
                    versions: Vec::new(),
                    links: Links::Pairs(links.remove(&root).unwrap_or_default()),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::extract;
    use crate::segment::segment;

    fn story_claims(texts: &[&str]) -> Vec<Vec<SentenceClaims>> {
        texts
            .iter()
            .map(|body| {
                let text = format!("Headline\n\n{body}");
                extract(&text, &segment(&text, 10), Date::new(2025, 3, 12))
            })
            .collect()
    }

    fn groups(texts: &[&str]) -> Vec<ClaimGroup> {
        let claims = story_claims(texts);
        let stories: Vec<StoryClaims<'_>> = claims
            .iter()
            .enumerate()
            .map(|(i, sentences)| StoryClaims {
                story: i,
                date: Date::new(2025, 3, 12),
                outlet: None,
                sentences,
            })
            .collect();
        let pairs = align(&stories);
        claim_groups(&stories, &pairs, &[("approved".into(), "rejected".into())])
    }

    #[test]
    fn the_same_count_in_other_words_agrees() {
        let found = groups(&[
            "About 60 firefighters fought the warehouse fire at Kestrel Dock.",
            "Sixty firefighters fought the fire at the Kestrel Dock warehouse.",
            "Some 62 firefighters fought the Kestrel Dock warehouse blaze.",
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].versions.len(), 1, "{:?}", found[0]);
    }

    #[test]
    fn a_different_count_is_a_second_version() {
        let found = groups(&[
            "About 60 firefighters fought the warehouse fire at Kestrel Dock.",
            "Sixty firefighters fought the fire at the Kestrel Dock warehouse.",
            "120 firefighters fought the Kestrel Dock warehouse blaze.",
        ]);
        assert_eq!(found[0].versions.len(), 2);
        assert_eq!(found[0].stories(&found[0].versions[0]), 2);
    }

    #[test]
    fn different_moments_with_the_same_noun_are_not_compared() {
        let found = groups(&[
            "About 60 firefighters fought the warehouse fire at Kestrel Dock.",
            "By noon 20 firefighters remained, officials at Kestrel Dock said.",
        ]);
        assert!(found.iter().all(|g| g.versions.len() == 1), "{found:?}");
    }

    #[test]
    fn negation_and_opposites_split_versions() {
        let found = groups(&[
            "The council approved the closure of the Elm Street library on Tuesday night.",
            "The council did not approve the closure of the Elm Street library on Tuesday night.",
        ]);
        let polarity: Vec<_> = found
            .iter()
            .filter(|g| matches!(g.subject, Subject::Polarity(_)))
            .collect();
        assert_eq!(polarity.len(), 1);
        assert_eq!(polarity[0].versions.len(), 2);
        let found = groups(&[
            "The council approved the closure of the Elm Street library on Tuesday night.",
            "The council rejected the closure of the Elm Street library on Tuesday night.",
        ]);
        assert!(
            found
                .iter()
                .any(|g| matches!(g.subject, Subject::Polarity(_)) && g.versions.len() == 2)
        );
    }

    #[test]
    fn ages_allow_for_the_time_between_stories() {
        let a = Value::Age(33, Date::new(2024, 4, 1));
        let b = Value::Age(34, Date::new(2025, 10, 1));
        assert!(agree(&a, &b));
        let c = Value::Age(41, Date::new(2025, 10, 1));
        assert!(!agree(&a, &c));
    }

    #[test]
    fn days_compare_as_dates_or_weekdays() {
        // 11 March 2025 was a Tuesday (weekday 1).
        let tuesday = Value::Day(Date::new(2025, 3, 11), None);
        assert!(agree(&tuesday, &Value::Day(None, Some(1))));
        assert!(!agree(&tuesday, &Value::Day(None, Some(2))));
    }
}
