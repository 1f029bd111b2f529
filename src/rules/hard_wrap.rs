//! `hard-wrap`: a sentence broken across lines, as text copied from a PDF is.

use crate::prose::Prose;
use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::source::Span;

/// Reports each line that stops mid-sentence while the next line continues the sentence; the
/// fix joins the two lines.
pub struct HardWrap;

static INFO: RuleInfo = RuleInfo {
    id: "hard-wrap",
    severity: Severity::Warning,
    summary: "句子在中间断行（从 PDF 复制的文字常见），可自动连接",
    explain: "\
## 检查什么
一行文字在句子中间结束（行末没有句号、问号、分号、冒号等），下一行接着同一句话；标题编号单独
占一行、标题文字在下一行（“（一）”／“加强学习宣传”）。从 PDF 复制的文字每到版面行末就断开，还常在
各行之间插入空行，标题、数字、书名都会被拆开。
以逗号、顿号、左括号结尾的行，或以逗号、句号、右括号开头的行，肯定是断行；其余在句中结束的行，
长度达到 25 个字，或文档中已有两处以上肯定的断行时，才算断行，以免把没有编号的小标题当成断行。
标题、主送机关、落款、编号标题和“一是……”开头的行不在检查之列。

## 为什么
断行会把一句话拆成几段，审阅和排版时都要逐行重接；断开的标题、年份（“2021”独占一行）还会让
其他检查和检索找不到它们。GB/T 9704-2012 规定正文按段落排版，段内不换行。

## 错误示例
    紧跟上级决策部署，落实学法制度，不断增强新时期依法行

    政水平。

## 正确示例
    紧跟上级决策部署，落实学法制度，不断增强新时期依法行政水平。

## 配置
--fix 会把断开的两行连成一行（只删除换行和空白，不改动文字）。关闭：

    [rules]
    hard-wrap = \"off\"
",
    options: &[],
};

fn tail(text: &str, n: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

impl Rule for HardWrap {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found: Vec<Diagnostic> = broken_headings(cx, prose);
        found.extend(prose.wraps().into_iter()
            .map(|wrap| {
                let before = &text[..wrap.gap.start];
                let after = &text[wrap.gap.end..];
                let last = before.chars().next_back().map_or(0, char::len_utf8);
                let first = after.chars().next().map_or(0, char::len_utf8);
                let line_start = cx.doc.lines[wrap.first].span.start;
                let line_end = cx.doc.lines[wrap.second].span.end;
                let head: String = text[wrap.gap.end..line_end].chars().take(6).collect();
                let end_of_first = tail(&text[line_start..wrap.gap.start], 8);
                Diagnostic::new(
                    INFO.id,
                    Span::new(wrap.gap.start - last, wrap.gap.end + first),
                    format!("句子在“{end_of_first}”后断行，下一行“{head}”接着同一句"),
                )
                .label("句中断行")
                .help("把两行连成一行（--fix 可自动连接）；从 PDF 复制的文字常这样断行")
                .with_fix(Fix {
                    description: "连接断开的两行".into(),
                    edits: vec![Edit {
                        span: wrap.gap,
                        replacement: wrap.joiner.to_string().into(),
                    }],
                })
            }));
        found
    }
}

/// Heading numbers standing alone on their line, their text on a later line (「（一）」 /
/// 「加强学习宣传」): joined like a broken sentence.
fn broken_headings(cx: &Context, prose: &Prose) -> Vec<Diagnostic> {
    let text = cx.source.text.as_str();
    cx.doc
        .all_sections()
        .into_iter()
        .filter(|s| {
            s.heading.broken
                && !prose.in_debris(s.heading.marker.span.start)
                && !prose.touches_verbatim(Span::new(
                    s.heading.marker.span.start,
                    s.heading.text_span.start,
                ))
        })
        .filter_map(|section| {
            let heading = &section.heading;
            let gap = Span::new(heading.marker.span.end, heading.text_span.start);
            let between = text.get(gap.range())?;
            if !between.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
                return None;
            }
            let marker = text[heading.marker.span.range()].trim();
            let title: String = heading.text.chars().take(8).collect();
            Some(
                Diagnostic::new(
                    INFO.id,
                    Span::new(heading.marker.span.start, heading.text_span.end),
                    format!("标题编号“{marker}”和标题文字“{title}”断在不同的行"),
                )
                .label("标题断行")
                .help("把编号和标题文字连成一行（--fix 可自动连接）；从 PDF 复制的文字常这样断行")
                .with_fix(Fix {
                    description: "连接标题编号和标题文字".into(),
                    edits: vec![Edit {
                        span: gap,
                        replacement: "".into(),
                    }],
                }),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn fires_on_a_sentence_broken_over_lines() {
        let text = "一、主要举措\n紧跟上级决策部署，落实学法制度，不断增强新时期依法行\n\n政水平。\n";
        let found = run(&HardWrap, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "句子在“增强新时期依法行”后断行，下一行“政水平。”接着同一句"
        );
        let edit = &found[0].fix.as_ref().unwrap().edits[0];
        assert_eq!(&text[edit.span.range()], "\n\n");
    }

    #[test]
    fn fires_on_a_heading_number_alone_on_its_line() {
        let text = " 一、\n\n推进法治政府建设的主要举措和成效\n\n（一）\n\n加强学习宣传\n\n正文。\n";
        let found = run(&HardWrap, text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "标题编号“一、”和标题文字“推进法治政府建设”断在不同的行");
        let edit = &found[1].fix.as_ref().unwrap().edits[0];
        assert_eq!(&text[edit.span.range()], "\n\n");
    }

    #[test]
    fn silent_on_headings_without_numbers_and_complete_sentences() {
        let text = "一、主要举措\n工作亮点\n全年办结案件12件。\n学法制度\n全年集体学法6次。\n";
        assert!(run(&HardWrap, text).is_empty());
    }
}
