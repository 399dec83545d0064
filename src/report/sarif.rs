//! The SARIF 2.1.0 report, for code-scanning dashboards and editors.
//!
//! One run: the tool's driver lists every rule of the loaded packs (with its summary, its
//! description and how its detector looks, as help), and each finding is a result pointing at
//! its file with lines, columns (counted in Unicode code points, as `columnKind` says) and byte
//! offsets. The other side of a contradiction is given as related locations. Each result has a
//! fingerprint built from the rule, the story and the normalised text found, so that a
//! dashboard keeps recognising a finding when lines are added above it. Skipped inputs become
//! tool notifications.
//!
//! The wire structs below mirror the parts of the SARIF schema that are used; they are kept apart
//! from crosscheck's own types.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::baseline::Key;
use crate::findings::Severity;
use crate::outcome::{Located, Outcome, Place};
use crate::pack::Rule;

/// Where the SARIF 2.1.0 schema is published.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of crosscheck's fingerprint in `partialFingerprints`; the suffix is bumped if the way
/// it is computed ever changes.
const FINGERPRINT: &str = "crosscheck/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Text<'a>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

impl<'a> Text<'a> {
    fn new(text: impl Into<std::borrow::Cow<'a, str>>) -> Text<'a> {
        Text { text: text.into() }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    enabled: bool,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    kind: &'static str,
    story: &'a str,
    hint: &'a str,
}

/// Writes the report as pretty-printed SARIF, ending with a newline. `rules` are the loaded
/// packs' rules, described in the tool's driver; results point into that list.
pub fn write(outcome: &Outcome, rules: &[Rule], out: &mut dyn Write) -> io::Result<()> {
    let mut seen: Vec<(Key, usize)> = Vec::new();
    let results = outcome
        .findings
        .iter()
        .map(|finding| {
            let key = Key::of(finding);
            // The same text can be flagged twice in one story; the ordinal tells them apart
            // without depending on lines.
            let ordinal = match seen.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((key.clone(), 1));
                    1
                }
            };
            let mut result = result(finding, rules, &key, ordinal);
            // Against a baseline, every finding still reported is one it did not know.
            if outcome.baseline.is_some() {
                result.baseline_state = Some("new");
            }
            result
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "crosscheck",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules.iter().map(descriptor).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: outcome
                    .skipped
                    .iter()
                    .map(|s| Notification {
                        level: "warning",
                        message: Text::new(format!("skipped {}: {}", s.path, s.reason)),
                    })
                    .collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    super::write_pretty(&log, out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &Rule) -> Descriptor<'_> {
    let detector = crate::detectors::find(&rule.detector);
    let description = rule.description.trim();
    let mut help = String::new();
    if !description.is_empty() {
        help.push_str(description);
        help.push_str("\n\n");
    }
    if let Some(detector) = detector {
        help.push_str("How it looks: ");
        help.push_str(detector.documentation().trim());
        help.push_str("\n\n");
    }
    for text in &rule.examples.flag {
        help.push_str(&format!("Flags: {}\n", text.trim()));
    }
    for text in &rule.examples.pass {
        help.push_str(&format!("Passes: {}\n", text.trim()));
    }
    help.push_str(&format!("\nMore: crosscheck explain {}", rule.id));
    Descriptor {
        id: &rule.id,
        short_description: Text::new(rule.summary.as_str()),
        full_description: Text::new(if description.is_empty() {
            rule.summary.as_str()
        } else {
            description
        }),
        help: Text::new(help),
        default_configuration: Configuration {
            level: level(rule.severity),
            enabled: rule.enabled,
        },
        properties: RuleProperties {
            tags: detector.map(|d| d.kind().as_str()).into_iter().collect(),
        },
    }
}

fn result<'a>(finding: &'a Located, rules: &[Rule], key: &Key, ordinal: usize) -> SarifResult<'a> {
    SarifResult {
        rule_id: &finding.rule,
        rule_index: rules.iter().position(|r| r.id == finding.rule),
        level: level(finding.severity),
        message: Text::new(finding.message.as_str()),
        locations: [location(&finding.place, None, None)],
        related_locations: finding
            .related
            .iter()
            .enumerate()
            .map(|(i, place)| {
                location(
                    place,
                    Some(i + 1),
                    Some(Text::new(format!(
                        "{}: {}",
                        place.story,
                        one_line(&place.excerpt)
                    ))),
                )
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT,
            format!("{:016x}:{ordinal}", fingerprint(key)),
        )]),
        baseline_state: None,
        properties: ResultProperties {
            kind: finding.kind.as_str(),
            story: &finding.place.story,
            hint: &finding.hint,
        },
    }
}

fn location<'a>(place: &'a Place, id: Option<usize>, message: Option<Text<'a>>) -> Location<'a> {
    let artifact_location = if place.path == "<stdin>" {
        ArtifactLocation {
            uri: None,
            description: Some(Text::new("standard input")),
        }
    } else {
        ArtifactLocation {
            uri: Some(uri(&place.path)),
            description: None,
        }
    };
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location,
            region: Region {
                start_line: place.line,
                start_column: place.column,
                end_line: place.end_line,
                end_column: place.end_column,
                byte_offset: place.start,
                byte_length: place.end - place.start,
            },
        },
        message,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A path as a URI reference: relative paths stay relative (to the directory the check ran in,
/// which is what code-scanning services expect), absolute ones become `file://` URIs. Path
/// separators become `/` and everything outside the unreserved characters is percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// FNV-1a over the key's parts, separated by a byte that cannot occur in them: a hash that is
/// the same on every platform and in every version of Rust.
fn fingerprint(key: &Key) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [&key.rule, &key.story, &key.excerpt] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::PackBuilder;

    fn pack() -> crate::pack::Pack {
        let mut builder = PackBuilder::new();
        builder.add_default().unwrap();
        // Credibility signals are findings too; these tests count the other rules' findings.
        builder
            .add_text(
                "no-credibility.yaml",
                "rules:\n  - id: credibility\n    enabled: false\n",
            )
            .unwrap();
        builder.build().unwrap()
    }

    fn sarif(files: &[(&str, String)]) -> serde_json::Value {
        let pack = pack();
        let outcome = crate::check_texts(files, &pack);
        serde_json::from_str(&crate::report::render(
            &outcome,
            crate::report::Format::Sarif(&pack.rules),
            crate::report::Palette::plain(),
        ))
        .unwrap()
    }

    const GARBLED: &str = "Spy shock\n\nMPs were targeted by China's controversial Crown Prosecution Service, officials said.\n";

    #[test]
    fn a_result_points_at_the_text_with_rule_metadata() {
        let log = sarif(&[("stories/spy shock.txt", GARBLED.to_string())]);
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "implausible-entity");
        assert_eq!(result["level"], "error");
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        let rule = &run["tool"]["driver"]["rules"][index];
        assert_eq!(rule["id"], "implausible-entity");
        assert_eq!(rule["defaultConfiguration"]["level"], "error");
        assert!(
            rule["help"]["text"]
                .as_str()
                .unwrap()
                .contains("Flags: MPs were targeted")
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "stories/spy%20shock.txt"
        );
        let region = &location["region"];
        assert_eq!(region["startLine"], 3);
        assert_eq!(region["startColumn"], 22);
        assert_eq!(region["endLine"], 3);
        let excerpt = "China's controversial Crown Prosecution Service";
        assert_eq!(region["endColumn"], 22 + excerpt.chars().count() as u64);
        let offset = region["byteOffset"].as_u64().unwrap() as usize;
        assert_eq!(&GARBLED[offset..offset + excerpt.len()], excerpt);
        assert_eq!(region["byteLength"], excerpt.len());
    }

    #[test]
    fn fingerprints_survive_lines_added_above() {
        let shifted = GARBLED.replace("\n\nMPs", "\n\nA new first paragraph.\n\nMPs");
        let a = sarif(&[("a.txt", GARBLED.to_string())]);
        let b = sarif(&[("a.txt", shifted)]);
        let print = |log: &serde_json::Value| {
            log["runs"][0]["results"][0]["partialFingerprints"]["crosscheck/v1"].clone()
        };
        let line = |log: &serde_json::Value| {
            log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
                .clone()
        };
        assert_ne!(line(&a), line(&b));
        assert_eq!(print(&a), print(&b));
        let other_story = sarif(&[("b.txt", GARBLED.to_string())]);
        assert_ne!(print(&a), print(&other_story));
    }

    #[test]
    fn contradictions_carry_related_locations() {
        let a = "Warehouse fire\n\nAbout 60 firefighters fought the warehouse fire at Kestrel Dock on Tuesday.\n";
        let b = "Dock blaze\n\nSome 120 firefighters fought the warehouse fire at Kestrel Dock on Tuesday.\n";
        let c = "Kestrel Dock\n\nAround 60 firefighters fought the warehouse fire at Kestrel Dock on Tuesday.\n";
        let log = sarif(&[
            ("a.txt", a.to_string()),
            ("b.txt", b.to_string()),
            ("c.txt", c.to_string()),
        ]);
        let results = log["runs"][0]["results"].as_array().unwrap();
        let with_related: Vec<_> = results
            .iter()
            .filter(|r| r["relatedLocations"].is_array())
            .collect();
        assert!(!with_related.is_empty(), "{log:#}");
        let related = &with_related[0]["relatedLocations"][0];
        assert_eq!(related["id"], 1);
        assert!(related["physicalLocation"]["artifactLocation"]["uri"].is_string());
    }

    #[test]
    fn uris_are_relative_or_file_uris() {
        assert_eq!(uri("corpus/a b/ü.md"), "corpus/a%20b/%C3%BC.md");
        assert_eq!(uri("/srv/news/x.txt"), "file:///srv/news/x.txt");
        assert_eq!(uri("dir\\x.txt"), "dir/x.txt");
    }
}
