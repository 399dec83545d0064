//! A folder of hostile inputs beside one good story: crosscheck reads what it can, names every
//! file it passes over (on standard error and in the JSON `skipped` list), and the good story's
//! finding is still reported with the exit code it earns.
//!
//! The inputs are made at run time in a scratch directory (a 100 MB file is not a thing to
//! commit); the large one is skipped by its size before it is read, so the test stays fast.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crosscheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary was built for the tests")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory under the target directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if dir.exists() {
        // A previous run may have left a file without permissions behind.
        restore_permissions(&dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::fs::create_dir_all(&dir).expect("the target directory is writable");
    dir
}

fn restore_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_symlink() {
                let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
            }
        }
    }
}

const GOOD: &str = "Spy shock\n\nMPs were targeted by China's controversial Crown Prosecution Service, officials said.\n";

/// Writes the hostile folder; returns whether the unreadable file can in fact be read (it can
/// when the tests run as root, for whom permissions do not apply).
fn hostile_folder(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write("good.txt", GOOD.as_bytes());
    let mut binary = b"\x7fELF\x02\x01\x01".to_vec();
    binary.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    write("binary.txt", &binary);
    write(
        "latin1.txt",
        b"Caf\xe9 opens\n\nThe caf\xe9 opened on Monday.\n",
    );
    write("empty.md", b"");
    write("blank.txt", b" \n\t\n");
    write(
        "unterminated.md",
        b"---\ntitle: \"Half a story\ndate: 2025-03-01\n\nBody.\n",
    );
    write(
        "invalid-front-matter.md",
        b"---\ntitle: [unclosed\n---\n\nA body follows the broken metadata.\n",
    );
    write(
        "impossible-date.md",
        b"---\ntitle: Harbour reopens\ndate: 2025-99-99\n---\n\nThe harbour reopened after repairs, the council said.\n",
    );
    write(
        "mixed.jsonl",
        concat!(
            "{\"id\": \"a1\", \"title\": \"Ferry late\", \"body\": \"The ferry was an hour late, the operator said.\"}\n",
            "this line is not JSON\n",
            "{\"id\": \"a3\"}\n",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
            "{\"id\": \"a5\", \"title\": \"Bridge shut\", \"body\": \"The bridge was shut for an inspection.\"}\n",
        )
        .as_bytes(),
    );
    let mut deep = String::from("<html><body>");
    deep.push_str(&"<div>".repeat(100_000));
    deep.push_str("<p>Quiet day at the harbour. Boats came and went as usual.</p>");
    deep.push_str(&"</span>".repeat(1_000));
    write("deep.html", deep.as_bytes());
    let mut shallow = String::from("<html><body>");
    shallow.push_str(&"<div>".repeat(1_000));
    shallow.push_str("<p>Quiet day at the harbour. Boats came and went as usual.</p>");
    write("shallow.html", shallow.as_bytes());
    write(
        "broken.html",
        b"<html><head><title>Market day</title><body><p>Stalls opened <b>early <i>on Saturday.<p>Traders said trade was brisk</div></td></body",
    );
    // One line of 100 MB: skipped by its size, never read into memory.
    let big = std::fs::File::create(dir.join("huge.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    std::os::unix::fs::symlink("loop-b.txt", dir.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", dir.join("loop-b.txt")).unwrap();
    std::fs::create_dir(dir.join("nested")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("nested").join("up")).unwrap();
    write("unreadable.txt", b"Locked\n\nNobody can read this file.\n");
    std::fs::set_permissions(
        dir.join("unreadable.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::read(dir.join("unreadable.txt")).is_ok()
}

#[test]
fn hostile_inputs_are_named_and_the_good_finding_survives() {
    let dir = scratch("hostile");
    let readable_anyway = hostile_folder(&dir);
    let path = |name: &str| dir.join(name).display().to_string();
    let output = crosscheck(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the good story's error still fails the run: {}",
        stderr(&output)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "implausible-entity")
        .expect("the good story's finding is reported");
    assert_eq!(finding["path"], path("good.txt"));
    assert_eq!(
        finding["excerpt"],
        "China's controversial Crown Prosecution Service"
    );

    let mut expected = vec![
        (
            path("binary.txt"),
            "binary file (it contains NUL bytes), not a story".to_string(),
        ),
        (
            path("blank.txt"),
            "empty file: no headline and no text".to_string(),
        ),
        (
            path("deep.html"),
            "no article text found in the page (no <p> or <h1> with text in the first 1024 levels of nesting; deeper elements are not read)".to_string(),
        ),
        (
            path("empty.md"),
            "empty story: no headline and no text".to_string(),
        ),
        (
            path("huge.txt"),
            "104857600 bytes is larger than the limit of 8388608 bytes for one story; raise it with --max-story-bytes".to_string(),
        ),
        (
            path("invalid-front-matter.md"),
            "front matter is not valid YAML at line 3: did not find expected ',' or ']'; fix it, or remove the front matter".to_string(),
        ),
        (
            path("latin1.txt"),
            "not valid UTF-8 (first bad byte at offset 3, line 1); convert it to UTF-8, for example with `iconv -f windows-1252 -t utf-8`".to_string(),
        ),
        (
            path("loop-a.txt"),
            "a symbolic link that leads nowhere readable (Too many levels of symbolic links (os error 40); check its target); point it at a story or remove it".to_string(),
        ),
        (
            path("loop-b.txt"),
            "a symbolic link that leads nowhere readable (Too many levels of symbolic links (os error 40); check its target); point it at a story or remove it".to_string(),
        ),
        (
            format!("{}:2", path("mixed.jsonl")),
            "not a story: expected ident at line 1 column 2; each line must be one JSON object with the keys id, title, date, source, url and body".to_string(),
        ),
        (
            format!("{}:3", path("mixed.jsonl")),
            "the story has no title and no body".to_string(),
        ),
        (
            format!("{}:4", path("mixed.jsonl")),
            "not a story: recursion limit exceeded at line 1 column 128; each line must be one JSON object with the keys id, title, date, source, url and body".to_string(),
        ),
        (
            path("unterminated.md"),
            "front matter opened on line 1 is never closed; end it with a line holding only ---".to_string(),
        ),
    ];
    if !readable_anyway {
        expected.push((
            path("unreadable.txt"),
            "permission denied; check its permissions".to_string(),
        ));
    }
    expected.sort();
    let skipped: Vec<(String, String)> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(skipped, expected);

    let err = stderr(&output);
    for (path, reason) in &expected {
        let line = format!("warning: skipped {path}: {reason}\n");
        assert!(err.contains(&line), "missing {line:?} in\n{err}");
    }
    assert!(
        err.contains(&format!(
            "note: {}: date '2025-99-99' is not a real calendar date; using the dates in the text instead\n",
            path("impossible-date.md")
        )),
        "{err}"
    );

    // Everything else was read as a story, and the symbolic link up the tree was not followed
    // round again.
    let mut documents: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    documents.sort();
    documents.dedup();
    let mut read = vec![
        path("broken.html"),
        path("shallow.html"),
        path("good.txt"),
        path("impossible-date.md"),
        path("mixed.jsonl"),
    ];
    if readable_anyway {
        read.push(path("unreadable.txt"));
    }
    read.sort();
    assert_eq!(documents, read);
}

#[test]
fn strict_makes_any_skipped_input_exit_two() {
    let dir = scratch("strict");
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let clean = "Harbour reopens\n\nThe harbour reopened after repairs, the council said.\n";
    std::fs::write(dir.join("clean.txt"), clean).unwrap();
    let target = dir.to_str().unwrap();
    let without = crosscheck(&["check", target]);
    assert_eq!(without.status.code(), Some(1), "{}", stderr(&without));
    let strict = crosscheck(&["check", "--strict", target]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(
        stderr(&strict).ends_with(
            "error: 1 input was skipped under --strict; the report above covers the rest\n"
        ),
        "{}",
        stderr(&strict)
    );
    assert!(
        String::from_utf8_lossy(&strict.stdout).contains("Crown Prosecution Service"),
        "the report is still printed"
    );
    // Writing a baseline still writes it, and --strict still says a file was skipped.
    let baseline = dir.join("baseline.json");
    let written = crosscheck(&[
        "check",
        "--strict",
        "--write-baseline",
        baseline.to_str().unwrap(),
        target,
    ]);
    assert_eq!(written.status.code(), Some(2), "{}", stderr(&written));
    assert!(baseline.exists());
    std::fs::remove_file(&baseline).unwrap();
    // A skipped input alone does not fail a run whose stories are clean.
    let clean_only = [dir.join("clean.txt"), dir.join("empty.txt")];
    let args = |strict: bool| {
        let mut args = vec!["check".to_string()];
        if strict {
            args.push("--strict".into());
        }
        args.extend(clean_only.iter().map(|p| p.display().to_string()));
        args
    };
    let run = |a: Vec<String>| crosscheck(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run(args(false)).status.code(), Some(0));
    assert_eq!(run(args(true)).status.code(), Some(2));
}

#[test]
fn limits_skip_oversized_stories_and_sentences_and_can_be_raised() {
    let dir = scratch("limits");
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    let mut run_on = String::from("A table dumped on one line\n\n");
    run_on.push_str(&"cell ".repeat(20_000));
    std::fs::write(dir.join("run-on.txt"), &run_on).unwrap();
    let path = |name: &str| dir.join(name).display().to_string();
    let output = crosscheck(&["check", "--max-story-bytes", "1000", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "warning: skipped {}: 100028 bytes is larger than the limit of 1000 bytes for one story; raise it with --max-story-bytes\n",
            path("run-on.txt")
        )
    );
    let output = crosscheck(&["check", dir.to_str().unwrap()]);
    assert_eq!(
        stderr(&output),
        format!(
            "warning: skipped {}: a sentence of 99999 bytes on line 3 is longer than the limit of 65536 bytes (not prose: a table or a page with no full stops?); raise it with --max-sentence-bytes\n",
            path("run-on.txt")
        )
    );
    let output = crosscheck(&[
        "check",
        "--max-sentence-bytes",
        "200000",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(stderr(&output), "");
    assert_eq!(output.status.code(), Some(1));
    // A JSON Lines file is limited line by line: the short line is still checked.
    let lines = format!(
        "{{\"id\": \"long\", \"title\": \"Long\", \"body\": \"{}\"}}\n{{\"id\": \"short\", \"title\": \"Spy shock\", \"body\": \"MPs were targeted by China's controversial Crown Prosecution Service.\"}}\n",
        "word ".repeat(400)
    );
    std::fs::write(dir.join("wire.jsonl"), lines).unwrap();
    let output = crosscheck(&[
        "check",
        "--max-story-bytes",
        "1000",
        "--format",
        "json",
        dir.join("wire.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["skipped"],
        serde_json::json!([{
            "path": format!("{}:1", path("wire.jsonl")),
            "reason": "2043 bytes is larger than the limit of 1000 bytes for one story; raise it with --max-story-bytes",
        }])
    );
}

#[test]
fn standard_input_over_the_limit_is_skipped() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["check", "--max-story-bytes", "100", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The reader stops one byte past the limit; a closed pipe after that is expected.
    let _ = input.write_all(&[b'a'; 10_000]);
    drop(input);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "warning: skipped <stdin>: more than 100 bytes, the limit for one story; raise it with --max-story-bytes\nerror: no stories found in the paths given (1 skipped); crosscheck reads .txt, .md, .markdown, .html, .htm, .jsonl\n"
    );
}

#[test]
fn a_directory_of_many_files_is_read_in_full() {
    let dir = scratch("many");
    for i in 0..2_000 {
        std::fs::write(
            dir.join(format!("note-{i:05}.txt")),
            format!("Note {i}\n\nThe council met on Monday and agreed item {i}.\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("zz-good.txt"), GOOD).unwrap();
    let output = crosscheck(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["documents"].as_array().unwrap().len(), 2_001);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "implausible-entity"),
    );
}

/// Runs `check` with one user pack; returns the exit code and standard error.
fn with_pack(name: &str, pack: &str) -> (Option<i32>, String) {
    let dir = scratch(&format!("pack-{name}"));
    std::fs::write(dir.join("story.txt"), GOOD).unwrap();
    std::fs::write(dir.join("pack.yaml"), pack).unwrap();
    let output = crosscheck(&[
        "check",
        "--rules",
        dir.join("pack.yaml").to_str().unwrap(),
        dir.join("story.txt").to_str().unwrap(),
    ]);
    let err = stderr(&output).replace(&dir.display().to_string(), "DIR");
    (output.status.code(), err)
}

#[test]
fn broken_packs_exit_two_naming_file_line_entry_and_key() {
    let cases: &[(&str, String, &str)] = &[
        (
            "syntax",
            "rules:\n  - id: a\n\tseverity: error\n".into(),
            "error: invalid rule pack: DIR/pack.yaml:3:1: found a tab character that violates indentation\n  hint: fix the YAML at that line; docs/rule-packs.md shows the format\n",
        ),
        (
            "unterminated",
            "rules:\n  - id: a\n    summary: \"unclosed\n".into(),
            "error: invalid rule pack: DIR/pack.yaml:4:1: found unexpected end of stream\n  hint: fix the YAML at that line; docs/rule-packs.md shows the format\n",
        ),
        (
            "type",
            "rules:\n  - id: implausible-entity\n    enabled: \"yes please\"\n".into(),
            "error: invalid rule pack: DIR/pack.yaml:3:14: rule 'implausible-entity': field 'enabled': invalid type: string \"yes please\", expected a boolean\n  hint: fix the YAML at that line; docs/rule-packs.md shows the format\n",
        ),
        (
            "duplicate",
            "entities:\n  - id: xx-a\n    name: Alpha Board\n    kind: regulator\n    country: GB\n  - id: xx-a\n    name: Beta Board\n    kind: regulator\n    country: GB\n".into(),
            "error: invalid rule pack: DIR/pack.yaml:2:5: entity 'xx-a': the id 'xx-a' is defined twice in this pack (first in DIR/pack.yaml)\n  hint: give each entry its own id; to change a built-in entry, define it in your own pack\n",
        ),
        (
            "regex",
            "credibility:\n  signals:\n    - id: my-signal\n      weight: -3\n      cap: 1\n      summary: A bad pattern\n      patterns: [\"(unclosed\"]\n".into(),
            "error: invalid rule pack: DIR/pack.yaml:7:7: signal 'my-signal': field 'patterns': pattern \"(unclosed\" does not compile: error: unclosed group\n  hint: fix the regular expression (Rust regex syntax; no look-around)\n",
        ),
        (
            "unknown-entity",
            "offices:\n  - id: xx-head\n    name: Head of Nothing\n    country: GB\n    institution: no-such-body\n    titles: [Head of Nothing]\n    since: 2000-01-01\n    holders:\n      - name: Ann One\n        terms: [{start: 2000-01-01}]\n        source: https://example.org\n".into(),
            "error: invalid rule pack: DIR/pack.yaml:5:5: office 'xx-head': field 'institution': no entity with id 'no-such-body' is defined\n  hint: use the id of an entry under entities, or leave institution out\n",
        ),
        (
            "enormous",
            {
                let mut pack = String::from("entities:\n");
                for i in 0..5_000 {
                    pack.push_str(&format!(
                        "  - id: big-{i}\n    name: Board Number {i}\n    kind: agency\n    country: XX\n"
                    ));
                }
                pack
            },
            "error: invalid rule pack: DIR/pack.yaml:5:5: entity 'big-0': field 'country': no country with id 'XX' is defined\n  hint: use the id of an entry under countries (e.g. GB), or define the country in your pack\n",
        ),
    ];
    for (name, pack, expected) in cases {
        let (code, err) = with_pack(name, pack);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert_eq!(err, *expected, "{name}");
    }
}
