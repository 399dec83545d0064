//! JSON Lines: one finding per line, then one summary line, so that a consumer can process
//! findings as they arrive and a large batch never has to be held as one document.
//!
//! Each finding line has exactly the shape of a finding in the JSON report (docs/report-format.md);
//! the last line is `{"version": 1, "summary": {...}, "skipped": [...]}`, and is told from the
//! findings by its `summary` key.

use std::io::{self, Write};

use serde::Serialize;

use super::json::{self, JsonSkipped, JsonSummary};
use crate::outcome::Outcome;

#[derive(Serialize)]
struct Last<'a> {
    version: u32,
    summary: JsonSummary,
    skipped: Vec<JsonSkipped<'a>>,
}

/// The findings, one JSON object a line, then the summary line.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for finding in &outcome.findings {
        line(&json::finding(finding), out)?;
    }
    let last = Last {
        version: json::VERSION,
        summary: json::summary(outcome),
        skipped: json::skipped(outcome),
    };
    line(&last, out)
}

fn line(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use crate::pack::PackBuilder;
    use crate::report::{Format, Palette, render};

    #[test]
    fn each_finding_is_a_line_then_the_summary() {
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        // Credibility signals are findings too; these tests count the other rules' findings.
        builder
            .add_text(
                "no-credibility.yaml",
                "rules:\n  - id: credibility\n    enabled: false\n",
            )
            .unwrap();
        let pack = builder.build().unwrap();
        let garbled = "Spy shock\n\nMPs were targeted by China's controversial Crown Prosecution Service.\nThe French FBI opened an inquiry.\n";
        let outcome = crate::check_texts(&[("a.txt", garbled.to_string())], &pack);
        let out = render(&outcome, Format::Jsonl, Palette::plain());
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("every line is JSON"))
            .collect();
        assert_eq!(lines.len(), 3, "{out}");
        let report: serde_json::Value =
            serde_json::from_str(&render(&outcome, Format::Json, Palette::plain())).unwrap();
        assert_eq!(lines[0], report["findings"][0]);
        assert_eq!(lines[1], report["findings"][1]);
        assert_eq!(lines[2]["summary"], report["summary"]);
        assert_eq!(lines[2]["version"], 1);
        assert!(lines[2]["skipped"].is_array());
    }
}
