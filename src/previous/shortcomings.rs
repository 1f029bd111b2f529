//! How much of one text stands in another, for telling a 存在的不足 carried over from last
//! year's report from one written anew.

use crate::copies::fold_str;
use foldhash::{HashSet, HashSetExt};

/// Shortest run of characters counted as taken over: long enough that the short phrases every
/// report of the genre shares (法治意识不强, 有待进一步提高) cover little on their own, short
/// enough that a year or a figure changed in a sentence leaves the rest of it counted.
pub const RUN: usize = 8;

/// The share of the characters of `text` (folded: no spaces, punctuation or line breaks) that
/// stand in a run of at least [`RUN`] characters also found in `other`.
pub fn covered_share(text: &str, other: &str) -> f64 {
    let text: Vec<char> = fold_str(text).chars().collect();
    let other: Vec<char> = fold_str(other).chars().collect();
    if text.len() < RUN || other.len() < RUN {
        return 0.0;
    }
    let grams: HashSet<&[char]> = {
        let mut set = HashSet::with_capacity(other.len());
        set.extend(other.windows(RUN));
        set
    };
    let mut covered = vec![false; text.len()];
    for (i, gram) in text.windows(RUN).enumerate() {
        if grams.contains(gram) {
            covered[i..i + RUN].fill(true);
        }
    }
    covered.iter().filter(|c| **c).count() as f64 / text.len() as f64
}

/// Characters a folded text has.
pub fn folded_len(text: &str) -> usize {
    fold_str(text).chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_with_the_year_changed_is_almost_all_covered() {
        let last = "一是部分干部运用法治思维解决实际问题的能力还不强。二是2022年行政执法人员培训不够系统，执法规范化水平有待提高。";
        let this = last.replace("2022", "2023");
        assert!(
            covered_share(&this, last) > 0.9,
            "{}",
            covered_share(&this, last)
        );
    }

    #[test]
    fn shortcomings_written_anew_share_little() {
        let last = "一是部分干部运用法治思维解决实际问题的能力还不强。二是行政执法人员培训不够系统，执法规范化水平有待提高。";
        let this = "一是村级法律顾问作用发挥不充分，群众知晓率偏低。二是执法力量不足，综合执法队伍仅有5人，难以覆盖全镇。";
        assert!(
            covered_share(this, last) < 0.2,
            "{}",
            covered_share(this, last)
        );
    }
}
