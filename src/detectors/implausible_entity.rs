//! Implausible entities: an institution bound to one country attributed to another.
//!
//! What it finds: "China's controversial Crown Prosecution Service", "the Chinese Crown
//! Prosecution Service", "the Crown Prosecution Service of China". The Crown Prosecution Service
//! is the public prosecutor of England and Wales; a story that hands it to China has confused
//! two institutions, or was garbled by a careless rewrite.
//!
//! How: a country word must modify the institution's name directly. Before the name, as a
//! possessive ("China's", "Beijing's") or a demonym ("Chinese"), with at most three adjectives
//! between ("controversial", "much-criticised"); or after it, as "of China". Anything else
//! between (a noun, a verb, an article, punctuation) means the country word belongs to something
//! else: "China's embassy criticised the Crown Prosecution Service" is not flagged, nor is
//! "a Chinese-born lawyer at the Crown Prosecution Service". Comparisons ("China's equivalent of
//! MI5") and words the pack marks as ambiguous ("Georgia") are left alone. Precision comes
//! first: a missed garble costs less than a checker nobody trusts.

use crate::findings::{Diff, Finding, Kind, Span};
use crate::knowledge::{CountryCue, CueTarget, CueWord, EntityMention};
use crate::pack::{Country, Entity, Lexicon, Pack, Rule};

use super::{Detector, StoryView};

/// The implausible-entity detector.
pub struct ImplausibleEntity;

/// Adjective endings that let an unlisted word stand between a country and an institution.
const ADJECTIVE_SUFFIXES: &[&str] = &[
    "al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ary", "ish",
];

/// The longest run of modifiers accepted between a country word and a name.
const MAX_MODIFIERS: usize = 4;

/// How the country word attaches to the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// "China's Crown Prosecution Service".
    Possessive,
    /// "the Chinese Crown Prosecution Service".
    Demonym,
    /// "the Crown Prosecution Service of China".
    Of,
}

/// A country word attached to an institution's name.
struct Attribution<'a> {
    cue: &'a CountryCue,
    shape: Shape,
    /// From the country word to the end of the name (or the reverse for [`Shape::Of`]).
    phrase: Span,
}

impl Detector for ImplausibleEntity {
    fn name(&self) -> &'static str {
        "implausible-entity"
    }

    fn kind(&self) -> Kind {
        Kind::ImplausibleEntity
    }

    fn documentation(&self) -> &'static str {
        "Flags an institution bound to one country that a story attributes to another, such as \
         \"China's controversial Crown Prosecution Service\" (the Crown Prosecution Service is the \
         public prosecutor of England and Wales). Such a slip is a strong sign that a story was \
         garbled or machine-rewritten. The country word must modify the name directly (a \
         possessive, a demonym, or \"of <country>\" after it, with at most three adjectives \
         between), so \"China's embassy criticised the Crown Prosecution Service\" is not flagged."
    }

    fn check_story(&self, view: &StoryView<'_>, rule: &Rule, out: &mut Vec<Finding>) {
        let text = view.story.text();
        for sentence in &view.segmented.sentences {
            let within =
                |span: Span| span.start >= sentence.span.start && span.end <= sentence.span.end;
            let cues: Vec<&CountryCue> = view
                .mentions
                .cues
                .iter()
                .filter(|c| within(c.span))
                .collect();
            if cues.is_empty() {
                continue;
            }
            for mention in view.mentions.entities.iter().filter(|m| within(m.span)) {
                let Some(attribution) =
                    attribution(text, sentence.span, mention, &cues, &view.pack.lexicon)
                else {
                    continue;
                };
                if let Some(finding) = judge(view, rule, sentence.span, mention, &attribution) {
                    out.push(finding);
                }
            }
        }
    }
}

/// The country word attached to `mention`, if one is and it is not a comparison.
fn attribution<'a>(
    text: &str,
    sentence: Span,
    mention: &EntityMention,
    cues: &[&'a CountryCue],
    lexicon: &Lexicon,
) -> Option<Attribution<'a>> {
    let found = before_name(text, sentence, mention, cues, lexicon)
        .or_else(|| after_name(text, sentence, mention, cues, lexicon))?;
    (!is_comparison(text, sentence, mention, &found, lexicon)).then_some(found)
}

/// "China's controversial Crown Prosecution Service", "the Chinese Crown Prosecution Service".
fn before_name<'a>(
    text: &str,
    sentence: Span,
    mention: &EntityMention,
    cues: &[&'a CountryCue],
    lexicon: &Lexicon,
) -> Option<Attribution<'a>> {
    let cue = cues
        .iter()
        .rev()
        .find(|c| c.span.end <= mention.span.start)?;
    if inside_longer_name(text, sentence, cue.span) || coordinated(text, sentence, cue.span) {
        return None;
    }
    let between = &text[cue.span.end..mention.span.start];
    let (shape, gap) =
        if let Some(rest) = strip_possessive(between, &text[cue.span.start..cue.span.end]) {
            (Shape::Possessive, rest)
        } else {
            (Shape::Demonym, between)
        };
    // The gap must open with white space: "Chinese-born" is not "Chinese".
    if !gap.starts_with(char::is_whitespace) || !modifiers_only(gap, lexicon) {
        return None;
    }
    // "a Russian CIA asset": the country word describes the asset, not the CIA.
    if next_word(text, mention.span.end).is_some_and(|w| is_head(&w, lexicon)) {
        return None;
    }
    let fits = |t: &CueTarget| match shape {
        Shape::Possessive => matches!(t.word, CueWord::Name | CueWord::Metonym),
        _ => t.word == CueWord::Demonym,
    };
    cue.targets.iter().any(fits).then_some(Attribution {
        cue,
        shape,
        phrase: Span::new(cue.span.start, mention.span.end),
    })
}

/// "the Crown Prosecution Service of China".
fn after_name<'a>(
    text: &str,
    sentence: Span,
    mention: &EntityMention,
    cues: &[&'a CountryCue],
    lexicon: &Lexicon,
) -> Option<Attribution<'a>> {
    // "an investigation by the FBI of Russia" names what was investigated, not whose FBI; and
    // "accused the FBI of Russia hysteria" says what it was accused of.
    let before = words_before(text, sentence.start, mention.span.start, 2);
    let verb = match before.as_slice() {
        [.., verb, the] if the == "the" => verb,
        [.., verb] => verb,
        [] => "",
    };
    if verb == "by" || lexicon.of_verbs.contains(verb) {
        return None;
    }
    let rest = &text[mention.span.end..];
    let trimmed = rest.trim_start();
    let of = trimmed.strip_prefix("of ")?;
    let of = of.strip_prefix("the ").unwrap_or(of).trim_start();
    let cue_start = mention.span.end + (rest.len() - of.len());
    let cue = cues.iter().find(|c| c.span.start == cue_start)?;
    let after = &text[cue.span.end..];
    if after.starts_with(['\'', '’', '-']) {
        return None;
    }
    // "the House of Commons of China spying": the country word describes the spying.
    if next_word(text, cue.span.end).is_some_and(|w| is_head(&w, lexicon)) {
        return None;
    }
    cue.targets
        .iter()
        .any(|t| matches!(t.word, CueWord::Name | CueWord::Metonym))
        .then_some(Attribution {
            cue,
            shape: Shape::Of,
            phrase: Span::new(mention.span.start, cue.span.end),
        })
}

/// Function words a headline capitalises, which may stand before a country word.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "by", "of", "in", "for", "and", "to", "with", "from", "on", "at", "as",
    "over", "after", "against", "amid", "says", "say", "how", "why", "what", "when",
];

/// Whether the country word is part of a longer proper name ("New London", "Air France",
/// "Bank of China", "pro-Russian", "German-Turkish"), so names nothing on its own.
fn inside_longer_name(text: &str, sentence: Span, cue: Span) -> bool {
    let before = &text[sentence.start..cue.start];
    if before.ends_with(['-', '‑']) {
        return true;
    }
    let Some(spaced) = before.strip_suffix(' ') else {
        return false;
    };
    let word_start = spaced
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '&'))
        .map_or(0, |i| {
            i + spaced[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &spaced[word_start..];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let first_in_sentence = spaced[..word_start].trim().is_empty();
    let lower = word.to_lowercase();
    if lower == "of" || lower == "de" {
        // "Bank of China's": a capitalised word before "of" opens a name.
        let earlier = words_before(text, sentence.start, sentence.start + word_start, 1);
        let raw_earlier = &text[sentence.start..sentence.start + word_start];
        return earlier.len() == 1
            && raw_earlier
                .trim_end()
                .rsplit(' ')
                .next()
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
    }
    capitalised && !first_in_sentence && !FUNCTION_WORDS.contains(&lower.as_str())
}

/// Whether the country word is the second of a pair ("the French and German DGSE and BND"),
/// where each country may go with a different institution.
fn coordinated(text: &str, sentence: Span, cue: Span) -> bool {
    let before = text[sentence.start..cue.start].trim_end();
    let Some(rest) = before
        .strip_suffix(" and")
        .or_else(|| before.strip_suffix(" or"))
        .or_else(|| before.strip_suffix(" &"))
    else {
        return false;
    };
    rest.rsplit(' ')
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Up to `count` words (lower case, punctuation trimmed) just before `at`, stopping at a clause
/// boundary (comma, colon, dash, bracket).
fn words_before(text: &str, start: usize, at: usize, count: usize) -> Vec<String> {
    let before = &text[start..at];
    let clause = before
        .rfind([',', ';', ':', '(', '—', '–'])
        .map_or(before, |i| {
            &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]
        });
    let words: Vec<String> = clause
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words[words.len().saturating_sub(count)..].to_vec()
}

/// The word right after `at`, lower case, if white space alone separates them.
fn next_word(text: &str, at: usize) -> Option<String> {
    let rest = &text[at..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return None;
    }
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// Whether `word` is one of the lexicon's head nouns, or its plural.
fn is_head(word: &str, lexicon: &Lexicon) -> bool {
    lexicon.heads.contains(word)
        || word
            .strip_suffix('s')
            .is_some_and(|w| lexicon.heads.contains(w))
        || word
            .strip_suffix("es")
            .is_some_and(|w| lexicon.heads.contains(w))
}

/// Whether an attribution is really a comparison: a marker right before it ("known as China's
/// MI5", "compared ... to Brazil's FBI"), right after the name ("an MI5 equivalent", "FBI-style"),
/// or the phrase set off as an appositive or in quotes ("the CBI, India's FBI, said").
fn is_comparison(
    text: &str,
    sentence: Span,
    mention: &EntityMention,
    found: &Attribution<'_>,
    lexicon: &Lexicon,
) -> bool {
    let before = words_before(text, sentence.start, found.phrase.start, 4);
    let joined = format!(" {}", before.join(" "));
    let marked_before = lexicon.comparisons.iter().any(|marker| {
        let marker = marker.trim_start_matches('-');
        joined.ends_with(&format!(" {marker}")) || joined.ends_with(&format!(" {marker} the"))
    });
    let sentence_before = text[sentence.start..found.phrase.start].to_lowercase();
    let compared_to = matches!(before.last().map(String::as_str), Some("to" | "with"))
        && (sentence_before.contains("compar") || sentence_before.contains("liken"));
    let after = text[mention.span.end..].to_lowercase();
    let marked_after = lexicon.comparisons.iter().any(|marker| {
        if marker.starts_with('-') {
            after.starts_with(marker.as_str())
        } else {
            after.trim_start().starts_with(marker.as_str())
                && after.starts_with(char::is_whitespace)
        }
    });
    let opens = text[sentence.start..found.phrase.start].trim_end_matches(' ');
    let closes = text[found.phrase.end..sentence.end].trim_start_matches(' ');
    let appositive =
        (opens.ends_with(',') || opens.ends_with("--") || opens.ends_with(['—', '–', '(']))
            && (closes.starts_with([',', ')', '—', '–', '.']) || closes.starts_with("--"));
    let quoted =
        opens.ends_with(['"', '“', '‘', '\'']) && closes.starts_with(['"', '”', '’', '\'']);
    marked_before || compared_to || marked_after || appositive || quoted
}

/// The text after a possessive ending ("'s", "’s", or a bare apostrophe after a final s).
fn strip_possessive<'t>(between: &'t str, cue: &str) -> Option<&'t str> {
    for ending in ["'s", "’s", "'S", "’S"] {
        if let Some(rest) = between.strip_prefix(ending) {
            return Some(rest);
        }
    }
    if cue.ends_with('s') {
        return between
            .strip_prefix('\'')
            .or_else(|| between.strip_prefix('’'));
    }
    None
}

/// Whether the words between a country word and a name are modifiers of the name: adjectives,
/// participles, an adverb before an adjective ("notoriously secretive"), "and" between two.
fn modifiers_only(gap: &str, lexicon: &Lexicon) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    if words.len() > MAX_MODIFIERS {
        return false;
    }
    words.iter().enumerate().all(|(i, word)| {
        let lower = word.to_lowercase();
        let inner = i > 0 && i + 1 < words.len();
        let after_adverb = i > 0 && words[i - 1].to_lowercase().ends_with("ly");
        (lower == "and" && inner)
            || (i + 1 < words.len() && lower.len() > 3 && lower.ends_with("ly") && lower.chars().all(char::is_alphabetic))
            // "newly elected": a participle after an adverb.
            || (after_adverb && lower.ends_with("ed"))
            || is_modifier(&lower, lexicon)
    })
}

/// Whether a lower-case word may stand between a country and an institution it owns.
fn is_modifier(lower: &str, lexicon: &Lexicon) -> bool {
    if !lower.chars().all(|c| c.is_alphabetic() || c == '-')
        || lexicon.not_modifiers.contains(lower)
    {
        return false;
    }
    if lexicon.modifiers.contains(lower) {
        return true;
    }
    if let Some((_, last)) = lower.rsplit_once('-') {
        // "much-criticised", "state-run", "Kremlin-backed"; not "arch-enemy".
        return !last.is_empty()
            && (last.ends_with("ed")
                || last.ends_with("ing")
                || last == "run"
                || has_adjective_ending(last));
    }
    has_adjective_ending(lower)
}

fn has_adjective_ending(lower: &str) -> bool {
    lower.len() > 4 && ADJECTIVE_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// The finding for an attribution, if the country is wrong.
fn judge(
    view: &StoryView<'_>,
    rule: &Rule,
    sentence: Span,
    mention: &EntityMention,
    attribution: &Attribution<'_>,
) -> Option<Finding> {
    let pack = view.pack;
    let targets: Vec<&CueTarget> = attribution
        .cue
        .targets
        .iter()
        .filter(|t| match attribution.shape {
            Shape::Demonym => t.word == CueWord::Demonym,
            _ => matches!(t.word, CueWord::Name | CueWord::Metonym),
        })
        .collect();
    // A word that may mean something else is never evidence on its own.
    if targets.is_empty() || targets.iter().any(|t| t.ambiguous) {
        return None;
    }
    let owners: Vec<&Entity> = mention
        .entities
        .iter()
        .map(|&i| &pack.entities[i])
        .collect();
    // A union's institutions belong to its members too ("Italy's European Parliament
    // delegation").
    let belongs = |e: &Entity, country: usize| {
        e.country == country || pack.countries[e.country].members.contains(&country)
    };
    let same_country = targets
        .iter()
        .any(|t| owners.iter().any(|e| belongs(e, t.country)));
    let target = targets[0];
    let entity = owners[0];
    let problem = if same_country {
        // Right country; wrong part of it ("Scotland's Crown Prosecution Service")?
        let region = target.region?;
        let region_name = &pack.countries[target.country].regions[region].name;
        let covered = owners.iter().any(|e| {
            e.country == target.country
                && (e.jurisdiction.is_empty() || e.jurisdiction.contains(region_name))
        });
        if covered {
            return None;
        }
        Problem::Region(region_name)
    } else {
        Problem::Country
    };
    let text = view.story.text();
    let written = &text[attribution.cue.span.start..attribution.cue.span.end];
    let home = &pack.countries[entity.country];
    let attributed = &pack.countries[target.country];
    let attributed_name = match target.region {
        Some(region) => attributed.regions[region].name.clone(),
        None => in_prose(&attributed.name),
    };
    let role = entity
        .function
        .as_deref()
        .map_or_else(|| "an institution".to_string(), |f| format!("the {f}"));
    let mut homes: Vec<usize> = owners.iter().map(|e| e.country).collect();
    homes.dedup();
    let message = match problem {
        Problem::Country if homes.len() > 1 => format!(
            "{} is the name of institutions of {}, not of {attributed_name}",
            entity.name,
            homes
                .iter()
                .map(|&c| in_prose(&pack.countries[c].name))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        Problem::Country => format!(
            "{} is {role} of {}, not of {attributed_name}",
            entity.name,
            place(entity, home)
        ),
        Problem::Region(region) => format!(
            "{} is {role} of {}; it does not serve {region}",
            entity.name,
            place(entity, home)
        ),
    };
    let hint = counterpart_hint(pack, entity, target, &attributed_name);
    let replacement = match attribution.shape {
        Shape::Possessive => format!("{}'s", short_name(home)),
        Shape::Demonym => home.adjective().to_string(),
        Shape::Of => short_name(home).to_string(),
    };
    let cue_end = match attribution.shape {
        Shape::Possessive => {
            let after = &text[attribution.cue.span.end..];
            attribution.cue.span.end
                + (after.len() - strip_possessive(after, written).map_or(after.len(), str::len))
        }
        _ => attribution.cue.span.end,
    };
    let sentence_text = &text[sentence.start..sentence.end];
    let expected = format!(
        "{}{}{}",
        &text[sentence.start..attribution.cue.span.start],
        replacement,
        &text[cue_end..sentence.end]
    );
    Some(Finding {
        rule: rule.id.clone(),
        kind: Kind::ImplausibleEntity,
        severity: rule.severity,
        story: view.index,
        span: attribution.phrase,
        message,
        hint,
        group: format!("{} ({})", entity.name, home.name),
        diff: Some(Diff {
            expected,
            actual: sentence_text.to_string(),
        }),
        related: Vec::new(),
    })
}

enum Problem<'a> {
    Country,
    Region(&'a str),
}

/// "England and Wales (United Kingdom)", or "the United Kingdom".
fn place(entity: &Entity, country: &Country) -> String {
    match entity.jurisdiction.as_slice() {
        [] => in_prose(&country.name),
        [one] => format!("{one} ({})", country.name),
        [rest @ .., last] => format!("{} and {last} ({})", rest.join(", "), country.name),
    }
}

/// A country's name as it reads mid-sentence: "the United Kingdom", "China".
fn in_prose(name: &str) -> String {
    const NEEDS_ARTICLE: &[&str] = &[
        "United",
        "Republic",
        "Union",
        "Kingdom",
        "States",
        "Netherlands",
        "Islands",
        "Emirates",
        "Philippines",
        "Federation",
    ];
    if NEEDS_ARTICLE
        .iter()
        .any(|w| name.split(' ').any(|part| part == *w))
    {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// The shortest plain name of a country, for rewriting a phrase ("Britain", "China").
fn short_name(country: &Country) -> &str {
    std::iter::once(&country.name)
        .chain(&country.names)
        .filter(|n| n.chars().any(char::is_lowercase) && !country.ambiguous.contains(*n))
        .min_by_key(|n| n.len())
        .unwrap_or(&country.name)
}

/// What the attributed country's own institution is called, where the pack knows it.
fn counterpart_hint(
    pack: &Pack,
    entity: &Entity,
    target: &CueTarget,
    attributed_name: &str,
) -> String {
    let counterparts: Vec<&str> = entity
        .function
        .as_deref()
        .map(|function| {
            pack.entities
                .iter()
                .filter(|e| e.country == target.country && e.function.as_deref() == Some(function))
                .map(|e| e.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    match (entity.function.as_deref(), counterparts.as_slice()) {
        (Some(function), [one]) => format!(
            "{attributed_name}'s {function} is the {one}; check which institution the story means"
        ),
        (Some(function), [first, rest @ ..]) => format!(
            "{attributed_name}'s {function}: the {first}, or {}; check which institution the story means",
            rest.iter()
                .map(|n| format!("the {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "check which country's institution the story means; {} belongs to {}",
            entity.name,
            in_prose(&pack.countries[entity.country].name)
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::check_texts;
    use crate::pack::PackBuilder;

    const PACK: &str = r#"
countries:
  - id: GB
    name: United Kingdom
    names: [Britain, UK]
    demonyms: [British, UK]
    metonyms: [Whitehall, London]
    regions:
      - name: England
        demonyms: [English]
      - name: Wales
        demonyms: [Welsh]
      - name: Scotland
        demonyms: [Scottish]
  - id: CN
    name: China
    demonyms: [Chinese]
    metonyms: [Beijing]
  - id: JP
    name: Japan
    demonyms: [Japanese]
  - id: GE
    name: Georgia
    demonyms: [Georgian]
    ambiguous: [Georgia]
entities:
  - id: gb-cps
    name: Crown Prosecution Service
    abbreviations: [CPS]
    kind: prosecutor
    function: public prosecutor
    country: GB
    jurisdiction: [England, Wales]
  - id: cn-spp
    name: Supreme People's Procuratorate
    kind: prosecutor
    function: public prosecutor
    country: CN
  - id: cn-mss
    name: Ministry of State Security
    kind: ministry
    country: CN
  - id: gb-mi5
    name: MI5
    kind: security-service
    function: domestic security service
    country: GB
lexicon:
  modifiers: [controversial, powerful, own, feared]
  not_modifiers: [official]
  comparisons: [equivalent, counterpart, version of, answer to, "-style", dubbed, so-called, like, known as]
  heads: [agent, worker]
  of_verbs: [accused]
rules:
  - id: implausible-entity
    detector: implausible-entity
    severity: error
    summary: test
"#;

    fn messages(body: &str) -> Vec<String> {
        let mut builder = PackBuilder::new();
        builder.add_text("test.yaml", PACK).unwrap();
        let pack = builder.build().unwrap();
        let outcome = check_texts(&[("story.txt", format!("Headline\n\n{body}\n"))], &pack);
        outcome
            .findings
            .iter()
            .map(|f| format!("{} | {}", f.excerpt, f.message))
            .collect()
    }

    fn assert_flags(body: &str, excerpt: &str) {
        let found = messages(body);
        assert_eq!(
            found.len(),
            1,
            "expected one finding in {body:?}, got {found:?}"
        );
        assert!(found[0].starts_with(&format!("{excerpt} |")), "{found:?}");
    }

    fn assert_passes(body: &str) {
        let found = messages(body);
        assert!(
            found.is_empty(),
            "expected nothing in {body:?}, got {found:?}"
        );
    }

    #[test]
    fn flags_the_three_shapes_of_misattribution() {
        assert_flags(
            "MPs were targeted by China's controversial Crown Prosecution Service, officials said.",
            "China's controversial Crown Prosecution Service",
        );
        assert_flags(
            "The Chinese Crown Prosecution Service denied it.",
            "Chinese Crown Prosecution Service",
        );
        assert_flags(
            "A statement from the Crown Prosecution Service of China followed.",
            "Crown Prosecution Service of China",
        );
        assert_flags("Beijing’s feared MI5 was blamed.", "Beijing’s feared MI5");
    }

    #[test]
    fn names_the_real_country_and_the_counterpart() {
        let found = messages("It was China's Crown Prosecution Service.");
        assert_eq!(
            found,
            vec![
                "China's Crown Prosecution Service | Crown Prosecution Service is the public prosecutor of England and Wales (United Kingdom), not of China"
            ]
        );
    }

    #[test]
    fn passes_country_words_that_belong_to_something_else() {
        assert_passes("China's embassy criticised the Crown Prosecution Service.");
        assert_passes("A Chinese-born lawyer at the Crown Prosecution Service spoke.");
        assert_passes("British officials met China's Ministry of State Security.");
        assert_passes("China's Ministry of State Security and Britain's MI5 traded claims.");
        assert_passes("The Ministry of State Security is often called China's equivalent of MI5.");
        assert_passes("China's MI5-style agency grew.");
        assert_passes(
            "An investigation by the Crown Prosecution Service of China-linked spying began.",
        );
        assert_passes("A review by the Crown Prosecution Service of China cases began.");
        assert_passes(
            "Georgia's Crown Prosecution Service? No such thing, but the word is ambiguous.",
        );
        assert_passes("The English Crown Prosecution Service and the Welsh one are the same body.");
    }

    #[test]
    fn comparisons_nouns_and_accusations_are_not_attributions() {
        assert_passes("The agency is known as China's MI5 in Westminster.");
        assert_passes("The Ministry of State Security, China's MI5, denied it.");
        assert_passes("He branded the service \"China's MI5\" last year.");
        assert_passes("A Chinese official MI5 recruited spoke.");
        assert_passes("MPs accused the Crown Prosecution Service of China bias.");
        assert_passes("Sales of Chinese home office furniture rose.");
    }

    #[test]
    fn dashes_and_other_wide_characters_before_a_name_are_safe() {
        assert_flags(
            "The case — China's Crown Prosecution Service says — is open.",
            "China's Crown Prosecution Service",
        );
        assert_passes("Officials—by the Crown Prosecution Service of China-linked cases—spoke.");
    }

    #[test]
    fn lists_and_people_take_the_country_word_for_themselves() {
        assert_passes(
            "Officers of the British and Chinese Crown Prosecution Service and Ministry of State Security met.",
        );
        assert_passes("A Chinese MI5 agent was named.");
        assert_flags(
            "CHINA'S CROWN PROSECUTION SERVICE VOTES TO STRIKE\nThe vote was close.",
            "CHINA'S CROWN PROSECUTION SERVICE",
        );
        assert_flags(
            "Officials said Japan's newly elected MI5 met.",
            "Japan's newly elected MI5",
        );
    }

    #[test]
    fn abbreviations_count_once_the_name_is_given() {
        assert_passes("China's CPS acted.");
        assert_flags(
            "The Crown Prosecution Service (CPS) acted. Then China's CPS acted.",
            "China's CPS",
        );
    }

    #[test]
    fn wrong_region_of_the_right_country() {
        let found = messages("Scotland's Crown Prosecution Service acted.");
        assert_eq!(
            found,
            vec![
                "Scotland's Crown Prosecution Service | Crown Prosecution Service is the public prosecutor of England and Wales (United Kingdom); it does not serve Scotland"
            ]
        );
    }
}
