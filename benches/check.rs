//! `cargo bench`: times `crosscheck::check` on invented corpora of growing size, in process,
//! and prints stories/s, MB/s and the process's peak resident memory so far. Sizes come from
//! the arguments (`cargo bench -- 1000 10000 100000`), 1,000 and 10,000 by default. The
//! end-to-end figures, with the real corpora and the peers, come from `bench/run.sh`.

#[path = "../src/bin/gen-corpus/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::time::Instant;

use crosscheck::ingest::{self, Batch, Format};
use crosscheck::pack::Pack;

fn generated(stories: usize) -> String {
    let mut lines = String::new();
    corpus::generate(
        corpus::Plan {
            stories,
            seed: 1,
            contradiction_rate: 0.05,
        },
        |story| {
            lines.push_str(&story.to_json_line());
            lines.push('\n');
        },
    );
    lines
}

/// The process's peak resident memory in MiB, where the system reports it.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    let pack = Pack::default_pack().expect("the built-in pack loads");
    println!(
        "{:>8}  {:>7}  {:>8}  {:>9}  {:>6}  {:>9}  {:>8}",
        "stories", "MB", "seconds", "stories/s", "MB/s", "µs/story", "peak MiB"
    );
    for stories in sizes {
        let text = generated(stories);
        let megabytes = text.len() as f64 / 1e6;
        let started = Instant::now();
        let mut batch = Batch::default();
        ingest::read_text("generated.jsonl", text, Format::JsonLines, &mut batch);
        let outcome = crosscheck::check(batch, &pack);
        let seconds = started.elapsed().as_secs_f64();
        std::hint::black_box(&outcome);
        drop(outcome);
        println!(
            "{stories:>8}  {megabytes:>7.1}  {seconds:>8.2}  {:>9.0}  {:>6.2}  {:>9.0}  {:>8}",
            stories as f64 / seconds,
            megabytes / seconds,
            seconds * 1e6 / stories as f64,
            peak_rss_mib().map_or("-".to_string(), |m| format!("{m:.0}")),
        );
    }
}
