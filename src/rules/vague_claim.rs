//! `vague-claim`: a stock results claim (取得明显成效, 显著提升 …) with no figure in its paragraph.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;

/// Matches the pack's `[vague-claim] phrases` in the paragraphs of the parts that report results
/// (`reports-results = true`) and of the listed parts; a paragraph
/// that states any count, amount, rate or date backs its claims and is left alone. One finding
/// per paragraph, on its first claim.
pub struct VagueClaim;

static INFO: RuleInfo = RuleInfo {
    id: "vague-claim",
    severity: Severity::Info,
    summary: "成效表述（“取得明显成效”“显著提升”等）所在段落没有任何数据支撑",
    explain: "\
## 检查什么
报告成效的部分中（年度报告的“主要举措和成效”、人大调查报告的“工作情况”，即规则包中标明
reports-results = true 的部分），写了“取得明显成效”“显著提升”“进一步增强”“成效显著”等成效套话，
而同一段落里没有任何次数、数量、金额、比率或日期的地方。短语表在规则包的 [vague-claim] 中。

## 为什么
《法治政府建设与责任落实督察工作规定》要求报告“主要举措和成效”，成效需要事实支撑；
只有评价没有数据的成效表述无法核实，督察时会被视为空话套话。

## 错误示例
    深入开展法治宣传教育，群众法治意识明显增强，取得了良好成效。

## 正确示例
    开展法治宣传活动126场，覆盖群众2.3万人次，群众法治意识明显增强。

## 配置
短语在规则包 [vague-claim] phrases 中增删；关闭：
    [rules]
    vague-claim = \"off\"
",
    options: &[],
};

impl Rule for VagueClaim {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        if cx.pack.vague_claims.is_empty() {
            return Vec::new();
        }
        let scopes: Vec<Span> = if cx.pack.vague_claim_parts.is_empty() {
            vec![Span::new(0, cx.source.text.len())]
        } else {
            cx.structure
                .occurrences
                .iter()
                .filter(|o| cx.pack.vague_claim_parts.contains(&o.part))
                .map(|o| o.span)
                .collect()
        };
        let mut found = Vec::new();
        let mut seen: Vec<Span> = Vec::new();
        for scope in scopes {
            for (index, paragraph) in cx.doc.paragraphs_in(scope) {
                if seen.contains(&paragraph) {
                    continue;
                }
                seen.push(paragraph);
                // Most paragraphs of the measures part state a figure: ask that first (the
                // quantities are worked out once per document) and search the phrases only in
                // the others.
                if cx.paragraph_quantities()[index]
                    .iter()
                    .any(|q| q.is_statistic())
                {
                    continue;
                }
                let text = cx.source.slice(paragraph);
                let first = cx
                    .pack
                    .vague_claims
                    .iter()
                    .filter_map(|p| p.find(text))
                    .min_by_key(|m| m.start);
                let Some(claim) = first else {
                    continue;
                };
                let phrase =
                    text[claim.clone()]
                        .trim_end_matches(['。', '；', '，', ',', ';', '、', '：']);
                let start = paragraph.start + claim.start;
                let span = Span::new(start, start + phrase.len());
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        span,
                        format!("“{phrase}”没有数据支撑：所在段落没有任何次数、数量、金额或比率"),
                    )
                    .label("成效表述")
                    .help("在同一段落中用数字说明成效（如办理了多少件、比率由多少提高到多少），或删去这一评价"),
                );
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn report(measures: &str) -> String {
        format!("某县人民政府关于2023年度法治政府建设情况的报告\n一、2023年法治政府建设主要举措和成效\n{measures}\n二、存在的不足和原因\n由于认识不足，群众法治意识明显增强。\n三、2024年工作安排\n进一步提升执法水平。\n")
    }

    #[test]
    fn fires_on_a_claim_without_figures() {
        let text = report("深入开展法治宣传教育，群众法治意识明显增强，取得了良好成效。");
        let found = run(&VagueClaim, &text);
        assert_eq!(flagged(&text, &found), vec!["明显增强"]);
    }

    fn investigation(work: &str) -> String {
        format!("某市人大常委会关于全市法治政府建设工作情况的调查报告\n一、工作情况\n{work}\n二、存在问题\n部分部门对法治政府建设重视不够，执法力量不足，各项工作取得明显成效。\n三、工作建议\n进一步压实责任，加强执法队伍建设，完善考核办法。\n")
    }

    #[test]
    fn judges_the_work_part_of_an_investigation_report_too() {
        let text = investigation("调查组认为，市政府扎实推进法治政府建设，各项工作取得明显成效。");
        let found = crate::rules::testing::run_with(&VagueClaim, &text, Some("npc-investigation"));
        assert_eq!(flagged(&text, &found), vec!["取得明显成效"]);
        let text = investigation("全市审查规范性文件46件，行政复议纠错率12%，各项工作取得明显成效。");
        let found = crate::rules::testing::run_with(&VagueClaim, &text, Some("npc-investigation"));
        assert!(found.is_empty(), "{:?}", flagged(&text, &found));
    }

    #[test]
    fn near_miss_a_figure_in_the_paragraph_or_outside_the_measures() {
        let text = report("开展法治宣传活动126场，覆盖群众2.3万人次，群众法治意识明显增强。");
        assert!(run(&VagueClaim, &text).is_empty());
        let text = report("开展法治宣传活动，建立普法责任清单制度。");
        assert!(run(&VagueClaim, &text).is_empty());
    }
}
