//! `stats-inconsistent`: numbers in one sentence that cannot all be true.

use super::{Context, OptionKind, OptionSpec, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::numbers::{Kind, Quantity, clauses, sentences};
use crate::source::{Source, Span};

/// Within each sentence: a rate (…率 N%) above 100 %; a rate that disagrees with the two counts
/// it is computed from (受理79166件，办结79136件，办结率99%); 全部/均已 beside a rate under 100 %
/// for the items just counted; the parts after 其中 adding up to more than their total.
pub struct StatsInconsistent;

static INFO: RuleInfo = RuleInfo {
    id: "stats-inconsistent",
    severity: Severity::Error,
    summary: "同一句中的数字相互矛盾（比率超过100%、比率与件数不符、“全部”却不足100%、分项之和超过总数）",
    explain: "\
## 检查什么
同一句话里不可能同时成立的数字：
- “××率”超过100%（增长率、同比等可以超过100%的除外）；
- 写明的比率与旁边的件数算出的比率不符：“受理48件，审结45件，审结率93.8%”相符；
  “受理48件，审结45件，审结率98%”不符。允许末位四舍五入和 tolerance 个百分点的误差；
- 说“全部”“均已”办结、解决，却给出不到100%的比率；
- “其中”后列出的分项之和超过前面的总数。

## 为什么
《法治政府建设与责任落实督察工作规定》要求报告如实反映情况；报告公开发布，数字自相矛盾会直接
损害政府公信力，也是督察核查的重点。GB/T 15835-2011 要求统计数字准确、用阿拉伯数字书写。

## 错误示例
    累计排查交办信访问题30余件，30余件信访问题全部得到有效解决，化解率达到99.6%。

## 正确示例
    累计排查交办信访问题32件，已解决31件，化解率96.9%。

## 配置
    [rules]
    stats-inconsistent = { severity = \"error\", tolerance = 0.5 }   # 允许的误差（百分点）
表示“全部”的词、可以超过100%的比率名称在规则包 [statistics] 中。
",
    options: &[OptionSpec {
        name: "tolerance",
        kind: OptionKind::Number,
        doc: "写明的比率与件数算出的比率之间允许的误差，单位为百分点（默认取规则包的 rate-tolerance）",
    }],
};

/// A rate: a percentage with the name it is given (办结率 → 办结).
struct Rate<'q> {
    quantity: &'q Quantity,
    /// The characters before 率 (办结, 调解成功, 化解).
    name: String,
}

const BOUNDARY: &[char] = &['，', ',', '、', '：', ':', '；', '。', '（', '）', '(', ')'];

/// The rate a percentage states: 「办结率达到了99%」 → 办结.
fn rate_name(text: &str, before: usize, percent: &Quantity) -> Option<String> {
    let lead = &text[before..percent.span.start];
    let lead = lead.rsplit(BOUNDARY).next().unwrap_or(lead);
    let at = lead.rfind('率')?;
    let gap = &lead[at + '率'.len_utf8()..];
    if gap.chars().count() > 6 {
        return None;
    }
    let name: String = lead[..at]
        .chars()
        .rev()
        .take_while(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

fn format_rate(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn is_count(q: &Quantity) -> bool {
    q.kind == Kind::Count && q.is_exact()
}

struct Checker<'a> {
    source: &'a Source,
    all_words: &'a [crate::config::pattern::Pattern],
    unbounded: &'a [crate::config::pattern::Pattern],
    completion: &'a [crate::config::pattern::Pattern],
    tolerance: f64,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn sentence(&mut self, sentence: Span, quantities: &[Quantity]) {
        let text = &self.source.text;
        let mut rates = Vec::new();
        let mut previous_end = sentence.start;
        for q in quantities {
            if q.kind == Kind::Percent
                && let Some(name) = rate_name(text, previous_end, q)
            {
                rates.push(Rate { quantity: q, name });
            }
            previous_end = q.span.end;
        }
        for rate in &rates {
            self.over_100(rate);
            self.against_counts(sentence, quantities, rate);
        }
        self.all_but_rate(sentence, quantities, &rates);
        self.parts_over_total(sentence, quantities);
    }

    fn over_100(&mut self, rate: &Rate) {
        let q = rate.quantity;
        let value = q.upper.unwrap_or(q.value);
        if value <= 100.0 || self.unbounded.iter().any(|p| p.is_match(&rate.name)) {
            return;
        }
        let written = self.source.slice(q.span);
        self.found.push(
            Diagnostic::new(
                INFO.id,
                q.span,
                format!("“{}率”为{written}，超过了100%", rate.name),
            )
            .label("比率不可能超过100%")
            .help("核对这一比率的分子和分母；如果是增长幅度，写作“增长××%”"),
        );
    }

    /// The count the rate is of (办结79136件 for 办结率) and the total before it (受理79166件).
    fn against_counts(&mut self, sentence: Span, quantities: &[Quantity], rate: &Rate) {
        let text = &self.source.text;
        let q = rate.quantity;
        if !q.is_exact() || q.value > 100.0 {
            return;
        }
        let stem: String = {
            let chars: Vec<char> = rate.name.chars().collect();
            chars[chars.len().saturating_sub(2)..].iter().collect()
        };
        let before: Vec<&Quantity> = quantities
            .iter()
            .filter(|c| c.span.end <= q.span.start && is_count(c))
            .collect();
        // The part: the last count whose clause names the rate's action before it.
        let clause_spans = clauses(text, sentence);
        let clause_of = |s: Span| {
            clause_spans
                .iter()
                .copied()
                .find(|c| c.start <= s.start && s.start < c.end.max(c.start + 1))
        };
        let Some(part_index) = before.iter().rposition(|c| {
            clause_of(c.span).is_some_and(|clause| text[clause.start..c.span.start].contains(&stem))
        }) else {
            return;
        };
        let part = before[part_index];
        let Some(total) = before[..part_index]
            .iter()
            .rev()
            .find(|t| t.unit == part.unit && t.value >= part.value && t.value > 0.0)
        else {
            return;
        };
        // The two counts and the rate must sit in consecutive clauses, as one statement.
        let part_clause = clause_of(part.span);
        let total_clause = clause_of(total.span);
        if let (Some(pc), Some(tc)) = (part_clause, total_clause) {
            let between = clause_spans
                .iter()
                .filter(|c| c.start > tc.start && c.start < pc.start)
                .count();
            if between > 2 {
                return;
            }
        }
        let actual = part.value / total.value * 100.0;
        let step = 10f64.powi(-(q.decimals() as i32));
        let allowed = self.tolerance.max(step) + 1e-9;
        if (actual - q.value).abs() <= allowed {
            return;
        }
        let unit = part.unit.clone().unwrap_or_default();
        self.found.push(
            Diagnostic::new(
                INFO.id,
                q.span,
                format!(
                    "“{}率”写的是{}，但按{}{unit}中的{}{unit}计算应为{}%",
                    rate.name,
                    self.source.slice(q.span),
                    total.value,
                    part.value,
                    format_rate(actual)
                ),
            )
            .label("与前面的件数不符")
            .secondary(total.span, "总数")
            .secondary(part.span, "分子")
            .help("核对件数和比率，改正其中错误的一处"),
        );
    }

    /// 「30余件信访问题全部得到有效解决，化解率达到99.6%」
    fn all_but_rate(&mut self, sentence: Span, quantities: &[Quantity], rates: &[Rate]) {
        // Only a rate below 100% can contradict the claim: most sentences have none.
        if !rates.iter().any(|r| r.quantity.value < 100.0) {
            return;
        }
        let text = &self.source.text;
        let clause_spans = clauses(text, sentence);
        for (index, clause) in clause_spans.iter().enumerate() {
            let clause_text = &text[clause.range()];
            let Some(word) = self
                .all_words
                .iter()
                .filter_map(|p| p.find(clause_text))
                .min_by_key(|m| m.start)
            else {
                continue;
            };
            let word_span = Span::new(clause.start + word.start, clause.start + word.end);
            // The items: a count in this clause before the word, or in the clause before.
            let counted_from = if index > 0 {
                clause_spans[index - 1].start
            } else {
                clause.start
            };
            let counted = quantities.iter().any(|q| {
                q.kind == Kind::Count && q.span.start >= counted_from && q.span.end <= word_span.start
            });
            if !counted {
                continue;
            }
            let reach = clause_spans
                .get(index + 2)
                .or(clause_spans.get(index + 1))
                .map_or(clause.end, |c| c.end);
            // Both the claim and the rate must speak of finishing the items.
            let claim = &text[word_span.end..clause.end];
            if !self.completion.iter().any(|p| p.is_match(claim)) {
                continue;
            }
            let Some(rate) = rates.iter().find(|r| {
                let q = r.quantity;
                q.span.start >= word_span.end
                    && q.span.end <= reach
                    && q.value < 100.0
                    && self.completion.iter().any(|p| p.is_match(&r.name))
            }) else {
                continue;
            };
            let q = rate.quantity;
            self.found.push(
                Diagnostic::new(
                    INFO.id,
                    q.span,
                    format!(
                        "前面说“{}”，这里的“{}率”却只有{}，两者矛盾",
                        &clause_text[word.clone()],
                        rate.name,
                        self.source.slice(q.span)
                    ),
                )
                .label("不到100%")
                .secondary(word_span, "说的是全部")
                .help("如果确实全部办结，比率应为100%；否则删去“全部/均”并写明未办结的件数"),
            );
            return;
        }
    }

    /// 「审结45件，其中维持31件、撤销5件、确认违法3件、终止6件」: the parts may not exceed 45.
    fn parts_over_total(&mut self, sentence: Span, quantities: &[Quantity]) {
        if quantities.iter().filter(|q| q.kind == Kind::Count).nth(1).is_none() {
            return;
        }
        let text = &self.source.text;
        let sentence_text = &text[sentence.range()];
        let Some(at) = sentence_text.find("其中") else {
            return;
        };
        let marker = sentence.start + at;
        let Some(total) = quantities
            .iter()
            .rev()
            .find(|q| q.span.end <= marker && q.kind == Kind::Count)
        else {
            return;
        };
        if !total.is_exact() {
            return;
        }
        let clause_spans = clauses(text, sentence);
        let Some(first_clause) = clause_spans.iter().position(|c| c.end > marker) else {
            return;
        };
        let mut parts: Vec<&Quantity> = Vec::new();
        for (i, clause) in clause_spans.iter().enumerate().skip(first_clause) {
            let in_clause: Vec<&Quantity> = quantities
                .iter()
                .filter(|q| q.span.start >= clause.start.max(marker) && q.span.end <= clause.end)
                .collect();
            let clause_text = &text[clause.range()];
            if i > first_clause {
                // A following clause continues the list only when it is short, holds one count
                // and does not start another statement.
                let continues = in_clause.len() == 1
                    && clause_text.chars().count() <= 12
                    && !STATEMENT_WORDS.iter().any(|w| clause_text.contains(w));
                if !continues {
                    break;
                }
            }
            parts.extend(in_clause.iter().filter(|q| q.kind == Kind::Count));
        }
        if parts.len() < 2 || parts.iter().any(|p| !p.is_exact() || p.unit != total.unit) {
            return;
        }
        let sum: f64 = parts.iter().map(|p| p.value).sum();
        if sum <= total.value + 1e-9 {
            return;
        }
        let unit = total.unit.clone().unwrap_or_default();
        let last = parts.last().expect("two parts or more");
        self.found.push(
            Diagnostic::new(
                INFO.id,
                Span::new(parts[0].span.start, last.span.end),
                format!(
                    "“其中”各项相加为{sum}{unit}，超过了总数{}{unit}",
                    total.value
                ),
            )
            .label("分项之和大于总数")
            .secondary(total.span, "总数")
            .help("核对总数和各分项的数字"),
        );
    }
}

/// Words that start a new statement rather than continue a 其中 list.
const STATEMENT_WORDS: &[&str] = &[
    "受理", "办结", "审结", "结案", "累计", "共计", "合计", "完成", "化解", "其中", "调解", "发现",
];

impl Rule for StatsInconsistent {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic> {
        let statistics = &cx.pack.statistics;
        let mut checker = Checker {
            source: cx.source,
            all_words: &statistics.all_words,
            unbounded: &statistics.unbounded_rates,
            completion: &statistics.completion_words,
            tolerance: options.number("tolerance", statistics.rate_tolerance.unwrap_or(0.5)),
            found: Vec::new(),
        };
        for (&paragraph, quantities) in cx.doc.paragraphs.iter().zip(cx.paragraph_quantities()) {
            if !quantities.iter().any(|q| q.kind == Kind::Percent || q.kind == Kind::Count) {
                continue;
            }
            debug_assert!(quantities.is_sorted_by_key(|q| q.span.start));
            for sentence in sentences(&cx.source.text, paragraph) {
                // Quantities come in text order: those starting in the sentence are a run.
                let from = quantities.partition_point(|q| q.span.start < sentence.start);
                let to = quantities.partition_point(|q| q.span.start < sentence.end);
                let run = &quantities[from..to.max(from)];
                if run.iter().all(|q| q.span.end <= sentence.end) {
                    checker.sentence(sentence, run);
                } else {
                    let inside: Vec<Quantity> = run
                        .iter()
                        .filter(|q| q.span.end <= sentence.end)
                        .cloned()
                        .collect();
                    checker.sentence(sentence, &inside);
                }
            }
        }
        checker.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn report(measures: &str) -> String {
        format!("某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{measures}\n二、存在的不足和原因\n由于认识不足。\n")
    }

    fn found(measures: &str) -> Vec<String> {
        let text = report(measures);
        flagged(&text, &run(&StatsInconsistent, &text))
    }

    #[test]
    fn fires_on_all_beside_a_rate_under_100() {
        assert_eq!(
            found("累计排查交办群众反映强烈的信访问题30余件，截至目前，30余件信访问题全部得到有效解决，化解率达到99.6%。"),
            vec!["99.6%"]
        );
    }

    #[test]
    fn fires_on_a_rate_over_100_and_a_wrong_rate() {
        assert_eq!(found("办理人大代表建议87件，按期办结率102%。"), vec!["102%"]);
        assert_eq!(found("受理行政复议案件48件，审结45件，审结率98%。"), vec!["98%"]);
    }

    #[test]
    fn fires_on_parts_above_the_total() {
        assert_eq!(
            found("审结45件，其中维持31件、撤销9件、确认违法3件、终止6件。"),
            vec!["31件、撤销9件、确认违法3件、终止6件"]
        );
    }

    #[test]
    fn near_misses_stay_silent() {
        for text in [
            "2022年累计受理群众说事79166件，办结79136件，办结率99%，群众满意率达99%。",
            "受理行政复议案件48件，审结45件，其中维持31件、撤销5件、确认违法3件、终止6件，审结率93.8%。",
            "调解矛盾纠纷1936件，调解成功1901件，调解成功率98.2%。",
            "新增经营主体4126户，同比增长109.3%。",
            "各乡镇均成立了调解组织，调解成功率达97%。",
            "辖区9个村均已建立调解室，调解成功率达98%。",
            "受理案件48件，其中行政复议30件，审结45件。",
            "近三年累计受理行政复议案件215件，行政应诉案件198件，已全部按时处理。",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
