//! `duplicate-text`: a passage repeated inside the document.

use super::{Context, OptionKind, OptionSpec, Options, Rule, RuleInfo};
use crate::copies::{has_chars_outside_stock_phrases, repeated_passages};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;

/// Finds passages that repeat an earlier passage of the same document, after folding
/// whitespace, line breaks, punctuation widths, dashes and quotes: the report pasted twice, once
/// hard-wrapped from a PDF, is one passage pointing at its original.
pub struct DuplicateText;

pub(super) const DEFAULT_MIN_CHARS: usize = 40;

static INFO: RuleInfo = RuleInfo {
    id: "duplicate-text",
    severity: Severity::Warning,
    summary: "同一段文字在报告中出现了两次",
    explain: "\
## 检查什么
报告中有一段文字重复了前文的内容。比较前先去掉空格、换行和标点，统一全角半角、破折号和引号，
所以从 PDF 复制、被硬换行打断的第二份也能认出来，并作为一整段报告，指向它的原文。
两处只有个别字不同（如年份、数字）时，提示中列出改动之处。少于 min-chars 个字的重复和规则包
[copies] stock-phrases 中的套话（如“深入学习贯彻习近平法治思想”）不算。

## 为什么
整篇或整段重复粘贴是起草、合稿时最常见的失误之一，报送后会被认为未经审核。
《党政机关公文处理工作条例》要求公文“内容简洁”、审核把关。

## 错误示例
    一、主要举措和成效
    ……（第一份）
     一、
    推进法治政府建设的主要举措和成效
    ……（同一内容又粘贴了一遍）

## 正确示例
只保留一份。

## 配置
    [rules]
    duplicate-text = { severity = \"warning\", min-chars = 60 }
",
    options: &[OptionSpec {
        name: "min-chars",
        kind: OptionKind::Integer,
        doc: "重复文字至少多少个字（不计空格和标点）才报告，默认 40",
    }],
};

impl Rule for DuplicateText {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic> {
        let min_chars = options.integer("min-chars", DEFAULT_MIN_CHARS);
        let text = cx.source.normalized();
        let mut found = Vec::new();
        for passage in repeated_passages(text) {
            let copy = text.string(passage.x0, passage.x1);
            if passage.matched < min_chars
                || !has_chars_outside_stock_phrases(&copy, &cx.pack.stock_phrases, min_chars)
            {
                continue;
            }
            let span = text.span(&cx.source.text, passage.x0, passage.x1);
            let original = text.span(&cx.source.text, passage.y0, passage.y1);
            let lines = |s: Span| {
                let (a, b) = (cx.source.position(s.start).line + 1, cx.source.position(s.end).line + 1);
                if a == b { format!("第{a}行") } else { format!("第{a}—{b}行") }
            };
            let similarity = (passage.similarity() * 100.0).floor() as u32;
            let mut message = format!("这段文字重复了{}的内容", lines(original));
            if similarity < 100 {
                message.push_str(&format!("（相似度{similarity}%）"));
            }
            let mut diagnostic = Diagnostic::new(INFO.id, span, message)
                .label("重复的文字")
                .secondary(original, "原文")
                .copying(crate::copies::original(None, cx.source, original))
                .help("删除重复的部分；若确需两处都有，请改写其中一处")
                .data("original", crate::rules::copied_text::range_json(cx.source, original))
                .data("similarity", (passage.similarity() * 1000.0).round() / 1000.0);
            if similarity < 100 {
                let changes = crate::copies::align::changed_fragments(
                    &cx.source.text,
                    text,
                    passage.y0..passage.y1,
                    &cx.source.text,
                    text,
                    passage.x0..passage.x1,
                    8,
                );
                diagnostic = crate::rules::copied_text::with_changes(diagnostic, &changes);
            }
            found.push(diagnostic);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    const PARAGRAPH: &str = "全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年评查行政执法案卷126卷，发现并整改问题18个，执法规范化水平明显提升。";

    #[test]
    fn fires_on_a_paragraph_pasted_twice_once_hard_wrapped() {
        let wrapped: String = PARAGRAPH.chars().collect::<Vec<_>>().chunks(17).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\n\n");
        let text = format!("一、主要举措和成效\n{PARAGRAPH}\n二、存在的不足和原因\n由于认识不足。\n{wrapped}\n");
        let found = run(&DuplicateText, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "这段文字重复了第2行的内容");
        assert!(text[found[0].span.range()].starts_with("全面推行"));
        assert!(found[0].span.start > text.find("由于").unwrap());
    }

    #[test]
    fn silent_on_stock_phrases_and_short_repeats() {
        let text = "一、主要举措和成效\n坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。\n二、存在的不足和原因\n坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。\n";
        assert!(run(&DuplicateText, text).is_empty());
    }
}
