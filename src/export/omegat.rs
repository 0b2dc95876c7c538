//! OmegaT's glossary: tab-separated source, target, comment, in a `.txt` file (read as UTF-8;
//! `.tab`/`.tsv` would be read in the system's code page). No header row: the first lines are
//! `#` comments. Deprecated and superseded renderings are left out, so that OmegaT never
//! suggests them; tabs and line breaks inside cells become spaces.

use std::io::Write;

use super::{ExportOptions, Standing, pairs};
use crate::error::{Error, Result};
use crate::glossary::Status;
use crate::glossary::merged::Glossary;

fn cell(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ").trim().to_string()
}

/// Writes the OmegaT glossary.
pub fn write(merged: &Glossary, out: &mut dyn Write, options: &ExportOptions) -> Result<()> {
    let mut text = format!(
        "# Glossary in tab-separated format -*- coding: utf-8 -*-\n# {}\t{}\tcomment\n",
        options.zh_lang, options.en_lang
    );
    let mut seen = std::collections::HashSet::new();
    for pair in pairs(merged, options) {
        if matches!(
            pair.standing,
            Standing::Curated(Status::Deprecated | Status::Superseded)
        ) {
            continue;
        }
        if !seen.insert((pair.row.zh.as_str(), pair.en)) {
            continue;
        }
        let row = pair.row;
        let mut comment: Vec<String> = Vec::new();
        match pair.standing {
            Standing::Curated(Status::Preferred) => {}
            Standing::Curated(s) => comment.push(s.name().to_string()),
            Standing::Proposed(_) => comment.extend(pair.standing.proposal_note()),
        }
        comment.extend(
            [&row.pos, &row.subject, &row.note]
                .into_iter()
                .filter(|c| !c.is_empty())
                .cloned(),
        );
        text.push_str(&format!(
            "{}\t{}\t{}\n",
            cell(&row.zh),
            cell(pair.en),
            cell(&comment.join("; "))
        ));
    }
    out.write_all(text.as_bytes()).map_err(Error::from_io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{sample, with_proposals};

    #[test]
    fn three_columns_and_comment_lines() {
        let mut out = Vec::new();
        write(&sample(), &mut out, &with_proposals()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "# Glossary in tab-separated format -*- coding: utf-8 -*-"
        );
        assert!(lines[2].starts_with("上海合作组织\tShanghai Cooperation Organization\tproperNoun; international relations; Use <SCO>"));
        assert!(lines[3].starts_with("上合组织\tSCO\tadmitted; "));
        assert!(lines.iter().skip(2).all(|l| l.split('\t').count() == 3));
    }
}
