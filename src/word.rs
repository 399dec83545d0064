//! Interned words: each distinct word of a batch is stored once, and a sentence's claims hold
//! [`Word`]s (a pointer and a length) instead of a string of their own per occurrence.
//!
//! A batch of 100,000 stories holds tens of millions of word occurrences but only a few hundred
//! thousand distinct words; giving every occurrence its own allocation made the claims the
//! largest part of a run's memory. A [`Word`] compares equal to another only if it is the same
//! word, and orders, hashes and prints as its text does, so sorted lists of words and sets of
//! them behave as lists and sets of strings would. Words are kept for the life of the process.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::{LazyLock, Mutex};

use rustc_hash::{FxBuildHasher, FxHashSet};

/// Locks the interner is split between, so that threads reading stories rarely wait.
const SHARDS: usize = 64;

static INTERNER: LazyLock<Vec<Mutex<FxHashSet<&'static str>>>> =
    LazyLock::new(|| (0..SHARDS).map(|_| Mutex::default()).collect());

/// One interned word.
#[derive(Clone, Copy)]
pub struct Word(&'static str);

impl Word {
    /// The interned copy of `text`, stored on first use.
    pub fn new(text: &str) -> Word {
        let shard = FxBuildHasher.hash_one(text) as usize % SHARDS;
        // A poisoned lock only means another thread panicked while holding it; the set itself
        // is never left half-changed.
        let mut words = INTERNER[shard]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&stored) = words.get(text) {
            return Word(stored);
        }
        let stored: &'static str = Box::leak(text.into());
        words.insert(stored);
        Word(stored)
    }

    /// The word's text.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Deref for Word {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl Borrow<str> for Word {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Word {
    fn as_ref(&self) -> &str {
        self.0
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
        self.0 == other
    }
}

impl PartialEq<&str> for Word {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Word {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
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
            self.0.cmp(other.0)
        }
    }
}

impl Hash for Word {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As the text hashes, so that a set of words can be asked about a `&str`.
        self.0.hash(state);
    }
}

impl fmt::Debug for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
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
        let set: FxHashSet<Word> = words.into_iter().collect();
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
