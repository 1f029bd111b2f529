//! `cjk-spacing`: spaces inside Chinese text, between Chinese and numbers, or beside Chinese
//! punctuation (「2019 年」 from PDF or Word export).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::parse::LineKind;
use crate::prose::chars::{
    chars_led_by, chinese_half_width, is_cjk_punct, is_han, is_space, lead_bytes,
};
use crate::source::Span;

/// Chinese official documents put no space between Han characters, between Han characters and
/// numbers, or next to full-width punctuation — the opposite of the English-style spacing some
/// typography tools insert. Indentation, trailing spaces, spaces between Chinese and Latin
/// words, the space before the date of a 印发 line, the space before a bracketed heading number
/// run into the line before it (a lost line break) and spaces inside code and markup are left
/// alone.
///
/// A space that separates two whole phrases is layout, not a typo, and is left alone too: the two
/// halves of a theme, slogan or case title (a full-width space or a line break in print), when it
/// stands in quotation marks (opened before it on the line), on a heading or title line, or on a
/// line of its own made of the two halves only, and both sides are runs of at least
/// [`PHRASE_MIN_HAN`] Han characters; and the space between joint issuers in a cited
/// title (《甲省教育厅 甲省司法厅关于……》), where the left name ends in an organisation
/// suffix. Deleting such a space would change how the text reads, so it is neither reported nor
/// fixed.
pub struct CjkSpacing;

static INFO: RuleInfo = RuleInfo {
    id: "cjk-spacing",
    severity: Severity::Warning,
    summary: "汉字之间、汉字与数字之间或标点前后有多余的空格，可自动删除",
    explain: "\
## 检查什么
一行文字中间的空格（半角空格、全角空格、不间断空格、制表符），如果它：
- 夹在两个汉字之间（“法治 政府”）；
- 夹在汉字和数字之间（“2019 年”“关于 2019 年度”）；
- 紧挨着全角标点（“报告如下： 一是”““ 12345 ””“〔 2020 〕”），或紧挨着应改为全角的半角标点；
- 夹在数字和百分号之间（“98.3 %”）。
行首缩进、行末空格、汉字与英文单词之间的空格（“浦东 E 家园”）、印发机关和印发日期之间的空格、
接在上一标题后面的括号序号前的空格（“一、主要举措和成效 （一）加强领导”，是丢失的换行），以及
Markdown 代码、HTML 中的空格不在此列。

隔开两个完整短语的空格是版式，不是多余的空格，也不提示、不删除：
- 引号内、标题或小标题行上，或整行只有这两个短语时，空格两侧各是至少 4 个汉字的短语，如主题口号、
  案例名称、小标题的上下两半
  （“弘扬法治精神 护航乡村振兴”，印刷时是全角空格或换行）；
- 书名号内联合发文机关之间的空格（《某省教育厅 某省司法厅关于……的通知》《省委 省政府关于……》）：
  左边以厅、局、委、部、院、办等机关名称结尾，右边到“关于”之前没有标点。

## 为什么
GB/T 15834-2011、GB/T 15835-2011 的中文排版不在汉字、数字和标点之间加空格，字距由排版统一处理。
“2019 年”这类空格多是从 PDF、Word 导出时带入的。这与某些排版工具在中英文之间加空格的英文式习惯相反。

## 错误示例
    金杨新村街道关于 2019 年度法治政府建设情况的报告

## 正确示例
    金杨新村街道关于2019年度法治政府建设情况的报告
    围绕“弘扬法治精神 护航乡村振兴”主题开展宣传（口号两半之间的空格保留）

## 配置
--fix 会删除这些空格（只删空格，不改动文字）。同类问题很多时，文本输出只显示第一处并注明总数。关闭：

    [rules]
    cjk-spacing = \"off\"
",
    options: &[],
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Han,
    Punct,
    Digit,
    Percent,
    Other,
}

fn class(c: char, converted: bool) -> Class {
    if converted || is_cjk_punct(c) {
        Class::Punct
    } else if is_han(c) {
        Class::Han
    } else if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        Class::Digit
    } else if matches!(c, '%' | '％' | '‰') {
        Class::Percent
    } else {
        Class::Other
    }
}

/// What lies on both sides of the space, for the message; `None` when the space is allowed.
fn kind(left: Class, right: Class) -> Option<&'static str> {
    use Class::*;
    match (left, right) {
        (Han, Han) => Some("汉字之间"),
        (Han, Digit) | (Digit, Han) => Some("汉字与数字之间"),
        (Punct, _) | (_, Punct) => Some("标点前后"),
        (Digit, Percent) => Some("数字与百分号之间"),
        _ => None,
    }
}

/// Bytes from a space to the end of the cited title it is in, at most (a title of 200
/// characters); a mark never closed does not make the rest of a long line a title.
const LONGEST_CITED_TITLE: usize = 600;

/// How many Han characters each half of a phrase pair has at least.
const PHRASE_MIN_HAN: usize = 4;

/// Last characters of an organisation name (厅, 局, 委 …), for joint issuers in a cited title.
const ORGANISATION_ENDS: &[char] = &[
    '厅', '局', '委', '部', '院', '办', '府', '会', '央', '室', '署', '司', '行', '处', '所', '团',
    '组', '党', '队', '站', '中', '馆',
];

/// Han characters directly before `end` and directly after `start`, in a line.
fn han_run_before(line: &str, end: usize) -> usize {
    line[..end].chars().rev().take_while(|&c| is_han(c)).count()
}

fn han_run_after(line: &str, start: usize) -> usize {
    line[start..].chars().take_while(|&c| is_han(c)).count()
}

/// Where a line's paired marks (book-title marks, quotation marks) open and close, found once per
/// line so that asking about each of its spaces costs a binary search, not a scan of the line.
struct Enclosures {
    titles: Marks,
    quotes: Marks,
    /// Straight quotes `"`, which open and close alike: inside when an odd number precede.
    straight_quotes: Vec<usize>,
}

/// Byte offsets of a pair's opening and of its closing marks in a line, in order.
struct Marks {
    opens: Vec<usize>,
    closes: Vec<usize>,
}

impl Marks {
    fn of(line: &str, open: &[char], close: &[char]) -> Marks {
        let at = |marks: &[char]| -> Vec<usize> {
            line.char_indices()
                .filter(|(_, c)| marks.contains(c))
                .map(|(i, _)| i)
                .collect()
        };
        Marks {
            opens: at(open),
            closes: at(close),
        }
    }

    /// Whether `at` lies after an opening mark not closed before it on the line (the closing
    /// mark may be on a later line when the text is hard-wrapped).
    fn encloses(&self, at: usize) -> bool {
        let last = |marks: &[usize]| {
            let before = marks.partition_point(|&m| m < at);
            before.checked_sub(1).map(|i| marks[i])
        };
        match (last(&self.opens), last(&self.closes)) {
            (Some(o), Some(c)) => o > c,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

impl Enclosures {
    fn of(line: &str) -> Enclosures {
        Enclosures {
            titles: Marks::of(line, &['《', '〈'], &['》', '〉']),
            quotes: Marks::of(line, &['“', '「', '『'], &['”', '」', '』']),
            straight_quotes: line.match_indices('"').map(|(i, _)| i).collect(),
        }
    }

    fn in_title(&self, at: usize) -> bool {
        self.titles.encloses(at)
    }

    fn quoted(&self, at: usize) -> bool {
        self.quotes.encloses(at) || self.straight_quotes.partition_point(|&q| q < at) % 2 == 1
    }
}

/// Whether the whole line is two runs of Han characters around this one space: a heading or a
/// slogan on a line of its own (「坚持高位推动 法治建设责任不断压实」), not running text.
fn two_phrase_line(line: &str, run_start: usize, run_end: usize) -> bool {
    let (lead, trail) = crate::parse::text::trimmed_range(line);
    let (left, right) = (&line[lead..run_start], &line[run_end..trail]);
    let chars = left.chars().count() + right.chars().count();
    (8..=40).contains(&chars) && left.chars().chain(right.chars()).all(is_han)
}

/// Whether the Han–Han space at `run_start..run_end` separates two whole phrases (see
/// [`CjkSpacing`]) and is to be kept.
fn separates_phrases(
    line: &str,
    enclosures: &Enclosures,
    (run_start, run_end): (usize, usize),
    title_or_heading: bool,
) -> bool {
    let left = han_run_before(line, run_start);
    let right = han_run_after(line, run_end);
    let in_title = enclosures.in_title(run_start);
    let quoted = enclosures.quoted(run_start);
    if left >= PHRASE_MIN_HAN
        && right >= PHRASE_MIN_HAN
        && (quoted || title_or_heading || two_phrase_line(line, run_start, run_end))
    {
        return true;
    }
    // Joint issuers: 《甲省教育厅 甲省司法厅关于……》, 《省委 省政府关于……》.
    if in_title && left >= 2 && right >= 2 {
        let ends_as_organisation = line[..run_start]
            .chars()
            .next_back()
            .is_some_and(|c| ORGANISATION_ENDS.contains(&c));
        let closes = &enclosures.titles.closes;
        let close = closes
            .get(closes.partition_point(|&c| c < run_end))
            .copied()
            .unwrap_or(line.len());
        return ends_as_organisation
            && close - run_end <= LONGEST_CITED_TITLE
            && line[run_end..close].contains("关于");
    }
    false
}

impl Rule for CjkSpacing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found = Vec::new();
        for (index, line) in prose.lines() {
            let line_text = &text[line.range()];
            if line_text.is_ascii() {
                continue;
            }
            let runs = space_runs(line_text);
            if runs.is_empty() {
                continue;
            }
            let verbatim = prose.verbatim.within(line);
            let converted: Vec<usize> = chinese_half_width(line_text, &verbatim)
                .into_iter()
                .map(|w| w.offset)
                .collect();
            let issuance = cx.doc.lines[index].kind == LineKind::Issuance;
            let title_or_heading = cx.doc.lines[index].kind == LineKind::Heading
                || cx
                    .doc
                    .title
                    .as_ref()
                    .is_some_and(|t| t.lines.iter().any(|l| l.start < line.end && line.start < l.end));
            let mut enclosures = None;
            // A title run together with its first paragraph: the space between them divides.
            let title_end = cx.doc.title.as_ref().map(|t| t.span.end);
            for (run_start, run_end) in runs {
                if run_start == 0
                    || run_end == line_text.len()
                    || title_end == Some(line.start + run_start)
                    || verbatim.iter().any(|r| r.start < run_end && run_start < r.end)
                {
                    continue;
                }
                let l = line_text[..run_start].chars().next_back().expect("a character");
                let (lo, ro) = (run_start - l.len_utf8(), run_end);
                let r = line_text[ro..].chars().next().expect("a character");
                let left = class(l, converted.binary_search(&lo).is_ok());
                let right = class(r, converted.binary_search(&ro).is_ok());
                let Some(what) = kind(left, right) else {
                    continue;
                };
                // A heading run into the line before it (「一、主要举措和成效 （一）加强领导」):
                // the space stands for a lost line break, and deleting it would glue the two.
                if left != Class::Digit && starts_with_heading_marker(&line_text[ro..]) {
                    continue;
                }
                // 印发 line: 印发机关 and 印发日期 are separated by a space (GB/T 9704).
                if issuance
                    && left == Class::Han
                    && right == Class::Digit
                    && line_text[ro..].bytes().take(4).all(|b| b.is_ascii_digit())
                {
                    continue;
                }
                if left == Class::Han
                    && right == Class::Han
                    && separates_phrases(
                        line_text,
                        enclosures.get_or_insert_with(|| Enclosures::of(line_text)),
                        (run_start, ro),
                        title_or_heading,
                    )
                {
                    continue;
                }
                let span = Span::new(line.start + run_start, line.start + ro);
                let mut before: Vec<char> = line_text[..run_start].chars().rev().take(4).collect();
                before.reverse();
                let before: String = before.into_iter().collect();
                let after: String = line_text[ro..].chars().take(4).collect();
                let spaces = &text[span.range()];
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        span,
                        format!("{what}不应有空格：“{before}{spaces}{after}”"),
                    )
                    .label("多余的空格")
                    .help("中文排版不在汉字、数字和标点之间加空格（--fix 可自动删除）")
                    .with_fix(Fix {
                        description: "删除多余的空格".into(),
                        edits: vec![Edit {
                            span,
                            replacement: "".into(),
                        }],
                    }),
                );
            }
        }
        found
    }
}

/// Whether `rest` starts with a bracketed heading number: （一）, (一), （1）, (1).
fn starts_with_heading_marker(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix(['（', '(']) else {
        return false;
    };
    let number: String = inner
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .collect();
    (1..=3).contains(&number.chars().count()) && inner[number.len()..].starts_with(['）', ')'])
}

/// Byte ranges of the runs of spaces in a line, in order.
fn space_runs(line: &str) -> Vec<(usize, usize)> {
    // ' ', tab, and the first bytes of U+00A0, U+2002, U+2003, U+3000 and U+FEFF.
    const LEADS: [bool; 256] = lead_bytes(&[b' ', b'\t', 0xC2, 0xE2, 0xE3, 0xEF]);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (offset, c) in chars_led_by(line, &LEADS).filter(|&(_, c)| is_space(c)) {
        let end = offset + c.len_utf8();
        match runs.last_mut() {
            Some(run) if run.1 == offset => run.1 = end,
            _ => runs.push((offset, end)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_spaces_around_numbers_and_punctuation() {
        let text = "某街道关于 2019 年度法治政府建设情况的报告\n一、主要举措\n办结率 100% 。 受理网上申请 3 起,会议 , 认真\n";
        let found = run(&CjkSpacing, text);
        assert_eq!(found.len(), 9, "{:?}", flagged(text, &found));
        assert_eq!(found[0].message, "汉字与数字之间不应有空格：“街道关于 2019”");
        assert!(found.iter().all(|d| flagged(text, std::slice::from_ref(d))[0].trim().is_empty()));
    }

    #[test]
    fn silent_on_indentation_latin_words_and_issuance_lines() {
        let text = "一、主要举措\n　　浦东 E 家园 APP 上线，Windows 系统。  \n某街道党政办公室 2020年1月15日印发\n";
        assert!(run(&CjkSpacing, text).is_empty(), "{:?}", run(&CjkSpacing, text));
    }

    #[test]
    fn keeps_the_space_between_two_phrases_of_a_theme_a_heading_or_joint_issuers() {
        let text = "某县关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）坚持高位谋划 法治建设责任持续压实\n强化统筹推进 依法行政水平稳步提升\n围绕“以法治思想为引领 奋力推进县域治理现代化”主题开展宣传。根据《某省教育厅 某省司法厅关于开展宣传周活动的通知》《省委 省政府关于加强法治建设的意见》要求，组织学习。\n";
        let found = run(&CjkSpacing, text);
        assert!(found.is_empty(), "{:?}", flagged(text, &found));
    }

    #[test]
    fn straight_quotes_enclose_a_theme_only_while_open() {
        // Inside "…" the two phrases of a theme keep their space; after the closing quote a
        // space between two long clauses of running text is a typo again.
        let text = "一、主要举措和成效\n开展\"弘扬法治精神 护航乡村振兴\"主题活动，全县上下高度重视法治政府 建设工作。\n";
        let found = run(&CjkSpacing, text);
        assert_eq!(flagged(text, &found), [" "], "{:?}", found);
        assert!(found[0].message.contains("法治政府 建设"), "{}", found[0].message);
    }

    #[test]
    fn still_fixes_a_stray_space_in_running_text_or_a_short_word() {
        // Outside quotes and headings a long clause before the space is still a typo, and so is
        // a short word inside quotes or a title that is not an issuer.
        let text = "一、主要举措和成效 （一）强化领导\n全县上下高度重视法治政府 建设工作。开展“法治 进乡村”活动，印发《某县法治 宣传方案》。\n";
        let found = run(&CjkSpacing, text);
        assert_eq!(found.len(), 3, "{:?}", flagged(text, &found));
        assert!(found.iter().all(|d| d.fix.is_some()));
    }

    #[test]
    fn silent_inside_code_and_markup() {
        let md = "# 一、主要举措\n\n运行`法治 政府`命令，<span title=\"法治 政府\">标签</span>。\n\n    缩进代码 一 二\n\n```\n围栏代码 一 二\n```\n";
        let found = crate::rules::testing::run_markdown(&CjkSpacing, md);
        assert!(found.is_empty(), "{:?}", flagged(md, &found));
        // The same spaces in prose are reported.
        let md = "# 一、主要举措\n\n法治 政府，[法治 政府](https://a.cn)。\n";
        let found = crate::rules::testing::run_markdown(&CjkSpacing, md);
        assert_eq!(found.len(), 2, "{:?}", flagged(md, &found));
    }
}
