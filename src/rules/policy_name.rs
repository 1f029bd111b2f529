//! `policy-name`: a policy document named wrongly, against the pack's canonical titles.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;
use crate::tiered::TieredRegex;

/// Compares every title in 书名号, and every bare 「……纲要/规划（年份）」, with the pack's
/// `[[policy-names]]` after normalising brackets, dashes, spaces and a 年 before the closing
/// bracket. A title with the stem of a canonical dated title (法治政府建设实施纲要, or the short
/// 纲要) but years that no edition has is reported (纲要（2022—2025年）, 纲要（20212025年）); any
/// other title in 书名号 within one or two characters of a canonical one is reported too.
pub struct PolicyName;

static INFO: RuleInfo = RuleInfo {
    id: "policy-name",
    severity: Severity::Warning,
    summary: "文件名称写错（如“纲要（20212025年）”、不存在的“纲要（2022—2025年）”）",
    explain: "\
## 检查什么
正文中引用的中央文件名称与规则包 [[policy-names]] 中的规范名称比较（括号、连接号、空格的全半角
差异不计）：
- 带年份的文件写了不存在的年份或丢了连接号：《法治政府建设实施纲要（2022—2025年）》、
  《法治政府建设实施纲要（20212025年）》；
- 书名号中的名称与规范名称只差一两个字：《重大行政决策程序暂行条列》。
地方文件（名称前有地名，如《××市法治政府建设实施方案》）不比较。

## 为什么
引用文件应使用全称并与原文一致（GB/T 9704-2012 对引文的要求；《党政机关公文处理工作条例》要求
公文引用准确）。文件名称写错、年份写错，读者无法查到所引文件，也会被认为不了解文件本身。
GB/T 15834-2011 规定年份区间用连接号“—”连接。

## 错误示例
    认真贯彻《法治政府建设实施纲要（2022—2025年）》。

## 正确示例
    认真贯彻《法治政府建设实施纲要（2021—2025年）》。

## 配置
规范名称在规则包的 [[policy-names]] 中增补；关闭：
    [rules]
    policy-name = \"off\"
",
    options: &[],
};

/// Byte ranges of the non-empty texts between 《 and 》 on one line, without nesting (what
/// 「《([^《》\n]+)》」 captures).
fn quoted_titles(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let open = from + text[from..].find('《')?;
            let inner = open + '《'.len_utf8();
            let end = text[inner..]
                .find(['《', '》', '\n'])
                .map_or(text.len(), |i| inner + i);
            if text[end..].starts_with('》') && end > inner {
                from = end + '》'.len_utf8();
                return Some(inner..end);
            }
            from = end;
        }
    })
}

static BARE_DATED_TITLES: TieredRegex =
    TieredRegex::new(r"(?:纲要|规划)\s*[（(]([^（()）\n]+)[）)]");

/// Brackets, dashes and spaces in one form; 年 before the closing bracket dropped.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            '(' => '（',
            ')' => '）',
            '—' | '–' | '―' | '－' | '-' | '~' | '～' | '〜' | '至' => '—',
            c if crate::parse::text::is_space(c) => continue,
            '《' | '》' => continue,
            c => c,
        };
        if c == '—' && out.ends_with('—') {
            continue;
        }
        if c == '）' && out.ends_with('年') {
            out.pop();
        }
        out.push(c);
    }
    out
}

fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// (stem, bracket) of a normalised dated title: 法治政府建设实施纲要（2021—2025） → both parts.
/// Where the run of at most `most` Han characters that ends `text` starts.
fn han_run_start(text: &str, most: usize) -> usize {
    text.char_indices()
        .rev()
        .take(most)
        .take_while(|(_, c)| crate::prose::chars::is_han(*c))
        .last()
        .map_or(text.len(), |(i, _)| i)
}

fn split_dated(title: &str) -> Option<(&str, &str)> {
    let open = title.find('（')?;
    title.ends_with('）').then(|| (&title[..open], &title[open..]))
}

/// Bytes of the longest common ending of `a` and `b`, in whole characters, at least two.
fn common_suffix_bytes(a: &str, b: &str) -> usize {
    let chars = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .collect::<Vec<_>>();
    if chars.len() >= 2 { chars.iter().sum() } else { 0 }
}

struct Candidate {
    span: Span,
    written: String,
    quoted: bool,
}

impl Rule for PolicyName {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        if cx.pack.policy_names.is_empty() {
            return Vec::new();
        }
        let canonical: Vec<(String, &str)> = cx
            .pack
            .policy_names
            .iter()
            .map(|p| (normalise(&p.name), p.name.as_str()))
            .collect();
        let mut scopes: Vec<Span> = cx.doc.paragraphs.clone();
        scopes.extend(cx.doc.all_sections().iter().map(|s| s.heading.text_span));
        scopes.sort();
        scopes.dedup();
        let mut candidates: Vec<Candidate> = Vec::new();
        for scope in scopes {
            let text = cx.source.slice(scope);
            for inner in quoted_titles(text) {
                let written = &text[inner.clone()];
                if !(2..=60).contains(&written.chars().count()) {
                    continue;
                }
                candidates.push(Candidate {
                    span: Span::new(scope.start + inner.start, scope.start + inner.end),
                    written: written.to_string(),
                    quoted: true,
                });
            }
            for c in BARE_DATED_TITLES.captures_iter(text) {
                let m = c.range(0).expect("whole match");
                if !(4..=24).contains(&c.get(1).unwrap_or("").chars().count()) {
                    continue;
                }
                let keyword_end = m.start + "纲要".len();
                let prefix = &text[han_run_start(&text[..m.start], 18)..keyword_end];
                // Outside 书名号 the words before the name are not part of it: keep the longest
                // ending the prefix shares with a canonical title's stem (落实纲要 → 纲要).
                let shared = canonical
                    .iter()
                    .filter_map(|(n, _)| split_dated(n))
                    .map(|(stem, _)| common_suffix_bytes(prefix, stem))
                    .max()
                    .unwrap_or(0);
                if shared == 0 {
                    continue;
                }
                let start = keyword_end - shared;
                let span = Span::new(scope.start + start, scope.start + m.end);
                if candidates
                    .iter()
                    .any(|c| c.span.start <= span.start && span.start < c.span.end + 3)
                {
                    continue;
                }
                candidates.push(Candidate {
                    span,
                    written: text[start..m.end].to_string(),
                    quoted: false,
                });
            }
        }
        let mut found = Vec::new();
        for candidate in candidates {
            let title = normalise(&candidate.written);
            if canonical.iter().any(|(n, _)| *n == title) {
                continue;
            }
            let suggestion = match split_dated(&title) {
                Some((stem, bracket)) => {
                    let family: Vec<&(String, &str)> = canonical
                        .iter()
                        .filter(|(n, _)| {
                            split_dated(n).is_some_and(|(canonical_stem, _)| {
                                canonical_stem == stem
                                    || (stem.chars().count() >= 2
                                        && canonical_stem.ends_with(stem))
                            })
                        })
                        .collect();
                    let has_years = bracket.chars().filter(char::is_ascii_digit).count() >= 4;
                    if family.is_empty() || !has_years {
                        None
                    } else {
                        family
                            .into_iter()
                            .min_by_key(|(n, _)| {
                                distance(bracket, split_dated(n).map_or("", |(_, b)| b))
                            })
                            .map(|(_, name)| *name)
                    }
                }
                None => None,
            };
            let suggestion = suggestion.or_else(|| {
                // Dated titles are compared by family above: 《法治山东建设规划（2021—2025年）》
                // is a province's own plan, not a typo. Others may differ by one character.
                if !candidate.quoted || split_dated(&title).is_some() {
                    return None;
                }
                let threshold = 1;
                let length = title.chars().count();
                canonical
                    .iter()
                    .filter(|(n, _)| n.chars().count() >= 8)
                    .filter(|(n, _)| n.chars().count().abs_diff(length) <= threshold)
                    .map(|(n, name)| (distance(&title, n), *name))
                    .filter(|(d, _)| (1..=threshold).contains(d))
                    .min_by_key(|(d, _)| *d)
                    .map(|(_, name)| name)
            });
            let Some(name) = suggestion else {
                continue;
            };
            let written = &candidate.written;
            let digits: String = written.chars().filter(char::is_ascii_digit).collect();
            let lost_dash = digits.len() == 8 && !normalise(written).contains('—');
            let message = if lost_dash {
                format!("文件名称“{written}”的年份之间缺少连接号，应为《{name}》")
            } else {
                format!("文件名称“{written}”与规范名称《{name}》不符")
            };
            found.push(
                Diagnostic::new(INFO.id, candidate.span, message)
                    .label(format!("应为“{name}”"))
                    .help(format!("核对原文件，写作《{name}》")),
            );
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn quoted_titles_are_read_as_the_bracket_pattern_reads_them() {
        let re = regex::Regex::new(r"《([^《》\n]+)》").unwrap();
        for text in [
            "依据《法治政府建设实施纲要（2021—2025年）》和《条例》",
            "《》《《a》》《b\n》《c》",
            "未闭合《标题\n《完整》",
            "《甲《乙》丙》",
            "",
        ] {
            let expected: Vec<_> = re
                .captures_iter(text)
                .map(|c| c.get(1).unwrap().range())
                .collect();
            assert_eq!(quoted_titles(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    fn found(body: &str) -> Vec<String> {
        let text = format!("某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{body}\n");
        flagged(&text, &run(&PolicyName, &text))
    }

    #[test]
    fn fires_on_mangled_and_nonexistent_titles() {
        assert_eq!(
            found("对照《法治政府建设实施纲要（20212025年）》和《法治政府建设实施纲要（2022—2025年）》。"),
            vec!["法治政府建设实施纲要（20212025年）", "法治政府建设实施纲要（2022—2025年）"]
        );
        assert_eq!(found("严格执行《重大行政决策程序暂行条列》。"), vec!["重大行政决策程序暂行条列"]);
        assert_eq!(found("落实纲要（2022-2025年）要求。"), vec!["纲要（2022-2025年）"]);
    }

    #[test]
    fn near_miss_canonical_variants_and_local_documents() {
        assert!(found("制定《法治山东建设规划（2021—2025年）》，执行《重大行政决策程序暂行规定》。").is_empty());
        assert!(found("对照《法治政府建设实施纲要(2021-2025年)》《法治中国建设规划（2020—2025年）》，制发《法治固安建设规划(2021-2025年)》《固安县法治政府建设实施方案(2022-2025年)》《梁平区法治政府建设实施方案(2017—2020)》《固安县重大行政决策程序暂行规定》。").is_empty());
    }

    #[test]
    fn normalises_and_measures() {
        assert_eq!(normalise("纲要(2021 - 2025年)"), "纲要（2021—2025）");
        assert_eq!(distance("纲要（20212025）", "纲要（2021—2025）"), 1);
    }
}
