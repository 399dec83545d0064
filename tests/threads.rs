//! The report is the same whatever the number of threads: the per-story stages run in
//! parallel, and their results must come back in story order.

#[path = "../src/bin/gen-corpus/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::path::PathBuf;

use crosscheck::ingest::{self, Batch, Format};
use crosscheck::pack::Pack;
use crosscheck::report::{self, Palette};

/// The sample scenarios and a few hundred invented stories, in one batch.
fn batch() -> Batch {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut batch = ingest::read_paths(&[root], &mut std::io::empty()).expect("corpus/ reads");
    let mut lines = String::new();
    corpus::generate(
        corpus::Plan {
            stories: 400,
            seed: 11,
            contradiction_rate: 0.1,
        },
        |story| {
            lines.push_str(&story.to_json_line());
            lines.push('\n');
        },
    );
    ingest::read_text("generated.jsonl", lines, Format::JsonLines, &mut batch);
    batch
}

fn json_report(threads: usize, pack: &Pack) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| {
        let outcome = crosscheck::check(batch(), pack);
        report::render(&outcome, report::Format::Json, Palette::plain())
    })
}

#[test]
fn one_thread_and_several_give_the_same_json_report() {
    let pack = Pack::default_pack().expect("the built-in pack loads");
    let one = json_report(1, &pack);
    let report: serde_json::Value = serde_json::from_str(&one).expect("the report is JSON");
    let findings = report["findings"].as_array().expect("a findings list");
    assert!(
        findings.iter().any(|f| f["rule"] == "contradiction"),
        "the batch should have contradictions to compare"
    );
    for threads in [2, 4] {
        assert!(
            one == json_report(threads, &pack),
            "the report differs with {threads} threads"
        );
    }
}
