//! Reading stories: paths in, [`Story`] values out.
//!
//! This is the impure edge of the pipeline. It walks the paths the user named (directories
//! recursively, in sorted order, `-` for standard input), picks a reader by file extension, and
//! turns each story into a [`Story`] whose text keeps a map back to byte offsets in its file.
//! Whatever cannot be read as a story is not dropped silently: it is returned as a [`Skipped`]
//! entry with a reason the user can act on. Only a path that does not exist at all is an error,
//! because it is almost always a typo on the command line.

mod html;
mod jsonl;
mod markdown;
mod plain;
pub mod source;

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::dates::{self, Date};
use source::MappedText;

/// How much input crosscheck takes on, so that no file can drive unbounded work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest story, in bytes: a file (or a JSON Lines line, or standard input) over it is
    /// skipped before it is read.
    pub max_story_bytes: u64,
    /// Longest sentence, in bytes: a story with a longer one (a page of text with no full stop,
    /// a table dumped on one line) is skipped, since claims are sought within sentences and no
    /// prose sentence comes near it.
    pub max_sentence_bytes: usize,
}

impl Limits {
    /// The default largest story: 8 MiB, a hundred times a long feature.
    pub const DEFAULT_MAX_STORY_BYTES: u64 = 8 * 1024 * 1024;
    /// The default longest sentence: 64 KiB, a hundred times a long sentence.
    pub const DEFAULT_MAX_SENTENCE_BYTES: usize = 64 * 1024;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_story_bytes: Limits::DEFAULT_MAX_STORY_BYTES,
            max_sentence_bytes: Limits::DEFAULT_MAX_SENTENCE_BYTES,
        }
    }
}

/// The file extensions crosscheck reads, for messages.
pub const READABLE_EXTENSIONS: &str = ".txt, .md, .markdown, .html, .htm, .jsonl";

/// What a format reader makes of one story, before dates are resolved.
#[derive(Debug, Default)]
pub struct Draft {
    /// The story's own id (JSON Lines `id`), when the file holds several stories.
    pub id: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// The date as written in the metadata, not yet parsed ("2025-03-14T09:30:00Z").
    pub date: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Headline, a blank line, then the body's paragraphs separated by blank lines.
    pub text: MappedText,
    /// Byte offset in `text` where the body starts (after the headline and its blank line).
    pub body_start: usize,
    /// 1-based line of the file where the story starts (1 for a file holding one story).
    pub line: usize,
}

/// A file as read, kept so that findings can be given a line and a column.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user will recognise it (`<stdin>` for standard input).
    pub path: String,
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A file's content under its display path.
    pub fn new(path: String, text: String) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line and 1-based column (in characters) of byte offset `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line.saturating_sub(1)];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |s| s.chars().count());
        (line, column + 1)
    }
}

/// Where a story's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrigin {
    /// Given in the story's metadata (front matter, meta tags, a JSON Lines field).
    Metadata,
    /// Not given; the latest full date written in the text.
    Inferred,
    /// Neither given nor written in the text.
    Unknown,
}

/// One story, ready for the checks.
#[derive(Debug)]
pub struct Story {
    /// Unique within a batch: the path, or `path#id` for a story inside a JSON Lines file.
    pub id: String,
    /// The headline.
    pub title: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// The day it was published, as far as is known.
    pub date: Option<Date>,
    /// Where [`Story::date`] came from.
    pub date_origin: DateOrigin,
    /// Where it was published.
    pub url: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Headline and body, with the map back to the file.
    pub text: MappedText,
    /// Byte offset in the text where the body starts.
    pub body_start: usize,
    /// 1-based line of the file where the story starts.
    pub line: usize,
    /// Things the user should know about how the story was read (an unreadable date, say).
    pub notes: Vec<String>,
    /// The file it came from.
    pub source: Arc<SourceFile>,
}

impl Story {
    /// Finishes a reader's draft: resolves the date and gives the story its id.
    pub fn from_draft(draft: Draft, source: Arc<SourceFile>) -> Story {
        let mut notes = Vec::new();
        let given = draft
            .date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .and_then(|value| match dates::parse_metadata_date(value) {
                Ok(date) => Some(date),
                Err(reason) => {
                    notes.push(format!(
                        "date {reason}; using the dates in the text instead"
                    ));
                    None
                }
            });
        let (date, date_origin) = match given {
            Some(date) => (Some(date), DateOrigin::Metadata),
            None => match dates::infer_story_date(draft.text.as_str()) {
                Some(date) => (Some(date), DateOrigin::Inferred),
                None => (None, DateOrigin::Unknown),
            },
        };
        let id = match &draft.id {
            Some(id) => format!("{}#{}", source.path, id),
            None if draft.line > 1 => format!("{}:{}", source.path, draft.line),
            None => source.path.clone(),
        };
        Story {
            id,
            title: draft.title,
            outlet: draft.outlet.filter(|o| !o.trim().is_empty()),
            date,
            date_origin,
            url: draft.url,
            author: draft.author,
            text: draft.text,
            body_start: draft.body_start,
            line: draft.line.max(1),
            notes,
            source,
        }
    }

    /// The story's text: headline, blank line, body.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// Where byte offset `offset` of the story's text lies in its file.
    pub fn locate(&self, offset: usize) -> Location {
        let byte = self.text.raw_offset(offset);
        let (line, column) = self.source.line_column(byte);
        Location { byte, line, column }
    }
}

/// A position in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Byte offset into the file as read.
    pub byte: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// An input that was passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file (with `:line` for a line of a JSON Lines file).
    pub path: String,
    /// Why, and what to do about it.
    pub reason: String,
}

/// A problem with the inputs that stops the run (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Batch {
    /// The stories, in the order their files were read.
    pub stories: Vec<Story>,
    /// Inputs passed over.
    pub skipped: Vec<Skipped>,
}

/// The story formats, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text; the first non-empty line is the headline.
    Plain,
    /// Markdown with optional YAML front matter.
    Markdown,
    /// A saved HTML page.
    Html,
    /// JSON Lines, one story per line.
    JsonLines,
}

impl Format {
    /// The format for a path's extension, if crosscheck reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// Guesses the format of text with no file name (standard input) from how it starts.
    pub fn sniff(text: &str) -> Format {
        let start = text.trim_start_matches('\u{feff}').trim_start();
        if text.starts_with("---") {
            Format::Markdown
        } else if start.starts_with('{') {
            Format::JsonLines
        } else if start.starts_with('<') {
            Format::Html
        } else {
            Format::Plain
        }
    }
}

/// Reads the stories in one file's text under the default [`Limits`]. Pure: the caller has read
/// the file.
pub fn read_text(path: &str, text: String, format: Format, batch: &mut Batch) {
    read_text_with(path, text, format, &Limits::default(), batch);
}

/// Reads the stories in one file's text; a story over a limit is skipped. Pure: the caller has
/// read the file.
pub fn read_text_with(
    path: &str,
    text: String,
    format: Format,
    limits: &Limits,
    batch: &mut Batch,
) {
    let source = Arc::new(SourceFile::new(path.to_string(), text));
    let drafts = match format {
        Format::Plain => plain::read(source.text()).map(|d| vec![d]),
        Format::Markdown => markdown::read(source.text()).map(|d| vec![d]),
        Format::Html => html::read(source.text()).map(|d| vec![d]),
        Format::JsonLines => {
            let (drafts, bad_lines) = jsonl::read(source.text(), limits.max_story_bytes);
            let every_line_blank = bad_lines.is_empty();
            batch
                .skipped
                .extend(bad_lines.into_iter().map(|(line, reason)| Skipped {
                    path: format!("{path}:{line}"),
                    reason,
                }));
            if drafts.is_empty() && every_line_blank {
                Err("no stories in the file (every line is blank)".to_string())
            } else {
                Ok(drafts)
            }
        }
    };
    match drafts {
        Ok(drafts) => {
            // Dates, maps and the sentence check for each story, on every core; the stories
            // keep the file's order.
            let stories: Vec<Result<Story, Skipped>> = drafts
                .into_par_iter()
                .map(|draft| {
                    let story = Story::from_draft(draft, Arc::clone(&source));
                    match overlong_sentence(&story, limits.max_sentence_bytes) {
                        None => Ok(story),
                        Some(reason) => Err(Skipped {
                            path: skipped_path(path, &story),
                            reason,
                        }),
                    }
                })
                .collect();
            for story in stories {
                match story {
                    Ok(story) => batch.stories.push(story),
                    Err(skipped) => batch.skipped.push(skipped),
                }
            }
        }
        Err(reason) => batch.skipped.push(Skipped {
            path: path.to_string(),
            reason,
        }),
    }
}

/// How a skipped story is named: the file, with `:line` for a story inside a JSON Lines file.
fn skipped_path(path: &str, story: &Story) -> String {
    if story.line > 1 || story.id.contains('#') {
        format!("{path}:{}", story.line)
    } else {
        path.to_string()
    }
}

/// Why the story is skipped, when one of its sentences is longer than `max` bytes.
fn overlong_sentence(story: &Story, max: usize) -> Option<String> {
    // No sentence is longer than the story: most stories need not be cut to know.
    if story.text().len() <= max {
        return None;
    }
    let segmented = crate::segment::segment(story.text(), story.body_start);
    let longest = segmented
        .sentences
        .iter()
        .max_by_key(|s| s.span.end - s.span.start)?;
    let length = longest.span.end - longest.span.start;
    (length > max).then(|| {
        let line = story.locate(longest.span.start).line;
        format!(
            "a sentence of {length} bytes on line {line} is longer than the limit of {max} \
             bytes (not prose: a table or a page with no full stops?); raise it with \
             --max-sentence-bytes"
        )
    })
}

/// Why a story of `size` bytes is skipped.
fn too_large(size: u64, max: u64) -> String {
    format!(
        "{size} bytes is larger than the limit of {max} bytes for one story; raise it with \
         --max-story-bytes"
    )
}

/// Reads every story under `paths` under the default [`Limits`]: files, directories
/// (recursively, in sorted order, hidden entries passed over) and `-` for `stdin`.
pub fn read_paths(paths: &[PathBuf], stdin: &mut dyn Read) -> Result<Batch, InputError> {
    read_paths_with(paths, stdin, &Limits::default())
}

/// Reads every story under `paths` as [`read_paths`] does, skipping what is over the limits.
pub fn read_paths_with(
    paths: &[PathBuf],
    stdin: &mut dyn Read,
    limits: &Limits,
) -> Result<Batch, InputError> {
    let mut batch = Batch::default();
    let mut visited_dirs = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            // Standard input has no size to look at first: read one byte past the limit.
            let mut limited = stdin.take(limits.max_story_bytes.saturating_add(1));
            if let Err(error) = limited.read_to_end(&mut bytes) {
                return Err(InputError(format!("cannot read standard input: {error}")));
            }
            if bytes.len() as u64 > limits.max_story_bytes {
                batch.skipped.push(Skipped {
                    path: "<stdin>".to_string(),
                    reason: format!(
                        "more than {} bytes, the limit for one story; raise it with \
                         --max-story-bytes",
                        limits.max_story_bytes
                    ),
                });
                continue;
            }
            match decode(bytes) {
                Ok(text) => {
                    let format = Format::sniff(&text);
                    read_text_with("<stdin>", text, format, limits, &mut batch);
                }
                Err(reason) => batch.skipped.push(Skipped {
                    path: "<stdin>".to_string(),
                    reason,
                }),
            }
            continue;
        }
        let metadata = fs::metadata(path).map_err(|error| {
            InputError(format!(
                "{}: {}",
                path.display(),
                describe_io_error(&error, "check the path and try again")
            ))
        })?;
        let mut found = Vec::new();
        if metadata.is_dir() {
            walk_dir(path, &mut visited_dirs, &mut found);
        } else {
            found.push(Found::File(path.clone()));
        }
        read_found(found, limits, &mut batch);
    }
    Ok(batch)
}

/// What a walk finds: a file to read, or an entry passed over and why.
enum Found {
    File(PathBuf),
    Skipped(Skipped),
}

/// Reads the files found, on every core, and adds their stories and the entries passed over
/// to `batch` in the order they were found.
fn read_found(found: Vec<Found>, limits: &Limits, batch: &mut Batch) {
    let read: Vec<Batch> = found
        .into_par_iter()
        .map(|found| {
            let mut read = Batch::default();
            match found {
                Found::File(path) => read_file(&path, limits, &mut read),
                Found::Skipped(skipped) => read.skipped.push(skipped),
            }
            read
        })
        .collect();
    for read in read {
        batch.stories.extend(read.stories);
        batch.skipped.extend(read.skipped);
    }
}

/// Lists the files under `dir`, in sorted order and depth first, and the entries passed over.
fn walk_dir(dir: &Path, visited: &mut HashSet<PathBuf>, found: &mut Vec<Found>) {
    // A symbolic link back up the tree would make the walk endless: each real directory is
    // entered once.
    if let Ok(real) = fs::canonicalize(dir)
        && !visited.insert(real)
    {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            found.push(Found::Skipped(Skipped {
                path: dir.display().to_string(),
                reason: describe_io_error(&error, "check its permissions"),
            }));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            !path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    children.sort();
    for child in children {
        match fs::metadata(&child) {
            Ok(metadata) if metadata.is_dir() => walk_dir(&child, visited, found),
            Ok(_) => found.push(Found::File(child)),
            Err(error) => found.push(Found::Skipped(Skipped {
                path: child.display().to_string(),
                reason: if fs::symlink_metadata(&child).is_ok_and(|m| m.is_symlink()) {
                    format!(
                        "a symbolic link that leads nowhere readable ({}); point it at a story \
                         or remove it",
                        describe_io_error(&error, "check its target")
                    )
                } else {
                    describe_io_error(&error, "it may have been removed during the run")
                },
            })),
        }
    }
}

fn read_file(path: &Path, limits: &Limits, batch: &mut Batch) {
    let display = path.display().to_string();
    let Some(format) = Format::from_path(path) else {
        batch.skipped.push(Skipped {
            path: display,
            reason: format!("not a story format; crosscheck reads {READABLE_EXTENSIONS}"),
        });
        return;
    };
    // JSON Lines files hold many stories: the limit is applied to each line instead.
    if format != Format::JsonLines
        && let Ok(metadata) = fs::metadata(path)
        && metadata.len() > limits.max_story_bytes
    {
        batch.skipped.push(Skipped {
            path: display,
            reason: too_large(metadata.len(), limits.max_story_bytes),
        });
        return;
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            batch.skipped.push(Skipped {
                path: display,
                reason: describe_io_error(&error, "check its permissions"),
            });
            return;
        }
    };
    match decode(bytes) {
        Ok(text) => read_text_with(&display, text, format, limits, batch),
        Err(reason) => batch.skipped.push(Skipped {
            path: display,
            reason,
        }),
    }
}

/// The file's bytes as text, or why they are not a story.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("binary file (it contains NUL bytes), not a story".to_string());
    }
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!(
            "not valid UTF-8 (first bad byte at offset {at}, line {line}); convert it to UTF-8, \
             for example with `iconv -f windows-1252 -t utf-8`"
        )
    })
}

fn describe_io_error(error: &std::io::Error, advice: &str) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => format!("permission denied; {advice}"),
        _ => format!("{error}; {advice}"),
    }
}

/// The offset just past the line that starts at `start` (past its `\n`), and the line without
/// its line ending.
fn line_at(text: &str, start: usize) -> (&str, usize) {
    let rest = &text[start..];
    match rest.find('\n') {
        Some(i) => (rest[..i].trim_end_matches('\r'), start + i + 1),
        None => (rest.trim_end_matches('\r'), text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let file = SourceFile::new("a.txt".into(), "Title\nCafé au lait here\n".into());
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(6), (2, 1));
        let offset = file.text().find("au").unwrap();
        assert_eq!(file.line_column(offset), (2, 6));
    }

    #[test]
    fn story_date_from_metadata_else_text_else_unknown() {
        let source = Arc::new(SourceFile::new("a.txt".into(), String::new()));
        let mut builder = source::TextBuilder::new();
        builder.push_verbatim("Reported on 3 March 2025 and 1 March 2025.", 0);
        let draft = || Draft {
            text: builder_clone(&builder),
            line: 1,
            ..Draft::default()
        };
        let story = Story::from_draft(
            Draft {
                date: Some("2025-03-04".into()),
                ..draft()
            },
            Arc::clone(&source),
        );
        assert_eq!(story.date_origin, DateOrigin::Metadata);
        let story = Story::from_draft(
            Draft {
                date: Some("2025-99-99".into()),
                ..draft()
            },
            Arc::clone(&source),
        );
        assert_eq!(story.date_origin, DateOrigin::Inferred);
        assert_eq!(story.date.unwrap().to_string(), "2025-03-03");
        assert_eq!(
            story.notes,
            vec![
                "date '2025-99-99' is not a real calendar date; using the dates in the text instead"
            ]
        );
        let story = Story::from_draft(
            Draft {
                line: 1,
                ..Draft::default()
            },
            source,
        );
        assert_eq!(story.date_origin, DateOrigin::Unknown);
    }

    fn builder_clone(builder: &source::TextBuilder) -> MappedText {
        let mut copy = source::TextBuilder::new();
        copy.push_verbatim(builder.text(), 0);
        copy.finish()
    }

    #[test]
    fn sniffs_standard_input() {
        assert_eq!(Format::sniff("---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(Format::sniff("{\"id\": 1}\n"), Format::JsonLines);
        assert_eq!(Format::sniff("  <!doctype html>"), Format::Html);
        assert_eq!(Format::sniff("Headline\n\nBody"), Format::Plain);
    }

    #[test]
    fn binary_and_undecodable_files_say_why() {
        assert!(
            decode(vec![b'a', 0, b'b'])
                .unwrap_err()
                .starts_with("binary file")
        );
        let reason = decode(b"line one\nline \xff two".to_vec()).unwrap_err();
        assert!(reason.contains("offset 14, line 2"), "{reason}");
    }
}
