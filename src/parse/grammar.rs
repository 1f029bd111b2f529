//! The pest grammar of report lines (`grammar/report.pest`).

use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../grammar/report.pest"]
pub struct ReportParser;

#[cfg(test)]
mod tests {
    use super::*;
    use pest::Parser;

    fn kinds(text: &str) -> Vec<Rule> {
        ReportParser::parse(Rule::document, text)
            .unwrap()
            .next()
            .unwrap()
            .into_inner()
            .filter(|p| p.as_rule() != Rule::EOI)
            .map(|p| p.as_rule())
            .collect()
    }

    #[test]
    fn recognises_line_shapes() {
        let text = "一、主要举措\n（一）强化组织领导。一是……\n(二)依法行政\n1.深化改革\n1、推进\n（1）小项\n第一部分 总体情况\n2023年1月31日\n浦金街〔2020〕2号\n金杨新村街道党政办公室 2019年1月15日印发\n索引号 | XE1 | |\n今年以来，我县……\n\n";
        assert_eq!(
            kinds(text),
            vec![
                Rule::heading_line,
                Rule::heading_line,
                Rule::heading_line,
                Rule::heading_line,
                Rule::heading_line,
                Rule::heading_line,
                Rule::heading_line,
                Rule::date_line,
                Rule::doc_number_line,
                Rule::issuance_line,
                Rule::table_row,
                Rule::text_line,
                Rule::blank_line,
                Rule::blank_line,
            ]
        );
    }

    #[test]
    fn years_numbers_and_enumerations_are_not_headings() {
        for line in [
            "2020年，我镇……",
            "1.5万人次参加",
            "一是强化组织领导",
            "12·4国家宪法日",
            "十四五时期",
        ] {
            assert_eq!(kinds(line), vec![Rule::text_line], "{line}");
        }
    }

    #[test]
    fn document_numbers_take_any_bracket_after_a_short_issuer() {
        let issuer = "一二三四五六七八九十".repeat(2);
        for line in [
            "浦金街〔2020〕2号".to_string(),
            "浦府办[2021] 15号".to_string(),
            "  沪府发【2022】3号".to_string(),
            "x（办）［2023］ 12 号".to_string(),
            format!("{issuer}〔2020〕2号"),
        ] {
            assert_eq!(kinds(&line), vec![Rule::doc_number_line], "{line}");
        }
        for line in [
            "〔2020〕2号".to_string(),
            format!("{issuer}一〔2020〕2号"),
            "见浦金街〔2020〕2号文件".to_string(),
            "浦金[街〔2020〕2号".to_string(),
        ] {
            assert_eq!(kinds(&line), vec![Rule::text_line], "{line}");
        }
    }

    #[test]
    fn an_arabic_comma_marker_may_precede_a_year() {
        assert_eq!(kinds("1、2023年工作计划"), vec![Rule::heading_line]);
        assert_eq!(kinds("1.2023年工作计划"), vec![Rule::text_line]);
    }

    #[test]
    fn every_text_parses() {
        for text in [
            "",
            "\n",
            "\r\n\r",
            "|||",
            "（",
            "一、",
            "第",
            "\u{0}\u{1}",
            "a\rb\r\nc",
        ] {
            assert!(
                ReportParser::parse(Rule::document, text).is_ok(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn dates_in_every_written_form() {
        for line in [
            "2020 年 1 月 8 日",
            "2023年01月31日",
            "二〇二三年一月三十一日",
            "2023.1.31",
            " 2023-01-31 ",
        ] {
            assert_eq!(kinds(line), vec![Rule::date_line], "{line}");
        }
    }
}
