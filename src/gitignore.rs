//! Which of the files found in a directory git ignores, so that checking a repository's story
//! folder passes over what its `.gitignore` files leave out (build output, exported drafts).
//!
//! git itself answers (`git check-ignore`), so every rule of `.gitignore`, `.git/info/exclude`
//! and the user's global excludes applies exactly as git applies it, and tracked files are never
//! ignored. Outside a git work tree, or where git is not installed, nothing is ignored. Like
//! ripgrep, only files found by walking a directory are passed over: a file named on the command
//! line is always read, and so is everything in a directory named on the command line that git
//! itself ignores (asking for it is asking to check it).

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The files among `files` (absolute paths of files found under `dir`) that git ignores, as
/// given.
pub fn ignored(dir: &Path, files: &[&str]) -> HashSet<String> {
    if files.is_empty() || is_ignored(dir, ".") {
        return HashSet::new();
    }
    let Some(out) = check_ignore(dir, files) else {
        return HashSet::new();
    };
    out.split('\0')
        .filter(|path| !path.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether git ignores `path` (relative to `dir`).
fn is_ignored(dir: &Path, path: &str) -> bool {
    check_ignore(dir, &[path]).is_some_and(|out| !out.is_empty())
}

/// Runs `git check-ignore` in `dir` on `paths`; `None` when git cannot answer (not installed,
/// not a work tree, a path outside it).
fn check_ignore(dir: &Path, paths: &[&str]) -> Option<String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["check-ignore", "--stdin", "-z"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut input = Vec::new();
    for path in paths {
        input.extend_from_slice(path.as_bytes());
        input.push(0);
    }
    // Written from a thread so that a long list cannot fill both pipes and stall.
    let mut stdin = child.stdin.take()?;
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    // 0: some are ignored; 1: none are; anything else: git could not answer.
    match output.status.code() {
        Some(0) | Some(1) => String::from_utf8(output.stdout).ok(),
        _ => None,
    }
}
