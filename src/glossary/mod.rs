//! The glossary: the curated file people own, and the merged glossary a build produces.
//!
//! - [`curated`]: `glossary/curated.csv`, the source of truth for translations, read with its
//!   BOM and CRLF if Excel wrote them, validated with line and column in every message, and
//!   written back (only when a command edits it) as UTF-8 without BOM, LF, rows in their
//!   original order, unknown columns kept.
//! - [`merged`]: `glossary/glossary.csv`, every curated entry with its corpus counts, every
//!   extracted candidate not yet curated, variants and near-duplicates.
//! - [`merge`]: how the two come together; [`link`]: which extracted forms belong to a curated
//!   concept, and English composed from curated parts.
//! - [`edit`]: `add`, `set`, `reject` on the curated file; [`import`]: termbases from other
//!   tools merged into it.
//! - [`check`]: aligned translations checked against the curated renderings.

pub mod check;
pub mod curated;
pub mod edit;
pub mod import;
pub mod link;
pub mod merge;
pub mod merged;

use serde::{Deserialize, Serialize};

use crate::corpus::normalize;
use crate::lang::Lang;

/// A Chinese term in the form corpus text takes once normalised, which is the form every
/// comparison uses: `中国-中亚峰会` typed with a hyphen is the text's `中国—中亚峰会`.
pub fn canonical_zh(zh: &str) -> String {
    normalize::line(zh.trim(), Lang::Zh)
}

/// The status of a curated row (TBX administrative status, plus `rejected`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The rendering to use.
    Preferred,
    /// An accepted alternative.
    Admitted,
    /// A rendering to avoid.
    Deprecated,
    /// A rendering replaced by a newer one.
    Superseded,
    /// Not a term: a candidate people have turned down; never proposed again.
    Rejected,
}

impl Status {
    /// All statuses, in their usual order.
    pub const ALL: [Status; 5] = [
        Status::Preferred,
        Status::Admitted,
        Status::Deprecated,
        Status::Superseded,
        Status::Rejected,
    ];

    /// The name written in CSV files.
    pub fn name(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
            Status::Rejected => "rejected",
        }
    }

    /// Parses a status name (case-insensitive); an empty cell means `preferred`.
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Status::Preferred);
        }
        Status::ALL
            .into_iter()
            .find(|st| st.name().eq_ignore_ascii_case(s))
    }

    /// The TBX `administrativeStatus` value, for statuses TBX has.
    pub fn tbx(self) -> Option<&'static str> {
        match self {
            Status::Preferred => Some("preferredTerm-admn-sts"),
            Status::Admitted => Some("admittedTerm-admn-sts"),
            Status::Deprecated => Some("deprecatedTerm-admn-sts"),
            Status::Superseded => Some("supersededTerm-admn-sts"),
            Status::Rejected => None,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Parts of speech TBX-Basic 2008 knows.
pub const PARTS_OF_SPEECH: &[&str] =
    &["noun", "verb", "adjective", "adverb", "properNoun", "other"];

/// TBX term types.
pub const TERM_TYPES: &[&str] = &[
    "fullForm",
    "acronym",
    "abbreviation",
    "shortForm",
    "variant",
    "phrase",
];

/// Whether `id` is a valid `xsd:ID` (it becomes a TBX concept id): a letter or `_` first, then
/// letters, digits, `-`, `_`, `.`.
pub fn is_xml_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_and_map_to_tbx() {
        assert_eq!(Status::parse("Preferred"), Some(Status::Preferred));
        assert_eq!(Status::parse(""), Some(Status::Preferred));
        assert_eq!(Status::parse("approved"), None);
        assert_eq!(Status::Deprecated.tbx(), Some("deprecatedTerm-admn-sts"));
        assert_eq!(Status::Rejected.tbx(), None);
    }

    #[test]
    fn xml_ids() {
        assert!(is_xml_id("c0001"));
        assert!(is_xml_id("x_3f2a"));
        assert!(!is_xml_id("0001"));
        assert!(!is_xml_id("c 1"));
        assert!(!is_xml_id(""));
    }
}
