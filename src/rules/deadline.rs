//! `deadline`: the 成文日期 is after the filing deadline for the reporting body's level.

use super::{Context, OptionKind, OptionSpec, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::year::period_end;

/// The level (government or department) is read from the name of the reporting body — the
/// 落款, else the title up to 关于 or the year — with the pack's `[[levels]]` patterns, or set with
/// the `level` option. The deadline for that level and reporting year comes from the pack's
/// `[[deadlines]]`. Also flags a 成文日期 inside the reported year's last month.
pub struct Deadline;

static INFO: RuleInfo = RuleInfo {
    id: "deadline",
    severity: Severity::Warning,
    summary: "成文日期晚于本层级的报送期限（部门3月1日、政府4月1日），或早于年度结束",
    explain: "\
## 检查什么
- 成文日期晚于报送期限：县级以上政府部门在次年3月1日前、地方各级政府在次年4月1日前报告
  （2019年以前为每年第一季度）。报告主体的层级从落款（没有落款时从标题）中的机关名称判断：
  “……人民政府”“……区委”为政府，“……局”“……委”“……办”为部门；
- 成文日期在所报告年度的最后一个月内，年度尚未结束，数据不能覆盖全年。
期限和层级的判断规则都在规则包的 [[deadlines]] 和 [[levels]] 中。

## 为什么
《法治政府建设与责任落实督察工作规定》（2019年）规定：县级以上地方各级政府部门应当每年3月1日前
向本级党委和政府、上一级政府有关部门报告上一年度法治政府建设情况；县级以上地方各级政府应当每年
4月1日前向同级党委、人大常委会报告，并向上一级党委和政府报告。逾期报送是督察通报的常见问题。

## 错误示例
    某市司法局
    2024年3月15日

## 正确示例
    某市司法局
    2024年2月20日

## 配置
机关名称判断不准时，用 level 指定层级（government 或 department）：
    [rules]
    deadline = { severity = \"warning\", level = \"department\" }
",
    options: &[OptionSpec {
        name: "level",
        kind: OptionKind::Choice(&["government", "department"]),
        doc: "报告主体的层级：government（地方各级政府、党委）或 department（政府部门）",
    }],
};

/// The reporting body's name: the 落款 line, else the title before 关于 or its first digit.
fn body_name(cx: &Context) -> Option<String> {
    if let Some(body) = cx.doc.signature.as_ref().and_then(|s| s.body) {
        return Some(crate::parse::text::without_spaces(cx.source.slice(body)));
    }
    let title = &cx.doc.title.as_ref()?.text;
    let end = title
        .find("关于")
        .or_else(|| title.find(|c: char| c.is_ascii_digit()))?;
    let name = &title[..end];
    (!name.is_empty()).then(|| name.to_string())
}

impl Rule for Deadline {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic> {
        let Some(signature) = &cx.doc.signature else {
            return Vec::new();
        };
        let (Some((y, m, d)), Some(year)) = (signature.ymd, cx.report_year) else {
            return Vec::new();
        };
        let title = cx.doc.title.as_ref().map(|t| t.text.as_str());
        if period_end(title) != (12, 31) {
            // A half-year or quarterly report has no annual deadline.
            return Vec::new();
        }
        let signed = (y as i32, m, d);
        let written = format!("{y}年{m}月{d}日");
        let mut found = Vec::new();
        let independent = cx
            .year_source
            .is_some_and(|s| s.independent_of_signature());
        if independent && signed.0 == year && m == 12 {
            found.push(
                Diagnostic::new(
                    INFO.id,
                    signature.date,
                    format!("成文日期{written}在{year}年度结束之前，报告的数据不能覆盖全年"),
                )
                .label("年度尚未结束")
                .help(format!("在{}年初全年数据统计完成后成文", year + 1)),
            );
        }
        let (level, inferred_from) = match options.string("level") {
            Some(id) => (cx.pack.levels.iter().position(|l| l.id == id), None),
            None => {
                let name = body_name(cx);
                let level = name.as_ref().and_then(|name| {
                    cx.pack
                        .levels
                        .iter()
                        .position(|l| l.body.iter().any(|p| p.is_match(name)))
                });
                (level, name)
            }
        };
        let Some(level) = level else {
            return found;
        };
        let deadline = cx.pack.deadlines.iter().find(|dl| {
            dl.levels.contains(&level)
                && dl.from_year.is_none_or(|from| year >= from)
                && dl.until_year.is_none_or(|until| year <= until)
        });
        let Some(deadline) = deadline else {
            return found;
        };
        let due = (year + 1, deadline.month, deadline.day);
        if signed <= due {
            return found;
        }
        let level_name = &cx.pack.levels[level].name;
        let how = match inferred_from {
            Some(name) => format!("按“{name}”判断为{level_name}"),
            None => format!("配置为{level_name}"),
        };
        found.push(
            Diagnostic::new(
                INFO.id,
                signature.date,
                format!(
                    "成文日期{written}晚于报送期限{}年{}月{}日（{how}）",
                    due.0, due.1, due.2
                ),
            )
            .label("逾期")
            .note(deadline.source.clone())
            .help("按期报送；如层级判断有误，在配置中用 level 指定 government 或 department"),
        );
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn report(body: &str, date: &str) -> String {
        format!("{body}关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n办理案件12件。\n二、存在的不足和原因\n由于认识不足。\n{body}\n{date}\n")
    }

    #[test]
    fn fires_after_the_deadline_of_the_level() {
        let text = report("某市司法局", "2024年3月15日");
        let found = run(&Deadline, &text);
        assert_eq!(flagged(&text, &found), vec!["2024年3月15日"]);
        assert!(found[0].message.contains("2024年3月1日"), "{}", found[0].message);
        let text = report("某县人民政府", "2024年4月15日");
        assert_eq!(run(&Deadline, &text).len(), 1);
        let text = report("某县人民政府", "2023年12月20日");
        assert!(run(&Deadline, &text)[0].message.contains("年度结束之前"));
    }

    #[test]
    fn near_miss_a_government_before_april() {
        let text = report("某县人民政府", "2024年3月15日");
        assert!(run(&Deadline, &text).is_empty());
    }
}
