//! `glossary lookup`: one term's card, from the built glossary.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use glossary::extract::count::Context;
use glossary::folder::GlossaryFolder;
use glossary::lookup::{Answer, Card, Found, Suggestion};

use crate::cli::{LookupArgs, TextOrJson};

/// Width of the longest bar of the by-year chart.
const BAR: usize = 24;

/// Runs `glossary lookup`.
pub fn run(args: LookupArgs) -> anyhow::Result<ExitCode> {
    let query = args.term.join(" ");
    let index = GlossaryFolder::new(&args.glossary).lookup_index()?;
    let answer = index.lookup(&query)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let highlight = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let code = match answer {
        Answer::Found(mut found) => {
            for card in &mut found.cards {
                card.contexts.truncate(args.contexts);
            }
            match args.format {
                TextOrJson::Json => print_json(&mut out, &found)?,
                TextOrJson::Text => print_cards(&mut out, &found, highlight)?,
            }
            ExitCode::SUCCESS
        }
        Answer::NotFound(suggestions) => {
            match args.format {
                TextOrJson::Json => {
                    let value = serde_json::json!({
                        "found": false,
                        "query": query,
                        "suggestions": suggestions,
                    });
                    serde_json::to_writer_pretty(&mut out, &value)?;
                    writeln!(out)?;
                }
                TextOrJson::Text => print_not_found(&mut out, &query, &suggestions)?,
            }
            ExitCode::from(1)
        }
    };
    out.flush()?;
    Ok(code)
}

fn print_json(out: &mut impl Write, found: &Found) -> anyhow::Result<()> {
    let mut value = serde_json::to_value(&found.cards[0])?;
    let object = value.as_object_mut().expect("a card is an object");
    object.insert("found".into(), true.into());
    object.insert("matched_by".into(), serde_json::to_value(found.matched_by)?);
    let others: Vec<&str> = found.cards[1..].iter().map(|c| c.zh.as_str()).collect();
    object.insert("others".into(), serde_json::to_value(others)?);
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)?;
    Ok(())
}

fn print_cards(out: &mut impl Write, found: &Found, highlight: bool) -> std::io::Result<()> {
    for (i, card) in found.cards.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        print_card(out, card, highlight)?;
    }
    Ok(())
}

fn print_card(out: &mut impl Write, card: &Card, highlight: bool) -> std::io::Result<()> {
    let en = card.en.as_deref().unwrap_or("(no English yet)");
    writeln!(out, "{}  {}", card.zh, en)?;
    let kind = card
        .term_type
        .as_deref()
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    writeln!(
        out,
        "  status      {}{kind} (concept {})",
        card.status, card.id
    )?;
    if !card.alternates.is_empty() {
        let alts: Vec<String> = card
            .alternates
            .iter()
            .map(|a| format!("{} ({})", a.en, a.status))
            .collect();
        writeln!(out, "  also        {}", alts.join("; "))?;
    }
    if let Some(p) = card.usage.as_ref().and_then(|u| u.proposal()) {
        writeln!(
            out,
            "  proposed    {} (from aligned translations; not reviewed)",
            p.en
        )?;
    }
    if let Some(c) = &card.composed {
        writeln!(
            out,
            "  composed    {} (from the curated {}; not approved)",
            c.en,
            c.parts.join(" + ")
        )?;
    }
    list(out, "variants", &card.variants)?;
    list(out, "similar to", &card.similar_to)?;
    for (label, value) in [
        ("pos", &card.pos),
        ("subject", &card.subject),
        ("definition", &card.definition),
        ("note", &card.note),
        ("source", &card.source),
    ] {
        if !value.is_empty() {
            writeln!(out, "  {label:<11} {value}")?;
        }
    }
    if card.total == 0 {
        writeln!(out, "  corpus      not found in the corpus")?;
    } else {
        let span = match (card.first_year, card.last_year) {
            (Some(a), Some(b)) if a == b => format!(", in {a}"),
            (Some(a), Some(b)) => format!(", {a}–{b}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "  corpus      {} occurrences in {} document(s){span}",
            card.total, card.docs
        )?;
        // Bars compare rates where every year has one: three documents in one year against
        // one in another should not look like a threefold rise.
        let by_rate = card
            .by_year
            .keys()
            .all(|y| card.rate_by_year.contains_key(y));
        let height = |year: &Option<i32>, n: u64| match card.rate_by_year.get(year) {
            Some(&rate) if by_rate => rate,
            _ => n as f64,
        };
        let most = card
            .by_year
            .iter()
            .map(|(y, &n)| height(y, n))
            .fold(0.0, f64::max);
        for (year, n) in glossary::year::in_order(&card.by_year) {
            let rate = card
                .rate_by_year
                .get(&year)
                .map(|r| format!("  ({r:.2} per 10,000 characters)"))
                .unwrap_or_default();
            let width = if most > 0.0 {
                (height(&year, n) / most * BAR as f64).ceil() as usize
            } else {
                1
            };
            let year = glossary::year::label(year);
            writeln!(
                out,
                "    {year:>7} {:<BAR$} {n}{rate}",
                "█".repeat(width.max(1))
            )?;
        }
    }
    if !card.contexts.is_empty() {
        writeln!(out, "  contexts")?;
        for c in &card.contexts {
            writeln!(out, "    {}", context_line(c, highlight))?;
        }
    }
    print_usage(out, card, highlight)?;
    list(out, "longer", &card.longer)?;
    list(out, "shorter", &card.shorter)?;
    Ok(())
}

/// How the aligned translations render the term, with their example pairs, and the curated
/// example sentence.
fn print_usage(out: &mut impl Write, card: &Card, highlight: bool) -> std::io::Result<()> {
    if !card.context_en.is_empty() {
        writeln!(out, "  curated     {}", card.context_zh)?;
        writeln!(out, "              {}", card.context_en)?;
    }
    let Some(usage) = &card.usage else {
        return Ok(());
    };
    writeln!(out, "  translated  {}", usage.summary())?;
    writeln!(out, "              {}", usage.evidence())?;
    if card.preferred_unused {
        writeln!(
            out,
            "  warning     the aligned translations never use the preferred English"
        )?;
    }
    for x in &usage.examples {
        let mark = |[left, term, right]: [&str; 3]| {
            if highlight {
                format!("{left}\x1b[1;33m{term}\x1b[0m{right}")
            } else {
                format!("{left}【{term}】{right}")
            }
        };
        let year = x.year.map(|y| format!(", {y}")).unwrap_or_default();
        writeln!(out, "    {}  — {}{year}", mark(x.zh_parts()), x.document)?;
        writeln!(out, "    {}", mark(x.en_parts()))?;
    }
    Ok(())
}

fn list(out: &mut impl Write, label: &str, items: &[String]) -> std::io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {label:<11} {}", items.join(", "))
}

fn context_line(c: &Context, highlight: bool) -> String {
    let term = if highlight {
        format!("\x1b[1;33m{}\x1b[0m", c.term)
    } else {
        format!("【{}】", c.term)
    };
    let year = c.year.map(|y| format!(", {y}")).unwrap_or_default();
    format!("{}{term}{}  — {}{year}", c.left, c.right, c.doc)
}

fn print_not_found(
    out: &mut impl Write,
    query: &str,
    suggestions: &[Suggestion],
) -> std::io::Result<()> {
    // A pasted paragraph is not echoed back whole.
    let shown = match query.char_indices().nth(60) {
        Some((cut, _)) => format!("{}… ({} characters)", &query[..cut], query.chars().count()),
        None => query.to_string(),
    };
    writeln!(out, "{shown}: not in the glossary")?;
    if suggestions.is_empty() {
        return writeln!(
            out,
            "no close entry either; `glossary extract` lists what the corpus holds"
        );
    }
    writeln!(out, "did you mean:")?;
    for s in suggestions {
        let en =
            s.en.as_deref()
                .map(|e| format!("  {e}"))
                .unwrap_or_default();
        let via = if s.key == s.zh {
            String::new()
        } else {
            format!("  (via {:?})", s.key)
        };
        writeln!(out, "  {}{en}{via}", s.zh)?;
    }
    Ok(())
}
