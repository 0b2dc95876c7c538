//! CSV helpers shared by the manifest, the curated glossary and the merged glossary.

/// The 1-based line where a record starts. `csv::Position::line` is one short after a CRLF line
/// end (the `\n` of `\r\n` is counted only once the next record has begun), so count from
/// the byte offset instead.
pub fn line_of(text: &str, position: &csv::Position) -> u64 {
    LineCounter::default().line_of(text, position)
}

/// A cell as quoted in a message: its first 40 characters.
pub fn shown(cell: &str) -> String {
    match cell.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &cell[..cut]),
        None => cell.to_string(),
    }
}

/// A running line count over one text: record positions only move forward, so numbering
/// every record of a large file costs one pass.
#[derive(Default)]
pub struct LineCounter {
    offset: usize,
    newlines: u64,
}

impl LineCounter {
    /// The 1-based line where the record at `position` starts.
    pub fn line_of(&mut self, text: &str, position: &csv::Position) -> u64 {
        let mut start = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(text.len());
        while text[start..].starts_with(['\r', '\n']) {
            start += 1;
        }
        if start < self.offset {
            *self = LineCounter::default();
        }
        self.newlines += text.as_bytes()[self.offset..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.offset = start;
        1 + self.newlines
    }
}
