//! The `crosscheck` command: parses arguments, calls the library, prints, and turns the result
//! into an exit code (0 clean, 1 findings at or above `--fail-on`, 2 usage, input or rule
//! errors). This is the only place that prints or exits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crosscheck::examples::{self, Failure};
use crosscheck::findings::Severity;
use crosscheck::ingest;
use crosscheck::pack::{Pack, PackBuilder, PackError};
use crosscheck::report::{self, Palette};

/// Checks a batch of news stories for contradictions and implausible claims.
#[derive(Parser)]
#[command(name = "crosscheck", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check stories: files, directories (recursively) and - for standard input.
    Check(CheckArgs),
    /// List or test the rules of the loaded packs.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Explain a rule: what it checks, why it matters, an example.
    Explain {
        /// The rule's id.
        rule: String,
        #[command(flatten)]
        packs: PackArgs,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// List the rules: id, kind, severity, summary.
    List {
        #[command(flatten)]
        packs: PackArgs,
    },
    /// Run every rule's examples; report each failure as Missing or Noisy.
    Test {
        /// Packs to test (a YAML file or a directory); the built-in pack when none is given.
        paths: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct PackArgs {
    /// Add a rule pack (a YAML file or a directory of them); repeatable, applied in order.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Do not load the built-in pack.
    #[arg(long)]
    no_default_rules: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// Story files or directories; - reads one story (or JSON Lines) from standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    packs: PackArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// When to colour the text report (NO_COLOR is respected under auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

const CLEAN: u8 = 0;
const FINDINGS: u8 = 1;
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules {
            command: RulesCommand::List { packs },
        } => load(&packs).map(|pack| list_rules(&pack)),
        Command::Rules {
            command: RulesCommand::Test { paths },
        } => test_rules(&paths),
        Command::Explain { rule, packs } => load(&packs).and_then(|pack| explain(&pack, &rule)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(TROUBLE)
        }
    }
}

fn load(args: &PackArgs) -> Result<Pack, String> {
    let mut builder = PackBuilder::new();
    let describe = |e: PackError| format!("invalid rule pack: {e}");
    if !args.no_default_rules {
        builder.add_default().map_err(describe)?;
    }
    for path in &args.rules {
        builder.add_path(path).map_err(describe)?;
    }
    builder.build().map_err(describe)
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let pack = load(&args.packs)?;
    let batch =
        ingest::read_paths(&args.paths, &mut std::io::stdin()).map_err(|e| e.to_string())?;
    for skipped in &batch.skipped {
        eprintln!("warning: skipped {}: {}", skipped.path, skipped.reason);
    }
    for story in &batch.stories {
        for note in &story.notes {
            eprintln!("note: {}: {note}", story.id);
        }
    }
    if batch.stories.is_empty() {
        return Err(format!(
            "no stories found in the paths given ({} skipped); crosscheck reads {}",
            batch.skipped.len(),
            ingest::READABLE_EXTENSIONS
        ));
    }
    let outcome = crosscheck::check(batch, &pack);
    let (format, colour) = match args.format {
        OutputFormat::Text => (report::Format::Text, wants_colour(args.color)),
        OutputFormat::Json => (report::Format::Json, false),
    };
    // The colour library consults the environment on its own; make it follow our decision.
    colored::control::set_override(colour);
    let rendered = report::render(&outcome, format, Palette::new(colour));
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(rendered.as_bytes())
        .and_then(|()| stdout.flush())
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(format!("cannot write the report: {error}"));
    }
    let failed = match (args.fail_on.threshold(), outcome.worst()) {
        (Some(threshold), Some(worst)) => worst >= threshold,
        _ => false,
    };
    Ok(if failed { FINDINGS } else { CLEAN })
}

fn wants_colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn list_rules(pack: &Pack) -> u8 {
    let width = pack.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in &pack.rules {
        let kind = crosscheck::detectors::find(&rule.detector).map_or("?", |d| d.kind().as_str());
        let state = if rule.enabled { "" } else { " (disabled)" };
        println!(
            "{:width$}  {kind:18}  {:7}  {}{state}",
            rule.id,
            rule.severity.as_str(),
            rule.summary
        );
    }
    CLEAN
}

fn test_rules(paths: &[PathBuf]) -> Result<u8, String> {
    let pack = load(&PackArgs {
        rules: paths.to_vec(),
        no_default_rules: !paths.is_empty(),
    })?;
    let report = examples::run(&pack);
    for failure in &report.failures {
        let label = match failure.failure {
            Failure::Missing => "Missing",
            Failure::Noisy => "Noisy",
        };
        println!("{label} [{}]: {}", failure.rule, failure.text.trim());
        for finding in &failure.findings {
            println!("    flagged {finding}");
        }
    }
    for rule in &report.rules_without_examples {
        println!("warning [{rule}]: the rule needs at least one flag and one pass example");
    }
    let failed = report.failures.len();
    println!("{} passed, {failed} failed", report.run - failed);
    Ok(if failed == 0 && report.rules_without_examples.is_empty() {
        CLEAN
    } else {
        FINDINGS
    })
}

fn explain(pack: &Pack, id: &str) -> Result<u8, String> {
    if pack.rule(id).is_none()
        && let Some(signal) = pack.credibility.signals.iter().find(|s| s.id == id)
    {
        return Ok(explain_signal(signal));
    }
    let rule = pack.rule(id).ok_or_else(|| {
        let known: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
        format!(
            "no rule '{id}'; the loaded rules are: {} (credibility signals are listed in docs/credibility.md)",
            known.join(", ")
        )
    })?;
    let detector = crosscheck::detectors::find(&rule.detector);
    println!(
        "{} ({}, {})\n",
        rule.id,
        detector.map_or("?", |d| d.kind().as_str()),
        rule.severity
    );
    println!("{}\n", rule.summary);
    if !rule.description.trim().is_empty() {
        println!("{}\n", rule.description.trim());
    }
    if let Some(detector) = detector {
        println!("How it looks: {}\n", detector.documentation());
    }
    for text in &rule.examples.flag {
        println!("  flags:  {}", text.trim());
    }
    for text in &rule.examples.pass {
        println!("  passes: {}", text.trim());
    }
    println!("\nDefined in {}", rule.file);
    Ok(CLEAN)
}

fn explain_signal(signal: &crosscheck::pack::credibility::Signal) -> u8 {
    let state = if signal.enabled { "" } else { ", disabled" };
    println!(
        "{} (credibility signal, {:+} points, counted at most {} time{}{state})\n",
        signal.id,
        signal.weight,
        signal.cap,
        if signal.cap == 1 { "" } else { "s" }
    );
    println!("{}\n", signal.summary);
    if !signal.rationale.trim().is_empty() {
        println!("{}\n", signal.rationale.trim());
    }
    if !signal.hint.is_empty() {
        println!("What to do: {}\n", signal.hint);
    }
    for text in &signal.examples.flag {
        println!("  flags:  {}", text.trim());
    }
    for text in &signal.examples.pass {
        println!("  passes: {}", text.trim());
    }
    println!("\nDefined in {}", signal.file);
    CLEAN
}
