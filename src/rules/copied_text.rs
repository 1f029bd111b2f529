//! `copied-text`: a passage (nearly) the same as a passage of another document.

use super::{Context, OptionKind, OptionSpec, Options, Rule, RuleInfo};
use crate::copies::has_chars_outside_stock_phrases;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Source, Span};
use serde_json::json;

/// Reports passages found in a reference document (`--corpus`, `corpus = [...]`: earlier years'
/// reports, other bodies' reports) or in another draft checked in the same run, with the source
/// and what was changed (a character diff).
pub struct CopiedText;

static INFO: RuleInfo = RuleInfo {
    id: "copied-text",
    severity: Severity::Warning,
    summary: "一段文字与往年报告或其他单位的报告几乎相同",
    explain: "\
## 检查什么
报告中的一段文字与参考文件（往年报告、其他单位的报告：--corpus 或配置文件的 corpus）或同时检查的
另一份草稿几乎相同。提示中给出来源文件和行号、相似度，并列出改动之处（如只把“2021年”改成了
“2022年”）。同时检查多份草稿时，相同的段落只在排序靠后的文件中报告，指向靠前的文件
（按年份给文件命名即可让较早的报告排在前面）。
比较前去掉空格、换行和标点，统一全角半角，所以硬换行、改了标点的复制也能认出。
大量文件共有的套话和模板句不作为复制的依据；规则包 [copies] stock-phrases 中的套话不计入。

## 为什么
《法治政府建设与责任落实督察工作规定》要求报告如实反映本年度的工作。照抄往年报告、只改数字，
或者照搬其他单位的报告，是督察中通报的典型问题。

## 错误示例
    2022年，全县共办理行政复议案件36件……（与2021年报告逐字相同，只改了年份和件数）

## 正确示例
    如实写本年度的举措和成效；沿用的表述应核对是否仍然属实。

## 配置
    corpus = [\"archive/**/*.txt\"]     # 参考文件
    [rules]
    copied-text = { severity = \"warning\", min-chars = 40, min-similarity = 80, compare-drafts = true }
",
    options: &[
        OptionSpec {
            name: "min-chars",
            kind: OptionKind::Integer,
            doc: "相同的文字至少多少个字（不计空格和标点）才报告，默认 40",
        },
        OptionSpec {
            name: "min-similarity",
            kind: OptionKind::Integer,
            doc: "相似度（百分数）至少多少才报告，默认 80",
        },
        OptionSpec {
            name: "compare-drafts",
            kind: OptionKind::Bool,
            doc: "是否把同时检查的草稿互相比较，默认 true；false 时只与参考文件比较",
        },
    ],
};

impl Rule for CopiedText {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic> {
        let min_chars = options.integer("min-chars", super::duplicate_text::DEFAULT_MIN_CHARS);
        let min_similarity = options.integer("min-similarity", 80) as f64 / 100.0;
        let compare_drafts = options.bool("compare-drafts", true);
        let mut found = Vec::new();
        for copy in cx.copies {
            if copy.source_is_draft && !compare_drafts || copy.similarity < min_similarity {
                continue;
            }
            if copy.matched < min_chars
                || !has_chars_outside_stock_phrases(&copy.copy_text, &cx.pack.stock_phrases, min_chars)
            {
                continue;
            }
            let percent = (copy.similarity * 100.0).floor() as u32;
            let (a, b) = (copy.source_start.0, copy.source_end.0);
            let lines = if a == b { format!("第{a}行") } else { format!("第{a}—{b}行") };
            let message = if percent >= 100 {
                format!("这段文字与 {} {}相同", copy.source_name, lines)
            } else {
                format!("这段文字与 {} {}几乎相同（相似度{percent}%）", copy.source_name, lines)
            };
            let mut diagnostic = Diagnostic::new(INFO.id, copy.span, message)
                .label("与其他文件相同的文字")
                .note(format!("来源：{}:{}:{}", copy.source_name, copy.source_start.0, copy.source_start.1))
                .help("核对这段文字是否如实反映本年度、本单位的情况，按实际改写")
                .copying(copy.source_passage.clone())
                .data("source", copy.source_name.clone())
                .data(
                    "source_span",
                    json!({ "start": copy.source_span.start, "end": copy.source_span.end }),
                )
                .data(
                    "source_range",
                    json!({
                        "start": { "line": copy.source_start.0, "column": copy.source_start.1 },
                        "end": { "line": copy.source_end.0, "column": copy.source_end.1 },
                    }),
                )
                .data("similarity", (copy.similarity * 1000.0).round() / 1000.0);
            if copy.also_in > 0 {
                diagnostic = diagnostic
                    .note(format!("同样的文字还见于另外 {} 份更早的文件", copy.also_in))
                    .data("also_in", copy.also_in);
            }
            diagnostic = with_changes(diagnostic, &copy.changes);
            found.push(diagnostic);
        }
        found
    }
}

/// Attach the changed fragments as a note and as `data.changes`.
pub(super) fn with_changes(diagnostic: Diagnostic, changes: &[(String, String)]) -> Diagnostic {
    if changes.is_empty() {
        return diagnostic.data("changes", json!([]));
    }
    let listed: Vec<String> = changes
        .iter()
        .map(|(was, now)| {
            let shown = |s: &str| if s.is_empty() { "（无）".to_string() } else { format!("“{s}”") };
            format!("{}→{}", shown(was), shown(now))
        })
        .collect();
    diagnostic
        .note(format!("改动之处：{}", listed.join("，")))
        .data(
            "changes",
            changes
                .iter()
                .map(|(was, now)| json!({ "from": was, "to": now }))
                .collect::<Vec<_>>(),
        )
}

/// A span as JSON line/column range (1-based, columns in characters).
pub(super) fn range_json(source: &Source, span: Span) -> serde_json::Value {
    let start = source.position(span.start);
    let end = source.position(span.end);
    json!({
        "start": { "line": start.line + 1, "column": start.char_column + 1 },
        "end": { "line": end.line + 1, "column": end.char_column + 1 },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::{CopyDocument, find_copies};
    use std::sync::Arc;

    const LAST_YEAR: &str = "某县人民政府关于2021年度法治政府建设情况的报告\n一、主要举措和成效\n2021年，全县共办理行政复议案件36件，行政诉讼案件应诉52件，行政机关负责人出庭应诉率达到100%，全面落实重大行政决策合法性审查制度。\n";

    fn check(draft: &str, reference: &str) -> Vec<Diagnostic> {
        let docs = vec![
            CopyDocument { source: Arc::new(Source::new("2021.txt", reference)), draft: false },
            CopyDocument { source: Arc::new(Source::new("2022.txt", draft)), draft: true },
        ];
        let copies = find_copies(&docs);
        let report = crate::check_with_copies(Source::new("2022.txt", draft), &crate::Settings::default(), &copies[1]);
        report.diagnostics.into_iter().filter(|d| d.rule == "copied-text").collect()
    }

    #[test]
    fn fires_on_last_years_text_with_the_year_changed() {
        let draft = LAST_YEAR.replace("2021", "2022").replace("36件", "41件");
        let found = check(&draft, LAST_YEAR);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("2021.txt 第3行几乎相同"), "{}", found[0].message);
        assert_eq!(found[0].datum("source"), "2021.txt");
        let original = found[0].original.as_deref().expect("the source passage");
        assert_eq!(original.document.as_deref(), Some("2021.txt"));
        assert_eq!(original.line, 3);
        assert!(LAST_YEAR.lines().nth(2) == Some(original.text.as_str()), "{original:?}");
        assert!(original.text[original.passage.clone()].contains("36件"), "{original:?}");
        let changes = found[0].datum("changes").to_string();
        assert!(changes.contains("2021年") && changes.contains("2022年") && changes.contains("41件"), "{changes}");
    }

    #[test]
    fn silent_on_an_independently_written_report() {
        let draft = "某县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n今年全县新建公共法律服务工作站14个，培育法律明白人320名，调解矛盾纠纷1180件，调解成功率达到96.3%。\n";
        assert!(check(draft, LAST_YEAR).is_empty());
    }
}
