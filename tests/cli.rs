//! The command line as a user meets it: exit codes, and the exact wording of errors for bad
//! input and bad packs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn crosscheck(args: &[&str]) -> Output {
    run(args, None)
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary was built for the tests");
    let mut input = child.stdin.take().expect("stdin is piped");
    input
        .write_all(stdin.unwrap_or("").as_bytes())
        .expect("the child reads stdin");
    drop(input);
    child.wait_with_output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory under the target directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the target directory is writable");
    dir
}

const GARBLED: &str = "Spy shock\n\nMPs were targeted by China's controversial Crown Prosecution Service, officials said.\n";
const CLEAN: &str =
    "Charges dropped\n\nChina's embassy criticised the Crown Prosecution Service on Monday.\n";

#[test]
fn exit_code_is_one_for_errors_and_zero_when_clean() {
    let dir = scratch("exit-codes");
    std::fs::write(dir.join("garbled.txt"), GARBLED).unwrap();
    std::fs::write(dir.join("clean.txt"), CLEAN).unwrap();
    let garbled = crosscheck(&["check", dir.join("garbled.txt").to_str().unwrap()]);
    assert_eq!(garbled.status.code(), Some(1), "{}", stderr(&garbled));
    let clean = crosscheck(&["check", dir.join("clean.txt").to_str().unwrap()]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    let never = crosscheck(&[
        "check",
        "--fail-on",
        "never",
        dir.join("garbled.txt").to_str().unwrap(),
    ]);
    assert_eq!(never.status.code(), Some(0));
}

#[test]
fn text_report_shows_the_diff_and_summary_without_colour_when_piped() {
    let output = run(&["check", "-"], Some(GARBLED));
    let text = stdout(&output);
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    assert!(text.contains("error[implausible-entity]: Crown Prosecution Service is the public prosecutor of England and Wales (United Kingdom), not of China"), "{text}");
    assert!(text.contains("  --> <stdin>:3:22\n"), "{text}");
    assert!(text.contains("   - MPs were targeted by Britain's controversial Crown Prosecution Service, officials said.\n"), "{text}");
    assert!(text.contains("   + MPs were targeted by China's controversial Crown Prosecution Service, officials said.\n"), "{text}");
    assert!(
        text.contains("1 story read: 1 error, 0 warnings, "),
        "{text}"
    );
}

#[test]
fn colour_can_be_forced_and_is_off_under_no_color() {
    let forced = run(&["check", "--color", "always", "-"], Some(GARBLED));
    assert!(stdout(&forced).contains("\u{1b}["));
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["check", "--color", "auto", "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(GARBLED.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!stdout(&output).contains('\u{1b}'));
}

#[test]
fn json_report_follows_the_contract() {
    let output = run(&["check", "--format", "json", "-"], Some(GARBLED));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "implausible-entity")
        .expect("the misattribution is found");
    for key in [
        "rule", "kind", "severity", "path", "line", "column", "start", "end", "excerpt", "message",
        "hint", "related",
    ] {
        assert!(finding.get(key).is_some(), "finding lacks {key}");
    }
    assert_eq!(finding["kind"], "implausible-entity");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["excerpt"],
        "China's controversial Crown Prosecution Service"
    );
    let start = finding["start"].as_u64().unwrap() as usize;
    let end = finding["end"].as_u64().unwrap() as usize;
    assert_eq!(
        &GARBLED[start..end],
        "China's controversial Crown Prosecution Service"
    );
    let document = &report["documents"][0];
    for key in [
        "path",
        "title",
        "source",
        "date",
        "date_inferred",
        "credibility",
    ] {
        assert!(document.get(key).is_some(), "document lacks {key}");
    }
    assert_eq!(document["date"], serde_json::Value::Null);
    assert_eq!(report["summary"]["errors"], 1);
    let credibility = &document["credibility"];
    assert_eq!(credibility["band"], "weak", "{credibility}");
    assert!(credibility["score"].as_i64().unwrap() < 60);
    let signal = credibility["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["rule"] == "implausible-entity")
        .expect("the misattribution counts against the story");
    for key in ["weight", "start", "end", "line", "column", "excerpt"] {
        assert!(signal.get(key).is_some(), "signal lacks {key}");
    }
    assert_eq!(signal["weight"], -15);
    assert_eq!(
        signal["excerpt"],
        "China's controversial Crown Prosecution Service"
    );
    assert!(report["outlets"].is_array());
}

#[test]
fn credibility_findings_are_info_and_fail_only_when_asked() {
    let story = "You won't believe this\n\nExperts warn the plan is doomed, many believe.\n";
    let output = run(&["check", "-"], Some(story));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("info[credibility]: A claim credited to no one a reader could check (-4 points, signal vague-attribution)"));
    let raised = run(&["check", "--fail-on", "info", "-"], Some(story));
    assert_eq!(raised.status.code(), Some(1));
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let output = crosscheck(&["check", "no/such/dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: no/such/dir: no such file or directory\n"
    );
}

#[test]
fn unreadable_files_in_a_directory_are_skipped_and_the_rest_checked() {
    let dir = scratch("skipped");
    std::fs::write(dir.join("garbled.txt"), GARBLED).unwrap();
    std::fs::write(dir.join("photo.png"), [0x89, b'P', b'N', b'G', 0, 0]).unwrap();
    std::fs::write(dir.join("binary.txt"), [b'a', 0, b'b']).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 story\n\nText.\n").unwrap();
    let output = crosscheck(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the finding still fails the run"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["skipped"], 3);
    assert_eq!(report["summary"]["errors"], 1);
    let err = stderr(&output);
    assert!(
        err.contains("binary.txt: binary file (it contains NUL bytes), not a story"),
        "{err}"
    );
    assert!(
        err.contains(
            "latin1.txt: not valid UTF-8 (first bad byte at offset 3, line 1); convert it to UTF-8"
        ),
        "{err}"
    );
    assert!(err.contains("photo.png: not a story format; crosscheck reads .txt, .md, .markdown, .html, .htm, .jsonl"), "{err}");
}

#[test]
fn paths_holding_no_story_are_an_error() {
    let dir = scratch("no-stories");
    std::fs::write(dir.join("notes.csv"), "a,b\n").unwrap();
    let output = crosscheck(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).ends_with("error: no stories found in the paths given (1 skipped); crosscheck reads .txt, .md, .markdown, .html, .htm, .jsonl\n"), "{}", stderr(&output));
}

#[test]
fn a_misspelt_key_in_a_pack_names_file_line_entry_and_field() {
    let dir = scratch("bad-pack");
    let pack = dir.join("pack.yaml");
    std::fs::write(&pack, "rules:\n  - id: my-rule\n    detector: implausible-entity\n    severty: error\n    summary: x\n").unwrap();
    let output = crosscheck(&["check", "--rules", pack.to_str().unwrap(), "-"]);
    assert_eq!(output.status.code(), Some(2));
    let expected = format!(
        "error: invalid rule pack: {}:4:5: rule 'my-rule': field 'severty': unknown field `severty`, expected one of `id`, `detector`, `severity`, `enabled`, `summary`, `description`, `examples`\n  hint: check the spelling of the key; docs/rule-packs.md lists every key\n",
        pack.display()
    );
    assert_eq!(stderr(&output), expected);
}

#[test]
fn a_pack_referring_to_an_unknown_country_is_refused() {
    let dir = scratch("bad-country");
    let pack = dir.join("pack.yaml");
    std::fs::write(&pack, "entities:\n  - id: xx-police\n    name: Ruritanian Police\n    kind: police\n    country: RU-X\n").unwrap();
    let output = crosscheck(&["check", "--rules", pack.to_str().unwrap(), "-"]);
    assert_eq!(output.status.code(), Some(2));
    let expected = format!(
        "error: invalid rule pack: {}:5:5: entity 'xx-police': field 'country': no country with id 'RU-X' is defined\n  hint: use the id of an entry under countries (e.g. GB), or define the country in your pack\n",
        pack.display()
    );
    assert_eq!(stderr(&output), expected);
}

#[test]
fn a_user_pack_can_disable_a_built_in_rule() {
    let dir = scratch("disable");
    let pack = dir.join("pack.yaml");
    std::fs::write(
        &pack,
        "rules:\n  - id: implausible-entity\n    enabled: false\n",
    )
    .unwrap();
    let output = run(
        &["check", "--rules", pack.to_str().unwrap(), "-"],
        Some(GARBLED),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn without_the_default_pack_nothing_is_known() {
    let output = run(&["check", "--no-default-rules", "-"], Some(GARBLED));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn bad_flags_are_usage_errors() {
    let output = crosscheck(&["check", "--format", "yaml", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let output = crosscheck(&["check"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn rules_test_reports_missing_and_noisy_examples() {
    let dir = scratch("rules-test");
    let pack = dir.join("pack.yaml");
    std::fs::write(
        &pack,
        concat!(
            // A user's rule, tested against the built-in countries and institutions.
            "rules:\n  - id: attribution\n    detector: implausible-entity\n    severity: error\n    summary: test\n",
            "    examples:\n      flag:\n        - \"The Chinese Crown Prosecution Service acted.\"\n        - \"The Crown Prosecution Service acted.\"\n",
            "      pass:\n        - \"Britain's Crown Prosecution Service acted.\"\n        - \"The Chinese Crown Prosecution Service acted again.\"\n",
        ),
    )
    .unwrap();
    let output = crosscheck(&["rules", "test", pack.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("Missing [attribution]: The Crown Prosecution Service acted.\n"),
        "{text}"
    );
    assert!(
        text.contains("Noisy [attribution]: The Chinese Crown Prosecution Service acted again.\n"),
        "{text}"
    );
    assert!(text.ends_with("2 passed, 2 failed\n"), "{text}");
}

#[test]
fn the_built_in_rules_pass_their_examples_and_are_listed() {
    let output = crosscheck(&["rules", "test"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let list = stdout(&crosscheck(&["rules", "list"]));
    assert!(
        list.contains("implausible-entity  implausible-entity  error"),
        "{list}"
    );
    let explain = crosscheck(&["explain", "implausible-entity"]);
    assert!(
        stdout(&explain).contains(
            "flags:  MPs were targeted by China's controversial Crown Prosecution Service."
        )
    );
    let unknown = crosscheck(&["explain", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn as_of_checks_titles_on_the_day_given() {
    let dir = scratch("as-of");
    let story = dir.join("undated.md");
    std::fs::write(
        &story,
        "---\ntitle: Budget\n---\n\nPrime Minister Rishi Sunak set out the budget.\n",
    )
    .unwrap();
    let path = story.to_str().unwrap();
    // Undated: an info note, so a clean exit.
    let undated = crosscheck(&["check", "--color", "never", path]);
    assert_eq!(undated.status.code(), Some(0), "{}", stdout(&undated));
    assert!(
        stdout(&undated).contains("info[role-mismatch]"),
        "{}",
        stdout(&undated)
    );
    let later = crosscheck(&["check", "--color", "never", "--as-of", "2025-10-16", path]);
    assert_eq!(later.status.code(), Some(1), "{}", stdout(&later));
    assert!(
        stdout(&later).contains("error[role-mismatch]: Rishi Sunak was not Prime Minister of the United Kingdom on 2025-10-16"),
        "{}",
        stdout(&later)
    );
    let then = crosscheck(&["check", "--as-of", "2023-05-01", path]);
    assert_eq!(then.status.code(), Some(0), "{}", stdout(&then));
    let bad = crosscheck(&["check", "--as-of", "last Tuesday", path]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        stderr(&bad),
        "error: --as-of: 'last Tuesday' is not a date crosscheck can read; write it as YYYY-MM-DD\n"
    );
}

/// Three stories about one fire, one of which disagrees on the number of firefighters.
fn disagreeing_stories(dir: &Path) {
    std::fs::write(
        dir.join("a.txt"),
        "Warehouse fire\n\nAbout 60 firefighters fought the warehouse fire at Kestrel Dock on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "Dock blaze\n\nSome 120 firefighters fought the warehouse fire at Kestrel Dock on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "Kestrel Dock\n\nAround 60 firefighters fought the warehouse fire at Kestrel Dock on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(dir.join("garbled.txt"), GARBLED).unwrap();
}

#[test]
fn sarif_report_validates_against_the_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-2.1.0.json");
    let Ok(schema) = std::fs::read_to_string(&schema_path) else {
        eprintln!(
            "skipped: {} is absent, so the SARIF output is not validated",
            schema_path.display()
        );
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let dir = scratch("sarif");
    let stories = dir.join("stories");
    std::fs::create_dir_all(&stories).unwrap();
    disagreeing_stories(&stories);
    std::fs::write(stories.join("binary.txt"), [b'a', 0, b'b']).unwrap();
    // A baseline that knows only the misattribution, so that results carry a baseline state.
    let baseline = dir.join("baseline.json");
    let written = crosscheck(&[
        "check",
        "--write-baseline",
        baseline.to_str().unwrap(),
        stories.join("garbled.txt").to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let runs: [&[&str]; 3] = [
        &[stories.to_str().unwrap()],
        &["corpus"],
        &[
            "--baseline",
            baseline.to_str().unwrap(),
            stories.to_str().unwrap(),
        ],
    ];
    for target in runs {
        let mut args = vec!["check", "--format", "sarif"];
        args.extend_from_slice(target);
        let output = crosscheck(&args);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{target:?}: {errors:#?}");
        let mut broken = log.clone();
        broken["runs"][0]["columnKind"] = "characters".into();
        assert!(!validator.is_valid(&broken), "the validator checks enums");
        assert_eq!(log["version"], "2.1.0");
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty());
    }
    let output = crosscheck(&["check", "--format", "sarif", stories.to_str().unwrap()]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(log["runs"][0]["results"][0].get("baselineState").is_none());
    let against = crosscheck(&[
        "check",
        "--format",
        "sarif",
        "--baseline",
        baseline.to_str().unwrap(),
        stories.to_str().unwrap(),
    ]);
    let against: serde_json::Value = serde_json::from_slice(&against.stdout).unwrap();
    let results = against["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["baselineState"] == "new"));
    assert!(
        results
            .iter()
            .filter(|r| r["ruleId"] != "credibility")
            .all(|r| r["ruleId"] == "contradiction"),
        "{against:#}"
    );
    let notifications = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert!(
        notifications[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("binary.txt: binary file"),
        "{notifications}"
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "contradiction"));
    assert!(
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "contradiction"
                && r["relatedLocations"][0]["physicalLocation"].is_object()),
        "{log:#}"
    );
}

#[test]
fn github_format_prints_one_workflow_command_per_finding() {
    let dir = scratch("github");
    let path = dir.join("garbled.txt");
    std::fs::write(&path, GARBLED).unwrap();
    let output = crosscheck(&["check", "--format", "github", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let property_path = path
        .to_str()
        .unwrap()
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        text,
        format!(
            "::error file={property_path},line=3,endLine=3,col=22,endColumn=69,title=implausible-entity::\
             Crown Prosecution Service is the public prosecutor of England and Wales (United Kingdom), not of China\
             %0Ahint: China's public prosecutor is the Supreme People's Procuratorate; check which institution the story means\n"
        )
    );
}

#[test]
fn jsonl_format_prints_findings_then_a_summary_line() {
    let output = run(&["check", "--format", "jsonl", "-"], Some(GARBLED));
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("each line is JSON"))
        .filter(|l| l["rule"] != "credibility")
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0]["rule"], "implausible-entity");
    assert_eq!(lines[0]["line"], 3);
    assert_eq!(lines[1]["summary"]["errors"], 1);
    assert_eq!(lines[1]["version"], 1);
}

#[test]
fn output_writes_the_report_to_a_file_and_names_the_path_on_failure() {
    let dir = scratch("output");
    let report = dir.join("report.json");
    std::fs::write(&report, "old report").unwrap();
    let output = run(
        &[
            "check",
            "--format",
            "json",
            "--output",
            report.to_str().unwrap(),
            "-",
        ],
        Some(GARBLED),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output), "", "nothing on standard output");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).expect("the file is JSON");
    assert_eq!(written["summary"]["errors"], 1);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("report.json")]);

    let missing = dir.join("no-such-dir").join("report.txt");
    let output = run(
        &["check", "--output", missing.to_str().unwrap(), "-"],
        Some(GARBLED),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!(
            "error: cannot write the report to {}: ",
            missing.display()
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn claimreview_format_reviews_each_flagged_claim() {
    let output = run(
        &["check", "--no-config", "--format", "claimreview", "-"],
        Some(GARBLED),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "note: the reviews have no url (the page that will host them), which Google's fact-check markup requires; set claimreview.url in crosscheck.yaml\n"
    );
    let reviews: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let review = &reviews[0];
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(
        review["claimReviewed"],
        "MPs were targeted by China's controversial Crown Prosecution Service, officials said."
    );
    assert_eq!(review["itemReviewed"]["@type"], "Claim");
    assert_eq!(
        review["itemReviewed"]["appearance"]["headline"],
        "Spy shock"
    );
    assert_eq!(
        review["reviewRating"]["alternateName"],
        "Misattributed institution"
    );
    let today = review["datePublished"].as_str().unwrap();
    assert!(
        today.len() == 10 && today.starts_with("20") && today.as_bytes()[4] == b'-',
        "{today}"
    );
}

#[test]
fn a_baseline_hides_known_findings_after_edits_and_reports_stale_entries() {
    let dir = scratch("baseline");
    let batch = dir.join("spy-trial");
    std::fs::create_dir_all(&batch).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/spy-trial");
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), batch.join(entry.file_name())).unwrap();
    }
    let baseline = dir.join("baseline.json");
    let batch_arg = batch.to_str().unwrap();
    // Credibility signals change with every edit; this test follows the other rules' findings.
    let quiet = without_credibility(&dir);
    let quiet = quiet.to_str().unwrap();
    let written = crosscheck(&[
        "check",
        "--rules",
        quiet,
        "--write-baseline",
        baseline.to_str().unwrap(),
        batch_arg,
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(
        stderr(&written).contains(&format!(
            "note: wrote 2 findings to the baseline {}\n",
            baseline.display()
        )),
        "{}",
        stderr(&written)
    );

    // Unchanged stories: nothing new, exit 0.
    let same = crosscheck(&[
        "check",
        "--rules",
        quiet,
        "--baseline",
        baseline.to_str().unwrap(),
        batch_arg,
    ]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));

    // Edit: a paragraph added at the top moves every line, one misattribution is corrected and
    // a new one is written.
    let story = batch.join("trendpulse-spy-shock.txt");
    let text = std::fs::read_to_string(&story).unwrap();
    let (head, body) = text.split_once("\n\n").unwrap();
    let edited = format!(
        "{head}\n\nAn editor's note added above everything else.\n\nThe French FBI opened an inquiry.\n\n{body}"
    )
    .replace("Metropolitan Police Service of Beijing", "Metropolitan Police Service");
    std::fs::write(&story, edited).unwrap();
    let after = crosscheck(&[
        "check",
        "--rules",
        quiet,
        "--format",
        "json",
        "--baseline",
        baseline.to_str().unwrap(),
        batch_arg,
    ]);
    assert_eq!(after.status.code(), Some(1), "{}", stderr(&after));
    let report: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["excerpt"], "French FBI");
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["baseline"]["matched"], 1);
    assert_eq!(
        report["baseline"]["stale"][0]["excerpt"],
        "Metropolitan Police Service of Beijing"
    );
    let notes = stderr(&after);
    let story_id = story.to_str().unwrap();
    assert!(
        notes.contains(&format!(
            "note: 1 finding already in the baseline {} not reported\n\
             note: 1 entry of the baseline {} no longer found; rewrite it with --write-baseline to drop it:\n  \
             implausible-entity in {story_id}: Metropolitan Police Service of Beijing\n",
            baseline.display(),
            baseline.display()
        )),
        "{notes}"
    );
}

#[test]
fn a_broken_baseline_is_an_error_naming_the_file() {
    let dir = scratch("broken-baseline");
    let baseline = dir.join("baseline.json");
    std::fs::write(&baseline, "{\"version\": 1, \"finding\": []}").unwrap();
    let output = run(
        &["check", "--baseline", baseline.to_str().unwrap(), "-"],
        Some(GARBLED),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: invalid baseline {}: unknown field `finding`, expected `version` or `findings` at line 1 column 24; write a new one with --write-baseline\n",
            baseline.display()
        )
    );
    let missing = dir.join("none.json");
    let output = run(
        &["check", "--baseline", missing.to_str().unwrap(), "-"],
        Some(GARBLED),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!(
            "error: cannot read the baseline {}: ",
            missing.display()
        )),
        "{}",
        stderr(&output)
    );
}

/// Runs the binary in `dir`.
fn crosscheck_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

#[test]
fn a_misspelt_key_in_the_config_file_is_named() {
    let dir = scratch("config-typo");
    std::fs::write(dir.join("crosscheck.yaml"), "rules: []\nfail_on: warning\n").unwrap();
    std::fs::write(dir.join("garbled.txt"), GARBLED).unwrap();
    let output = crosscheck_in(&dir, &["check", "garbled.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.starts_with(&format!(
            "error: invalid config {}:2:1: unknown field `fail_on`, expected one of `rules`, `default-rules`, `severity`, `fail-on`, ",
            dir.join("crosscheck.yaml").display()
        )),
        "{err}"
    );
    assert!(
        err.ends_with("; the keys are documented in docs/config.md\n"),
        "{err}"
    );
    // --no-config passes over the broken file.
    let output = crosscheck_in(&dir, &["check", "--no-config", "garbled.txt"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn the_config_file_is_found_from_a_subdirectory_and_applied() {
    let dir = scratch("config-found");
    let stories = dir.join("stories");
    std::fs::create_dir_all(stories.join("drafts")).unwrap();
    std::fs::write(
        dir.join("crosscheck.yaml"),
        "severity:\n  implausible-entity: warning\nfail-on: warning\nexclude: ['stories/drafts/**']\n",
    )
    .unwrap();
    std::fs::write(stories.join("garbled.txt"), GARBLED).unwrap();
    std::fs::write(stories.join("drafts").join("draft.txt"), GARBLED).unwrap();
    let output = crosscheck_in(&stories, &["check", "--format", "json", "."]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], 1, "the draft is excluded");
    let entity = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "implausible-entity")
        .expect("the misattribution is found");
    assert_eq!(entity["severity"], "warning");
    // The command line wins over the file.
    let output = crosscheck_in(&stories, &["check", "--fail-on", "error", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    let drafts = crosscheck_in(&stories, &["check", "drafts"]);
    assert_eq!(drafts.status.code(), Some(2));
    assert_eq!(
        stderr(&drafts),
        format!(
            "error: no stories left to check: the include and exclude globs of {} leave out all 1 found\n",
            dir.join("crosscheck.yaml").display()
        )
    );

    let printed = crosscheck_in(&stories, &["check", "--print-config"]);
    assert_eq!(printed.status.code(), Some(0), "{}", stderr(&printed));
    let text = stdout(&printed);
    assert!(
        text.starts_with(&format!(
            "# from {}\n",
            dir.join("crosscheck.yaml").display()
        )),
        "{text}"
    );
    assert!(
        text.contains("severity:\n  \"implausible-entity\": warning\nfail-on: warning\n"),
        "{text}"
    );
    let listed = crosscheck_in(&stories, &["rules", "list"]);
    let listed = stdout(&listed);
    let line = listed
        .lines()
        .find(|l| l.starts_with("implausible-entity "))
        .unwrap();
    assert!(
        line.contains(" warning "),
        "rules list shows the configured severity: {line}"
    );

    let defaults = crosscheck_in(&stories, &["check", "--no-config", "--print-config"]);
    assert!(
        stdout(&defaults).starts_with("# no configuration file: the defaults\n"),
        "{}",
        stdout(&defaults)
    );
}

#[test]
fn a_config_naming_an_unknown_rule_is_refused() {
    let dir = scratch("config-rule");
    let config = dir.join("team.yaml");
    std::fs::write(&config, "severity:\n  contradictions: off\n").unwrap();
    let output = run(
        &["check", "--config", config.to_str().unwrap(), "-"],
        Some(GARBLED),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: invalid config {}: severity: no rule 'contradictions'; the loaded rules are: credibility, implausible-entity, contradiction, role-mismatch\n",
            config.display()
        )
    );
}

#[test]
fn an_inline_suppression_silences_its_paragraph_and_stale_ones_are_reported() {
    let dir = scratch("suppress");
    let story = dir.join("quote.md");
    let flagged =
        "MPs were targeted by China's controversial Crown Prosecution Service, officials said.";
    std::fs::write(
        &story,
        format!(
            "---\ntitle: Spy shock\nsource: Example Daily\n---\n\n\
             <!-- crosscheck-ignore implausible-entity: the officials' words, reported as said -->\n\
             {flagged}\n"
        ),
    )
    .unwrap();
    let output = crosscheck(&["check", "--no-config", story.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stderr(&output), "");

    // The story is corrected, so the suppression covers nothing any more.
    let fixed = std::fs::read_to_string(&story)
        .unwrap()
        .replace("China's", "Britain's");
    std::fs::write(&story, fixed).unwrap();
    let output = crosscheck(&["check", "--no-config", story.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        format!(
            "warning: {}:6: the suppression of implausible-entity covers no finding; remove it\n",
            story.display()
        )
    );

    // Without a reason the comment silences nothing.
    std::fs::write(
        &story,
        format!("---\ntitle: Spy shock\n---\n\n<!-- crosscheck-ignore implausible-entity -->\n{flagged}\n"),
    )
    .unwrap();
    let output = crosscheck(&["check", "--no-config", story.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!(
            "warning: {}:5: a suppression needs a rule and a reason: <!-- crosscheck-ignore RULE: reason -->\n",
            story.display()
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_suppressions_file_silences_wire_copy_and_reports_unused_entries() {
    let dir = scratch("suppressions-file");
    let wire = dir.join("wire.jsonl");
    std::fs::write(
        &wire,
        "{\"id\": \"ap-1\", \"title\": \"Spy shock\", \"body\": \"MPs were targeted by China's controversial Crown Prosecution Service, officials said.\"}\n",
    )
    .unwrap();
    let list = dir.join("suppressions.yaml");
    std::fs::write(
        &list,
        format!(
            "suppressions:\n  - rule: implausible-entity\n    story: {0}#ap-1\n    reason: the officials' words\n  - rule: implausible-entity\n    story: {0}#ap-2\n    reason: an old story\n",
            wire.display()
        ),
    )
    .unwrap();
    let output = crosscheck(&[
        "check",
        "--no-config",
        "--suppressions",
        list.to_str().unwrap(),
        wire.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "warning: {}: entry 2 (implausible-entity in {}#ap-2) covers no finding; remove it\n",
            list.display(),
            wire.display()
        )
    );
    std::fs::write(
        &list,
        "suppressions:\n  - rule: implausible-entity\n    story: x\n",
    )
    .unwrap();
    let output = crosscheck(&[
        "check",
        "--no-config",
        "--suppressions",
        list.to_str().unwrap(),
        wire.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!(
            "error: invalid suppressions file {}: ",
            list.display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("missing field `reason`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_config_names_the_reviewer_and_the_review_page() {
    let dir = scratch("config-claimreview");
    std::fs::write(
        dir.join("crosscheck.yaml"),
        "claimreview:\n  author: Example Fact Check\n  url: https://factcheck.example/reviews/spy\n",
    )
    .unwrap();
    std::fs::write(dir.join("garbled.txt"), GARBLED).unwrap();
    let output = crosscheck_in(&dir, &["check", "--format", "claimreview", "garbled.txt"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "no note once the url is set");
    let reviews: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(reviews[0]["author"]["name"], "Example Fact Check");
    assert_eq!(reviews[0]["url"], "https://factcheck.example/reviews/spy");
    assert_eq!(
        reviews[0]["itemReviewed"]["appearance"]["url"],
        "garbled.txt"
    );
}

#[test]
fn files_git_ignores_are_passed_over_unless_named() {
    let dir = scratch("gitignore");
    let init = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&dir)
        .status();
    if !init.is_ok_and(|s| s.success()) {
        eprintln!("skipped: git is not available");
        return;
    }
    std::fs::create_dir_all(dir.join("stories/exports")).unwrap();
    std::fs::write(dir.join(".gitignore"), "exports/\n").unwrap();
    std::fs::write(dir.join("stories/clean.txt"), CLEAN).unwrap();
    std::fs::write(dir.join("stories/exports/garbled.txt"), GARBLED).unwrap();
    let walked = crosscheck_in(
        &dir,
        &["check", "--no-config", "--format", "json", "stories"],
    );
    assert_eq!(walked.status.code(), Some(0), "{}", stderr(&walked));
    let report: serde_json::Value = serde_json::from_slice(&walked.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], 1);
    // Named on the command line, an ignored directory or file is checked.
    let named = crosscheck_in(&dir, &["check", "--no-config", "stories/exports"]);
    assert_eq!(named.status.code(), Some(1), "{}", stderr(&named));
    let named = crosscheck_in(
        &dir,
        &["check", "--no-config", "stories/exports/garbled.txt"],
    );
    assert_eq!(named.status.code(), Some(1));
    // A configuration can turn it off.
    std::fs::write(dir.join("crosscheck.yaml"), "gitignore: false\n").unwrap();
    let all = crosscheck_in(&dir, &["check", "stories"]);
    assert_eq!(all.status.code(), Some(1), "{}", stderr(&all));
    // Everything ignored: said so.
    std::fs::remove_file(dir.join("crosscheck.yaml")).unwrap();
    std::fs::remove_file(dir.join("stories/clean.txt")).unwrap();
    let none = crosscheck_in(&dir, &["check", "stories"]);
    assert_eq!(none.status.code(), Some(2));
    assert_eq!(
        stderr(&none),
        "error: no stories left to check: git ignores all 1 found; name the files, or set gitignore: false in crosscheck.yaml\n"
    );
}

#[test]
fn explain_shows_a_credibility_signal_and_its_weight() {
    let output = crosscheck(&["explain", "anonymous-source"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "anonymous-source (credibility signal, -3 points, counted at most 3 times)"
        ),
        "{text}"
    );
    assert!(
        text.contains("flags:  One council officer, who wished to remain anonymous"),
        "{text}"
    );
}

/// A pack that turns the credibility signals off, for tests that follow other rules' findings.
fn without_credibility(dir: &Path) -> PathBuf {
    let path = dir.join("without-credibility.yaml");
    std::fs::write(&path, "rules:\n  - id: credibility\n    enabled: false\n").unwrap();
    path
}

#[test]
fn rules_names_lists_every_name_alias_and_country_word_once() {
    let output = crosscheck(&["rules", "names"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let names: Vec<&str> = text.lines().collect();
    for expected in [
        "Crown Prosecution Service",
        "CPS",
        "United Kingdom",
        "British",
        "Scotland",
        "Keir Starmer",
    ] {
        assert!(names.contains(&expected), "{expected} missing");
    }
    let unique: std::collections::HashSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "a name is listed twice");
    let none = crosscheck(&["rules", "names", "--no-default-rules"]);
    assert_eq!(stdout(&none), "");
}
