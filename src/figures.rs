//! Whether a text states a quantitative fact at all: a thin layer over [`crate::numbers`].

use crate::numbers::{self, Vocabulary};

/// Whether the text states at least one count, amount, rate or dated event, read with a pack's
/// units and fixed terms.
pub fn has_figure(text: &str, vocabulary: &Vocabulary) -> bool {
    numbers::count_statistics(text, vocabulary) > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(text: &str) -> bool {
        has_figure(text, Vocabulary::builtin())
    }

    #[test]
    fn sees_counts_and_rates() {
        assert!(figure("主持召开常务会议专题研究法治工作4次"));
        assert!(figure("办结率99%"));
        assert!(figure("带头学法两次"));
        assert!(figure("达到百分之百"));
        assert!(figure("2023年12月在县委全会上述法"));
    }

    #[test]
    fn fixed_terms_are_not_figures() {
        assert!(!figure("落实“三项制度”，坚持“四个亲自”"));
        assert!(!figure("高度重视，认真履行职责"));
        assert!(!figure(
            "深入贯彻党的二十大精神，落实八五普法规划和十四五规划"
        ));
        assert!(!figure("2023年，我县坚持依法行政"));
    }
}
