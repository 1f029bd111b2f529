//! Whether a text states a quantitative fact at all: a thin layer over [`crate::numbers`].

use crate::numbers::{self, Vocabulary};

/// Whether the text states at least one count, amount, rate or dated event, read with the
/// default pack's units and fixed terms.
pub fn has_figure(text: &str) -> bool {
    has_figure_with(text, Vocabulary::builtin())
}

/// [`has_figure`] with a pack's vocabulary.
pub fn has_figure_with(text: &str, vocabulary: &Vocabulary) -> bool {
    numbers::count_statistics(text, vocabulary) > 0
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
        assert!(has_figure("2023年12月在县委全会上述法"));
    }

    #[test]
    fn fixed_terms_are_not_figures() {
        assert!(!has_figure("落实“三项制度”，坚持“四个亲自”"));
        assert!(!has_figure("高度重视，认真履行职责"));
        assert!(!has_figure(
            "深入贯彻党的二十大精神，落实八五普法规划和十四五规划"
        ));
        assert!(!has_figure("2023年，我县坚持依法行政"));
    }
}
