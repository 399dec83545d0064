//! Corpus snapshots: each batch under `corpus/` has its expected text report (no colour) and
//! JSON report checked in under `tests/snapshots/`, so any change in what users see shows up as
//! a diff in review. Run with `UPDATE_SNAPSHOTS=1` to rewrite them after reviewing a change.

use std::path::{Path, PathBuf};

use crosscheck::ingest;
use crosscheck::pack::Pack;
use crosscheck::report::{self, Palette};

fn batches() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("corpus")
        .expect("the corpus directory ships with the repository")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn compare(path: &Path, actual: &str, stale: &mut Vec<String>) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, actual).expect("snapshots are writable");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        stale.push(format!(
            "{} differs:\n--- expected\n{expected}\n+++ actual\n{actual}",
            path.display()
        ));
    }
}

#[test]
fn corpus_reports_match_their_snapshots() {
    let pack = Pack::default_pack().expect("the built-in pack loads");
    let mut stale = Vec::new();
    let batches = batches();
    assert!(!batches.is_empty(), "corpus/ holds example batches");
    for dir in batches {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let batch = ingest::read_paths(std::slice::from_ref(&dir), &mut std::io::empty()).unwrap();
        assert!(
            batch.skipped.is_empty(),
            "{name}: every example file is readable: {:?}",
            batch.skipped
        );
        let outcome = crosscheck::check(batch, &pack);
        let snapshots = Path::new("tests/snapshots");
        compare(
            &snapshots.join(format!("{name}.txt")),
            &report::render(&outcome, report::Format::Text, Palette::plain()),
            &mut stale,
        );
        compare(
            &snapshots.join(format!("{name}.json")),
            &report::render(&outcome, report::Format::Json, Palette::plain()),
            &mut stale,
        );
    }
    assert!(
        stale.is_empty(),
        "{}\nreview the change, then run UPDATE_SNAPSHOTS=1 cargo test --test snapshots",
        stale.join("\n")
    );
}
