//! Years as numbers, and the one way every output names a missing one.
//!
//! A document's year is an `Option<i32>`: `None` when neither its text nor the manifest dates
//! it. Counts by year are a `BTreeMap<Option<i32>, u64>` from the stage that counts them to
//! the writer that renders them; only the label below turns `None` into text, and
//! [`counts`] is the serde rule that writes such a map as `{"2014": 1, "unknown": 2}`.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// The label of documents without a year.
pub const UNKNOWN: &str = "unknown";

/// Occurrences by year; `None` counts documents without a year.
pub type ByYear = BTreeMap<Option<i32>, u64>;

/// `2024`, or `unknown` for `None`.
pub fn label(year: Option<i32>) -> Cow<'static, str> {
    match year {
        Some(y) => Cow::Owned(y.to_string()),
        None => Cow::Borrowed(UNKNOWN),
    }
}

/// Reads a [`label`] back: `Some(None)` for `unknown`, `None` for text that is neither.
pub fn parse_label(text: &str) -> Option<Option<i32>> {
    if text == UNKNOWN {
        Some(None)
    } else {
        text.parse().ok().map(Some)
    }
}

/// Values by year in the order every output shows them: years ascending, `unknown` last.
pub fn in_order<V: Copy>(
    by_year: &BTreeMap<Option<i32>, V>,
) -> impl Iterator<Item = (Option<i32>, V)> + '_ {
    // `None` sorts first in the map.
    let dated = by_year.iter().filter(|(y, _)| y.is_some());
    let undated = by_year.iter().filter(|(y, _)| y.is_none());
    dated.chain(undated).map(|(y, n)| (*y, *n))
}

/// `2014:1 2021:3 unknown:2`: counts by year in one cell or column.
pub fn format_counts(by_year: &ByYear) -> String {
    in_order(by_year)
        .map(|(y, n)| format!("{}:{n}", label(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads [`format_counts`] back; `None` for text of another shape.
pub fn parse_counts(text: &str) -> Option<ByYear> {
    parse_cell(text)
}

/// Occurrences per 10,000 Chinese characters of each year's documents.
pub type RateByYear = BTreeMap<Option<i32>, f64>;

/// Characters a rate is counted per.
pub const RATE_PER: f64 = 10_000.0;

/// The rates of `by_year` against the corpus's Chinese characters of each year
/// (`characters`), rounded to two decimals as every output writes them (so a rate read back
/// is the rate written). A year without characters has no rate.
pub fn rates(by_year: &ByYear, characters: &ByYear) -> RateByYear {
    by_year
        .iter()
        .filter_map(|(year, n)| {
            let size = *characters.get(year)?;
            (size > 0).then(|| (*year, round2(*n as f64 * RATE_PER / size as f64)))
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    format!("{x:.2}").parse().unwrap_or(x)
}

/// `2014:1.25 2024:3.40`: rates by year in one cell.
pub fn format_rates(rates: &RateByYear) -> String {
    in_order(rates)
        .map(|(y, r)| format!("{}:{r:.2}", label(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads [`format_rates`] back; `None` for text of another shape.
pub fn parse_rates(text: &str) -> Option<RateByYear> {
    parse_cell(text)
}

/// Reads `YEAR:VALUE …` cells.
fn parse_cell<V: std::str::FromStr>(text: &str) -> Option<BTreeMap<Option<i32>, V>> {
    text.split_whitespace()
        .map(|part| {
            let (year, value) = part.split_once(':')?;
            Some((parse_label(year)?, value.parse().ok()?))
        })
        .collect()
}

/// Serde for [`RateByYear`]: a map from [`label`] to rate, years in order, `unknown` last.
pub mod rates {
    use serde::{Deserializer, Serializer};

    use super::RateByYear;

    /// Writes the map with labels as keys.
    pub fn serialize<S: Serializer>(rates: &RateByYear, serializer: S) -> Result<S::Ok, S::Error> {
        super::labelled::serialize(rates, serializer)
    }

    /// Reads a map written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<RateByYear, D::Error> {
        super::labelled::deserialize(deserializer)
    }
}

/// Maps by year with [`label`]s as keys, for serde.
mod labelled {
    use std::collections::BTreeMap;

    use serde::de::Error as _;
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{in_order, label, parse_label};

    pub fn serialize<S: Serializer, V: Serialize + Copy>(
        by_year: &BTreeMap<Option<i32>, V>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(by_year.len()))?;
        for (year, value) in in_order(by_year) {
            map.serialize_entry(&label(year), &value)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<Option<i32>, V>, D::Error> {
        let labelled = BTreeMap::<String, V>::deserialize(deserializer)?;
        labelled
            .into_iter()
            .map(|(key, value)| {
                parse_label(&key)
                    .map(|year| (year, value))
                    .ok_or_else(|| D::Error::custom(format!("{key:?} is not a year")))
            })
            .collect()
    }
}

/// Serde for [`ByYear`]: a map from [`label`] to count, years in order and `unknown` last.
pub mod counts {
    use serde::{Deserializer, Serializer};

    use super::ByYear;

    /// Writes the map with labels as keys.
    pub fn serialize<S: Serializer>(by_year: &ByYear, serializer: S) -> Result<S::Ok, S::Error> {
        super::labelled::serialize(by_year, serializer)
    }

    /// Reads a map written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ByYear, D::Error> {
        super::labelled::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Counted {
        #[serde(with = "counts")]
        by_year: ByYear,
    }

    #[test]
    fn counts_by_year_are_labelled_with_unknown_last_and_read_back() {
        let counted = Counted {
            by_year: BTreeMap::from([(None, 2), (Some(2014), 1), (Some(2024), 33)]),
        };
        let json = serde_json::to_string(&counted).unwrap();
        assert_eq!(json, r#"{"by_year":{"2014":1,"2024":33,"unknown":2}}"#);
        assert_eq!(serde_json::from_str::<Counted>(&json).unwrap(), counted);
        assert!(serde_json::from_str::<Counted>(r#"{"by_year":{"soon":1}}"#).is_err());
    }

    #[test]
    fn counts_in_one_cell_read_back() {
        let by_year = BTreeMap::from([(None, 2), (Some(2014), 1), (Some(2024), 33)]);
        assert_eq!(format_counts(&by_year), "2014:1 2024:33 unknown:2");
        assert_eq!(parse_counts(&format_counts(&by_year)), Some(by_year));
        assert_eq!(parse_counts(""), Some(ByYear::new()));
        assert_eq!(parse_counts("2014"), None);
    }

    #[test]
    fn rates_are_per_ten_thousand_characters_of_the_year() {
        let by_year = BTreeMap::from([(Some(2014), 1), (Some(2024), 4), (None, 1)]);
        let characters = BTreeMap::from([(Some(2014), 2_000), (Some(2024), 30_000)]);
        let rates = rates(&by_year, &characters);
        assert_eq!(
            rates,
            BTreeMap::from([(Some(2014), 5.0), (Some(2024), 1.33)])
        );
        assert_eq!(format_rates(&rates), "2014:5.00 2024:1.33");
        assert_eq!(parse_rates(&format_rates(&rates)), Some(rates));
    }

    #[test]
    fn labels_read_back() {
        for year in [None, Some(2024), Some(-5)] {
            assert_eq!(parse_label(&label(year)), Some(year));
        }
        assert_eq!(parse_label("twenty"), None);
    }
}
