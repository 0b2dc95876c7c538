//! Which extracted forms belong to a curated concept, and the English composed for a form
//! made of two curated parts.
//!
//! An extracted term is a form of a curated concept, and no new candidate, when
//!
//! - it is one of the concept's Chinese terms, or the extraction grouped it with one
//!   (abbreviations, insertions, joiners, definitions: [`crate::extract::variants`]);
//! - the text defines it as the short form of a curated term (上海合作组织（以下简称“上合组织”）,
//!   中国—上海合作组织地方经贸合作示范区（上合示范区）), even when the full name occurs once;
//! - it is a curated name with a run of characters dropped inside, first and last words kept
//!   (上海组织 for 上海合作组织): names are shortened that way, phrases are not, so only terms
//!   the curated file marks as proper nouns are shortened, and never across a linking
//!   character (国际组织 is not short for 国际和地区组织);
//! - it puts another form of the same curated name before a curated term's head: 上合组织大家庭
//!   is 上合大家庭 with 上合组织 for 上合.
//!
//! An extracted term found only inside curated terms is a fragment of their names, neither a
//! form nor a candidate.
//!
//! A candidate made of a curated name and a curated term (上合组织 + 轮值主席国) is still a
//! candidate, but its parts' English composes a suggestion ("SCO rotating presidency"): shown as
//! composed, never as approved.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::Status;
use super::curated::Entry;
use crate::extract::Term;
use crate::extract::count::TermCounts;
use crate::extract::variants;

/// Characters that link two parts of a phrase: a run dropped from a name never holds one.
const LINKING: &[char] = &['和', '与', '及', '的', '之', '、', '或'];

/// Which extracted forms belong to a curated concept.
pub struct Attachment<'a> {
    /// Curated concept id → its own Chinese forms.
    pub forms: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// Concept id → extracted forms found for it that it does not list.
    pub found: BTreeMap<&'a str, BTreeSet<String>>,
    /// Extracted forms that are a curated concept's (listed or found).
    pub attached: BTreeSet<&'a str>,
    /// Extracted terms found only inside curated terms: fragments of a curated name, no
    /// candidates of their own.
    pub fragments: BTreeSet<&'a str>,
}

impl<'a> Attachment<'a> {
    /// `curated_counts`: the corpus counts of the curated Chinese terms.
    pub fn new(
        entries: &'a [Entry<'a>],
        terms: &'a [Term],
        curated_counts: &HashMap<String, TermCounts>,
    ) -> Attachment<'a> {
        let concepts = Concepts::new(entries);
        let mut found: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        let mut attached: BTreeSet<&str> = BTreeSet::new();
        for term in terms {
            let Some(id) = concepts.concept_of_extracted(term) else {
                continue;
            };
            attached.insert(term.term.as_str());
            if !concepts.forms[id].contains(term.term.as_str()) {
                found.entry(id).or_default().insert(term.term.clone());
            }
        }
        let fragments = inside_curated_only(terms, curated_counts)
            .into_iter()
            .filter(|t| !attached.contains(t))
            .collect();
        Attachment {
            forms: concepts.forms,
            found,
            attached,
            fragments,
        }
    }

    /// Whether the extracted term `zh` is a form of a curated concept or a fragment of one.
    pub fn takes(&self, zh: &str) -> bool {
        self.attached.contains(zh) || self.fragments.contains(zh)
    }
}

/// The extracted terms every occurrence of which lies inside an occurrence of a curated term
/// (团结共促世界公正、和睦、发展 inside 团结共促世界公正、和睦、发展倡议): the curated term's
/// occurrences, times the term's places in it, reach the term's own count.
fn inside_curated_only<'t>(
    terms: &'t [Term],
    curated_counts: &HashMap<String, TermCounts>,
) -> BTreeSet<&'t str> {
    if terms.is_empty() {
        return BTreeSet::new();
    }
    let texts: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
    let matcher = crate::matcher::matcher(&texts, aho_corasick::MatchKind::Standard);
    let mut inside = vec![0u64; terms.len()];
    for (form, counts) in curated_counts.iter().filter(|(_, c)| c.total > 0) {
        for m in matcher.find_overlapping_iter(form.as_str()) {
            let j = m.pattern().as_usize();
            if texts[j].len() < form.len() {
                inside[j] += counts.total;
            }
        }
    }
    terms
        .iter()
        .zip(inside)
        .filter(|(t, n)| *n > 0 && *n >= t.total)
        .map(|(t, _)| t.term.as_str())
        .collect()
}

/// The curated concepts, indexed for linking.
struct Concepts<'a> {
    /// Concept id → its Chinese forms.
    forms: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// Chinese form → concept id (the first concept that lists it).
    concept_of: HashMap<&'a str, &'a str>,
    /// Forms of concepts the file marks as proper nouns, which may be shortened.
    names: Vec<(&'a str, &'a str)>,
    /// Concepts the file marks as proper nouns.
    proper: BTreeSet<&'a str>,
    /// The start of a proper noun's short form that does not start its full form (上合, of
    /// 上合组织 and not of 上海合作组织) → its concept.
    short_starts: HashMap<&'a str, &'a str>,
    /// Names by their first two characters, the part a shortened name keeps.
    names_by_start: HashMap<&'a str, Vec<usize>>,
    /// (head, concept of the name before it) → the concept of the curated term made of them:
    /// (大家庭, 上海合作组织's) → 上合大家庭's.
    headed: HashMap<(&'a str, &'a str), &'a str>,
}

impl<'a> Concepts<'a> {
    fn new(entries: &'a [Entry<'a>]) -> Concepts<'a> {
        let mut concept_of: HashMap<&str, &str> = HashMap::new();
        let mut forms: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut proper: BTreeSet<&str> = BTreeSet::new();
        // A rejected term is a form too: it never comes back as a candidate.
        for e in entries {
            concept_of.entry(e.zh.as_str()).or_insert(e.id);
            forms.entry(e.id).or_default().insert(e.zh.as_str());
            if e.pos == "properNoun" && e.status != Status::Rejected {
                proper.insert(e.id);
            }
        }
        let names = forms
            .iter()
            .filter(|(id, _)| proper.contains(*id))
            .flat_map(|(id, fs)| fs.iter().map(move |f| (*f, *id)))
            .collect();
        let mut concepts = Concepts {
            forms,
            concept_of,
            names,
            proper,
            short_starts: HashMap::new(),
            names_by_start: HashMap::new(),
            headed: HashMap::new(),
        };
        concepts.short_starts = concepts.short_starts();
        concepts.names_by_start = concepts.names_by_start();
        concepts.headed = concepts.heads();
        concepts
    }

    /// For each curated term that is a name's form (or the start of one) followed by a head,
    /// the head and the name's concept.
    fn heads(&self) -> HashMap<(&'a str, &'a str), &'a str> {
        let mut headed = HashMap::new();
        for (&id, forms) in &self.forms {
            for &form in forms {
                for (at, _) in form.char_indices().skip(2) {
                    let (name, head) = form.split_at(at);
                    if head.chars().count() < 2 {
                        continue;
                    }
                    if let Some(name_concept) = self.name_or_its_start(name)
                        && name_concept != id
                    {
                        headed.entry((head, name_concept)).or_insert(id);
                    }
                }
            }
        }
        headed
    }

    /// See [`Concepts::short_starts`].
    fn short_starts(&self) -> HashMap<&'a str, &'a str> {
        let mut starts = HashMap::new();
        for (&id, forms) in self
            .forms
            .iter()
            .filter(|(id, _)| self.proper.contains(*id))
        {
            let Some(longest) = forms.iter().max_by_key(|f| f.chars().count()) else {
                continue;
            };
            for form in forms {
                for (at, _) in form.char_indices().skip(2) {
                    let start = &form[..at];
                    if !longest.starts_with(start) {
                        starts.entry(start).or_insert(id);
                    }
                }
            }
        }
        starts
    }

    /// See [`Concepts::names_by_start`].
    fn names_by_start(&self) -> HashMap<&'a str, Vec<usize>> {
        let mut by_start: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (name, _)) in self.names.iter().enumerate() {
            if let Some((at, _)) = name.char_indices().nth(2) {
                by_start.entry(&name[..at]).or_default().push(i);
            }
        }
        by_start
    }

    /// The concept `text` names: one of its forms, or the start of a short form that is not
    /// the start of its full form (上合, from 上合组织 but not from 上海合作组织; 上海 starts the
    /// full form and names a city).
    fn name_or_its_start(&self, text: &str) -> Option<&'a str> {
        if let Some(&id) = self.concept_of.get(text) {
            return self.proper.contains(id).then_some(id);
        }
        self.short_starts.get(text).copied()
    }

    /// The curated concept an extracted term is a form of.
    fn concept_of_extracted(&self, term: &Term) -> Option<&'a str> {
        std::iter::once(&term.term)
            .chain(&term.variants)
            .find_map(|form| self.concept_of.get(form.as_str()).copied())
            .or_else(|| self.defined_short_form(term))
            .or_else(|| self.shortened_name(&term.term))
            .or_else(|| self.with_another_name(&term.term))
    }

    /// The concept of the curated term a context of `term` defines it as the short form of.
    fn defined_short_form(&self, term: &Term) -> Option<&'a str> {
        term.contexts.iter().find_map(|c| {
            let before = variants::defined_after(&c.left, &term.term, &c.right)?;
            variants::longest_suffix_in(before, &self.concept_of)
        })
    }

    /// The concept of the curated name that `term` is with a run of characters dropped inside.
    /// A form that shortens several concepts' names shortens none: 全球倡议 is what 全球发展倡议,
    /// 全球安全倡议 and 全球文明倡议 have in common, not a name of one of them.
    fn shortened_name(&self, term: &str) -> Option<&'a str> {
        let (at, _) = term.char_indices().nth(2)?;
        let concepts: BTreeSet<&str> = self
            .names_by_start
            .get(&term[..at])
            .into_iter()
            .flatten()
            .map(|&i| self.names[i])
            .filter(|(name, _)| drops_a_run_inside(term, name))
            .map(|(_, id)| id)
            .collect();
        match concepts.len() {
            1 => concepts.first().copied(),
            _ => None,
        }
    }

    /// The concept of the curated term that `term` is with another form of its leading name.
    fn with_another_name(&self, term: &str) -> Option<&'a str> {
        term.char_indices().skip(2).find_map(|(at, _)| {
            let (name, head) = term.split_at(at);
            let name_concept = self.concept_of.get(name)?;
            if !self.proper.contains(name_concept) {
                return None;
            }
            self.headed.get(&(head, *name_concept)).copied()
        })
    }
}

/// Whether `short` is `long` with one run of two characters or more dropped inside, its first
/// two and last two characters kept, and no linking character dropped.
fn drops_a_run_inside(short: &str, long: &str) -> bool {
    let s: Vec<char> = short.chars().collect();
    let l: Vec<char> = long.chars().collect();
    if s.len() < 4 || l.len() < s.len() + 2 {
        return false;
    }
    let kept_front = s.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let kept_back = s
        .iter()
        .rev()
        .zip(l.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let dropped = l.len() - s.len();
    // Some split of `short` into a kept front and a kept back of two characters at least.
    (2..=s.len() - 2).any(|front| {
        front <= kept_front
            && s.len() - front <= kept_back
            && !l[front..front + dropped]
                .iter()
                .any(|c| LINKING.contains(c))
    })
}

/// English composed from the curated English of a candidate's two parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composition {
    /// The composed English ("SCO rotating presidency").
    pub en: String,
    /// The curated Chinese parts it was composed from, in order (上合组织, 轮值主席国).
    pub parts: Vec<String>,
}

/// Composes English for candidates made of a curated name and a curated term.
pub(super) struct Composer<'a> {
    /// Chinese form of a curated name → the English it takes when it leads a phrase.
    leading: HashMap<&'a str, &'a str>,
    /// Chinese form → its preferred English.
    preferred: HashMap<&'a str, &'a str>,
}

impl<'a> Composer<'a> {
    pub fn new(entries: &'a [Entry<'a>]) -> Composer<'a> {
        let mut preferred: HashMap<&str, &str> = HashMap::new();
        for e in entries.iter().filter(|e| e.status == Status::Preferred) {
            preferred.entry(e.zh.as_str()).or_insert(e.en);
        }
        // A name leading a phrase goes by its acronym when the concept has one (SCO summit).
        let mut acronym: HashMap<&str, &str> = HashMap::new();
        let mut approved: Vec<&Entry> = entries
            .iter()
            .filter(|e| matches!(e.status, Status::Preferred | Status::Admitted))
            .filter(|e| e.term_type == "acronym" || e.term_type == "abbreviation")
            .collect();
        approved.sort_by_key(|e| e.status != Status::Preferred);
        for e in approved {
            acronym.entry(e.id).or_insert(e.en);
        }
        let leading = entries
            .iter()
            .filter(|e| e.pos == "properNoun" && e.status != Status::Rejected)
            .filter_map(|e| {
                let en = acronym.get(e.id).or_else(|| preferred.get(e.zh.as_str()))?;
                Some((e.zh.as_str(), *en))
            })
            .collect();
        Composer { leading, preferred }
    }

    /// The composition of `zh` when it is a curated name followed by a curated term (the
    /// longest name first).
    pub fn compose(&self, zh: &str) -> Option<Composition> {
        let mut splits: Vec<usize> = zh.char_indices().map(|(at, _)| at).skip(2).collect();
        splits.reverse();
        splits.into_iter().find_map(|at| {
            let (name, head) = zh.split_at(at);
            let lead = self.leading.get(name)?;
            let rest = self.preferred.get(head)?;
            Some(Composition {
                en: format!("{lead} {rest}"),
                parts: vec![name.to_string(), head.to_string()],
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::curated::Curated;
    use std::path::Path;

    fn curated() -> Curated {
        Curated::parse(
            Path::new("curated.csv"),
            "id,zh,en,status,pos,term_type\n\
             c1,上海合作组织,Shanghai Cooperation Organization,preferred,properNoun,fullForm\n\
             c1,上海合作组织,SCO,admitted,properNoun,acronym\n\
             c1,上合组织,SCO,preferred,properNoun,acronym\n\
             c2,轮值主席国,rotating presidency,preferred,noun,\n\
             c3,上合大家庭,SCO family,preferred,noun,\n\
             c4,国际和地区组织,international and regional organizations,preferred,noun,\n\
             c5,上海精神,Shanghai Spirit,preferred,properNoun,\n\
             c6,全球发展倡议,Global Development Initiative,preferred,properNoun,\n\
             c7,全球安全倡议,Global Security Initiative,preferred,properNoun,\n"
                .as_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn a_name_with_a_run_dropped_inside_is_a_short_form() {
        assert!(drops_a_run_inside("上海组织", "上海合作组织"));
        assert!(!drops_a_run_inside("国际组织", "国际和地区组织"));
        assert!(!drops_a_run_inside("上海", "上海合作组织"));
        assert!(!drops_a_run_inside("合作组织", "上海合作组织"));
        let curated = curated();
        let entries = curated.entries();
        let concepts = Concepts::new(&entries);
        assert_eq!(concepts.shortened_name("上海组织"), Some("c1"));
        // Not a proper noun in the file: phrases are not shortened that way.
        assert_eq!(concepts.shortened_name("国际地区组织"), None);
        // What two names have in common names neither.
        assert_eq!(concepts.shortened_name("全球倡议"), None);
    }

    #[test]
    fn another_form_of_the_leading_name_keeps_the_concept() {
        let curated = curated();
        let entries = curated.entries();
        let concepts = Concepts::new(&entries);
        assert_eq!(concepts.with_another_name("上合组织大家庭"), Some("c3"));
        assert_eq!(concepts.with_another_name("上海合作组织大家庭"), Some("c3"));
        // 上海 starts the full name: it names the city, 上海精神 is no form of the SCO's.
        assert_eq!(concepts.with_another_name("上合组织精神"), None);
    }

    #[test]
    fn english_is_composed_from_a_curated_name_and_a_curated_term() {
        let curated = curated();
        let entries = curated.entries();
        let composer = Composer::new(&entries);
        let composed = composer.compose("上合组织轮值主席国").unwrap();
        assert_eq!(composed.en, "SCO rotating presidency");
        assert_eq!(composed.parts, ["上合组织", "轮值主席国"]);
        assert_eq!(
            composer.compose("上海合作组织轮值主席国").unwrap().en,
            "SCO rotating presidency"
        );
        assert_eq!(composer.compose("上合组织框架"), None);
        assert_eq!(composer.compose("轮值主席国"), None);
    }
}
