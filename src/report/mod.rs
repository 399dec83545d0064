//! Report formats. Each is one small consumer of the same [`Outcome`], chosen by a `match`.
//!
//! Rendering returns a string and never prints: the binary decides where it goes. Colour is a
//! [`Palette`] value passed in, so nothing here depends on global state or on the terminal.

mod claimreview;
mod github;
mod json;
mod jsonl;
mod sarif;
mod text;

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

/// Renders `outcome` in `format`.
pub fn render(outcome: &Outcome, format: Format<'_>, palette: Palette) -> String {
    match format {
        Format::Text => text::render(outcome, palette),
        Format::Json => json::render(outcome),
        Format::Sarif(rules) => sarif::render(outcome, rules),
        Format::Github => github::render(outcome),
        Format::Jsonl => jsonl::render(outcome),
        Format::ClaimReview(reviewer) => claimreview::render(outcome, reviewer),
    }
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
