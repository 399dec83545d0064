//! Where each byte of a story's text came from in its file.
//!
//! Readers do not hand the checker the file as it is: HTML loses its tags and decodes `&amp;`,
//! JSON Lines decodes `\n` and `\u00e9`, a headline and a body are joined with a blank line.
//! Findings must still point at the file the user opened, so every reader builds the story's
//! text with a [`TextBuilder`], which records for each piece of text the byte offset it was read
//! from. [`MappedText::raw_offset`] turns an offset in the text back into an offset in the file.

/// One stretch of text that starts at `text` and was read from `raw` in the file.
///
/// When `verbatim` is true the stretch was copied byte for byte, so offsets inside it map
/// linearly; otherwise (a decoded escape, a separator the reader added) every byte in it maps to
/// `raw` itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    text: usize,
    raw: usize,
    verbatim: bool,
}

/// A story's text with the map back to byte offsets in the file it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    anchors: Vec<Anchor>,
}

impl MappedText {
    /// The text the checker reads.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte offset in the file from which text offset `offset` was read.
    ///
    /// An offset inside a decoded escape maps to the escape's first byte; an offset at the very
    /// end maps to just past the last byte read.
    pub fn raw_offset(&self, offset: usize) -> usize {
        let index = self.anchors.partition_point(|a| a.text <= offset);
        if index == 0 {
            return self.anchors.first().map_or(offset, |a| a.raw);
        }
        let anchor = self.anchors[index - 1];
        if anchor.verbatim {
            anchor.raw + (offset - anchor.text)
        } else {
            anchor.raw
        }
    }
}

/// Builds a [`MappedText`] piece by piece, recording where each piece was read from.
#[derive(Debug, Default)]
pub struct TextBuilder {
    out: MappedText,
    /// Byte offset in the file just past the last piece pushed, where separators map to.
    raw_end: usize,
}

impl TextBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.out.text
    }

    /// Appends `piece`, copied byte for byte from the file at `raw_offset`.
    pub fn push_verbatim(&mut self, piece: &str, raw_offset: usize) {
        if piece.is_empty() {
            return;
        }
        let continues =
            self.out.anchors.last().is_some_and(|a| {
                a.verbatim && a.raw + (self.out.text.len() - a.text) == raw_offset
            });
        if !continues {
            self.anchor(raw_offset, true);
        }
        self.out.text.push_str(piece);
        self.raw_end = raw_offset + piece.len();
    }

    /// Appends `decoded`, the meaning of an escape that spans `raw_len` bytes at `raw_offset`
    /// (for example `&amp;` decoded to `&`).
    pub fn push_decoded(&mut self, decoded: &str, raw_offset: usize, raw_len: usize) {
        if decoded.is_empty() {
            return;
        }
        self.anchor(raw_offset, false);
        self.out.text.push_str(decoded);
        self.raw_end = raw_offset + raw_len;
    }

    /// Appends a separator the reader adds itself (a blank line between headline and body, a
    /// space for a `<br>`). It maps to the end of what was read before it.
    pub fn push_separator(&mut self, separator: &str) {
        if separator.is_empty() {
            return;
        }
        self.anchor(self.raw_end, false);
        self.out.text.push_str(separator);
    }

    /// Drops trailing white space from the text built so far (readers call it before adding a
    /// separator, so paragraphs are not followed by stray spaces).
    pub fn trim_end(&mut self) {
        let keep = self.out.text.trim_end().len();
        self.out.text.truncate(keep);
        while self.out.anchors.last().is_some_and(|a| a.text >= keep) {
            self.out.anchors.pop();
        }
    }

    /// The finished text, holding no more room than it needs: a batch keeps every story's
    /// text until its findings are located.
    pub fn finish(mut self) -> MappedText {
        self.out.text.shrink_to_fit();
        self.out.anchors.shrink_to_fit();
        self.out
    }

    fn anchor(&mut self, raw: usize, verbatim: bool) {
        let text = self.out.text.len();
        if let Some(last) = self.out.anchors.last_mut()
            && last.text == text
        {
            *last = Anchor {
                text,
                raw,
                verbatim,
            };
            return;
        }
        self.out.anchors.push(Anchor {
            text,
            raw,
            verbatim,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_pieces_map_linearly() {
        let mut builder = TextBuilder::new();
        builder.push_verbatim("Headline", 4);
        builder.push_separator("\n\n");
        builder.push_verbatim("Body text", 40);
        let mapped = builder.finish();
        assert_eq!(mapped.as_str(), "Headline\n\nBody text");
        assert_eq!(mapped.raw_offset(0), 4);
        assert_eq!(mapped.raw_offset(3), 7);
        assert_eq!(
            mapped.raw_offset(8),
            12,
            "separator maps to the end of the headline"
        );
        assert_eq!(mapped.raw_offset(10), 40);
        assert_eq!(mapped.raw_offset(14), 44);
        assert_eq!(mapped.raw_offset(19), 49, "the end maps past the last byte");
    }

    #[test]
    fn decoded_escapes_map_to_their_first_byte() {
        // Raw: `Tom &amp; Jerry` at offset 0.
        let mut builder = TextBuilder::new();
        builder.push_verbatim("Tom ", 0);
        builder.push_decoded("&", 4, 5);
        builder.push_verbatim(" Jerry", 9);
        let mapped = builder.finish();
        assert_eq!(mapped.as_str(), "Tom & Jerry");
        assert_eq!(mapped.raw_offset(4), 4);
        assert_eq!(mapped.raw_offset(5), 9);
        assert_eq!(mapped.raw_offset(10), 14);
    }

    #[test]
    fn adjacent_verbatim_pieces_share_one_anchor() {
        let mut builder = TextBuilder::new();
        builder.push_verbatim("ab", 10);
        builder.push_verbatim("cd", 12);
        let mapped = builder.finish();
        assert_eq!(mapped.anchors.len(), 1);
        assert_eq!(mapped.raw_offset(3), 13);
    }

    #[test]
    fn trim_end_drops_trailing_space_and_its_anchors() {
        let mut builder = TextBuilder::new();
        builder.push_verbatim("Para one", 0);
        builder.push_decoded(" ", 8, 6);
        builder.trim_end();
        builder.push_separator("\n\n");
        builder.push_verbatim("Two", 30);
        let mapped = builder.finish();
        assert_eq!(mapped.as_str(), "Para one\n\nTwo");
        assert_eq!(mapped.raw_offset(10), 30);
    }
}
