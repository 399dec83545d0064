//! Report formats. Each is one small consumer of the same [`Outcome`], chosen by a `match`.
//!
//! Rendering writes into whatever it is given and never chooses where the report goes: the
//! binary decides that. The JSON formats are written as they are serialised, so a report on a
//! large batch is never held whole in memory. Colour is a
//! [`Palette`] value passed in, so nothing here depends on global state or on the terminal.

mod claimreview;
mod github;
mod json;
mod jsonl;
mod sarif;
mod text;

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use crate::outcome::Outcome;
use crate::pack::Rule;

pub use claimreview::Reviewer;

/// The report formats, each with what it needs beyond the outcome.
#[derive(Debug, Clone, Copy)]
pub enum Format<'a> {
    /// Findings for people, with diffs.
    Text,
    /// The versioned JSON contract (docs/report-format.md).
    Json,
    /// SARIF 2.1.0, describing the loaded packs' rules.
    Sarif(&'a [Rule]),
    /// GitHub Actions workflow commands, one annotation per finding.
    Github,
    /// JSON Lines: one finding per line, then a summary line.
    Jsonl,
    /// schema.org ClaimReview JSON-LD, one review per flagged claim, by this reviewer.
    ClaimReview(&'a Reviewer),
}

/// Writes `outcome` in `format` to `out`.
pub fn write(
    outcome: &Outcome,
    format: Format<'_>,
    palette: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => out.write_all(text::render(outcome, palette).as_bytes()),
        Format::Json => json::write(outcome, out),
        Format::Sarif(rules) => sarif::write(outcome, rules, out),
        Format::Github => out.write_all(github::render(outcome).as_bytes()),
        Format::Jsonl => jsonl::write(outcome, out),
        Format::ClaimReview(reviewer) => claimreview::write(outcome, reviewer, out),
    }
}

/// Writes `value` as pretty-printed JSON, ending with a newline: the JSON, SARIF and
/// ClaimReview reports.
fn write_pretty(value: &impl serde::Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Renders `outcome` in `format` as a string.
pub fn render(outcome: &Outcome, format: Format<'_>, palette: Palette) -> String {
    let mut out = Vec::new();
    write(outcome, format, palette, &mut out).expect("writing into memory does not fail");
    String::from_utf8(out).expect("every format writes UTF-8")
}

/// Whether to colour output, and the styles used when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// A palette that colours when `enabled`.
    pub fn new(enabled: bool) -> Palette {
        Palette { enabled }
    }

    /// No colour at all.
    pub fn plain() -> Palette {
        Palette { enabled: false }
    }

    fn paint(&self, text: &str, style: impl Fn(&str) -> ColoredString) -> String {
        if self.enabled {
            style(text).to_string()
        } else {
            text.to_string()
        }
    }

    fn error(&self, text: &str) -> String {
        self.paint(text, |t| t.red().bold())
    }

    fn warning(&self, text: &str) -> String {
        self.paint(text, |t| t.yellow().bold())
    }

    fn info(&self, text: &str) -> String {
        self.paint(text, |t| t.cyan().bold())
    }

    fn strong(&self, text: &str) -> String {
        self.paint(text, |t| t.bold())
    }

    fn dim(&self, text: &str) -> String {
        self.paint(text, |t| t.dimmed())
    }

    fn removed(&self, text: &str) -> String {
        self.paint(text, |t| t.red())
    }

    fn removed_emphasis(&self, text: &str) -> String {
        self.paint(text, |t| t.red().bold().underline())
    }

    fn added(&self, text: &str) -> String {
        self.paint(text, |t| t.green())
    }

    fn added_emphasis(&self, text: &str) -> String {
        self.paint(text, |t| t.green().bold().underline())
    }
}
