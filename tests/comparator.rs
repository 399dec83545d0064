//! The comparator on batches it was not written against: each directory under
//! `tests/comparator/` is a made-up event covered by several outlets, with an `expected.yaml`
//! that lists the contradictions planted in it and consistent variations that must not be
//! flagged. The stories were written apart from the code, as a held-out test.
//!
//! Every contradiction reported must be a planted one (precision first); at least
//! [`MIN_RECALL`] of the planted ones must be found. The figures are printed, so
//! `cargo test --test comparator -- --nocapture` measures them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crosscheck::ingest;
use crosscheck::outcome::{Located, Place};
use crosscheck::pack::Pack;

/// The share of planted contradictions the comparator must find.
const MIN_RECALL: f64 = 0.45;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    planted: Vec<Planted>,
    #[serde(default)]
    must_not_flag: Vec<Excerpt>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Planted {
    file: String,
    says: String,
    kind: String,
    truth: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Excerpt {
    file: String,
    says: String,
}

fn batches() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/comparator");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("expected.yaml").is_file())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// Whether `finding` is in `file` and covers the text `says` (or lies inside it).
fn covers(finding: &Located, dir: &Path, file: &str, says: &str) -> bool {
    covers_place(&finding.place, dir, file, says)
}

/// Whether `place` is in `file` and covers the text `says` (or lies inside it).
fn covers_place(place: &Place, dir: &Path, file: &str, says: &str) -> bool {
    if Path::new(&place.path) != dir.join(file) {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
        return false;
    };
    text.match_indices(says).any(|(at, s)| {
        let (start, end) = (at, at + s.len());
        place.start < end && start < place.end
    })
}

#[test]
fn planted_contradictions_are_found_and_nothing_else() {
    let batches = batches();
    if batches.is_empty() {
        eprintln!("skipped: no batch under tests/comparator");
        return;
    }
    let pack = Pack::default_pack().expect("the built-in pack loads");
    let (mut planted, mut found, mut reported, mut false_alarms) = (0, 0, 0, Vec::new());
    for dir in &batches {
        let expected: Expected = serde_yaml::from_str(
            &std::fs::read_to_string(dir.join("expected.yaml")).expect("expected.yaml reads"),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let batch = ingest::read_paths(std::slice::from_ref(dir), &mut std::io::empty())
            .expect("the batch reads");
        // expected.yaml is not a story; nothing else may be passed over.
        let stray: Vec<_> = batch
            .skipped
            .iter()
            .filter(|s| !s.path.ends_with("expected.yaml"))
            .collect();
        assert!(stray.is_empty(), "{}: {stray:?}", dir.display());
        let outcome = crosscheck::check(batch, &pack);
        let contradictions: Vec<&Located> = outcome
            .findings
            .iter()
            .filter(|f| f.rule == "contradiction")
            .collect();
        reported += contradictions.len();
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for p in &expected.planted {
            planted += 1;
            let hit = contradictions
                .iter()
                .any(|f| covers(f, dir, &p.file, &p.says));
            found += usize::from(hit);
            println!(
                "{name}: {} {} ({}: \"{}\" where the others say \"{}\")",
                if hit { "found " } else { "MISSED" },
                p.kind,
                p.file,
                p.says,
                p.truth
            );
        }
        for f in &contradictions {
            // In an even split both sides are reported: a finding whose other side is the
            // planted text is about the planted contradiction too.
            let planted_here = expected.planted.iter().any(|p| {
                covers(f, dir, &p.file, &p.says)
                    || f.related
                        .iter()
                        .any(|r| covers_place(r, dir, &p.file, &p.says))
            });
            if !planted_here {
                false_alarms.push(format!(
                    "{}: {} ({})",
                    f.place.path, f.place.excerpt, f.message
                ));
            }
        }
        for m in &expected.must_not_flag {
            assert!(
                !contradictions
                    .iter()
                    .any(|f| covers(f, dir, &m.file, &m.says)),
                "{name}: flagged a consistent variation: {}: {}",
                m.file,
                m.says
            );
        }
    }
    let recall = found as f64 / planted.max(1) as f64;
    println!(
        "{} batches: {found} of {planted} planted contradictions found (recall {recall:.2}); \
         {} of {reported} reported were not planted",
        batches.len(),
        false_alarms.len()
    );
    assert!(
        false_alarms.is_empty(),
        "false alarms:\n{}",
        false_alarms.join("\n")
    );
    assert!(
        recall >= MIN_RECALL,
        "recall {recall:.2} is below {MIN_RECALL}"
    );
}
