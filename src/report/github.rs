//! GitHub Actions workflow commands: one annotation per finding, which a runner shows on the
//! pull request's changed lines and in the run's summary.
//!
//! ```text
//! ::error file=stories/garbled.txt,line=5,endLine=5,col=42,endColumn=89,title=implausible-entity::Crown Prosecution Service is …
//! ```
//!
//! Errors are `::error`, warnings `::warning`, infos `::notice`. Values are escaped as the
//! runner expects: `%`, carriage return and line feed everywhere, and also `:` and `,` inside
//! properties.

use std::fmt::Write;

use crate::findings::{Kind, Severity};
use crate::outcome::{Located, Outcome};

/// The annotations, one line each.
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    // Credibility signals score a story as a whole; as annotations they would crowd out the
    // errors (a runner shows only the first few of a step), so they stay in the other reports.
    for finding in outcome
        .findings
        .iter()
        .filter(|f| f.kind != Kind::Credibility)
    {
        let _ = writeln!(out, "{}", annotation(finding));
    }
    out
}

fn annotation(finding: &Located) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let place = &finding.place;
    let mut properties = Vec::new();
    // Standard input has no file to annotate; the runner then shows the message on the run.
    if place.path != "<stdin>" {
        properties.push(format!("file={}", property(&place.path)));
        properties.push(format!("line={}", place.line));
        properties.push(format!("endLine={}", place.end_line));
        // The runner honours columns only within one line.
        if place.line == place.end_line {
            properties.push(format!("col={}", place.column));
            properties.push(format!("endColumn={}", place.end_column));
        }
    }
    properties.push(format!("title={}", property(&finding.rule)));
    let mut message = finding.message.clone();
    if !finding.hint.is_empty() {
        message.push_str("\nhint: ");
        message.push_str(&finding.hint);
    }
    for related in &finding.related {
        let _ = write!(
            message,
            "\nsee {}:{}:{}",
            related.path, related.line, related.column
        );
    }
    format!("::{command} {}::{}", properties.join(","), data(&message))
}

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property's value, where `:` and `,` would end it.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackBuilder;

    fn render_texts(files: &[(&str, String)]) -> String {
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
        render(&crate::check_texts(files, &pack))
    }

    #[test]
    fn a_finding_becomes_one_error_annotation() {
        let out = render_texts(&[(
            "news/spy, shock.txt",
            "Spy shock\n\nMPs were targeted by China's controversial Crown Prosecution Service.\n"
                .to_string(),
        )]);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(
            out.starts_with(
                "::error file=news/spy%2C shock.txt,line=3,endLine=3,col=22,endColumn=69,title=implausible-entity::Crown Prosecution Service is the public prosecutor of England and Wales (United Kingdom), not of China%0Ahint: China"
            ),
            "{out}"
        );
    }

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(
            data("100% sure\r\nnext: a, b"),
            "100%25 sure%0D%0Anext: a, b"
        );
        assert_eq!(property("C:\\a,b"), "C%3A\\a%2Cb");
    }

    #[test]
    fn a_clean_batch_has_no_annotation() {
        let out = render_texts(&[(
            "a.txt",
            "Charges\n\nBritain's Crown Prosecution Service charged two men.\n".to_string(),
        )]);
        assert_eq!(out, "");
    }
}
