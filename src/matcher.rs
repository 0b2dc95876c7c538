//! Aho-Corasick automata over term lists, built one way everywhere.
//!
//! Building fails only when an automaton would outgrow its state ids (over two billion states):
//! the lists matched here (candidates, capped by `--max-candidates`; curated terms; the terms of
//! a glossary) are orders of magnitude smaller, so a failure is a bug, not an input to report.

use aho_corasick::{AhoCorasick, MatchKind};

/// An automaton finding every one of `patterns` (overlapping matches need
/// [`MatchKind::Standard`]).
pub(crate) fn matcher<P: AsRef<[u8]>>(
    patterns: impl IntoIterator<Item = P>,
    kind: MatchKind,
) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(kind)
        .build(patterns)
        .expect("a term list far below Aho-Corasick's state limit")
}
