//! The typed document tree: owned, with byte spans into the decoded text.

use crate::source::Span;
use serde::Serialize;

/// How a heading is numbered. Each style has a nominal level (GB/T 9704: 一、 → （一） → 1. → （1）).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerStyle {
    /// 第一部分 / 第一章
    Part,
    /// 一、
    CnComma,
    /// （一）
    CnParenFull,
    /// (一)
    CnParenHalf,
    /// 1. or 1．
    ArDot,
    /// 1、
    ArComma,
    /// （1）
    ArParenFull,
    /// (1)
    ArParenHalf,
}

impl MarkerStyle {
    pub fn nominal_level(self) -> u8 {
        match self {
            MarkerStyle::Part | MarkerStyle::CnComma => 1,
            MarkerStyle::CnParenFull | MarkerStyle::CnParenHalf => 2,
            MarkerStyle::ArDot | MarkerStyle::ArComma => 3,
            MarkerStyle::ArParenFull | MarkerStyle::ArParenHalf => 4,
        }
    }

    /// How this style writes the number `n`, for messages.
    pub fn render(self, n: u32) -> String {
        let cn = crate::numerals::to_chinese(n);
        match self {
            MarkerStyle::Part => format!("第{cn}部分"),
            MarkerStyle::CnComma => format!("{cn}、"),
            MarkerStyle::CnParenFull => format!("（{cn}）"),
            MarkerStyle::CnParenHalf => format!("({cn})"),
            MarkerStyle::ArDot => format!("{n}."),
            MarkerStyle::ArComma => format!("{n}、"),
            MarkerStyle::ArParenFull => format!("（{n}）"),
            MarkerStyle::ArParenHalf => format!("({n})"),
        }
    }

    /// The GB/T 9704 style for a nesting depth (1-based).
    pub fn standard_for_depth(depth: usize) -> MarkerStyle {
        match depth {
            1 => MarkerStyle::CnComma,
            2 => MarkerStyle::CnParenFull,
            3 => MarkerStyle::ArDot,
            _ => MarkerStyle::ArParenFull,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Marker {
    pub style: MarkerStyle,
    pub number: u32,
    pub span: Span,
    /// A 顿号 written after a bracketed marker: （一）、
    pub trailing_comma: bool,
    /// Not written in the text: the heading comes from markup (a Markdown `#`, a Word heading
    /// style), and `span` is empty at the start of its text; style and number are the standard
    /// ones for its level and place.
    pub implicit: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub marker: Marker,
    /// Heading text without marker, surrounding spaces or closing 。
    pub text: String,
    pub text_span: Span,
    /// Body text that follows the heading on the same line ("（一）强化组织领导。一是……").
    pub run_in: Option<Span>,
    /// Marker and heading text.
    pub span: Span,
    /// 0-based line of the marker.
    pub line: usize,
    /// The marker stood alone on its line and the text followed on a later line.
    pub broken: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub heading: Heading,
    /// Nesting depth in the tree, 1 for top-level sections.
    pub depth: usize,
    /// From the heading to the end of the section's content.
    pub span: Span,
    /// From the end of the heading text to the end of the section, children included.
    pub body: Span,
    pub children: Vec<Section>,
}

impl Section {
    /// The section's own text before its first child (run-in text included).
    pub fn own_body(&self) -> Span {
        let end = self
            .children
            .first()
            .map_or(self.body.end, |child| child.span.start);
        Span::new(self.body.start, end.max(self.body.start))
    }

    /// Depth-first walk over this section and its descendants.
    pub fn walk(&self) -> Vec<&Section> {
        let mut out = Vec::new();
        self.walk_into(&mut out);
        out
    }

    fn walk_into<'a>(&'a self, out: &mut Vec<&'a Section>) {
        out.push(self);
        for child in &self.children {
            child.walk_into(out);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    Blank,
    Heading,
    Date,
    DocNumber,
    Issuance,
    TableRow,
    Text,
    /// Site chrome, metadata or other page debris around the report (see [`crate::page`]).
    Debris,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub kind: LineKind,
    /// The line without its line ending.
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Title {
    /// One span per title line.
    pub lines: Vec<Span>,
    /// The title with line breaks and spaces removed.
    pub text: String,
    pub span: Span,
    /// Later lines that repeat the title.
    pub repeats: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateForm {
    /// 2023年1月31日, possibly with spaces or leading zeros.
    Arabic,
    /// 二〇二三年一月三十一日
    Chinese,
    /// 2023.1.31, 2023-01-31, 2023/1/31
    Dotted,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// The issuing body's line, when there is one above the date.
    pub body: Option<Span>,
    pub date: Span,
    pub date_form: DateForm,
    /// (year, month, day) when the date could be read.
    pub ymd: Option<(u32, u32, u32)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub lines: Vec<Line>,
    pub title: Option<Title>,
    pub doc_number: Option<Span>,
    pub addressee: Option<Span>,
    pub opening: Option<Span>,
    pub sections: Vec<Section>,
    pub signature: Option<Signature>,
    pub issuance: Vec<Span>,
    /// Body paragraphs: text lines that are not headings, title or 落款, and run-in bodies.
    pub paragraphs: Vec<Span>,
    /// What the page stage set apart as debris, in order.
    #[serde(skip)]
    pub debris: Vec<crate::page::Block>,
    /// What the page stage found inside the report's lines, in order.
    #[serde(skip)]
    pub inline_debris: Vec<crate::page::Inline>,
}

impl Document {
    /// Every section, depth first.
    pub fn all_sections(&self) -> Vec<&Section> {
        let mut out = Vec::new();
        for section in &self.sections {
            section.walk_into(&mut out);
        }
        out
    }

    /// Paragraphs lying inside `span`, each with its index in `paragraphs`.
    pub fn paragraphs_in(&self, span: Span) -> impl Iterator<Item = (usize, Span)> + '_ {
        self.paragraphs
            .iter()
            .copied()
            .enumerate()
            .filter(move |(_, p)| p.start >= span.start && p.end <= span.end)
    }
}
