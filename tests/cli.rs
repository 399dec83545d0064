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
            "countries:\n  - id: GB\n    name: United Kingdom\n    names: [Britain]\n  - id: CN\n    name: China\n    demonyms: [Chinese]\n",
            "entities:\n  - id: gb-cps\n    name: Crown Prosecution Service\n    kind: prosecutor\n    country: GB\n",
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
