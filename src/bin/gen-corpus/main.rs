//! `gen-corpus`: writes an invented news corpus for benchmarks, as JSON Lines on standard
//! output or as one .txt file per story in a folder. The same `--stories` and `--seed` always
//! give the same corpus; see `corpus.rs` for what it contains.

mod corpus;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes N invented news stories with realistic overlap between outlets.
#[derive(Parser)]
#[command(name = "gen-corpus", about, max_term_width = 100)]
struct Cli {
    /// How many stories.
    #[arg(long, default_value_t = 1000)]
    stories: usize,
    /// The seed; the same seed and count give the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The share of stories that plant a contradicting figure (0 to 1).
    #[arg(long, default_value_t = 0.05)]
    contradiction_rate: f64,
    /// Write one .txt file per story into this folder instead of JSON Lines on standard output.
    #[arg(long, value_name = "DIR")]
    txt_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !(0.0..=1.0).contains(&cli.contradiction_rate) {
        eprintln!("error: --contradiction-rate must be between 0 and 1");
        return ExitCode::from(2);
    }
    let plan = corpus::Plan {
        stories: cli.stories,
        seed: cli.seed,
        contradiction_rate: cli.contradiction_rate,
    };
    let result = match &cli.txt_dir {
        Some(dir) => write_texts(plan, dir),
        None => write_jsonl(plan),
    };
    match result {
        Ok(tally) => {
            eprintln!(
                "{} stories on {} events, {} follow-ups, {} planted contradictions",
                tally.stories, tally.events, tally.follow_ups, tally.contradictions
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn write_jsonl(plan: corpus::Plan) -> Result<corpus::Tally, String> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut error = None;
    let tally = corpus::generate(plan, |story| {
        if error.is_none() {
            error = writeln!(out, "{}", story.to_json_line()).err();
        }
    });
    match error.or_else(|| out.flush().err()) {
        Some(e) => Err(format!("cannot write to standard output: {e}")),
        None => Ok(tally),
    }
}

fn write_texts(plan: corpus::Plan, dir: &PathBuf) -> Result<corpus::Tally, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut error = None;
    let tally = corpus::generate(plan, |story| {
        if error.is_none() {
            let path = dir.join(format!("{}.txt", story.file_stem()));
            error = std::fs::write(&path, story.to_text())
                .err()
                .map(|e| format!("cannot write {}: {e}", path.display()));
        }
    });
    error.map_or(Ok(tally), Err)
}
