//! Closeness of a query to the index's keys, for suggestions: containment, then an edit
//! distance only for keys that share enough of the query's characters.

/// A query form, prepared for comparing with many keys.
pub(super) struct Form<'a> {
    pub(super) text: &'a str,
    chars: usize,
    finder: memchr::memmem::Finder<'a>,
    bigrams: Signature,
}

impl<'a> Form<'a> {
    pub(super) fn new(text: &'a str) -> Form<'a> {
        Form {
            text,
            chars: text.chars().count(),
            finder: memchr::memmem::Finder::new(text),
            bigrams: Signature::of(text),
        }
    }

    /// How close `key` (of `chars` characters) is, 0 … 1; 0 for keys not worth an edit
    /// distance.
    pub(super) fn similarity(&self, key: &str, chars: usize) -> f64 {
        let n = self.chars;
        if n >= 2 && chars > n && self.finder.find(key.as_bytes()).is_some() {
            // A part of a longer term: the closer in length, the better.
            return 0.5 + 0.5 * n as f64 / chars as f64;
        }
        if chars.abs_diff(n) > (n / 3).max(2) || !self.shares_a_character(key) {
            return 0.0;
        }
        // A long key with few of the query's character pairs is many edits away: skip the
        // quadratic edit distance (most English and pinyin keys of a large glossary).
        if n >= 6 && self.bigrams.share_of(&Signature::of(key)) < 0.4 {
            return 0.0;
        }
        strsim::normalized_levenshtein(self.text, key)
    }

    /// Whether the key has a character of the form: two strings with none are at least as
    /// many edits apart as the longer is long.
    fn shares_a_character(&self, key: &str) -> bool {
        self.text.chars().any(|c| key.contains(c))
    }
}

/// The character pairs of a string, hashed into 256 bits.
struct Signature([u64; 4]);

impl Signature {
    fn of(text: &str) -> Signature {
        let mut bits = [0u64; 4];
        let mut chars = text.chars();
        let Some(mut prev) = chars.next() else {
            return Signature(bits);
        };
        for c in chars {
            let pair = (u64::from(prev) << 32) | u64::from(c);
            let h = (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
            bits[h >> 6] |= 1 << (h & 63);
            prev = c;
        }
        Signature(bits)
    }

    /// The share of this signature's bits the other has too.
    fn share_of(&self, other: &Signature) -> f64 {
        let own: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        let common: u32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones())
            .sum();
        if own == 0 {
            1.0
        } else {
            f64::from(common) / f64::from(own)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigram_signatures_keep_near_strings_and_drop_far_ones() {
        let q = Signature::of("shanghai cooperation organization");
        assert!(q.share_of(&Signature::of("shanghai coperation organisation")) > 0.8);
        assert!(q.share_of(&Signature::of("the belt and road initiative")) < 0.4);
    }
}
