//! Quantitative facts in text: counts, amounts, rates, as a rule needs to see that a figure is
//! given at all.

use regex::Regex;
use std::sync::OnceLock;

fn figure_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"[0-9０-９]+(\.[0-9]+)?\s*(余|多)?\s*(次|项|场|件|个|人次|期|名|家|篇|份|部|条|批|轮|%|％|万|亿|元|人|天|日|小时|课时|学时|卷|户|起|期|所|支|处|套|台|宗)",
            r"|百分之[零一二三四五六七八九十百]+",
            r"|[一二三四五六七八九十两]+(次|场|期|轮)",
        ))
        .expect("valid regex")
    })
}

/// Whether the text states at least one count, amount or rate.
pub fn has_figure(text: &str) -> bool {
    figure_pattern().is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_counts_and_rates() {
        assert!(has_figure("主持召开常务会议专题研究法治工作4次"));
        assert!(has_figure("办结率99%"));
        assert!(has_figure("带头学法两次"));
        assert!(has_figure("达到百分之百"));
    }

    #[test]
    fn fixed_terms_are_not_figures() {
        assert!(!has_figure("落实“三项制度”，坚持“四个亲自”"));
        assert!(!has_figure("高度重视，认真履行职责"));
    }
}
