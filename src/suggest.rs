//! "Did you mean …?" for names the user typed: rule ids, pack names, configuration keys,
//! formats.

/// The candidate closest to `input`, when it is close enough to be a likely typo: within a third
/// of the longer name's length in edits (transpositions count once), at least one edit allowed.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != input)
        .map(|c| {
            let distance = strsim::damerau_levenshtein(&input_lower, &c.to_lowercase());
            (distance, c)
        })
        .filter(|(distance, c)| {
            let longest = input.chars().count().max(c.chars().count());
            *distance <= (longest / 3).max(1)
        })
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// 「您是不是要写 X？」 for the closest candidate, if any.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(input, candidates).map(|c| format!("您是不是要写 {c}？"))
}

/// 「您是不是要写 X？」 for a misspelled rule id.
pub fn rule(id: &str) -> Option<String> {
    did_you_mean(id, crate::rules::all().iter().map(|r| r.info().id))
}

/// What to say about an unknown rule id: the closest id, or where to find them all.
pub fn rule_help(id: &str) -> String {
    match rule(id) {
        Some(tip) => format!("{tip}运行 draftlint rules 查看所有规则"),
        None => "运行 draftlint rules 查看所有规则".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: [&str; 4] = [
        "missing-section",
        "missing-signature",
        "punctuation-width",
        "section-order",
    ];

    #[test]
    fn finds_typos() {
        assert_eq!(closest("missing-sectoin", RULES), Some("missing-section"));
        assert_eq!(
            closest("punctuation-widht", RULES),
            Some("punctuation-width")
        );
        assert_eq!(closest("Section-Order", RULES), Some("section-order"));
        assert_eq!(
            did_you_mean("missing-sectoin", RULES).as_deref(),
            Some("您是不是要写 missing-section？")
        );
    }

    #[test]
    fn knows_the_rules() {
        assert_eq!(
            rule("missing-sectoin").as_deref(),
            Some("您是不是要写 missing-section？")
        );
        assert_eq!(rule("zzz"), None);
    }

    #[test]
    fn leaves_unrelated_names_alone() {
        assert_eq!(closest("foo", RULES), None);
        assert_eq!(closest("missing-section", RULES), None);
        assert_eq!(closest("ab", ["xy"]), None);
    }
}
