//! `date-format`: the 成文日期 is not written as 「2023年1月31日」.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::parse::text::is_space;
use crate::parse::DateForm;
use crate::source::Span;

/// Checks the 落款 date against GB/T 9704-2012 7.3.5.3: Arabic numerals, the year in full, no
/// leading zeros in month and day, no spaces.
pub struct DateFormat;

static INFO: RuleInfo = RuleInfo {
    id: "date-format",
    severity: Severity::Warning,
    summary: "成文日期没有写成“2023年1月31日”的格式",
    explain: "\
## 检查什么
落款中的成文日期写法：应使用阿拉伯数字，年份写全，月、日不编虚位（不写“01”），中间不加空格。
“二〇二三年一月三十一日”“2023.1.31”“2023-01-31”“2023年01月31日”“2023 年 1 月 31 日”都会提示，
并给出正确写法。日期中的空格是这一处问题的一部分，只在本规则下提示一次，不再逐个作为 cjk-spacing
提示；只差空格时，--fix 删除这些空格。

## 为什么
GB/T 9704-2012《党政机关公文格式》7.3.5.3：成文日期用阿拉伯数字将年、月、日标全，年份应标全称，
月、日不编虚位（即 1 不编为 01）。从 PDF、Word 导出的文字还常在数字两侧带空格。

## 错误示例
    2024年01月26日

## 正确示例
    2024年1月26日

## 配置
    [rules]
    date-format = \"off\"
",
    options: &[],
};

impl Rule for DateFormat {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let Some(signature) = &cx.doc.signature else {
            return Vec::new();
        };
        let written = cx.source.slice(signature.date);
        let Some((y, m, d)) = signature.ymd else {
            return vec![
                Diagnostic::new(INFO.id, signature.date, format!("成文日期“{written}”不是有效的日期"))
                    .label("无效日期")
                    .help("核对年、月、日"),
            ];
        };
        let canonical = format!("{y}年{m}月{d}日");
        if written == canonical {
            return Vec::new();
        }
        let reason = match signature.date_form {
            DateForm::Chinese => "应使用阿拉伯数字",
            DateForm::Dotted => "应写明“年”“月”“日”",
            DateForm::Arabic if written.chars().any(is_space) => "中间不应有空格",
            DateForm::Arabic => "月、日不编虚位（不写“0”）",
        };
        let mut finding = Diagnostic::new(
            INFO.id,
            signature.date,
            format!("成文日期“{written}”{reason}，应写作“{canonical}”"),
        )
        .label(format!("应为“{canonical}”"))
        .help("GB/T 9704：成文日期用阿拉伯数字将年、月、日标全，月、日不编虚位");
        // The spaces are this finding's (`cjk-spacing` folds into it): when they are all that
        // is wrong, deleting them is the fix.
        let unspaced: String = written.chars().filter(|&c| !is_space(c)).collect();
        if unspaced == canonical {
            let edits = written
                .char_indices()
                .filter(|&(_, c)| is_space(c))
                .map(|(at, c)| Edit {
                    span: Span::new(signature.date.start + at, signature.date.start + at + c.len_utf8()),
                    replacement: "".into(),
                })
                .collect();
            finding = finding.with_fix(Fix {
                description: "删除日期中的空格".into(),
                edits,
            });
        }
        vec![finding]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    fn message(date: &str) -> Option<String> {
        let text = format!("一、主要举措\n正文。\n某县人民政府\n{date}\n");
        run(&DateFormat, &text).into_iter().next().map(|d| d.message.into_owned())
    }

    #[test]
    fn fires_on_every_nonstandard_form() {
        assert_eq!(message("2024年01月26日").unwrap(), "成文日期“2024年01月26日”月、日不编虚位（不写“0”），应写作“2024年1月26日”");
        assert!(message("二〇二四年一月二十六日").unwrap().contains("阿拉伯数字"));
        assert!(message("2024 年 1 月 26 日").unwrap().contains("空格"));
        assert!(message("2024.1.26").unwrap().contains("应写作“2024年1月26日”"));
    }

    #[test]
    fn a_date_wrong_only_by_its_spaces_is_fixed_by_deleting_them() {
        let text = "一、主要举措\n正文。\n某县人民政府\n2024 年 1 月 26 日\n";
        let found = run(&DateFormat, text);
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.edits.len(), 5);
        assert!(fix.edits.iter().all(|e| text[e.span.range()] == *" "));
        // A leading zero is more than spacing: no fix.
        let text = "一、主要举措\n正文。\n某县人民政府\n2024 年 01 月 26 日\n";
        assert!(run(&DateFormat, text)[0].fix.is_none());
    }

    #[test]
    fn silent_on_the_standard_form() {
        assert_eq!(message("2024年1月26日"), None);
    }
}
