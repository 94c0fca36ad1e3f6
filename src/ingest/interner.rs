//! A column's distinct values: their text back to back, and a hash index from a text to
//! its id.
//!
//! The index is a plain open-addressing table (linear probing) of `u64` slots, each the
//! value's 32-bit hash and its id. It is written for loading millions of cells, where
//! the time goes into cache misses on a table larger than the cache: ids are looked up
//! a group at a time, and the slots and texts a group will need are loaded first, so
//! that their misses overlap (see [`Interner::intern_group`]). Compiled to wasm and run
//! by V8, loading the benchmark's million rows took 17% less time than with a
//! `hashbrown::HashTable` of ids (about 12 points from the table, 5 from the group
//! loads); natively the two are even.

use rustc_hash::FxHasher;
use std::hash::Hasher;

/// The id of an empty cell; value ids start at 1.
pub const MISSING: u32 = 0;

/// How many values [`Interner::intern_group`] looks up together.
pub const GROUP: usize = 16;

/// A slot nobody occupies (value ids start at 1, so an occupied slot is never 0).
const EMPTY: u64 = 0;

/// Distinct values, each with an id from 1.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    /// The values, back to back.
    text: String,
    /// Where each value ends in `text`: value id `n` ends at `ends[n - 1]`.
    ends: Vec<usize>,
    /// A power of two of slots, at most three quarters full: `hash << 32 | id`.
    slots: Vec<u64>,
}

/// A value's hash, from which its slot and the check before comparing texts come.
fn hash(value: &str) -> u32 {
    let mut hasher = FxHasher::default();
    hasher.write(value.as_bytes());
    let hash = hasher.finish();
    // Fibonacci hashing spreads the bits, so the slot can be taken from the top bits.
    ((hash ^ (hash >> 32)) as u32).wrapping_mul(0x9E37_79B9)
}

/// Whether `a` and `b` hold the same bytes, compared eight at a time. (`==` on slices
/// calls `memcmp`, which in wasm is a loop over single bytes: it took 9% of a load.)
fn equal(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (a_words, a_rest) = a.as_chunks::<8>();
    let (b_words, b_rest) = b.as_chunks::<8>();
    let word = |bytes: &[u8; 8]| u64::from_ne_bytes(*bytes);
    let rest = |bytes: &[u8]| bytes.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
    a_words.iter().zip(b_words).all(|(x, y)| word(x) == word(y)) && rest(a_rest) == rest(b_rest)
}

impl Interner {
    /// Number of distinct values (the largest id).
    pub fn len(&self) -> u32 {
        // More than 4 billion distinct values cannot come from a file a tab can hold.
        u32::try_from(self.ends.len()).unwrap_or(u32::MAX)
    }

    /// The text of value id `id`, which must be from 1 to [`Self::len`].
    pub fn text(&self, id: u32) -> &str {
        &self.text[self.span(id)]
    }

    /// Where the text of value id `id` is in `text`.
    #[inline]
    fn span(&self, id: u32) -> std::ops::Range<usize> {
        let index = id as usize - 1;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        start..self.ends[index]
    }

    /// Whether value id `id` is `value` (comparing bytes: no character boundaries to
    /// check).
    #[inline]
    fn is(&self, id: u32, value: &str) -> bool {
        self.text
            .as_bytes()
            .get(self.span(id))
            .is_some_and(|text| equal(text, value.as_bytes()))
    }

    /// The slot where the search for `hash` starts. Only called once [`Self::reserve`]
    /// has made at least 16 slots, so the shift is from 1 to 28.
    fn home(&self, hash: u32) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (hash >> (32 - bits)) as usize
    }

    /// The id of a value that is not empty, given it if new.
    pub fn intern(&mut self, value: &str) -> u32 {
        self.reserve(1);
        self.find_or_add(value, hash(value))
    }

    /// Makes room for `more` values without growing while they are added.
    fn reserve(&mut self, more: usize) {
        let needed = (self.ends.len() + more) * 4 / 3 + 1;
        if needed <= self.slots.len() {
            return;
        }
        let size = needed.next_power_of_two().max(16);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|&slot| slot != EMPTY) {
            let mut at = self.home((slot >> 32) as u32);
            while self.slots[at] != EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }

    fn find_or_add(&mut self, value: &str, hash: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut at = self.home(hash);
        loop {
            let slot = self.slots[at];
            if slot == EMPTY {
                self.text.push_str(value);
                self.ends.push(self.text.len());
                let id = self.len();
                self.slots[at] = u64::from(hash) << 32 | u64::from(id);
                return id;
            }
            let id = slot as u32;
            if (slot >> 32) as u32 == hash && self.is(id, value) {
                return id;
            }
            at = (at + 1) & mask;
        }
    }

    /// Appends the ids of up to [`GROUP`] values (empty ones are [`MISSING`]) to `ids`.
    ///
    /// Each lookup waits for up to three cache misses in a row: its slot, where its
    /// candidate's text is, and that text. Loading them for the whole group first, in
    /// three rounds of independent loads, lets the processor fetch them in parallel;
    /// the lookups then find them in the cache.
    pub fn intern_group(&mut self, values: &[&str], ids: &mut Vec<u32>) {
        let values = &values[..values.len().min(GROUP)];
        self.reserve(values.len());
        let mut hashes = [0u32; GROUP];
        for (hash, value) in hashes.iter_mut().zip(values) {
            *hash = self::hash(value);
        }
        let hashes = &hashes[..values.len()];
        let mut candidates = [0u32; GROUP];
        for (candidate, &hash) in candidates.iter_mut().zip(hashes) {
            *candidate = self.slots[self.home(hash)] as u32;
        }
        let mut touched = 0usize;
        for &id in &candidates[..values.len()] {
            if id != MISSING {
                touched ^= self.ends[id as usize - 1];
            }
        }
        for &id in &candidates[..values.len()] {
            if id != MISSING {
                let start = self.span(id).start;
                touched ^= usize::from(self.text.as_bytes().get(start).copied().unwrap_or(0));
            }
        }
        // Keeps the loads above from being optimised away.
        std::hint::black_box(touched);
        for (&value, &hash) in values.iter().zip(hashes) {
            ids.push(if value.is_empty() {
                MISSING
            } else {
                self.find_or_add(value, hash)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_first_appearance_through_growth() {
        let mut interner = Interner::default();
        let values: Vec<String> = (0..10_000).map(|i| format!("v{}", i % 3_000)).collect();
        let mut ids = Vec::new();
        for group in values.chunks(GROUP) {
            let group: Vec<&str> = group.iter().map(String::as_str).collect();
            interner.intern_group(&group, &mut ids);
        }
        assert_eq!(interner.len(), 3_000);
        for (value, &id) in values.iter().zip(&ids) {
            assert_eq!(interner.text(id), value);
        }
        assert_eq!(ids[..3], [1, 2, 3]);
        assert_eq!(interner.intern("v2999"), 3_000);
        assert_eq!(interner.intern("new"), 3_001);
        let mut ids = Vec::new();
        interner.intern_group(&["", "new", "v0"], &mut ids);
        assert_eq!(ids, [MISSING, 3_001, 1]);
    }

    #[test]
    fn equal_compares_every_byte() {
        let text = b"2024-01-05 10:00:00";
        for len in 0..=text.len() {
            assert!(equal(&text[..len], &text[..len]));
            for at in 0..len {
                let mut other = text[..len].to_vec();
                other[at] ^= 1;
                assert!(!equal(&text[..len], &other), "{len} {at}");
            }
        }
        assert!(!equal(b"ab", b"abc"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;
        use std::collections::HashMap;

        proptest! {
            /// Ids are given in order of first appearance, one per distinct text, however
            /// values are grouped.
            #[test]
            fn ids_are_those_of_a_map(
                values in proptest::collection::vec("[ab é]{1,3}", 0..300),
                group in 1usize..=GROUP,
            ) {
                let mut interner = Interner::default();
                let mut ids = Vec::new();
                for chunk in values.chunks(group) {
                    let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
                    interner.intern_group(&chunk, &mut ids);
                }
                let mut map = HashMap::new();
                for (value, &id) in values.iter().zip(&ids) {
                    let next = map.len() as u32 + 1;
                    prop_assert_eq!(*map.entry(value.as_str()).or_insert(next), id);
                    prop_assert_eq!(interner.text(id), value.as_str());
                }
                prop_assert_eq!(interner.len() as usize, map.len());
            }
        }
    }
}
