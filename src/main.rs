//! The `crosscheck` command: parses arguments, calls the library, prints, and turns the result
//! into an exit code (0 clean, 1 findings at or above `--fail-on`, 2 usage, input or rule
//! errors). This is the only place that prints or exits.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crosscheck::baseline::Baseline;
use crosscheck::config::{self, Config};
use crosscheck::dates::Date;
use crosscheck::examples::{self, Failure};
use crosscheck::findings::Severity;
use crosscheck::gitignore;
use crosscheck::ingest;
use crosscheck::outcome::Outcome;
use crosscheck::pack::{Pack, PackBuilder, PackError};
use crosscheck::report::{self, Palette, Reviewer};
use crosscheck::suppress::{self, Suppression};

// See Cargo.toml for why; .cargo/config.toml has it give freed pages back to the system at
// once, since a batch's claims are freed just before its report is built.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
    /// Print every name the loaded packs match (institutions, countries, regions, offices and
    /// their holders, with aliases and abbreviations), one per line, each once.
    Names {
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
    #[arg(required_unless_present = "print_config", value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    packs: PackArgs,
    /// Report format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// When to colour the text report (NO_COLOR is respected under auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Exit with 1 when a finding is at or above this severity [default: error, or the
    /// configuration's fail-on].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Report only findings that this baseline file does not already hold.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write every finding of this run to a baseline file, and exit 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Silence the findings listed in this YAML file (for copy that cannot carry comments).
    #[arg(long, value_name = "FILE")]
    suppressions: Option<PathBuf>,
    /// Read this configuration file instead of looking for crosscheck.yaml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    no_config: bool,
    /// Print the configuration in force, and where it came from, then exit.
    #[arg(long)]
    print_config: bool,
    /// Check titles as of this day (YYYY-MM-DD) instead of each story's own date.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Exit with 2 when any input was skipped (unreadable, not a story, over a limit).
    #[arg(long)]
    strict: bool,
    /// Skip a story (a file, a JSON Lines line, standard input) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = ingest::Limits::DEFAULT_MAX_STORY_BYTES)]
    max_story_bytes: u64,
    /// Skip a story holding a sentence longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = ingest::Limits::DEFAULT_MAX_SENTENCE_BYTES)]
    max_sentence_bytes: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
    Sarif,
    Github,
    Jsonl,
    Claimreview,
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
        } => load_here(&packs).map(|pack| list_rules(&pack)),
        Command::Rules {
            command: RulesCommand::Names { packs },
        } => load_here(&packs).map(|pack| list_names(&pack)),
        Command::Rules {
            command: RulesCommand::Test { paths },
        } => test_rules(&paths),
        Command::Explain { rule, packs } => {
            load_here(&packs).and_then(|pack| explain(&pack, &rule))
        }
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
    let pack = builder.build().map_err(describe)?;
    for conflict in &pack.conflicts {
        eprintln!("warning: rule packs disagree: {conflict}");
    }
    Ok(pack)
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let as_of = args
        .as_of
        .as_deref()
        .map(crosscheck::dates::parse_metadata_date)
        .transpose()
        .map_err(|e| format!("--as-of: {e}"))?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let config = find_config(args.config.as_deref(), args.no_config, &cwd)?;
    if args.print_config {
        print!("{}", config.to_yaml());
        return Ok(CLEAN);
    }
    let limits = ingest::Limits {
        max_story_bytes: args.max_story_bytes,
        max_sentence_bytes: args.max_sentence_bytes,
    };
    // The packs are compiled while the stories are read; a broken pack is still the first
    // problem reported.
    let (pack, batch) = rayon::join(
        || load_configured(&args.packs, &config),
        || ingest::read_paths_with(&args.paths, &mut std::io::stdin(), &limits),
    );
    let pack = pack?;
    // Writing a baseline replaces the configured one, which need not exist yet.
    let configured_baseline = config
        .baseline
        .as_ref()
        .filter(|_| args.write_baseline.is_none());
    let baseline_path = args.baseline.as_ref().or(configured_baseline);
    let baseline = match baseline_path {
        Some(path) => Some((path, read_baseline(path)?)),
        None => None,
    };
    let listed = match args.suppressions.as_ref().or(config.suppressions.as_ref()) {
        Some(path) => Some((path, read_listed(path, &pack)?)),
        None => None,
    };
    let mut batch = batch.map_err(|e| e.to_string())?;
    let by_config = config.apply_to_batch(&mut batch, &cwd);
    let by_git = if config.gitignore {
        drop_git_ignored(&args.paths, &cwd, &mut batch)
    } else {
        0
    };
    for skipped in &batch.skipped {
        eprintln!("warning: skipped {}: {}", skipped.path, skipped.reason);
    }
    for story in &batch.stories {
        for note in &story.notes {
            eprintln!("note: {}: {note}", story.id);
        }
    }
    if batch.stories.is_empty() && by_config + by_git > 0 {
        return Err(nothing_left(&config, by_config, by_git));
    }
    if batch.stories.is_empty() {
        return Err(format!(
            "no stories found in the paths given ({} skipped); crosscheck reads {}",
            batch.skipped.len(),
            ingest::READABLE_EXTENSIONS
        ));
    }
    let skipped = batch.skipped.len();
    let suppressions = find_suppressions(&batch, &pack);
    let mut outcome = crosscheck::check_with(batch, &pack, crosscheck::Options { as_of });
    apply_suppressions(&suppressions, listed.as_ref(), &mut outcome);
    let new_baseline = args.write_baseline.as_ref().map(|_| Baseline::of(&outcome));
    if let Some((path, baseline)) = &baseline {
        apply_baseline(baseline, path, &mut outcome);
    }
    let mut reviewer = Reviewer::new(today());
    reviewer.author = config.review_author.clone().unwrap_or(reviewer.author);
    reviewer.url = config.review_url.clone();
    if matches!(args.format, OutputFormat::Claimreview) && reviewer.url.is_none() {
        eprintln!(
            "note: the reviews have no url (the page that will host them), which Google's fact-check markup requires; set claimreview.url in {}",
            config::FILE_NAME
        );
    }
    let (format, colour) = match args.format {
        OutputFormat::Text => (
            report::Format::Text,
            wants_colour(args.color, args.output.is_none()),
        ),
        OutputFormat::Json => (report::Format::Json, false),
        OutputFormat::Sarif => (report::Format::Sarif(&pack.rules), false),
        OutputFormat::Github => (report::Format::Github, false),
        OutputFormat::Jsonl => (report::Format::Jsonl, false),
        OutputFormat::Claimreview => (report::Format::ClaimReview(&reviewer), false),
    };
    // The colour library consults the environment on its own; make it follow our decision.
    colored::control::set_override(colour);
    let palette = Palette::new(colour);
    match &args.output {
        Some(path) => write_atomically(path, |out| report::write(&outcome, format, palette, out))
            .map_err(|e| format!("cannot write the report to {}: {e}", path.display()))?,
        None => print_report(|out| report::write(&outcome, format, palette, out))?,
    }
    if let (Some(path), Some(baseline)) = (&args.write_baseline, &new_baseline) {
        write_baseline(path, baseline)?;
    }
    if args.strict && skipped > 0 {
        eprintln!(
            "error: {skipped} input{} skipped under --strict; the report above covers the rest",
            if skipped == 1 { " was" } else { "s were" }
        );
        return Ok(TROUBLE);
    }
    if args.write_baseline.is_some() {
        // The findings are now accepted: a later run with --baseline reports none of them.
        return Ok(CLEAN);
    }
    let threshold = match args.fail_on {
        Some(fail_on) => fail_on.threshold(),
        None => config.fail_on.unwrap_or(Some(Severity::Error)),
    };
    let failed = match (threshold, outcome.worst()) {
        (Some(threshold), Some(worst)) => worst >= threshold,
        _ => false,
    };
    Ok(if failed { FINDINGS } else { CLEAN })
}

/// The configuration: the file named, none, or `crosscheck.yaml` from `cwd` upward.
fn find_config(named: Option<&Path>, no_config: bool, cwd: &Path) -> Result<Config, String> {
    let path = match (named, no_config) {
        (_, true) => None,
        (Some(path), false) => Some(path.to_path_buf()),
        (None, false) => config::find(cwd),
    };
    match path {
        Some(path) => config::load(&path).map_err(|e| format!("invalid config {e}")),
        None => Ok(Config::defaults()),
    }
}

/// The packs as `check` run here would load them: with the configuration found from the
/// current directory, so that `rules list` and `explain` show the rules as they will run.
fn load_here(packs: &PackArgs) -> Result<Pack, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    load_configured(packs, &find_config(None, false, &cwd)?)
}

/// The packs the configuration and the command line name, with the configured severities.
fn load_configured(packs: &PackArgs, config: &Config) -> Result<Pack, String> {
    let mut pack = load(&PackArgs {
        rules: config.rules.iter().chain(&packs.rules).cloned().collect(),
        no_default_rules: packs.no_default_rules || !config.default_rules,
    })?;
    config.apply_to_pack(&mut pack).map_err(|e| {
        let file = config
            .file
            .as_deref()
            .unwrap_or(Path::new(config::FILE_NAME));
        format!("invalid config {}: {e}", file.display())
    })?;
    Ok(pack)
}

/// Takes out the findings that inline comments and the suppressions file silence, warning about
/// suppressions that silence nothing.
fn apply_suppressions(
    inline: &[Suppression],
    listed: Option<&(&PathBuf, Vec<suppress::Listed>)>,
    outcome: &mut Outcome,
) {
    for unused in suppress::apply(inline, outcome) {
        eprintln!(
            "warning: {}:{}: the suppression of {} covers no finding; remove it",
            unused.path,
            unused.line,
            unused.rules.join(", ")
        );
    }
    if let Some((path, listed)) = listed {
        for unused in suppress::apply_listed(listed, outcome) {
            eprintln!(
                "warning: {}: entry {} ({} in {}) covers no finding; remove it",
                path.display(),
                unused.entry,
                unused.rule,
                unused.story
            );
        }
    }
}

fn write_baseline(path: &Path, baseline: &Baseline) -> Result<(), String> {
    write_atomically(path, |out| out.write_all(baseline.to_json().as_bytes()))
        .map_err(|e| format!("cannot write the baseline {}: {e}", path.display()))?;
    let count = baseline.entries().len();
    eprintln!(
        "note: wrote {count} finding{} to the baseline {}",
        if count == 1 { "" } else { "s" },
        path.display()
    );
    Ok(())
}

/// Why no story is left to check when the configuration or git left out every one found.
fn nothing_left(config: &Config, by_config: usize, by_git: usize) -> String {
    let file = config
        .file
        .as_deref()
        .unwrap_or(Path::new(config::FILE_NAME));
    match (by_config, by_git) {
        (n, 0) => format!(
            "no stories left to check: the include and exclude globs of {} leave out all {n} found",
            file.display()
        ),
        (0, n) => format!(
            "no stories left to check: git ignores all {n} found; name the files, or set gitignore: false in {}",
            config::FILE_NAME
        ),
        (a, b) => format!(
            "no stories left to check: the include and exclude globs of {} leave out {a}, and git ignores {b}",
            file.display()
        ),
    }
}

/// Leaves out the files found in the directories given that git ignores; returns how many
/// stories that left out.
fn drop_git_ignored(paths: &[PathBuf], cwd: &Path, batch: &mut ingest::Batch) -> usize {
    let absolute = |file: &str| cwd.join(file).display().to_string();
    let mut ignored = std::collections::HashSet::new();
    for dir in paths.iter().filter(|p| p.is_dir()) {
        let mut found: Vec<String> = batch
            .stories
            .iter()
            .map(|s| s.source.path.as_str())
            .chain(batch.skipped.iter().map(|s| config::skipped_file(&s.path)))
            .filter(|file| Path::new(file).starts_with(dir))
            .map(absolute)
            .collect();
        found.sort();
        found.dedup();
        let found: Vec<&str> = found.iter().map(String::as_str).collect();
        ignored.extend(gitignore::ignored(&cwd.join(dir), &found));
    }
    if ignored.is_empty() {
        return 0;
    }
    let before = batch.stories.len();
    config::retain_files(batch, |file| !ignored.contains(&absolute(file)));
    before - batch.stories.len()
}

/// The inline suppressions in the batch's Markdown and HTML files; comments that cannot be
/// honoured are warned about.
fn find_suppressions(batch: &ingest::Batch, pack: &Pack) -> Vec<Suppression> {
    let known: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut suppressions = Vec::new();
    for story in &batch.stories {
        let source = &story.source;
        if !seen.insert(source.path.as_str()) {
            continue;
        }
        let format = if source.path == "<stdin>" {
            ingest::Format::sniff(source.text())
        } else {
            ingest::Format::from_path(Path::new(&source.path)).unwrap_or(ingest::Format::Plain)
        };
        let (found, problems) = suppress::find(&source.path, source.text(), format, &known);
        for problem in problems {
            eprintln!(
                "warning: {}:{}: {}",
                problem.path, problem.line, problem.message
            );
        }
        suppressions.extend(found);
    }
    suppressions
}

fn read_listed(path: &Path, pack: &Pack) -> Result<Vec<suppress::Listed>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the suppressions file {}: {e}", path.display()))?;
    let known: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
    suppress::parse_listed(&text, &known)
        .map_err(|e| format!("invalid suppressions file {}: {e}", path.display()))
}

fn read_baseline(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    Baseline::parse(&text).map_err(|e| {
        format!(
            "invalid baseline {}: {e}; write a new one with --write-baseline",
            path.display()
        )
    })
}

/// Hides the findings the baseline knows, saying on standard error how many, and listing the
/// entries that no longer occur so that the baseline can be rewritten without them.
fn apply_baseline(baseline: &Baseline, path: &Path, outcome: &mut Outcome) {
    let applied = baseline.apply(outcome);
    if applied.matched > 0 {
        eprintln!(
            "note: {} finding{} already in the baseline {} not reported",
            applied.matched,
            if applied.matched == 1 { "" } else { "s" },
            path.display()
        );
    }
    if !applied.stale.is_empty() {
        eprintln!(
            "note: {} entr{} of the baseline {} no longer found; rewrite it with --write-baseline to drop {}:",
            applied.stale.len(),
            if applied.stale.len() == 1 { "y" } else { "ies" },
            path.display(),
            if applied.stale.len() == 1 {
                "it"
            } else {
                "them"
            },
        );
        for entry in &applied.stale {
            eprintln!(
                "  {} in {}: {}",
                entry.rule,
                entry.story,
                entry
                    .excerpt
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
    }
    outcome.baseline = Some(applied);
}

/// Today's date in UTC, from the system clock.
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch((seconds / 86_400) as i64)
}

/// Writes the report to standard output as `write` produces it.
fn print_report(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), String> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the report: {error}"))
        }
        _ => Ok(()),
    }
}

/// Writes what `write` produces to a temporary file beside `path`, then renames it over `path`,
/// so that a reader never sees half a report and a failed run leaves the old file in place.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = dir.join(temporary_name);
    let result = std::fs::File::create(&temporary)
        .and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            write(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Whether to colour the text report; `to_stdout` is false when it goes to a file.
fn wants_colour(choice: ColorChoice, to_stdout: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_stdout
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
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

fn list_names(pack: &Pack) -> u8 {
    let mut names: Vec<&str> = Vec::new();
    for entity in &pack.entities {
        names.push(&entity.name);
        names.extend(
            entity
                .aliases
                .iter()
                .chain(&entity.abbreviations)
                .map(String::as_str),
        );
    }
    for country in &pack.countries {
        names.push(&country.name);
        let words = country.names.iter().chain(&country.demonyms);
        names.extend(words.chain(&country.metonyms).map(String::as_str));
        for region in &country.regions {
            names.push(&region.name);
            names.extend(
                region
                    .names
                    .iter()
                    .chain(&region.demonyms)
                    .map(String::as_str),
            );
        }
    }
    for office in &pack.offices {
        names.push(&office.name);
        names.extend(
            office
                .titles
                .iter()
                .chain(&office.generic_titles)
                .map(String::as_str),
        );
        for holder in &office.holders {
            names.push(&holder.name);
            names.extend(holder.aliases.iter().map(String::as_str));
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = std::io::stdout().lock();
    for name in names.into_iter().filter(|name| seen.insert(*name)) {
        if writeln!(out, "{name}").is_err() {
            break;
        }
    }
    CLEAN
}

fn test_rules(paths: &[PathBuf]) -> Result<u8, String> {
    // A user's pack builds on the built-in one (its countries, entities and rules), so it is
    // tested merged with it: every rule's examples run against the knowledge as it will be.
    let pack = load(&PackArgs {
        rules: paths.to_vec(),
        no_default_rules: false,
    })?;
    // The user's own rules are tested; a pack of knowledge alone tests every rule against it.
    let own = |rule: &crosscheck::pack::Rule| !rule.file.starts_with("<built-in>");
    let report = if pack.rules.iter().any(own) && !paths.is_empty() {
        examples::run_rules(&pack, own)
    } else {
        examples::run(&pack)
    };
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
