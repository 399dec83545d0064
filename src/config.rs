//! The project configuration file, `crosscheck.yaml`: the settings a newsroom would otherwise
//! repeat on every command line.
//!
//! ```yaml
//! rules: [house-pack/]            # packs added after the built-in one, relative to this file
//! severity:                        # per rule: error, warning, info, or off to disable it
//!   contradiction: warning
//! fail-on: warning
//! include: ["stories/**"]          # only these files are checked...
//! exclude: ["stories/drafts/**"]   # ...except these
//! outlets:                         # one name for an outlet known by several
//!   The Borough Courier: [Borough Courier, the Courier]
//! baseline: .crosscheck-baseline.json
//! suppressions: wire-suppressions.yaml
//! gitignore: false                # check files git ignores too
//! claimreview:
//!   author: Example Fact Check
//!   url: https://factcheck.example/reviews
//! ```
//!
//! The file goes through two types, as rule packs do: [`RawConfig`] mirrors the YAML and refuses
//! unknown keys (so a misspelt key is an error naming it, not a setting silently ignored), and
//! [`Config`] holds checked values with paths resolved against the file's directory. Finding
//! and reading the file are the only I/O here; applying it is pure.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::findings::Severity;
use crate::ingest::Batch;
use crate::pack::Pack;

/// The file name looked for in the current directory and each directory above it.
pub const FILE_NAME: &str = "crosscheck.yaml";

/// `crosscheck.yaml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    /// Packs to add, files or directories.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Whether the built-in pack is loaded.
    pub default_rules: Option<bool>,
    /// Per-rule severity, or `off`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// The severity that fails a run, or `never`.
    pub fail_on: Option<String>,
    /// Globs of the files to check.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of the files to leave out.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Outlet name → other names it goes by.
    #[serde(default)]
    pub outlets: BTreeMap<String, Vec<String>>,
    /// The baseline file.
    pub baseline: Option<String>,
    /// The suppressions file.
    pub suppressions: Option<String>,
    /// Whether files git ignores are passed over.
    pub gitignore: Option<bool>,
    /// Who publishes ClaimReview reports.
    pub claimreview: Option<RawClaimReview>,
}

/// The `claimreview` section as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaimReview {
    /// The reviewing organisation.
    pub author: Option<String>,
    /// The page that hosts the reviews.
    pub url: Option<String>,
}

/// What a rule's severity is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Run it at this severity.
    Severity(Severity),
    /// Do not run it.
    Off,
}

/// A checked configuration. Paths are absolute or relative to the current directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// Packs to add after the built-in one.
    pub rules: Vec<PathBuf>,
    /// Whether the built-in pack is loaded.
    pub default_rules: bool,
    /// Per-rule levels, by rule id.
    pub severity: Vec<(String, Level)>,
    /// `Some(None)` for `never`; `None` when not set.
    pub fail_on: Option<Option<Severity>>,
    /// Only files matching one of these are checked (all when empty).
    pub include: Vec<Glob>,
    /// Files matching one of these are left out.
    pub exclude: Vec<Glob>,
    /// Outlet names and their other names.
    pub outlets: Vec<(String, Vec<String>)>,
    /// The baseline file.
    pub baseline: Option<PathBuf>,
    /// The suppressions file, for copy that cannot carry inline comments.
    pub suppressions: Option<PathBuf>,
    /// Whether files that git ignores are passed over when found in a directory.
    pub gitignore: bool,
    /// The reviewing organisation for ClaimReview reports.
    pub review_author: Option<String>,
    /// The page hosting the reviews.
    pub review_url: Option<String>,
}

/// A configuration file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The defaults: no file, the built-in pack, nothing else set.
    pub fn defaults() -> Config {
        Config {
            default_rules: true,
            gitignore: true,
            ..Config::default()
        }
    }

    /// Reads the configuration in `text`, from the file `file`; relative paths in it are taken
    /// from the file's directory.
    pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
        let describe = |line, column, message: String| ConfigError {
            file: file.display().to_string(),
            line,
            column,
            message,
        };
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            crate::yaml::parse(text).map_err(|e| {
                describe(
                    e.line,
                    e.column,
                    format!("{}; the keys are documented in docs/config.md", e.message),
                )
            })?
        };
        let dir = file.parent().unwrap_or(Path::new(""));
        let resolve = |p: &str| dir.join(p);
        let mut severity = Vec::new();
        for (rule, level) in raw.severity {
            let level = match level.as_str() {
                "off" => Level::Off,
                other => Level::Severity(other.parse().map_err(|_| {
                    describe(
                        None,
                        None,
                        format!(
                            "severity of '{rule}' is '{other}'; use error, warning, info or off"
                        ),
                    )
                })?),
            };
            severity.push((rule, level));
        }
        let fail_on = match raw.fail_on.as_deref() {
            None => None,
            Some("never") => Some(None),
            Some(other) => Some(Some(other.parse().map_err(|_| {
                describe(
                    None,
                    None,
                    format!("fail-on is '{other}'; use error, warning, info or never"),
                )
            })?)),
        };
        let globs = |key: &str, patterns: Vec<String>| {
            patterns
                .into_iter()
                .map(|p| Glob::new(&p).map_err(|e| describe(None, None, format!("{key}: {e}"))))
                .collect::<Result<Vec<_>, _>>()
        };
        let claimreview = raw.claimreview.unwrap_or_default();
        Ok(Config {
            file: Some(file.to_path_buf()),
            rules: raw.rules.iter().map(|p| resolve(p)).collect(),
            default_rules: raw.default_rules.unwrap_or(true),
            severity,
            fail_on,
            include: globs("include", raw.include)?,
            exclude: globs("exclude", raw.exclude)?,
            outlets: raw.outlets.into_iter().collect(),
            baseline: raw.baseline.as_deref().map(resolve),
            suppressions: raw.suppressions.as_deref().map(resolve),
            gitignore: raw.gitignore.unwrap_or(true),
            review_author: claimreview.author,
            review_url: claimreview.url,
        })
    }

    /// Sets the configured severities on the pack's rules; a rule the pack does not have is an
    /// error naming it and the rules it does have.
    pub fn apply_to_pack(&self, pack: &mut Pack) -> Result<(), String> {
        for (id, level) in &self.severity {
            let known: Vec<String> = pack.rules.iter().map(|r| r.id.clone()).collect();
            let rule = pack.rules.iter_mut().find(|r| &r.id == id).ok_or_else(|| {
                format!(
                    "severity: no rule '{id}'; the loaded rules are: {}",
                    known.join(", ")
                )
            })?;
            match level {
                Level::Off => rule.enabled = false,
                Level::Severity(severity) => {
                    rule.enabled = true;
                    rule.severity = *severity;
                }
            }
        }
        Ok(())
    }

    /// Leaves out of `batch` the stories and skipped inputs whose files the include and exclude
    /// globs leave out, and gives outlets their configured names. Paths are made relative to
    /// the configuration file's directory, with `cwd` for paths given relative to the current
    /// directory. Returns how many stories were left out.
    pub fn apply_to_batch(&self, batch: &mut Batch, cwd: &Path) -> usize {
        let before = batch.stories.len();
        if !self.include.is_empty() || !self.exclude.is_empty() {
            let base = cwd.join(
                self.file
                    .as_deref()
                    .and_then(Path::parent)
                    .unwrap_or(Path::new("")),
            );
            let wanted = |path: &str| {
                let relative = cwd.join(path);
                let relative = relative
                    .strip_prefix(&base)
                    .map_or(path.to_string(), |r| r.to_string_lossy().into_owned());
                path == "<stdin>" || self.wants(&relative)
            };
            retain_files(batch, wanted);
        }
        for story in &mut batch.stories {
            if let Some(name) = story
                .outlet
                .as_deref()
                .and_then(|o| self.canonical_outlet(o))
            {
                story.outlet = Some(name.to_string());
            }
        }
        before - batch.stories.len()
    }

    /// Whether a file, given by its path relative to the configuration file's directory, is to
    /// be checked.
    pub fn wants(&self, relative: &str) -> bool {
        (self.include.is_empty() || self.include.iter().any(|g| g.matches(relative)))
            && !self.exclude.iter().any(|g| g.matches(relative))
    }

    /// The name an outlet is reported under: its configured name when `name` is one of its other
    /// names (compared without regard to case), else `None`.
    pub fn canonical_outlet(&self, name: &str) -> Option<&str> {
        let wanted = name.trim().to_lowercase();
        self.outlets
            .iter()
            .find(|(canonical, aliases)| {
                canonical.to_lowercase() != wanted
                    && aliases.iter().any(|a| a.trim().to_lowercase() == wanted)
            })
            .map(|(canonical, _)| canonical.as_str())
    }

    /// The configuration as YAML, for `--print-config`: every key, with the values in force.
    pub fn to_yaml(&self) -> String {
        // JSON strings are valid YAML scalars, and quote whatever needs quoting.
        let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
        let path = |p: &Path| quote(&p.display().to_string());
        let list = |items: Vec<String>| {
            if items.is_empty() {
                " []".to_string()
            } else {
                items.iter().map(|i| format!("\n  - {i}")).collect()
            }
        };
        let mut out = String::new();
        match &self.file {
            Some(file) => out.push_str(&format!("# from {}\n", file.display())),
            None => out.push_str("# no configuration file: the defaults\n"),
        }
        out.push_str(&format!(
            "rules:{}\n",
            list(self.rules.iter().map(|p| path(p)).collect())
        ));
        out.push_str(&format!("default-rules: {}\n", self.default_rules));
        if self.severity.is_empty() {
            out.push_str("severity: {}\n");
        } else {
            out.push_str("severity:\n");
            for (rule, level) in &self.severity {
                let level = match level {
                    Level::Off => "off",
                    Level::Severity(s) => s.as_str(),
                };
                out.push_str(&format!("  {}: {level}\n", quote(rule)));
            }
        }
        let fail_on = match self.fail_on {
            None => "error".to_string(),
            Some(None) => "never".to_string(),
            Some(Some(s)) => s.as_str().to_string(),
        };
        out.push_str(&format!("fail-on: {fail_on}\n"));
        out.push_str(&format!(
            "include:{}\n",
            list(self.include.iter().map(|g| quote(&g.pattern)).collect())
        ));
        out.push_str(&format!(
            "exclude:{}\n",
            list(self.exclude.iter().map(|g| quote(&g.pattern)).collect())
        ));
        if self.outlets.is_empty() {
            out.push_str("outlets: {}\n");
        } else {
            out.push_str("outlets:\n");
            for (name, aliases) in &self.outlets {
                let aliases: Vec<String> = aliases.iter().map(|a| quote(a)).collect();
                out.push_str(&format!("  {}: [{}]\n", quote(name), aliases.join(", ")));
            }
        }
        out.push_str(&format!(
            "baseline: {}\n",
            self.baseline.as_deref().map_or("null".to_string(), path)
        ));
        out.push_str(&format!("gitignore: {}\n", self.gitignore));
        out.push_str(&format!(
            "suppressions: {}\n",
            self.suppressions
                .as_deref()
                .map_or("null".to_string(), path)
        ));
        out.push_str("claimreview:\n");
        out.push_str(&format!(
            "  author: {}\n",
            quote(self.review_author.as_deref().unwrap_or("crosscheck"))
        ));
        out.push_str(&format!(
            "  url: {}\n",
            self.review_url.as_deref().map_or("null".to_string(), quote)
        ));
        out
    }
}

/// Keeps in `batch` the stories and skipped inputs whose file `keep` accepts.
pub fn retain_files(batch: &mut Batch, keep: impl Fn(&str) -> bool) {
    batch.skipped.retain(|s| keep(skipped_file(&s.path)));
    batch.stories.retain(|story| keep(&story.source.path));
}

/// The file of a skipped input: a bad line of a JSON Lines file is reported as `file:line`.
pub fn skipped_file(path: &str) -> &str {
    match path.rsplit_once(':') {
        Some((file, line)) if !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) => file,
        _ => path,
    }
}

/// Finds the configuration file: `crosscheck.yaml` in `start` or the nearest directory above.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and checks the configuration file at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: path.display().to_string(),
        line: None,
        column: None,
        message: format!("cannot read the file: {e}"),
    })?;
    Config::parse(&text, path)
}

/// A path pattern: `*` matches within one path segment, `?` one character, `**` any number of
/// segments. A pattern without `/` is matched against the file's name alone; a pattern that
/// matches a directory matches everything under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    /// The pattern as written.
    pub pattern: String,
    segments: Vec<String>,
    name_only: bool,
}

impl Glob {
    /// Checks and compiles a pattern.
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let trimmed = pattern
            .trim()
            .trim_start_matches("./")
            .trim_end_matches('/');
        if trimmed.is_empty() {
            return Err(format!("the pattern '{pattern}' matches nothing"));
        }
        if trimmed.starts_with('/') {
            return Err(format!(
                "the pattern '{pattern}' is absolute; write it relative to the configuration file"
            ));
        }
        Ok(Glob {
            pattern: pattern.to_string(),
            segments: trimmed.split('/').map(str::to_string).collect(),
            name_only: !trimmed.contains('/'),
        })
    }

    /// Whether `path` (relative, `/`-separated) matches.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.replace('\\', "/");
        let parts: Vec<&str> = path
            .trim_start_matches("./")
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        if self.name_only {
            // Against any segment: the file's name, or a directory it is under.
            return parts
                .iter()
                .any(|part| segment_matches(&self.segments[0], part));
        }
        // Against the whole path or any leading directories of it.
        (1..=parts.len()).any(|n| segments_match(&self.segments, &parts[..n]))
    }
}

fn segments_match(pattern: &[String], parts: &[&str]) -> bool {
    match pattern.split_first() {
        None => parts.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=parts.len()).any(|skip| segments_match(rest, &parts[skip..]))
        }
        Some((first, rest)) => match parts.split_first() {
            Some((part, others)) => segment_matches(first, part) && segments_match(rest, others),
            None => false,
        },
    }
}

fn segment_matches(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    // Classic wildcard matching with backtracking to the last star.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("news/crosscheck.yaml"))
    }

    #[test]
    fn a_full_file_is_read_with_paths_from_its_directory() {
        let config = parse(
            "rules: [house/]\nseverity:\n  contradiction: warning\n  implausible-entity: off\n\
             fail-on: never\ninclude: ['stories/**']\nexclude: ['*.draft.md']\n\
             outlets:\n  The Borough Courier: [Borough Courier]\nbaseline: base.json\nsuppressions: s.yaml\n\
             claimreview:\n  author: Example Fact Check\n",
        )
        .unwrap();
        assert_eq!(config.rules, vec![PathBuf::from("news/house/")]);
        assert_eq!(
            config.severity,
            vec![
                (
                    "contradiction".to_string(),
                    Level::Severity(Severity::Warning)
                ),
                ("implausible-entity".to_string(), Level::Off),
            ]
        );
        assert_eq!(config.fail_on, Some(None));
        assert_eq!(config.baseline, Some(PathBuf::from("news/base.json")));
        assert_eq!(config.suppressions, Some(PathBuf::from("news/s.yaml")));
        assert!(config.gitignore);
        assert_eq!(skipped_file("feed.jsonl:12"), "feed.jsonl");
        assert_eq!(skipped_file("C:story.txt"), "C:story.txt");
        assert_eq!(config.review_author.as_deref(), Some("Example Fact Check"));
        assert!(config.wants("stories/a.md"));
        assert!(!config.wants("stories/b.draft.md"));
        assert!(!config.wants("wire/c.md"));
        assert_eq!(
            config.canonical_outlet("borough courier"),
            Some("The Borough Courier")
        );
        assert_eq!(config.canonical_outlet("The Borough Courier"), None);
    }

    #[test]
    fn a_misspelt_key_is_named_with_its_line() {
        let error = parse("rules: []\nfail_on: warning\n").unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("news/crosscheck.yaml:2:1: unknown field `fail_on`, expected one of"),
            "{text}"
        );
        assert!(text.contains("`fail-on`"), "{text}");
    }

    #[test]
    fn bad_values_say_what_is_allowed() {
        assert_eq!(
            parse("severity:\n  contradiction: loud\n")
                .unwrap_err()
                .message,
            "severity of 'contradiction' is 'loud'; use error, warning, info or off"
        );
        assert_eq!(
            parse("fail-on: sometimes\n").unwrap_err().message,
            "fail-on is 'sometimes'; use error, warning, info or never"
        );
    }

    #[test]
    fn globs_match_segments_names_and_directories() {
        let glob = |p: &str| Glob::new(p).unwrap();
        assert!(glob("stories/**/*.md").matches("stories/2025/06/a.md"));
        assert!(glob("stories/**/*.md").matches("stories/a.md"));
        assert!(!glob("stories/*.md").matches("stories/2025/a.md"));
        assert!(glob("drafts").matches("drafts/a.md"));
        assert!(glob("stories/drafts/").matches("stories/drafts/x/a.md"));
        assert!(glob("*.wire.txt").matches("in/ap/story.wire.txt"));
        assert!(!glob("*.wire.txt").matches("in/ap/story.txt"));
        assert!(glob("st?ry.md").matches("story.md"));
        assert!(glob("stories/drafts/**").matches("stories/./drafts/a.md"));
        assert!(Glob::new("/abs/**").is_err());
    }

    #[test]
    fn a_batch_loses_excluded_files_and_outlets_get_their_configured_names() {
        let config = Config::parse(
            "exclude: ['wire/**']\noutlets:\n  The Borough Courier: [Borough Courier]\n",
            Path::new("/desk/crosscheck.yaml"),
        )
        .unwrap();
        let mut batch = Batch::default();
        let story = |outlet: &str| format!("---\ntitle: Fire\nsource: {outlet}\n---\n\nText.\n");
        let read = |path: &str, text: String, batch: &mut Batch| {
            crate::ingest::read_text(path, text, crate::ingest::Format::Markdown, batch)
        };
        read("stories/a.md", story("Borough Courier"), &mut batch);
        read("/desk/wire/b.md", story("Wire"), &mut batch);
        read("../elsewhere/c.md", story("Other"), &mut batch);
        assert_eq!(config.apply_to_batch(&mut batch, Path::new("/desk")), 1);
        let kept: Vec<(&str, Option<&str>)> = batch
            .stories
            .iter()
            .map(|s| (s.source.path.as_str(), s.outlet.as_deref()))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("stories/a.md", Some("The Borough Courier")),
                ("../elsewhere/c.md", Some("Other")),
            ]
        );
    }

    #[test]
    fn the_printed_configuration_reads_back_the_same() {
        let config = parse(
            "severity:\n  contradiction: 'off'\nexclude: ['a: b/**']\nclaimreview:\n  url: https://x.example/r\n",
        )
        .unwrap();
        let printed = config.to_yaml();
        let again = parse(&printed).unwrap();
        assert_eq!(again.severity, config.severity);
        assert_eq!(again.exclude, config.exclude);
        assert_eq!(again.review_url, config.review_url);
        assert_eq!(again.review_author.as_deref(), Some("crosscheck"));
    }
}
