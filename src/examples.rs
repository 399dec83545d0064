//! Running the examples every rule carries: text it must flag and text it must pass.
//!
//! Each example is checked with only its rule enabled, as one story or, where it holds lines
//! that are exactly `---`, as a batch of stories separated by them (the first line of each is
//! its headline), since some rules compare stories with each other. A `flag` example
//! that yields no finding of the rule is **Missing**; a `pass` example that yields one is
//! **Noisy**. `crosscheck rules test` reports these for any pack, and the test suite runs them
//! for the built-in pack. Credibility signals carry examples too, checked against the signals
//! in the story's score.

use crate::pack::Pack;

/// Why an example failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// A `flag` example was not flagged.
    Missing,
    /// A `pass` example was flagged.
    Noisy,
}

/// One failed example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedExample {
    /// The rule.
    pub rule: String,
    /// How it failed.
    pub failure: Failure,
    /// The example text.
    pub text: String,
    /// The findings it raised (for Noisy), as messages.
    pub findings: Vec<String>,
}

/// How a pack's examples fared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleReport {
    /// Examples run.
    pub run: usize,
    /// Rules that carry no example of one kind or the other.
    pub rules_without_examples: Vec<String>,
    /// Examples that failed.
    pub failures: Vec<FailedExample>,
}

/// Runs every example of every rule in `pack`.
pub fn run(pack: &Pack) -> ExampleReport {
    let mut report = run_rules(pack, |_| true);
    run_signals(pack, &mut report);
    report
}

/// Runs the examples of the rules `chosen` picks, each with the whole pack's knowledge (not
/// the credibility signals').
pub fn run_rules(pack: &Pack, chosen: impl Fn(&crate::pack::Rule) -> bool) -> ExampleReport {
    let mut report = ExampleReport::default();
    for rule in pack.rules.iter().filter(|r| chosen(r)) {
        if rule.examples.flag.is_empty() || rule.examples.pass.is_empty() {
            report.rules_without_examples.push(rule.id.clone());
        }
        let mut alone = pack.clone();
        for other in &mut alone.rules {
            other.enabled = other.id == rule.id;
        }
        let cases = rule
            .examples
            .flag
            .iter()
            .map(|t| (t, Failure::Missing))
            .chain(rule.examples.pass.iter().map(|t| (t, Failure::Noisy)));
        for (text, failure) in cases {
            report.run += 1;
            let outcome = crate::check_texts(&stories(text), &alone);
            let findings: Vec<String> = outcome
                .findings
                .iter()
                .filter(|f| f.rule == rule.id)
                .map(|f| format!("{}: {}", f.place.excerpt, f.message))
                .collect();
            let failed = match failure {
                Failure::Missing => findings.is_empty(),
                Failure::Noisy => !findings.is_empty(),
            };
            if failed {
                report.failures.push(FailedExample {
                    rule: rule.id.clone(),
                    failure,
                    text: text.clone(),
                    findings,
                });
            }
        }
    }
    report
}

/// Runs the examples of the credibility signals: a `flag` example must show the signal in the
/// story's score, a `pass` example must not. A one-line example is the headline of a
/// headline signal and otherwise the body of a story under a plain headline; an example with
/// `---` lines is a batch, and the signal may show in any of its stories. Signals that
/// count other rules' findings may go without examples: those rules carry their own.
fn run_signals(pack: &Pack, report: &mut ExampleReport) {
    use crate::pack::credibility::{Check, Scope};
    for signal in &pack.credibility.signals {
        if !signal.enabled {
            continue;
        }
        let counts_findings = matches!(signal.check, Check::Findings { .. });
        if (signal.examples.flag.is_empty() || signal.examples.pass.is_empty()) && !counts_findings
        {
            report.rules_without_examples.push(signal.id.clone());
        }
        let cases = signal
            .examples
            .flag
            .iter()
            .map(|t| (t, Failure::Missing))
            .chain(signal.examples.pass.iter().map(|t| (t, Failure::Noisy)));
        for (text, failure) in cases {
            report.run += 1;
            let batch = if text.lines().any(|l| l.trim_end() == "---") {
                stories(text)
            } else if text.trim().lines().count() > 1 || signal.scope == Scope::Headline {
                vec![("example-1.txt", text.clone())]
            } else {
                vec![("example-1.txt", format!("Example story\n\n{text}\n"))]
            };
            let outcome = crate::check_texts(&batch, pack);
            let found: Vec<String> = outcome
                .documents
                .iter()
                .filter_map(|d| d.credibility.as_ref())
                .flat_map(|c| &c.signals)
                .filter(|s| s.rule == signal.id)
                .map(|s| format!("{}: signal {} ({:+})", s.place.excerpt, s.rule, s.weight))
                .collect();
            let failed = match failure {
                Failure::Missing => found.is_empty(),
                Failure::Noisy => !found.is_empty(),
            };
            if failed {
                report.failures.push(FailedExample {
                    rule: signal.id.clone(),
                    failure,
                    text: text.clone(),
                    findings: found,
                });
            }
        }
    }
}

/// The stories of an example: split at lines that are exactly `---`.
fn stories(text: &str) -> Vec<(&'static str, String)> {
    const NAMES: [&str; 8] = [
        "example-1.txt",
        "example-2.txt",
        "example-3.txt",
        "example-4.txt",
        "example-5.txt",
        "example-6.txt",
        "example-7.txt",
        "example-8.txt",
    ];
    let mut out = vec![String::new()];
    for line in text.lines() {
        if line.trim_end() == "---" {
            out.push(String::new());
        } else if let Some(story) = out.last_mut() {
            story.push_str(line);
            story.push('\n');
        }
    }
    out.into_iter()
        .filter(|s| !s.trim().is_empty())
        .enumerate()
        .map(|(i, s)| (NAMES[i.min(NAMES.len() - 1)], s))
        .collect()
}
