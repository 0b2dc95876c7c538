//! Layout: from the lines of a file as it arrived to articles made of typed blocks.
//!
//! Documents arrive as newspaper scrapes: several articles in one file, paragraphs cut by page
//! or column breaks, a headline repeated in the middle of a paragraph that continues on the next
//! page, `（上接第二版）` / `（下转第五版）` continuation marks, photo captions, Markdown
//! residue (`#` headings, `**bold**`, `\*\*\*\*`), bylines, signature blocks and datelines.
//! [`parse`] turns that into [`Article`]s whose [`Block`]s say what each piece of text is, so
//! that only titles, headings and body text ever become sentences (and terms).
//!
//! Every block keeps the original line of each piece it was built from, so a sentence, and a
//! term found in it, can cite where it came from.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::corpus::normalize;
use crate::corpus::sentence;
use crate::lang::{Lang, is_closer};

/// What a block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// An article's headline.
    Title,
    /// A line under the headline (`——在…上的讲话`).
    Subtitle,
    /// A section heading inside an article (`### 一`, `二、政治领域`, a short unpunctuated line).
    Heading,
    /// Body text: one paragraph, joined across page breaks.
    Paragraph,
    /// A speaker line or a signature (`中华人民共和国主席 习近平`).
    Byline,
    /// A line that only gives a date and place (`（2014年9月12日，杜尚别）`, `2024年7月5日于杜尚别`).
    #[serde(rename = "date line")]
    DatePlace,
    /// A news-agency dateline (`新华社阿斯塔纳7月4日电`), alone or cut from the head of a paragraph.
    #[serde(rename = "dateline")]
    NewsDateline,
    /// A photo caption (`图为…`, `…新华社发`).
    Caption,
}

impl BlockKind {
    /// Whether the block's text is running text that yields sentences.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            BlockKind::Title | BlockKind::Subtitle | BlockKind::Heading | BlockKind::Paragraph
        )
    }
}

/// A typed piece of an article: normalised text, and where each part of it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the text is.
    pub kind: BlockKind,
    /// The normalised text.
    pub text: String,
    /// `(byte offset in text, 1-based line in the original file)`, one per joined piece, in order.
    pub origin: Vec<(usize, u32)>,
}

impl Block {
    fn new(kind: BlockKind, text: String, line: u32) -> Self {
        Block {
            kind,
            text,
            origin: vec![(0, line)],
        }
    }

    /// The original line that the byte `offset` of [`Block::text`] comes from.
    pub fn line_at(&self, offset: usize) -> u32 {
        let idx = self.origin.partition_point(|&(start, _)| start <= offset);
        self.origin[idx.saturating_sub(1)].1
    }

    /// The first original line of the block.
    pub fn first_line(&self) -> u32 {
        self.origin[0].1
    }
}

/// One sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The normalised sentence.
    pub text: String,
    /// The original line where it starts.
    pub line: u32,
    /// Index of its block in [`Article::blocks`].
    pub block: usize,
    /// Whether it is a title or heading rather than body text.
    pub heading: bool,
    /// Byte offset of the sentence in its block's text (for [`Block::line_at`]).
    pub offset: usize,
}

/// One article of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Its blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Whether it begins with a continuation mark (`（上接第二版）`): its beginning is elsewhere.
    pub continued: bool,
    /// Its sentences (titles and headings included), in reading order.
    pub sentences: Vec<Sentence>,
    /// The sentences as the file writes them, parallel to `sentences`, when some differ from
    /// the normalised text ([`crate::corpus::written`]: half-width punctuation) or were
    /// converted from Traditional characters ([`crate::corpus::script`]); empty otherwise, and
    /// an empty string for a sentence that reads as written. Kept beside them rather than in
    /// each [`Sentence`]: most documents read as written.
    pub written: Vec<String>,
}

impl Article {
    /// Sentence `i` as written, when that differs from its text (what it was converted from,
    /// or its raw punctuation); `None` when it reads as written.
    pub fn written(&self, i: usize) -> Option<&str> {
        self.written
            .get(i)
            .map(String::as_str)
            .filter(|w| !w.is_empty())
    }
}

impl Article {
    /// The original line of byte `pos` of `sentence` (one of this article's sentences).
    pub fn line_of(&self, sentence: &Sentence, pos: usize) -> u32 {
        self.blocks[sentence.block].line_at(sentence.offset + pos)
    }

    /// The headline, if the article has one here.
    pub fn title(&self) -> Option<&str> {
        self.first_of(BlockKind::Title)
    }

    /// The text of the first block of `kind`.
    pub fn first_of(&self, kind: BlockKind) -> Option<&str> {
        self.blocks
            .iter()
            .find(|b| b.kind == kind)
            .map(|b| b.text.as_str())
    }

    /// The first original line of the article.
    pub fn first_line(&self) -> u32 {
        self.blocks.first().map_or(1, Block::first_line)
    }

    fn has_body(&self) -> bool {
        self.blocks.iter().any(|b| b.kind == BlockKind::Paragraph)
    }

    fn split_sentences(&mut self, lang: Lang) {
        self.sentences.clear();
        for (idx, block) in self.blocks.iter().enumerate() {
            if !block.kind.is_text() {
                continue;
            }
            let heading = block.kind != BlockKind::Paragraph;
            // A heading is one unit however it is punctuated.
            let ranges = if heading {
                std::iter::once(0..block.text.len()).collect()
            } else {
                sentence::split(&block.text, lang)
            };
            for range in ranges {
                self.sentences.push(Sentence {
                    text: block.text[range.clone()].to_string(),
                    line: block.line_at(range.start),
                    block: idx,
                    heading,
                    offset: range.start,
                });
            }
        }
    }
}

/// What kind of thing layout parsing removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RemovedKind {
    /// `（上接第二版）`, `（下转第五版）`.
    #[serde(rename = "continuation mark")]
    ContinuationMark,
    /// `\*\*\*\*`, `***`, `---`.
    #[serde(rename = "separator")]
    Separator,
}

/// Something the layout pass removed from the text, with its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// 1-based line in the original file.
    pub line: u32,
    /// What was removed.
    pub what: RemovedKind,
    /// The removed text.
    pub text: String,
}

/// The result of [`parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// The articles, in file order.
    pub articles: Vec<Article>,
    /// What was taken out of the text.
    pub removed: Vec<Removed>,
}

/// Parses a decoded file written in `lang` into articles.
pub fn parse(text: &str, lang: Lang) -> Layout {
    let mut removed = Vec::new();
    let lines = classify_lines(text, lang, &mut removed);
    let mut articles = Assembler::new(lang).run(&lines);
    articles.retain(|a| !a.blocks.is_empty());
    for article in &mut articles {
        article.split_sentences(lang);
    }
    Layout { articles, removed }
}

// ------------------------------------------------------------------------------------------
// Line classification

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Separator,
    /// `（上接第二版）`: what follows continues an article from another page.
    ContinuedFrom,
    /// `（下转第五版）`: the article goes on elsewhere.
    ContinuedOn,
    Heading {
        markdown: Option<u8>,
    },
    Byline,
    DatePlace,
    NewsDateline {
        closing: bool,
    },
    Caption,
    Body,
}

#[derive(Debug, Clone)]
struct Line {
    no: u32,
    text: String,
    kind: Kind,
    list_marker: bool,
    /// A blank line stands between this line and the previous one.
    blank_before: bool,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

static MD_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^(#{1,6})\s+(.*?)\s*#*\s*$"));
static MD_BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:>\s*)*(?:[-*+]\s+)?"));
static MD_IMAGE: LazyLock<Regex> = LazyLock::new(|| re(r"!\[[^\]]*\]\([^)]*\)"));
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\]]*)\]\([^)]*\)"));
static MD_ESCAPE: LazyLock<Regex> = LazyLock::new(|| re(r"\\([\\`*_{}\[\]()#+\-.!|~>])"));
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| re(r"^[*\-_=~·•\s]{3,}$"));
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"[（(]\s*(上接|下转|紧接|转接|接上|转下|接|转|续)\s*第?\s*[0-9一二三四五六七八九十]+\s*版\s*[）)]",
    )
});
const AGENCY: &str = r"(?:新华社|中新社|中国新闻社|人民日报|人民网|新华网|央视新闻|央视网)";
/// A dateline standing alone: `（新华社阿斯塔纳7月4日电）` (closing, bracketed, perhaps with the
/// writers) or `新华社北京7月5日电` (opening).
static DATELINE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:(（){AGENCY}[^（）]{{0,16}}?\d{{1,2}}月\d{{1,2}}日电[^（）]{{0,40}}）|{AGENCY}[^，。（）\d]{{0,16}}?(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日电(?:（[^）]{{0,30}}）)?)$"
    ))
});
/// A dateline at the head of a paragraph, with an optional reporter in brackets.
pub(crate) static DATELINE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^{AGENCY}[^，。（）\d]{{0,16}}?(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日电(?:（[^）]{{0,30}}）)?\s*"
    ))
});
const DATE: &str = r"\d{4}年\d{1,2}月\d{1,2}日";
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:（(?:\p{{Han}}{{2,12}}，)?{DATE}(?:，\p{{Han}}{{2,12}})?）|{DATE}(?:于\p{{Han}}{{2,12}})?(?:（{AGENCY}[^）]*电）)?)$"
    ))
});
static EN_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\(?(?:[A-Z][A-Za-z .'\-]{1,30},\s*)?(?:\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?\)?\.?$",
    )
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\S{2,24}?(?:主席|总统|总理|首相|国王|外长|部长|秘书长|大使|总书记|委员长|主任)\s+\S{1,12}$",
    )
});
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:图为|新华社(?:记者\S{2,12})?发(?:（[^）]*）)?$|(?:记者|通讯员)\S{2,12}摄(?:）)?$|（\S{2,16}摄）$)",
    )
});
/// A line that opens a list item: a Chinese enumerator, a dash, a bullet, `(a)`, `IV.`.
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:——|—|{}|[-*•]\s|\(\w\)\s|[IVX]+\.\s)",
        sentence::ENUMERATORS
    ))
});

/// Removes Markdown residue from a raw line and returns the heading level it had, if any.
fn strip_markdown(raw: &str) -> (String, Option<u8>) {
    let trimmed = raw.trim();
    // Most lines hold no Markdown at all: each pattern runs only where its marks are.
    let (body, level) = match trimmed
        .starts_with('#')
        .then(|| MD_HEADING.captures(trimmed))
        .flatten()
    {
        Some(caps) => (caps[2].to_string(), Some(caps[1].len() as u8)),
        None => (trimmed.to_string(), None),
    };
    let mut body = if body.starts_with(['>', '-', '*', '+']) {
        MD_BULLET.replace(&body, "").into_owned()
    } else {
        body
    };
    if body.contains("](") {
        body = MD_IMAGE.replace_all(&body, "").into_owned();
        body = MD_LINK.replace_all(&body, "$1").into_owned();
    }
    if body.contains('\\') {
        body = MD_ESCAPE.replace_all(&body, "$1").into_owned();
    }
    if body.contains("**") || body.contains("__") {
        body = body.replace("**", "").replace("__", "");
    }
    (body, level)
}

fn classify_lines(text: &str, lang: Lang, removed: &mut Vec<Removed>) -> Vec<Line> {
    let mut lines = Vec::new();
    let raw_lines: Vec<&str> = text.lines().collect();
    for (idx, raw) in raw_lines.iter().enumerate() {
        let no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        if raw.trim().is_empty() {
            continue;
        }
        // A heading stands alone: a blank line (or the end) follows it. In English, a line
        // with text right under it is a hard-wrapped piece of a paragraph.
        let standalone = raw_lines
            .get(idx + 1)
            .is_none_or(|next| next.trim().is_empty());
        let shape = Shape {
            markdown: None,
            had_tab: raw.trim().contains('\t'),
            standalone,
            blank_before: idx > 0 && raw_lines[idx - 1].trim().is_empty(),
        };
        if SEPARATOR.is_match(&MD_ESCAPE.replace_all(raw.trim(), "$1")) {
            removed.push(Removed {
                line: no,
                what: RemovedKind::Separator,
                text: raw.trim().to_string(),
            });
            lines.push(line(no, String::new(), Kind::Separator));
            continue;
        }
        let (stripped, markdown) = strip_markdown(raw);
        if stripped.is_empty() {
            continue;
        }
        let shape = Shape { markdown, ..shape };
        // Continuation marks can stand alone or at either end of a paragraph.
        let mut rest = stripped.as_str();
        let mut after = None;
        while let Some(m) = rest
            .contains('版')
            .then(|| CONTINUATION.find(rest))
            .flatten()
        {
            let direction = &CONTINUATION.captures(m.as_str()).expect("matched")[1];
            let kind = if matches!(direction, "下转" | "转下" | "转") {
                Kind::ContinuedOn
            } else {
                Kind::ContinuedFrom
            };
            removed.push(Removed {
                line: no,
                what: RemovedKind::ContinuationMark,
                text: m.as_str().to_string(),
            });
            let before = rest[..m.start()].trim();
            if !before.is_empty() {
                push_text_line(&mut lines, no, before, shape, lang);
            }
            if kind == Kind::ContinuedOn {
                after = Some(kind);
            } else {
                lines.push(line(no, String::new(), kind));
            }
            rest = rest[m.end()..].trim_start();
        }
        if !rest.trim().is_empty() {
            push_text_line(&mut lines, no, rest, shape, lang);
        }
        if let Some(kind) = after {
            lines.push(line(no, String::new(), kind));
        }
    }
    mark_signature_lines(&mut lines);
    lines
}

fn line(no: u32, text: String, kind: Kind) -> Line {
    Line {
        no,
        text,
        kind,
        list_marker: false,
        blank_before: false,
    }
}

/// How a raw line looked before normalisation.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// Its Markdown heading level.
    markdown: Option<u8>,
    /// It had a tab inside (signature tables).
    had_tab: bool,
    /// A blank line or the end of the file follows it.
    standalone: bool,
    /// A blank line precedes it.
    blank_before: bool,
}

fn push_text_line(lines: &mut Vec<Line>, no: u32, text: &str, shape: Shape, lang: Lang) {
    let text = normalize::line(text, lang);
    if text.is_empty() {
        return;
    }
    let kind = classify(&text, shape, lang);
    let list_marker = LIST_MARKER.is_match(&text);
    lines.push(Line {
        no,
        text,
        kind,
        list_marker,
        blank_before: shape.blank_before,
    });
}

fn classify(text: &str, shape: Shape, lang: Lang) -> Kind {
    if shape.markdown.is_some() {
        return Kind::Heading {
            markdown: shape.markdown,
        };
    }
    match lang {
        Lang::Zh => classify_zh(text, shape.had_tab),
        Lang::En => classify_en(text, shape),
    }
}

fn classify_zh(text: &str, had_tab: bool) -> Kind {
    // Each pattern runs only on lines holding the character it cannot do without.
    if text.contains('电')
        && let Some(caps) = DATELINE_ONLY.captures(text)
    {
        return Kind::NewsDateline {
            closing: caps.get(1).is_some(),
        };
    }
    if text.contains('日') && DATE_LINE.is_match(text) {
        return Kind::DatePlace;
    }
    let has_stop = text.contains(['。', '！', '？']);
    if has_stop && text.contains(['图', '摄', '发']) && CAPTION.is_match(text) {
        return Kind::Caption;
    }
    if !has_stop && (had_tab || BYLINE.is_match(text)) {
        return Kind::Byline;
    }
    if is_heading_zh(text) {
        return Kind::Heading { markdown: None };
    }
    Kind::Body
}

/// Characters that end a clause but hardly ever a headline (function words, and the first
/// character of common two-character words): a short line ending in one is a paragraph cut
/// by a page break (`所有成员国，无论其政治、经济和`).
const NOT_HEADLINE_END: &str = "的了和与及在是对将为把被从向于并或而也就都又着过等其之以所让使由同跟给按据但却且若如则更最很非不没未已正要会能可应该须才再还共各本这那此每";

/// A short line without sentence punctuation: a headline or section heading.
fn is_heading_zh(text: &str) -> bool {
    let chars = text.chars().count();
    let limit = if text.starts_with("——") { 100 } else { 40 };
    let last = text.chars().next_back().unwrap_or(' ');
    !text.contains(['。', '！', '？', '；'])
        && !matches!(
            last,
            '，' | '、' | '：' | '—' | '（' | '《' | '“' | '‘' | '…'
        )
        && !NOT_HEADLINE_END.contains(last)
        && chars <= limit
        && text.chars().any(crate::lang::is_han)
}

fn classify_en(text: &str, shape: Shape) -> Kind {
    if EN_DATE_LINE.is_match(text) {
        return Kind::DatePlace;
    }
    let words = text.split_whitespace().count();
    let last = text.chars().next_back().unwrap_or(' ');
    let ends_open = matches!(last, '.' | '!' | '?' | ':' | ';' | ',') || is_closer(last);
    if shape.had_tab && words <= 12 && !ends_open {
        return Kind::Byline;
    }
    let starts_upper = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '—');
    if shape.standalone && words <= 15 && !ends_open && starts_upper {
        return Kind::Heading { markdown: None };
    }
    Kind::Body
}

/// A short unpunctuated line that stands right before a closing date or dateline, after body
/// text, is a signature (`上海合作组织` under a declaration), not a heading.
fn mark_signature_lines(lines: &mut [Line]) {
    for i in 1..lines.len().saturating_sub(1) {
        let closes_next = matches!(
            lines[i + 1].kind,
            Kind::DatePlace | Kind::NewsDateline { closing: true }
        );
        if lines[i].kind == (Kind::Heading { markdown: None })
            && closes_next
            && lines[i - 1].kind == Kind::Body
        {
            lines[i].kind = Kind::Byline;
        }
    }
}

/// Whether a paragraph ends a sentence (so the next line cannot be its continuation).
fn is_terminated(text: &str, lang: Lang) -> bool {
    let core = text.trim_end_matches(is_closer);
    let Some(last) = core.chars().next_back() else {
        return true;
    };
    match lang {
        Lang::Zh => matches!(
            last,
            '。' | '！' | '？' | '；' | '：' | '…' | '.' | '!' | '?'
        ),
        Lang::En => matches!(last, '.' | '!' | '?' | ':' | ';' | '…'),
    }
}

// ------------------------------------------------------------------------------------------
// Assembly

/// At most this many headline lines may stand inside a paragraph cut by a page break.
const MAX_FLOATING_HEADINGS: usize = 3;

struct Assembler {
    lang: Lang,
    articles: Vec<Article>,
    /// Index (in the current article) of the paragraph that later lines may continue.
    open: Option<usize>,
    /// The current article has closed (closing dateline, signature date, `下转`).
    ended: bool,
}

impl Assembler {
    fn new(lang: Lang) -> Self {
        Assembler {
            lang,
            articles: vec![Article::default()],
            open: None,
            ended: false,
        }
    }

    fn current(&mut self) -> &mut Article {
        self.articles.last_mut().expect("never empty")
    }

    fn start_article(&mut self, continued: bool) {
        if !self.current().blocks.is_empty() {
            self.articles.push(Article::default());
        }
        self.current().continued = continued;
        self.open = None;
        self.ended = false;
    }

    fn push(&mut self, kind: BlockKind, text: &str, line: u32) {
        self.current()
            .blocks
            .push(Block::new(kind, text.to_string(), line));
        if kind == BlockKind::Paragraph {
            self.open = Some(self.current().blocks.len() - 1);
        } else if kind.is_text() {
            self.open = None;
        }
    }

    fn open_unterminated(&mut self) -> bool {
        let lang = self.lang;
        match self.open {
            Some(idx) => !is_terminated(&self.current().blocks[idx].text, lang),
            None => false,
        }
    }

    /// Appends `text` to the open paragraph (a page or column break had cut it).
    fn join(&mut self, text: &str, line: u32) {
        let idx = self.open.expect("join needs an open paragraph");
        let lang = self.lang;
        let block = &mut self.current().blocks[idx];
        let needs_space = match lang {
            Lang::En => true,
            Lang::Zh => {
                let left = block.text.chars().next_back().unwrap_or(' ');
                let right = text.chars().next().unwrap_or(' ');
                left.is_ascii_alphanumeric() && right.is_ascii_alphanumeric()
            }
        };
        if needs_space {
            block.text.push(' ');
        }
        block.origin.push((block.text.len(), line));
        block.text.push_str(text);
    }

    fn run(mut self, lines: &[Line]) -> Vec<Article> {
        let mut i = 0;
        while i < lines.len() {
            let line = &lines[i];
            match line.kind {
                Kind::Separator => self.open = None,
                Kind::ContinuedFrom => self.start_article(true),
                Kind::ContinuedOn => {
                    self.open = None;
                    self.ended = true;
                }
                Kind::Caption => self.push(BlockKind::Caption, &line.text, line.no),
                Kind::Byline => {
                    self.open = None;
                    self.push(BlockKind::Byline, &line.text, line.no);
                }
                Kind::DatePlace => {
                    self.open = None;
                    let after_body = self.current().has_body();
                    self.push(BlockKind::DatePlace, &line.text, line.no);
                    self.ended |= after_body;
                }
                Kind::NewsDateline { closing } => {
                    self.open = None;
                    if !closing && !self.ended && self.current().has_body() {
                        self.start_article(false);
                    }
                    self.push(BlockKind::NewsDateline, &line.text, line.no);
                    self.ended |= closing;
                }
                Kind::Heading { .. } if self.reads_as_body(line) => self.body(line),
                Kind::Heading { markdown } => {
                    if markdown.is_none()
                        && !line.list_marker
                        && let Some(body) = self.floating_headline_end(lines, i)
                    {
                        self.place_floating_headline(&lines[i..body]);
                        self.join(&lines[body].text, lines[body].no);
                        i = body + 1;
                        continue;
                    }
                    self.heading(lines, i, markdown);
                }
                Kind::Body => self.body(line),
            }
            i += 1;
        }
        self.articles
    }

    /// Whether `rest` (the text of `line`) can continue the open, unterminated paragraph. In
    /// Chinese any body line can. English paragraphs are set apart by blank lines, so across one
    /// only a line that starts in lower case continues a sentence a page break had cut.
    fn continues(&self, line: &Line, rest: &str) -> bool {
        self.lang == Lang::Zh
            || !line.blank_before
            || rest.chars().next().is_some_and(char::is_lowercase)
    }

    /// Past an article's headline block (once body text, a date line, a byline or a dateline
    /// has come), an unmarked short line with a comma is the end of a paragraph cut by a page
    /// break, not a heading: headings there are set apart by a list marker (`二、…`), a dash or
    /// spaces (`秉持“上海精神” 凝聚团结协作共识`), not written as clauses.
    fn reads_as_body(&mut self, line: &Line) -> bool {
        let past_headline = self.current().blocks.iter().any(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph
                    | BlockKind::DatePlace
                    | BlockKind::Byline
                    | BlockKind::NewsDateline
            )
        });
        line.kind == (Kind::Heading { markdown: None })
            && !line.list_marker
            && self.lang == Lang::Zh
            && line.text.contains(['，', '、'])
            && past_headline
    }

    /// If the open paragraph was cut by a page break and a headline repeated on the next page
    /// stands between the two halves, returns the index of the line that continues it.
    fn floating_headline_end(&mut self, lines: &[Line], start: usize) -> Option<usize> {
        if !self.open_unterminated() {
            return None;
        }
        let mut headings = 0;
        for (j, line) in lines.iter().enumerate().skip(start) {
            match line.kind {
                Kind::Heading { markdown: None } if !line.list_marker => {
                    headings += 1;
                    if headings > MAX_FLOATING_HEADINGS {
                        return None;
                    }
                }
                Kind::Caption => {}
                Kind::Body if !line.list_marker => return Some(j),
                _ => return None,
            }
        }
        None
    }

    /// A headline found inside a cut paragraph repeats the article's title on its continuation
    /// page: it becomes the title of an untitled article, otherwise a heading.
    fn place_floating_headline(&mut self, lines: &[Line]) {
        let open = self.open;
        for line in lines {
            let kind = match line.kind {
                Kind::Caption => BlockKind::Caption,
                _ if self.current().title().is_none() => BlockKind::Title,
                _ => BlockKind::Heading,
            };
            self.current()
                .blocks
                .push(Block::new(kind, line.text.clone(), line.no));
        }
        self.open = open;
    }

    fn heading(&mut self, lines: &[Line], i: usize, markdown: Option<u8>) {
        let line = &lines[i];
        let has_body = self.current().has_body();
        let opens_news_item = lines
            .get(i + 1)
            .is_some_and(|next| next.kind == Kind::Body && DATELINE_LEAD.is_match(&next.text));
        let new_article = match markdown {
            Some(level) if level <= 2 => has_body,
            _ => self.ended || (has_body && opens_news_item),
        };
        if self.ended || new_article {
            self.start_article(false);
        }
        let kind = if self.current().has_body() {
            BlockKind::Heading
        } else if self.current().title().is_none() {
            BlockKind::Title
        } else {
            BlockKind::Subtitle
        };
        self.push(kind, &line.text, line.no);
    }

    fn body(&mut self, line: &Line) {
        let (dateline, rest) = match DATELINE_LEAD.find(&line.text) {
            Some(m) if self.lang == Lang::Zh => (Some(m.as_str().trim()), &line.text[m.end()..]),
            _ => (None, line.text.as_str()),
        };
        if self.ended || (dateline.is_some() && self.current().has_body()) {
            self.start_article(false);
        }
        if let Some(dateline) = dateline {
            self.push(BlockKind::NewsDateline, dateline, line.no);
        }
        let rest = rest.trim();
        if rest.is_empty() {
            return;
        }
        if self.open_unterminated() && !LIST_MARKER.is_match(rest) && self.continues(line, rest) {
            self.join(rest, line.no);
        } else {
            self.push(BlockKind::Paragraph, rest, line.no);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        parse(text, Lang::Zh)
            .articles
            .iter()
            .flat_map(|a| a.sentences.iter().map(|s| s.text.clone()))
            .collect()
    }

    #[test]
    fn joins_a_paragraph_cut_by_a_page_break() {
        let text = "关键要有识变之智。我们要始终秉持“上海精神”，坚定不移走契合本\n\n国国情、符合本地区实际的发展道路。\n";
        assert_eq!(
            sentences(text),
            [
                "关键要有识变之智。",
                "我们要始终秉持“上海精神”，坚定不移走契合本国国情、符合本地区实际的发展道路。"
            ]
        );
        let block = &parse(text, Lang::Zh).articles[0].blocks[0];
        assert_eq!(block.line_at(0), 1);
        assert_eq!(block.line_at(block.text.find("国国情").unwrap()), 3);
    }

    #[test]
    fn a_short_clause_cut_by_a_page_break_is_not_a_heading() {
        let text = "一、所有成员国一律平等。\n\n所有成员国，无论其政治、经济和\n\n社会制度，享有平等权利。\n";
        assert_eq!(
            sentences(text),
            [
                "一、所有成员国一律平等。",
                "所有成员国，无论其政治、经济和社会制度，享有平等权利。"
            ]
        );
    }

    #[test]
    fn does_not_join_headings_datelines_or_list_items() {
        let text = "合作激发各国青\n\n二、政治领域\n\n成员国认为。\n\n建设更加美好的家\n\n——我们共担国际道义。\n";
        assert_eq!(
            sentences(text),
            [
                "合作激发各国青",
                "二、政治领域",
                "成员国认为。",
                "建设更加美好的家",
                "——我们共担国际道义。"
            ]
        );
    }

    #[test]
    fn joins_across_a_headline_repeated_on_the_next_page() {
        let text = "专家亲历合作。他认同关于“阿富汗是地\n\n为实现共同繁荣贡献力量\n\n引发多国人士强烈共鸣\n\n区安全不可或缺的一环”的论述。\n";
        let layout = parse(text, Lang::Zh);
        assert_eq!(layout.articles.len(), 1);
        let article = &layout.articles[0];
        assert_eq!(article.title(), Some("为实现共同繁荣贡献力量"));
        assert!(
            article
                .sentences
                .iter()
                .any(|s| s.text == "他认同关于“阿富汗是地区安全不可或缺的一环”的论述。")
        );
    }

    #[test]
    fn removes_continuation_marks_and_starts_an_article_there() {
        let text = "将使国际社会得以用实际成果迎\n\n(上接第二版)\n\n成员国重申，深化合作。\n\n文末一句。（下转第五版）\n";
        let layout = parse(text, Lang::Zh);
        assert_eq!(layout.articles.len(), 2);
        assert!(layout.articles[1].continued);
        assert_eq!(
            sentences(text),
            [
                "将使国际社会得以用实际成果迎",
                "成员国重申，深化合作。",
                "文末一句。"
            ]
        );
        assert_eq!(layout.removed.len(), 2);
    }

    #[test]
    fn strips_markdown_residue() {
        let text = "# 标题一\n\n## ——在会议上的讲话\n\n——**我们共促政治互信**，缔结条约。\n\n\\*\\*\\*\\*\n\n总结过去。\n";
        let layout = parse(text, Lang::Zh);
        let article = &layout.articles[0];
        assert_eq!(article.title(), Some("标题一"));
        assert_eq!(
            article.first_of(BlockKind::Subtitle),
            Some("——在会议上的讲话")
        );
        assert_eq!(
            sentences(text)[2..],
            ["——我们共促政治互信，缔结条约。", "总结过去。"]
        );
        assert_eq!(layout.removed[0].what, RemovedKind::Separator);
    }

    #[test]
    fn marks_captions_bylines_and_dates_as_non_sentences() {
        let text = "（2014年9月12日，杜尚别）\n\n中华人民共和国主席 习近平\n\n各位同事：\n\n图为7月3日，留学生展示录取通知书。新华社发\n\n谢谢大家。\n\n（新华社杜尚别9月12日电）\n";
        let kinds: Vec<BlockKind> = parse(text, Lang::Zh).articles[0]
            .blocks
            .iter()
            .map(|b| b.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                BlockKind::DatePlace,
                BlockKind::Byline,
                BlockKind::Paragraph,
                BlockKind::Caption,
                BlockKind::Paragraph,
                BlockKind::NewsDateline
            ]
        );
        assert_eq!(sentences(text), ["各位同事：", "谢谢大家。"]);
    }

    #[test]
    fn splits_articles_at_headlines_after_a_closing_dateline() {
        let text = "# 第一篇\n\n正文一。\n\n（新华社阿斯塔纳7月4日电）\n\n中塔人文交流活动在杜尚别举行\n\n新华社杜尚别7月5日电 7月5日，活动举办。\n\n2024年7月5日于杜尚别\n\n正文三。\n";
        let layout = parse(text, Lang::Zh);
        let titles: Vec<Option<&str>> = layout.articles.iter().map(Article::title).collect();
        assert_eq!(
            titles,
            [Some("第一篇"), Some("中塔人文交流活动在杜尚别举行"), None]
        );
        assert_eq!(
            layout.articles[1].first_of(BlockKind::NewsDateline),
            Some("新华社杜尚别7月5日电")
        );
        assert_eq!(layout.articles[1].sentences[1].text, "7月5日，活动举办。");
    }

    #[test]
    fn markdown_h2_starts_a_new_article_after_body() {
        let text = "# 讲话\n\n## ——副标题\n\n正文。\n\n## 第二篇\n\n### 小节\n\n正文二。\n\n### 另一小节\n";
        let layout = parse(text, Lang::Zh);
        assert_eq!(layout.articles.len(), 2);
        assert_eq!(
            layout.articles[1].blocks.last().unwrap().kind,
            BlockKind::Heading
        );
    }

    #[test]
    fn english_hard_wrapped_lines_are_joined() {
        let text = "Speech by the President\n\nWe should carry forward\nthe Shanghai Spirit. It is our\n\nshared value.\n\nDistinguished guests,\n\nThank you.\n";
        let sentences: Vec<String> = parse(text, Lang::En).articles[0]
            .sentences
            .iter()
            .map(|s| s.text.clone())
            .collect();
        assert_eq!(
            sentences,
            [
                "Speech by the President",
                "We should carry forward the Shanghai Spirit.",
                "It is our shared value.",
                "Distinguished guests,",
                "Thank you."
            ]
        );
    }

    mod properties {
        use super::super::parse;
        use crate::lang::Lang;
        use proptest::prelude::*;

        fn scrape() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec![
                    "\n",
                    "\n\n",
                    "# ",
                    "## ",
                    "（上接第二版）",
                    "(下转第5版)",
                    "\\*\\*\\*\\*",
                    "新华社北京7月5日电",
                    "（新华社北京7月5日电）",
                    "2024年7月5日于杜尚别",
                    "上海精神",
                    "，",
                    "。",
                    "——",
                    "二、",
                    "图为",
                    "新华社发",
                    "\t",
                    "**",
                    "主席 习近平",
                    "We met.",
                    "the",
                    " ",
                ]),
                0..40,
            )
            .prop_map(|parts| parts.concat())
        }

        proptest! {
            #[test]
            fn every_sentence_is_non_empty_and_points_at_a_real_line(s in scrape(), zh in any::<bool>()) {
                let lang = if zh { Lang::Zh } else { Lang::En };
                let lines = s.lines().count() as u32;
                let layout = parse(&s, lang);
                for sentence in layout.articles.iter().flat_map(|a| &a.sentences) {
                    prop_assert!(!sentence.text.trim().is_empty());
                    prop_assert!(sentence.line >= 1 && sentence.line <= lines);
                }
                let _ = crate::corpus::dating::date(&layout.articles);
            }

            #[test]
            fn never_panics_on_any_text(s in any::<String>()) {
                let _ = parse(&s, Lang::Zh);
                let _ = parse(&s, Lang::En);
            }
        }
    }
}
