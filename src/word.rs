//! Interned words: each distinct word of a batch is stored once, and a sentence's claims hold
//! [`Word`]s (one pointer) instead of a string of their own per occurrence.
//!
//! A batch of 100,000 stories holds tens of millions of word occurrences but only a few hundred
//! thousand distinct words; giving every occurrence its own allocation made the claims the
//! largest part of a run's memory. A [`Word`] points at the one stored copy of its text (a
//! boxed string that is itself never freed), so it is the size of a single pointer, half that
//! of a `&str`. It compares equal to another only if it is the same word, and orders, hashes
//! and prints as its text does, so sorted lists of words and sets of them behave as lists and
//! sets of strings would. Words are kept for the life of the process.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::{LazyLock, Mutex};

use rustc_hash::{FxBuildHasher, FxHashMap};

/// Locks the interner is split between, so that threads reading stories rarely wait.
const SHARDS: usize = 64;

static INTERNER: LazyLock<Vec<Mutex<FxHashMap<&'static str, Word>>>> =
    LazyLock::new(|| (0..SHARDS).map(|_| Mutex::default()).collect());

/// One interned word.
#[derive(Clone, Copy)]
pub struct Word(&'static Stored);

/// The one copy of a word's text. A [`Word`] holds a reference to this rather than to the text
/// itself because a reference to a sized value is a single pointer, where a `&str` also carries
/// its length.
struct Stored {
    text: Box<str>,
}

impl Word {
    /// The interned copy of `text`, stored on first use.
    pub fn new(text: &str) -> Word {
        let shard = FxBuildHasher.hash_one(text) as usize % SHARDS;
        // A poisoned lock only means another thread panicked while holding it; the map itself
        // is never left half-changed.
        let mut words = INTERNER[shard]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&stored) = words.get(text) {
            return stored;
        }
        let stored: &'static Stored = Box::leak(Box::new(Stored { text: text.into() }));
        let word = Word(stored);
        words.insert(word.as_str(), word);
        word
    }

    /// A number that tells this word apart from every other for the life of the process (the
    /// address of its one stored copy): a cheaper key than its text where the order of the
    /// words does not matter.
    pub fn id(&self) -> usize {
        std::ptr::from_ref(self.0) as usize
    }

    /// The word's text.
    pub fn as_str(&self) -> &'static str {
        let stored: &'static Stored = self.0;
        &stored.text
    }
}

impl Deref for Word {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Word {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Word {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Word {
    fn eq(&self, other: &Word) -> bool {
        // One word, one copy: the same text is at the same address.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Word {}

impl PartialEq<str> for Word {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Word {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Word {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialOrd for Word {
    fn partial_cmp(&self, other: &Word) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Word {
    fn cmp(&self, other: &Word) -> std::cmp::Ordering {
        if self == other {
            std::cmp::Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl Hash for Word {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As the text hashes, so that a set of words can be asked about a `&str`.
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Default for Word {
    fn default() -> Word {
        Word::new("")
    }
}

impl From<&str> for Word {
    fn from(text: &str) -> Word {
        Word::new(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_is_the_same_word_and_words_sort_as_their_text() {
        let a = Word::new("council");
        let b = Word::new(&String::from("council"));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        let mut words = vec![Word::new("vote"), Word::new("approv"), Word::new("cabinet")];
        words.sort();
        let texts: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
        assert_eq!(texts, ["approv", "cabinet", "vote"]);
        assert_ne!(Word::new("vote"), Word::new("votes"));
        assert_eq!(std::mem::size_of::<Word>(), std::mem::size_of::<usize>());
        let set: rustc_hash::FxHashSet<Word> = words.into_iter().collect();
        assert!(set.contains("cabinet"));
    }

    #[test]
    fn words_interned_on_many_threads_agree() {
        let found: Vec<Word> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| Word::new("firefighter")))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(found.windows(2).all(|w| w[0] == w[1]));
    }
}
