//! Properties that hold for any input: no reader, segmentation, claim extraction or pack loading
//! panics on arbitrary bytes; the findings of a batch do not depend on the order of its files;
//! a story read twice does not contradict itself.
//!
//! `cargo test` runs few cases so the suite stays quick; `PROPTEST_CASES=5000 cargo test --test
//! properties` (or `fuzz/run.sh`) runs many.

use std::sync::OnceLock;

use proptest::prelude::*;

use crosscheck::ingest::{self, Batch, Format};
use crosscheck::pack::{Pack, PackBuilder};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(24);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| {
        let mut builder = PackBuilder::new();
        builder.add_default().expect("the built-in pack loads");
        builder.build().expect("the built-in pack is valid")
    })
}

/// Bytes that look a little like each format, so the readers get past their first checks.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        Just(Vec::new()),
        Just(b"---\ntitle: ".to_vec()),
        Just(b"<html><body><p>".to_vec()),
        Just(b"{\"id\": 1, \"title\": \"".to_vec()),
        Just(b"Headline\n\n".to_vec()),
    ];
    let piece = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        "[a-zA-Z .,'\"<>/&;:#{}\\[\\]\\\\\n-]{0,60}".prop_map(String::into_bytes),
        Just(b"China's controversial Crown Prosecution Service said. ".to_vec()),
        Just(b"<div><p>".to_vec()),
        Just(b"&amp;&#x1F600;&#99999999;".to_vec()),
        Just("\u{feff}é—\u{200b}".as_bytes().to_vec()),
    ];
    (prefix, proptest::collection::vec(piece, 0..12))
        .prop_map(|(prefix, pieces)| prefix.into_iter().chain(pieces.concat()).collect())
}

const FORMATS: [(Format, &str); 4] = [
    (Format::Plain, "story.txt"),
    (Format::Markdown, "story.md"),
    (Format::Html, "story.html"),
    (Format::JsonLines, "stories.jsonl"),
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn readers_segmentation_and_claims_never_panic(bytes in hostile_bytes()) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for (format, name) in FORMATS {
            let mut batch = Batch::default();
            ingest::read_text(name, text.clone(), format, &mut batch);
            for story in &batch.stories {
                let segmented = crosscheck::segment::segment(story.text(), story.body_start);
                for sentence in &segmented.sentences {
                    prop_assert!(story.text().get(sentence.span.start..sentence.span.end).is_some());
                    story.locate(sentence.span.start);
                }
                crosscheck::claims::extract(story.text(), &segmented, story.date);
            }
            crosscheck::check(batch, pack());
        }
        // Raw bytes through standard input: decoding and format sniffing.
        let mut batch = ingest::read_paths(&["-".into()], &mut bytes.as_slice()).unwrap();
        batch.skipped.clear();
    }

    #[test]
    fn segmentation_never_panics_for_any_body_start(text in "\\PC{0,200}", start in 0usize..250) {
        let start = (0..=start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        crosscheck::segment::segment(&text, start);
    }

    #[test]
    fn the_pack_loader_never_panics(bytes in hostile_bytes(), yaml in "[a-z: \\-\\[\\]{}'\"\n0-9]{0,200}") {
        for text in [String::from_utf8_lossy(&bytes).into_owned(), yaml] {
            let mut builder = PackBuilder::new();
            if builder.add_text("fuzz.yaml", &text).is_ok() {
                let _ = builder.build();
            }
        }
    }

    #[test]
    fn findings_do_not_depend_on_file_order(
        stories in proptest::collection::vec(story(), 2..5),
        rotation in 0usize..5,
    ) {
        let files: Vec<(String, String)> = stories
            .iter()
            .enumerate()
            .map(|(i, text)| (format!("s{i}.txt"), text.clone()))
            .collect();
        let mut turned = files.clone();
        turned.rotate_left(rotation % files.len());
        turned.reverse();
        prop_assert_eq!(findings(&files), findings(&turned));
    }

    #[test]
    fn a_story_read_twice_does_not_contradict_itself(text in story()) {
        let files = vec![("a.txt".to_string(), text.clone()), ("b.txt".to_string(), text)];
        let contradictions: Vec<String> = findings(&files)
            .into_iter()
            .filter(|f| f.starts_with("contradiction"))
            .collect();
        prop_assert!(contradictions.is_empty(), "{contradictions:?}");
    }
}

/// A short story from sentences that name institutions, figures and dates, some garbled.
fn story() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        Just(
            "MPs were targeted by China's controversial Crown Prosecution Service, officials said."
        ),
        Just("The Crown Prosecution Service dropped the case on Monday."),
        Just("The Crown Prosecution Service did not drop the case on Monday."),
        Just("Police arrested 12 people in Leeds on 3 March 2025."),
        Just("Police arrested 15 people in Leeds on 3 March 2025."),
        Just("The Bank of England raised rates to 4.5% on Thursday."),
        Just("The Bank of England cut rates to 4.25% on Thursday."),
        Just("Experts warn that the plot could be far bigger than anyone knows."),
        Just("The council said the bridge would reopen in May."),
    ];
    (
        "[A-Z][a-z]{2,8} [a-z]{3,8}",
        proptest::collection::vec(sentence, 1..5),
    )
        .prop_map(|(title, body)| format!("{title}\n\n{}\n", body.join(" ")))
}

/// The batch's findings as sorted lines, `kind rule path start..end message`.
fn findings(files: &[(String, String)]) -> Vec<String> {
    let named: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let outcome = crosscheck::check_texts(&named, pack());
    let mut lines: Vec<String> = outcome
        .findings
        .iter()
        .map(|f| {
            let mut related: Vec<String> = f
                .related
                .iter()
                .map(|p| format!("{}@{}", p.path, p.start))
                .collect();
            related.sort();
            format!(
                "{} {} {}@{} {} [{}]",
                f.kind.as_str(),
                f.rule,
                f.place.path,
                f.place.start,
                f.message,
                related.join(",")
            )
        })
        .collect();
    lines.sort();
    lines
}
