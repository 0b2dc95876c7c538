//! Translation memories: a TMX file read into Chinese–English sentence pairs.
//!
//! Translators keep their past work as TMX (1.4b, sometimes still 1.1): a `<tu>` per
//! translation unit, a `<tuv>` per language inside it, the text in its `<seg>`. [`parse`] keeps
//! the units with a Chinese and an English side as [`TmUnit`]s and lists the others in
//! [`TmFile::skipped`] with their line and why, so a caller can say where a unit went.
//!
//! What is read, and why:
//! - **Languages** come from `xml:lang` (TMX 1.4) or `lang` (TMX 1.1), case-insensitively. The
//!   header's `srclang` only says which side was translated from, which a pair does not need.
//! - **Traditional Chinese** (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant…`) is converted to Simplified
//!   with OpenCC's tables (the `hanconv` crate), because everything after the corpus —
//!   segmentation, the dictionary, the glossary — works on Simplified text. A unit with both
//!   keeps its Simplified side as written.
//! - **Inline markup**: `<bpt>`, `<ept>`, `<ph>`, `<it>` and `<ut>` hold the original format's
//!   codes (`&lt;b&gt;`, RTF groups), not text, so their content is dropped; `<hi>` and `<sub>`
//!   hold text (a `<sub>` is translatable text even inside a code, such as an image's alt
//!   text), so only their tags go. Whitespace is collapsed to single spaces and trimmed.
//! - **Dates**: a unit's year is what a build counts terms by. It comes from the `<tu>`'s
//!   `creationdate` or `changedate`, else a `<prop>` whose type mentions a date (`x-date`),
//!   else the chosen `<tuv>`s' `creationdate`.
//! - **Encoding** follows XML: a byte-order mark, or UTF-16 recognised by its first
//!   characters, or the declaration's `encoding`, else UTF-8. A byte that does not fit is an
//!   error with its line. The corpus decoder's GBK guess is not used: a UTF-8 memory with one
//!   bad byte must be reported, not read as GB18030 mojibake.
//! - **Errors**: anything that is not well-formed XML or not TMX (no `<tmx>` root, no
//!   `<body>`, a file cut short) is a [`TmxError::Malformed`] with its line. A memory cut in
//!   half must not pass as a smaller one.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, escape::resolve_predefined_entity};

/// One translation unit with a Chinese and an English side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TmUnit {
    /// The Chinese segment in Simplified characters (converted when the `<tuv>` was
    /// Traditional), inline codes removed, whitespace collapsed and trimmed.
    pub zh: String,
    /// The English segment, inline codes removed, whitespace collapsed and trimmed.
    pub en: String,
    /// The unit's date: `YYYY-MM-DD` when the source can be read as a day, otherwise as
    /// written (`2019`, `March 2019`). `None` when no date gives a year.
    pub date: Option<String>,
    /// The year of [`TmUnit::date`].
    pub year: Option<i32>,
    /// 1-based line of the `<tu>` start tag.
    pub line: usize,
    /// The `<tu>`'s `tuid`, when it has one.
    pub tuid: Option<String>,
}

/// A `<tu>` left out of [`TmFile::units`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedUnit {
    /// 1-based line of the `<tu>` start tag.
    pub line: usize,
    /// Why: `no English <tuv> (languages: zh-CN, fr-FR)`, `the Chinese <seg> is empty` …
    pub reason: String,
}

impl std::fmt::Display for SkippedUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// A translation memory read whole: its usable pairs, and the units that were not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmFile {
    /// The Chinese–English units, in file order.
    pub units: Vec<TmUnit>,
    /// The units left out and why, in file order.
    pub skipped: Vec<SkippedUnit>,
}

/// Why a translation memory could not be read. Nothing of the file is returned with it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TmxError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The bytes are not text in the encoding the file has or declares.
    #[error("{}{reason}", file_prefix(path.as_deref(), ": "))]
    Encoding {
        /// The file, when read with [`read`].
        path: Option<PathBuf>,
        /// What is wrong, with the line of the first bad byte where there is one.
        reason: String,
    },
    /// Not well-formed XML, or not a TMX document.
    #[error(
        "{}line {line}{}: {message}",
        file_prefix(path.as_deref(), ", "),
        column.map(|c| format!(", column {c}")).unwrap_or_default()
    )]
    Malformed {
        /// The file, when read with [`read`].
        path: Option<PathBuf>,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) where the reader points at one place.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

fn file_prefix(path: Option<&Path>, separator: &str) -> String {
    path.map(|p| format!("{}{separator}", p.display()))
        .unwrap_or_default()
}

impl TmxError {
    /// The same error, naming the file it came from.
    fn in_file(self, file: &Path) -> Self {
        match self {
            TmxError::Encoding { reason, .. } => TmxError::Encoding {
                path: Some(file.to_path_buf()),
                reason,
            },
            TmxError::Malformed {
                line,
                column,
                message,
                ..
            } => TmxError::Malformed {
                path: Some(file.to_path_buf()),
                line,
                column,
                message,
            },
            io @ TmxError::Io { .. } => io,
        }
    }
}

/// Reads the translation memory at `path`. Errors name the file.
pub fn read(path: &Path) -> Result<TmFile, TmxError> {
    let bytes = std::fs::read(path).map_err(|source| TmxError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&bytes).map_err(|err| err.in_file(path))
}

/// Reads a translation memory from its bytes.
pub fn parse(bytes: &[u8]) -> Result<TmFile, TmxError> {
    let text = decode_xml(bytes)?;
    Parser::new(&text).run()
}

// ---------------------------------------------------------------------------------------------
// Encoding

/// The text of an XML document, decoded the way XML says (section 4.3.3 and appendix F).
fn decode_xml(bytes: &[u8]) -> Result<Cow<'_, str>, TmxError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return decode_strictly(encoding, &bytes[bom_len..]);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return decode_strictly(encoding, bytes);
    }
    let declared = match declared_encoding(bytes) {
        None => encoding_rs::UTF_8,
        Some(label) => encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            encoding_error(format!(
                "the XML declaration names encoding \"{label}\", which glossary cannot read: \
                 save the memory as UTF-8"
            ))
        })?,
    };
    // A declaration readable as ASCII rules out UTF-16 whatever it says: tools that re-save a
    // memory as UTF-8 often leave `encoding="UTF-16"` behind.
    let unicode = [
        encoding_rs::UTF_8,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
    ];
    if unicode.contains(&declared) {
        decode_utf8(bytes)
    } else {
        decode_strictly(declared, bytes)
    }
}

/// UTF-16 without a byte-order mark, recognised by `<?` as its first two characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes.get(..4)? {
        [b'<', 0, b'?', 0] => Some(encoding_rs::UTF_16LE),
        [0, b'<', 0, b'?'] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// The `encoding` of the XML declaration, read with quick-xml from the declaration alone
/// (it is ASCII in every encoding this is asked about).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    if !bytes.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(bytes, b"?>")? + 2;
    let head = String::from_utf8_lossy(&bytes[..end]);
    match Reader::from_str(&head).read_event() {
        Ok(Event::Decl(decl)) => decl.encoding()?.ok().map(|label| label.trim().to_string()),
        _ => None,
    }
}

fn decode_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, TmxError> {
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|err| {
            let line = line_of(bytes, err.valid_up_to());
            encoding_error(format!(
                "not valid UTF-8 (the first bad byte is on line {line}): a TMX file is UTF-8 \
             unless its XML declaration names another encoding"
            ))
        })
}

fn decode_strictly<'a>(
    encoding: &'static encoding_rs::Encoding,
    bytes: &'a [u8],
) -> Result<Cow<'a, str>, TmxError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| {
            encoding_error(format!(
                "not valid {} text: save the memory as UTF-8",
                encoding.name()
            ))
        })
}

fn encoding_error(reason: String) -> TmxError {
    TmxError::Encoding { path: None, reason }
}

// ---------------------------------------------------------------------------------------------
// Positions

/// 1-based line of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count()
}

/// 1-based column, in characters, of byte offset `at`.
fn column_of(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let is_char_start = |b: &&u8| (**b & 0xC0) != 0x80;
    1 + bytes[line_start..at].iter().filter(is_char_start).count()
}

/// Lines of increasing offsets, counted in one pass over the text: numbering every `<tu>`
/// from the start of the file would be quadratic.
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    pub(crate) fn line_at(&mut self, at: usize) -> usize {
        let at = at.min(self.bytes.len());
        if at < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.offset..at]).count();
        self.offset = at;
        self.line
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// An element not yet closed, with the line of its start tag: the file ending inside one is
/// a truncation, and the message says which.
struct OpenElement {
    name: String,
    line: usize,
}

/// Walks quick-xml's events, keeping the TMX structure it is in.
struct Parser<'a> {
    text: &'a str,
    reader: Reader<&'a [u8]>,
    lines: LineCounter<'a>,
    open: Vec<OpenElement>,
    seen_root: bool,
    seen_body: bool,
    unit: Option<UnitDraft>,
    file: TmFile,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        // `<seg/>` and `<ph/>` then come as a start and an end, like every other element.
        reader.config_mut().expand_empty_elements = true;
        Parser {
            text,
            reader,
            lines: LineCounter::new(text.as_bytes()),
            open: Vec::new(),
            seen_root: false,
            seen_body: false,
            unit: None,
            file: TmFile::default(),
        }
    }

    fn run(mut self) -> Result<TmFile, TmxError> {
        loop {
            let at = offset(self.reader.buffer_position());
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    let at = offset(self.reader.error_position());
                    return Err(self.malformed_at(at, err.to_string()));
                }
            };
            match event {
                Event::Start(start) => self.start(&start, at)?,
                Event::Empty(start) => {
                    // Not produced with `expand_empty_elements`; handled the same way anyway.
                    self.start(&start, at)?;
                    self.end(at)?;
                }
                Event::End(_) => self.end(at)?,
                Event::Text(text) => self.text(&text.xml10_content(), at)?,
                Event::CData(cdata) => self.text(&cdata.xml10_content(), at)?,
                Event::GeneralRef(reference) => self.reference(&reference, at)?,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    fn start(&mut self, start: &BytesStart<'_>, at: usize) -> Result<(), TmxError> {
        let name = start.name().as_ref().to_string();
        if !is_element_name(&name) {
            return Err(self.malformed_at(
                at,
                "a `<` that does not start a tag: write it as &lt; in text".to_string(),
            ));
        }
        let attributes = read_attributes(start).map_err(|message| {
            self.malformed_at(at, format!("bad attribute in <{name}>: {message}"))
        })?;
        if self.open.is_empty() {
            self.check_root(&name, at)?;
        }
        let line = self.lines.line_at(at);
        let parent = self.open.last().map(|e| e.name.as_str());
        let depth = self.open.len() + 1;
        match &mut self.unit {
            Some(unit) => unit.start(&name, &attributes, depth),
            None if name == "tu" && parent == Some("body") => {
                self.unit = Some(UnitDraft::new(line, depth, &attributes));
            }
            None if name == "body" && parent == Some("tmx") => self.seen_body = true,
            None => {}
        }
        self.open.push(OpenElement { name, line });
        Ok(())
    }

    fn check_root(&mut self, name: &str, at: usize) -> Result<(), TmxError> {
        if self.seen_root {
            return Err(self.malformed_at(at, format!("<{name}> after the end of <tmx>")));
        }
        if name != "tmx" {
            return Err(self.malformed_at(
                at,
                format!("the document is <{name}>, not <tmx>: this is not a TMX file"),
            ));
        }
        self.seen_root = true;
        Ok(())
    }

    /// An end tag; quick-xml has checked that it closes the innermost open element.
    fn end(&mut self, at: usize) -> Result<(), TmxError> {
        let depth = self.open.len();
        if let Some(unit) = &mut self.unit {
            if unit.depth == depth {
                let unit = self.unit.take().expect("matched just above");
                self.finish_unit(unit);
            } else {
                unit.end(depth);
            }
        }
        if depth == 1 && !self.seen_body {
            return Err(self.malformed_at(
                at,
                "<tmx> has no <body>: this is not a TMX file".to_string(),
            ));
        }
        self.open.pop();
        Ok(())
    }

    fn text(&mut self, text: &str, at: usize) -> Result<(), TmxError> {
        match &mut self.unit {
            Some(unit) => unit.text(text),
            None if self.open.is_empty() && !text.trim().is_empty() => {
                return Err(self.malformed_at(
                    at,
                    "text outside the <tmx> element: this is not a TMX file".to_string(),
                ));
            }
            None => {}
        }
        Ok(())
    }

    /// `&amp;` and the other four predefined entities, and character references. TMX has no
    /// others: an entity declared in an internal DTD subset is not expanded and is an error.
    fn reference(&mut self, reference: &BytesRef<'_>, at: usize) -> Result<(), TmxError> {
        let name: &str = reference;
        match reference.resolve_char_ref() {
            Ok(Some(c)) => self.text(c.encode_utf8(&mut [0; 4]), at),
            Ok(None) => match resolve_predefined_entity(name) {
                Some(replacement) => self.text(replacement, at),
                None => Err(self.malformed_at(
                    at,
                    format!(
                        "unknown entity &{name};: XML defines only &amp; &lt; &gt; &quot; \
                         &apos; (write other characters as themselves or as &#NNNN;)"
                    ),
                )),
            },
            Err(err) => Err(self.malformed_at(at, format!("bad reference &{name};: {err}"))),
        }
    }

    fn finish_unit(&mut self, unit: UnitDraft) {
        let line = unit.line;
        match unit.finish() {
            Ok(done) => self.file.units.push(done),
            Err(reason) => self.file.skipped.push(SkippedUnit { line, reason }),
        }
    }

    fn finish(self) -> Result<TmFile, TmxError> {
        let end_line = line_of(self.text.as_bytes(), self.text.len());
        if let Some(innermost) = self.open.last() {
            return Err(malformed(
                end_line,
                None,
                format!(
                    "the file ends inside <{}> (opened on line {}): it is cut short or a \
                     closing tag is missing",
                    innermost.name, innermost.line
                ),
            ));
        }
        if !self.seen_root {
            return Err(malformed(
                end_line,
                None,
                "no <tmx> element: this is not a TMX file".to_string(),
            ));
        }
        Ok(self.file)
    }

    fn malformed_at(&self, at: usize, message: String) -> TmxError {
        let bytes = self.text.as_bytes();
        malformed(line_of(bytes, at), Some(column_of(bytes, at)), message)
    }
}

fn malformed(line: usize, column: Option<usize>, message: String) -> TmxError {
    TmxError::Malformed {
        path: None,
        line,
        column,
        message,
    }
}

/// quick-xml's `u64` offsets as indices; the text is in memory, so they fit.
fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// Whether quick-xml's tag name is a name. It reads `a < b` in text as a tag with an empty
/// name and `1<2` as a tag named `2`; XML names start with a letter, `_` or `:`.
fn is_element_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
}

/// Every attribute of a start tag, values with entities resolved. Reading them all also
/// checks them: a duplicate or an unquoted value is an error wherever it is.
pub(crate) fn read_attributes(start: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    start
        .attributes()
        .map(|attribute| {
            let attribute = attribute.map_err(|err| err.to_string())?;
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| err.to_string())?;
            Ok((attribute.key.as_ref().to_string(), value.into_owned()))
        })
        .collect()
}

fn attribute<'v>(attributes: &'v [(String, String)], key: &str) -> Option<&'v str> {
    attributes
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

// ---------------------------------------------------------------------------------------------
// Units

/// A `<tu>` being read.
struct UnitDraft {
    line: usize,
    /// Depth of the `<tu>` element: its end tag is the end tag at this depth.
    depth: usize,
    tuid: Option<String>,
    creationdate: Option<String>,
    changedate: Option<String>,
    /// The values of the unit's date `<prop>`s, in order.
    date_props: Vec<String>,
    /// The `<prop>` being read: its depth, whether its type names a date, its text.
    prop: Option<PropDraft>,
    /// The `<tuv>` being read.
    variant: Option<VariantDraft>,
    /// The `<tuv>`s read.
    variants: Vec<VariantDraft>,
}

struct PropDraft {
    depth: usize,
    is_date: bool,
    value: String,
}

impl UnitDraft {
    fn new(line: usize, depth: usize, attributes: &[(String, String)]) -> Self {
        let non_empty = |key| attribute(attributes, key).filter(|v| !v.trim().is_empty());
        UnitDraft {
            line,
            depth,
            tuid: non_empty("tuid").map(str::to_string),
            creationdate: non_empty("creationdate").map(str::to_string),
            changedate: non_empty("changedate").map(str::to_string),
            date_props: Vec::new(),
            prop: None,
            variant: None,
            variants: Vec::new(),
        }
    }

    fn start(&mut self, name: &str, attributes: &[(String, String)], depth: usize) {
        if let Some(variant) = &mut self.variant {
            variant.start(name, depth);
        } else if self.prop.is_some() {
            // Markup inside a <prop> is not TMX; its text still counts as the value.
        } else if name == "tuv" {
            self.variant = Some(VariantDraft::new(attributes, depth));
        } else if name == "prop" {
            let kind = attribute(attributes, "type").unwrap_or_default();
            self.prop = Some(PropDraft {
                depth,
                is_date: kind.to_ascii_lowercase().contains("date"),
                value: String::new(),
            });
        }
    }

    fn end(&mut self, depth: usize) {
        if let Some(variant) = &mut self.variant {
            if variant.depth == depth {
                self.variants.extend(self.variant.take());
            } else {
                variant.end(depth);
            }
        } else if let Some(prop) = self.prop.take_if(|prop| prop.depth == depth)
            && prop.is_date
        {
            self.date_props.push(prop.value);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(variant) = &mut self.variant {
            variant.text(text);
        } else if let Some(prop) = &mut self.prop {
            prop.value.push_str(text);
        }
    }

    /// The finished unit, or why it is left out.
    fn finish(self) -> Result<TmUnit, String> {
        if self.variants.is_empty() {
            return Err("no <tuv>".to_string());
        }
        let (zh_variant, zh) = self.chinese_side()?;
        let (en_variant, en) = self.english_side()?;
        let tuv_dates = [zh_variant, en_variant]
            .into_iter()
            .filter_map(|v| v.creationdate.as_deref());
        let dated = [self.creationdate.as_deref(), self.changedate.as_deref()]
            .into_iter()
            .flatten()
            .chain(self.date_props.iter().map(String::as_str))
            .chain(tuv_dates)
            .find_map(parse_date);
        let (date, year) = dated.map_or((None, None), |(date, year)| (Some(date), Some(year)));
        Ok(TmUnit {
            zh,
            en,
            date,
            year,
            line: self.line,
            tuid: self.tuid,
        })
    }

    /// The first non-empty Chinese segment, Simplified `<tuv>`s before Traditional ones,
    /// converted to Simplified.
    fn chinese_side(&self) -> Result<(&VariantDraft, String), String> {
        let mut chinese: Vec<(&VariantDraft, Script)> = self
            .variants
            .iter()
            .filter_map(|v| match v.side() {
                Some(Side::Chinese(script)) => Some((v, script)),
                _ => None,
            })
            .collect();
        if chinese.is_empty() {
            return Err(format!("no Chinese <tuv>{}", self.languages()));
        }
        chinese.sort_by_key(|(_, script)| *script != Script::Simplified);
        chinese
            .into_iter()
            .find_map(|(v, script)| {
                let text = v.segment();
                (!text.is_empty()).then(|| (v, script.to_simplified(&text)))
            })
            .ok_or_else(|| "the Chinese <seg> is empty".to_string())
    }

    /// The first non-empty English segment.
    fn english_side(&self) -> Result<(&VariantDraft, String), String> {
        let mut english = self
            .variants
            .iter()
            .filter(|v| v.side() == Some(Side::English))
            .peekable();
        if english.peek().is_none() {
            return Err(format!("no English <tuv>{}", self.languages()));
        }
        english
            .map(|v| (v, v.segment()))
            .find(|(_, text)| !text.is_empty())
            .ok_or_else(|| "the English <seg> is empty".to_string())
    }

    /// ` (languages: en-US, fr-FR)`, to say what a unit without a side has instead.
    fn languages(&self) -> String {
        let langs: Vec<&str> = self
            .variants
            .iter()
            .map(|v| v.lang.as_deref().unwrap_or("no xml:lang"))
            .collect();
        format!(" (languages: {})", langs.join(", "))
    }
}

/// A `<tuv>` being read.
struct VariantDraft {
    depth: usize,
    lang: Option<String>,
    creationdate: Option<String>,
    /// The text of its `<seg>`, inline codes left out, whitespace as written.
    text: String,
    /// Depth of the open `<seg>`, while inside it.
    seg_depth: Option<usize>,
    /// For each inline element open inside the `<seg>`: whether its text is kept.
    inline: Vec<bool>,
}

impl VariantDraft {
    fn new(attributes: &[(String, String)], depth: usize) -> Self {
        let lang = attribute(attributes, "xml:lang").or_else(|| attribute(attributes, "lang"));
        VariantDraft {
            depth,
            lang: lang.map(|l| l.trim().to_string()),
            creationdate: attribute(attributes, "creationdate").map(str::to_string),
            text: String::new(),
            seg_depth: None,
            inline: Vec::new(),
        }
    }

    fn start(&mut self, name: &str, depth: usize) {
        if self.seg_depth.is_some() {
            let keep = keeps_text(name).unwrap_or(self.keeping());
            self.inline.push(keep);
        } else if name == "seg" {
            self.seg_depth = Some(depth);
        }
    }

    fn end(&mut self, depth: usize) {
        if self.seg_depth == Some(depth) {
            self.seg_depth = None;
        } else if self.seg_depth.is_some() {
            self.inline.pop();
        }
    }

    fn text(&mut self, text: &str) {
        if self.seg_depth.is_some() && self.keeping() {
            self.text.push_str(text);
        }
    }

    /// Whether text at the current point of the `<seg>` is segment text.
    fn keeping(&self) -> bool {
        self.inline.last().copied().unwrap_or(true)
    }

    fn side(&self) -> Option<Side> {
        side_of(self.lang.as_deref()?)
    }

    fn segment(&self) -> String {
        collapse_whitespace(&self.text)
    }
}

/// Whether an inline element of a `<seg>` holds text (`Some(true)`), native code
/// (`Some(false)`), or is unknown to TMX and inherits from where it is (`None`).
fn keeps_text(name: &str) -> Option<bool> {
    match name {
        "bpt" | "ept" | "ph" | "it" | "ut" => Some(false),
        "hi" | "sub" => Some(true),
        _ => None,
    }
}

/// Whitespace runs to one space, ends trimmed; other control characters (which XML 1.0 does
/// not allow, but a character reference can smuggle in) removed.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space_pending = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space_pending = !out.is_empty();
        } else if !c.is_control() {
            if space_pending {
                out.push(' ');
                space_pending = false;
            }
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Languages

/// Which side of a pair a `<tuv>` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Chinese(Script),
    English,
}

/// The script of a Chinese `<tuv>`, which decides the OpenCC conversion to Simplified.
/// Taiwan and Hong Kong have their own variant tables (Taiwan writes 著 where the mainland
/// writes 着, and `tw2s` knows when 著 stays, as in 著名).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Simplified,
    Taiwan,
    HongKong,
    Traditional,
}

impl Script {
    fn to_simplified(self, text: &str) -> String {
        match self {
            Script::Simplified => text.to_string(),
            Script::Taiwan => hanconv::tw2s(text),
            Script::HongKong => hanconv::hk2s(text),
            Script::Traditional => hanconv::t2s(text),
        }
    }
}

/// The side of a language tag (`zh-Hant-TW`, `EN-us`, `zh_CN`), or `None` for other languages.
fn side_of(lang: &str) -> Option<Side> {
    let lang = lang.trim().to_ascii_lowercase();
    let mut subtags = lang.split(['-', '_']);
    match subtags.next()? {
        "en" | "eng" => Some(Side::English),
        "zh" | "zho" | "chi" | "cmn" => Some(Side::Chinese(script_of(subtags))),
        _ => None,
    }
}

/// A script subtag decides; otherwise Taiwan, Hong Kong and Macao mean Traditional, and
/// everything else (`zh`, `zh-CN`, `zh-SG`) Simplified.
fn script_of<'a>(subtags: impl Iterator<Item = &'a str>) -> Script {
    let (mut script, mut region) = (None, None);
    for subtag in subtags {
        match subtag {
            "hans" | "hant" => script = script.or(Some(subtag)),
            "tw" | "hk" | "mo" => region = region.or(Some(subtag)),
            _ => {}
        }
    }
    match (script, region) {
        (Some("hans"), _) => Script::Simplified,
        (_, Some("tw")) => Script::Taiwan,
        (_, Some(_)) => Script::HongKong,
        (Some(_), None) => Script::Traditional,
        (None, None) => Script::Simplified,
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

/// A date as TMX and translators write it, with its year: TMX's `20190315T120000Z`,
/// `2019-03-15`, `2019/3/15` or `2019.03.15` (a time may follow) give `2019-03-15`; any other
/// text with a year in it (`2019`, `2019-03`, `March 2019`) is kept as written. `None` when
/// there is no year.
fn parse_date(raw: &str) -> Option<(String, i32)> {
    let raw = raw.trim();
    if let Some((year, month, day)) = day_of(raw) {
        return Some((format!("{year:04}-{month:02}-{day:02}"), year));
    }
    year_in(raw).map(|year| (raw.to_string(), year))
}

/// Year, month and day of a date written year first.
fn day_of(raw: &str) -> Option<(i32, u32, u32)> {
    let bytes = raw.as_bytes();
    let digits = leading_digits(bytes);
    let (year, month, day, rest) = if digits == 8 {
        (&raw[..4], &raw[4..6], &raw[6..8], &bytes[8..])
    } else if digits == 4 {
        let separator = *bytes.get(4)?;
        if !matches!(separator, b'-' | b'/' | b'.') {
            return None;
        }
        let month_len = leading_digits(&bytes[5..]);
        let after_month = 5 + month_len;
        if !(1..=2).contains(&month_len) || bytes.get(after_month) != Some(&separator) {
            return None;
        }
        let day_len = leading_digits(&bytes[after_month + 1..]);
        let end = after_month + 1 + day_len;
        if !(1..=2).contains(&day_len) {
            return None;
        }
        (
            &raw[..4],
            &raw[5..after_month],
            &raw[after_month + 1..end],
            &bytes[end..],
        )
    } else {
        return None;
    };
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (year, month, day) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    (is_year(year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some((year, month, day))
}

fn leading_digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The first run of exactly four digits that is a plausible year.
fn year_in(raw: &str) -> Option<i32> {
    raw.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse().ok())
        .find(|&year| is_year(year))
}

fn is_year(year: i32) -> bool {
    (1000..=2999).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TMX 1.4b document around `body`.
    fn tmx14(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
             <tmx version=\"1.4\">\n\
             <header creationtool=\"test\" creationtoolversion=\"1\" segtype=\"sentence\" \
             o-tmf=\"test\" adminlang=\"en-US\" srclang=\"en-US\" datatype=\"plaintext\"/>\n\
             <body>\n{body}</body>\n</tmx>\n"
        )
    }

    fn parsed(xml: &str) -> TmFile {
        parse(xml.as_bytes()).unwrap_or_else(|err| panic!("{err}\n{xml}"))
    }

    fn pairs(file: &TmFile) -> Vec<(&str, &str)> {
        file.units
            .iter()
            .map(|u| (u.zh.as_str(), u.en.as_str()))
            .collect()
    }

    fn malformed_line(xml: &str) -> (usize, String) {
        match parse(xml.as_bytes()) {
            Err(TmxError::Malformed { line, message, .. }) => (line, message),
            other => panic!("expected Malformed, got {other:?}\n{xml}"),
        }
    }

    #[test]
    fn reads_tmx_14_with_xml_lang() {
        let xml = tmx14(
            "<tu tuid=\"7\">\n\
               <tuv xml:lang=\"en-US\"><seg>The  Belt and\n  Road Initiative </seg></tuv>\n\
               <tuv xml:lang=\"ZH-cn\"><seg>“一带一路”倡议</seg></tuv>\n\
             </tu>\n",
        );
        let file = parsed(&xml);
        assert_eq!(
            pairs(&file),
            [("“一带一路”倡议", "The Belt and Road Initiative")]
        );
        assert_eq!(file.units[0].tuid.as_deref(), Some("7"));
        assert_eq!(file.units[0].line, 6);
        assert!(file.skipped.is_empty());
    }

    #[test]
    fn reads_tmx_11_with_lang() {
        let xml = "<?xml version=\"1.0\"?>\n\
                   <tmx version=\"1.1\">\n\
                   <header srclang=\"ZH-CN\"/>\n\
                   <body>\n\
                   <tu><tuv lang=\"ZH-CN\"><seg>会议</seg></tuv><tuv lang=\"EN-GB\"><seg>meeting</seg></tuv></tu>\n\
                   </body>\n\
                   </tmx>";
        assert_eq!(pairs(&parsed(xml)), [("会议", "meeting")]);
    }

    #[test]
    fn converts_traditional_chinese_to_simplified() {
        let unit = |lang: &str, zh: &str| {
            format!(
                "<tu><tuv xml:lang=\"{lang}\"><seg>{zh}</seg></tuv>\
                 <tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n"
            )
        };
        let xml = tmx14(
            &[
                unit("zh-TW", "臺灣經濟發展會議"),
                unit("zh-Hant", "這些國家們的體制"),
                unit("zh-HK", "會議"),
                unit("zh-Hant-TW", "他看著著名的書"),
                unit("zh-MO", "經濟"),
                unit("zh-Hans-HK", "體"),
            ]
            .concat(),
        );
        let zh: Vec<String> = parsed(&xml).units.into_iter().map(|u| u.zh).collect();
        assert_eq!(
            zh,
            [
                "台湾经济发展会议",
                "这些国家们的体制",
                "会议",
                "他看着著名的书",
                "经济",
                // zh-Hans-HK is Simplified script: left as written.
                "體",
            ]
        );
    }

    #[test]
    fn prefers_a_simplified_side_to_a_traditional_one() {
        let xml = tmx14(
            "<tu><tuv xml:lang=\"zh-TW\"><seg>臺灣同胞</seg></tuv>\
             <tuv xml:lang=\"zh-CN\"><seg>台湾同胞</seg></tuv>\
             <tuv xml:lang=\"en-US\"><seg>compatriots in Taiwan</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"zh-TW\"><seg>臺灣</seg></tuv>\
             <tuv xml:lang=\"zh-CN\"><seg> </seg></tuv>\
             <tuv xml:lang=\"en-US\"><seg>Taiwan</seg></tuv></tu>\n",
        );
        assert_eq!(
            pairs(&parsed(&xml)),
            [("台湾同胞", "compatriots in Taiwan"), ("台湾", "Taiwan")]
        );
    }

    #[test]
    fn drops_native_codes_and_keeps_highlighted_text() {
        let xml = tmx14(
            "<tu>\
             <tuv xml:lang=\"en\"><seg>The <bpt i=\"1\">&lt;b&gt;</bpt>Silk Road<ept i=\"1\">&lt;/b&gt;</ept> \
             <hi type=\"italic\">Fund</hi><ph x=\"2\">&lt;br/&gt;</ph> (see \
             <ph>&lt;img alt=\"<sub>a map</sub>\"&gt;</ph>)<it pos=\"end\">&lt;/i&gt;</it><ut>{\\b}</ut></seg></tuv>\
             <tuv xml:lang=\"zh\"><seg><bpt i=\"1\">{\\b </bpt>丝路基金<ept i=\"1\">}</ept><ph/>（见<hi>地图</hi>）</seg></tuv>\
             </tu>\n",
        );
        assert_eq!(
            pairs(&parsed(&xml)),
            [("丝路基金（见地图）", "The Silk Road Fund (see a map)")]
        );
    }

    #[test]
    fn reads_entities_cdata_comments_and_character_references() {
        let xml = tmx14(
            "<!-- a comment with <tu> in it -->\n\
             <tu><tuv xml:lang=\"en\"><seg>R&amp;D &lt;&gt; &quot;x&quot; &apos;y&apos; &#65;&#x42;</seg></tuv>\
             <tuv xml:lang=\"zh-CN\"><seg><![CDATA[研发 <与> & ]]>&#x4E2D;&#22269;</seg></tuv></tu>\n",
        );
        assert_eq!(
            pairs(&parsed(&xml)),
            [("研发 <与> & 中国", "R&D <> \"x\" 'y' AB")]
        );
    }

    #[test]
    fn years_come_from_tu_dates_then_date_props_then_tuv_dates() {
        let unit = |attrs: &str, props: &str, tuv_attrs: &str| {
            format!(
                "<tu{attrs}>{props}<tuv xml:lang=\"zh-CN\"{tuv_attrs}><seg>中</seg></tuv>\
                 <tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n"
            )
        };
        let xml = tmx14(
            &[
                unit(
                    " creationdate=\"20190315T120000Z\" changedate=\"20210101T000000Z\"",
                    "<prop type=\"x-date\">2001</prop>",
                    "",
                ),
                unit(" changedate=\"20210102T000000Z\"", "", ""),
                unit("", "<prop type=\"x-Date\">2017-3-5</prop>", ""),
                unit(
                    "",
                    "<prop type=\"x-client\">2000</prop><prop type=\"x-DocDate\">March 2016</prop>",
                    "",
                ),
                unit("", "<prop type=\"x-date\">2015</prop>", ""),
                unit("", "", " creationdate=\"20140607T080910Z\""),
                unit(" creationdate=\"unknown\"", "", ""),
            ]
            .concat(),
        );
        let dates: Vec<(Option<String>, Option<i32>)> = parsed(&xml)
            .units
            .into_iter()
            .map(|u| (u.date, u.year))
            .collect();
        let d = |date: &str, year| (Some(date.to_string()), Some(year));
        assert_eq!(
            dates,
            [
                d("2019-03-15", 2019),
                d("2021-01-02", 2021),
                d("2017-03-05", 2017),
                d("March 2016", 2016),
                d("2015", 2015),
                d("2014-06-07", 2014),
                (None, None),
            ]
        );
    }

    #[test]
    fn parses_the_date_forms_translators_write() {
        assert_eq!(
            parse_date("20190315T120000Z"),
            Some(("2019-03-15".into(), 2019))
        );
        assert_eq!(
            parse_date("2019/3/15 10:00"),
            Some(("2019-03-15".into(), 2019))
        );
        assert_eq!(parse_date("2019.03.15"), Some(("2019-03-15".into(), 2019)));
        assert_eq!(parse_date(" 2019-03 "), Some(("2019-03".into(), 2019)));
        assert_eq!(parse_date("20191345T000000Z"), None);
        assert_eq!(parse_date("12345"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn units_without_both_sides_are_skipped_with_their_line() {
        let xml = tmx14(
            "<tu><tuv xml:lang=\"en\"><seg>only English</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>français</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"zh-CN\"><seg>只有中文</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"zh-CN\"><seg><ph>&lt;br/&gt;</ph></seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"zh-CN\"><seg>中</seg></tuv><tuv xml:lang=\"en\"><seg/></tuv></tu>\n\
             <tu><tuv><seg>中</seg></tuv></tu>\n\
             <tu/>\n\
             <tu><tuv xml:lang=\"zh-CN\"><seg>中</seg></tuv><tuv xml:lang=\"en-GB\"><seg>kept</seg></tuv></tu>\n",
        );
        let file = parsed(&xml);
        let skipped: Vec<String> = file.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            [
                "line 6: no Chinese <tuv> (languages: en, fr-FR)",
                "line 7: no English <tuv> (languages: zh-CN)",
                "line 8: the Chinese <seg> is empty",
                "line 9: the English <seg> is empty",
                "line 10: no Chinese <tuv> (languages: no xml:lang)",
                "line 11: no <tuv>",
            ]
        );
        assert_eq!(pairs(&file), [("中", "kept")]);
        assert_eq!(file.units[0].line, 12);
    }

    #[test]
    fn a_truncated_file_is_malformed_at_its_end() {
        let xml = tmx14(
            "<tu><tuv xml:lang=\"zh\"><seg>中</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n<tu>\n<tuv xml:lang=\"en\"><seg>cut",
        );
        let cut = &xml[..xml.find("cut").unwrap() + 3];
        let (line, message) = malformed_line(cut);
        assert_eq!(line, 8);
        assert!(message.contains("<seg> (opened on line 8)"), "{message}");

        let (line, message) = malformed_line(&cut[..cut.len() - "seg>cut".len()]);
        assert_eq!(line, 8);
        assert!(message.contains("tag not closed"), "{message}");
    }

    #[test]
    fn xml_errors_are_malformed_with_line_and_column() {
        let xml = tmx14("<tu>\n  <tuv xml:lang=\"en\"><seg>a</tuv></tu>\n");
        match parse(xml.as_bytes()) {
            Err(TmxError::Malformed {
                line,
                column,
                message,
                ..
            }) => {
                assert_eq!((line, column), (7, Some(28)));
                assert!(message.contains("`</seg>`"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(malformed_line(&tmx14("<tu>\nR & D</tu>")).0, 7);
        assert_eq!(malformed_line(&tmx14("<tu>\n\n1 < 2</tu>")).0, 8);
        assert_eq!(malformed_line(&tmx14("<tu>&nbsp;</tu>")).0, 6);
        assert_eq!(malformed_line(&tmx14("<tu>&#0;</tu>")).0, 6);
        assert_eq!(malformed_line(&tmx14("<tu tuid='1' tuid='2'/>")).0, 6);
        assert_eq!(malformed_line(&tmx14("</tu>")).0, 6);
    }

    #[test]
    fn documents_that_are_not_tmx_are_malformed() {
        let (line, message) = malformed_line("<?xml version=\"1.0\"?>\n<html><body/></html>");
        assert_eq!(line, 2);
        assert!(message.contains("not <tmx>"), "{message}");

        let (line, message) = malformed_line("<tmx version=\"1.4\">\n<header/>\n</tmx>\n");
        assert_eq!(line, 3);
        assert!(message.contains("no <body>"), "{message}");

        let (line, message) = malformed_line("just some text\nover two lines\n");
        assert_eq!(line, 1);
        assert!(message.contains("outside the <tmx>"), "{message}");

        let (line, message) = malformed_line("");
        assert_eq!(line, 1);
        assert!(message.contains("no <tmx>"), "{message}");

        let (line, message) = malformed_line(&format!("{}\n<tmx/>", tmx14("")));
        assert_eq!(line, 9);
        assert!(message.contains("after the end of <tmx>"), "{message}");
    }

    #[test]
    fn reads_utf16_with_and_without_bom_and_declared_encodings() {
        let xml = tmx14(
            "<tu><tuv xml:lang=\"zh-CN\"><seg>国际会议</seg></tuv>\
             <tuv xml:lang=\"en\"><seg>international conference</seg></tuv></tu>\n",
        );
        let expected = [("国际会议", "international conference")];
        let le: Vec<u8> = xml.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [
            [b"\xFF\xFE".as_slice(), &le].concat(),
            [b"\xFE\xFF".as_slice(), &be].concat(),
            le.clone(),
            be.clone(),
            [b"\xEF\xBB\xBF".as_slice(), xml.as_bytes()].concat(),
        ] {
            assert_eq!(pairs(&parse(&bytes).unwrap()), expected);
        }
        let gbk = xml.replace("UTF-8", "GB2312");
        let (bytes, _, _) = encoding_rs::GBK.encode(&gbk);
        assert_eq!(pairs(&parse(&bytes).unwrap()), expected);
    }

    #[test]
    fn a_bad_byte_in_utf8_is_an_encoding_error_with_its_line() {
        let xml = tmx14("<tu><tuv xml:lang=\"zh-CN\"><seg>国际@</seg></tuv></tu>\n");
        let bytes: Vec<u8> = xml
            .bytes()
            .map(|b| if b == b'@' { 0xFF } else { b })
            .collect();
        match parse(&bytes) {
            Err(TmxError::Encoding { reason, .. }) => {
                assert!(reason.contains("line 6"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn read_names_the_file_in_its_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.tmx");
        std::fs::write(&path, "<tmx>\n<body>\n<tu>").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}, line 3: ", path.display())),
            "{err}"
        );
        let missing = read(&dir.path().join("missing.tmx")).unwrap_err();
        assert!(matches!(missing, TmxError::Io { .. }), "{missing}");
    }

    #[test]
    fn language_tags_name_their_side() {
        use Script::*;
        for (tag, side) in [
            ("zh", Some(Side::Chinese(Simplified))),
            ("zh-CN", Some(Side::Chinese(Simplified))),
            ("zh_sg", Some(Side::Chinese(Simplified))),
            ("zh-Hans-CN", Some(Side::Chinese(Simplified))),
            ("ZH-TW", Some(Side::Chinese(Taiwan))),
            ("zh-Hant-TW", Some(Side::Chinese(Taiwan))),
            ("zh-HK", Some(Side::Chinese(HongKong))),
            ("zh-MO", Some(Side::Chinese(HongKong))),
            ("zh-Hant", Some(Side::Chinese(Traditional))),
            ("en", Some(Side::English)),
            ("EN-us", Some(Side::English)),
            ("en-GB", Some(Side::English)),
            ("en-Latn-IN", Some(Side::English)),
            ("fr-FR", None),
            ("ja", None),
            ("", None),
        ] {
            assert_eq!(side_of(tag), side, "{tag}");
        }
    }

    mod properties {
        use super::super::*;
        use super::pairs;
        use proptest::prelude::*;
        use quick_xml::Writer;
        use quick_xml::events::{BytesCData, BytesDecl, BytesText};

        /// Text XML can carry, weighted towards what needs escaping, CJK, emoji and spaces.
        fn segment_text() -> impl Strategy<Value = String> {
            let xml_char = any::<char>().prop_filter("a character XML 1.0 allows", |&c| {
                matches!(c, '\t' | '\n' | '\r')
                    || (!c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}')
            });
            proptest::collection::vec(
                prop_oneof![
                    prop::sample::select(vec![
                        '&', '<', '>', '"', '\'', ';', '#', ']', ' ', '\t', '\n', '\r', '\u{3000}',
                        '\u{A0}', '国', '發', '😀', '🇨', 'a', 'Z',
                    ]),
                    proptest::char::range('\u{4E00}', '\u{9FFF}'),
                    proptest::char::range('\u{1F300}', '\u{1FAFF}'),
                    xml_char,
                ],
                0..30,
            )
            .prop_map(String::from_iter)
        }

        /// A tuid: attribute values have their whitespace normalised by XML, so none here.
        fn tuid() -> impl Strategy<Value = String> {
            segment_text().prop_map(|t| t.chars().filter(|c| !c.is_whitespace()).collect())
        }

        #[derive(Debug, Clone)]
        struct Written {
            zh: String,
            en: String,
            tuid: String,
            as_cdata: bool,
        }

        fn written() -> impl Strategy<Value = Written> {
            (segment_text(), segment_text(), tuid(), any::<bool>()).prop_map(
                |(zh, en, tuid, as_cdata)| Written {
                    zh,
                    en,
                    tuid,
                    as_cdata,
                },
            )
        }

        fn seg(w: &mut Writer<Vec<u8>>, text: &str, as_cdata: bool) -> std::io::Result<()> {
            let seg = w.create_element("seg");
            if as_cdata && !text.contains("]]>") {
                seg.write_cdata_content(BytesCData::new(text))?;
            } else {
                seg.write_text_content(BytesText::new(text))?;
            }
            Ok(())
        }

        fn tmx(units: &[Written]) -> std::io::Result<Vec<u8>> {
            let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
            w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
            w.create_element("tmx")
                .with_attribute(("version", "1.4"))
                .write_inner_content(|w| {
                    w.create_element("header")
                        .with_attribute(("srclang", "zh-CN"))
                        .write_empty()?;
                    w.create_element("body").write_inner_content(|w| {
                        for unit in units {
                            w.create_element("tu")
                                .with_attribute(("tuid", unit.tuid.as_str()))
                                .write_inner_content(|w| {
                                    for (lang, text) in [("zh-CN", &unit.zh), ("en-US", &unit.en)] {
                                        w.create_element("tuv")
                                            .with_attribute(("xml:lang", lang))
                                            .write_inner_content(|w| seg(w, text, unit.as_cdata))?;
                                    }
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(w.into_inner())
        }

        fn collapsed(text: &str) -> String {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        }

        proptest! {
            #[test]
            fn reads_back_what_quick_xml_wrote(units in proptest::collection::vec(written(), 0..6)) {
                let bytes = tmx(&units).expect("writing to a Vec");
                let file = parse(&bytes).map_err(|err| TestCaseError::fail(err.to_string()))?;
                let expected: Vec<(String, String)> = units
                    .iter()
                    .map(|u| (collapsed(&u.zh), collapsed(&u.en)))
                    .filter(|(zh, en)| !zh.is_empty() && !en.is_empty())
                    .collect();
                let got: Vec<(String, String)> = pairs(&file)
                    .into_iter()
                    .map(|(zh, en)| (zh.to_string(), en.to_string()))
                    .collect();
                prop_assert_eq!(got, expected);
                prop_assert_eq!(file.units.len() + file.skipped.len(), units.len());
                let tuids: Vec<Option<String>> = file.units.iter().map(|u| u.tuid.clone()).collect();
                let expected_tuids: Vec<Option<String>> = units
                    .iter()
                    .filter(|u| !collapsed(&u.zh).is_empty() && !collapsed(&u.en).is_empty())
                    .map(|u| Some(u.tuid.clone()).filter(|t| !t.is_empty()))
                    .collect();
                prop_assert_eq!(tuids, expected_tuids);
            }

            #[test]
            fn a_file_cut_anywhere_before_its_end_is_an_error(
                units in proptest::collection::vec(written(), 1..4),
                cut in any::<prop::sample::Index>(),
            ) {
                let bytes = tmx(&units).expect("writing to a Vec");
                let end = memchr::memmem::rfind(&bytes, b"</tmx>").expect("written") + "</tmx>".len();
                let at = cut.index(end);
                prop_assert!(parse(&bytes[..at]).is_err(), "cut at {} of {}", at, end);
            }

            #[test]
            fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
                let _ = parse(&bytes);
            }
        }
    }
}
