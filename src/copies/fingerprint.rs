//! Fingerprints of normalized text: hashes of character k-grams, thinned by winnowing
//! (Schleimer, Wilkerson and Aiken, 2003). Any common substring of at least `K + W - 1`
//! characters shares at least one selected fingerprint, so matches are found without comparing
//! every pair of documents.

/// Characters per k-gram. Ten Chinese characters rarely repeat by chance.
pub const K: usize = 10;
/// Winnowing window, in k-grams.
pub const W: usize = 8;

/// Selected fingerprints of `chars`: (hash, position of the k-gram), in position order.
pub fn winnow(chars: &[char]) -> Vec<(u64, u32)> {
    if chars.len() < K {
        return Vec::new();
    }
    let hashes = kgram_hashes(chars);
    let mut selected = Vec::with_capacity(hashes.len() * 2 / (W + 1) + 1);
    if hashes.len() <= W {
        let (pos, hash) = rightmost_min(&hashes, 0);
        selected.push((hash, pos as u32));
        return selected;
    }
    // The rightmost minimum of a window is the previous window's, unless that has left the
    // window or the entering hash is no larger: one comparison per position, not W.
    let (mut min, _) = rightmost_min(&hashes[..W], 0);
    selected.push((hashes[min], min as u32));
    for start in 1..=hashes.len() - W {
        let entering = start + W - 1;
        let previous = min;
        if min < start {
            min = rightmost_min(&hashes[start..=entering], start).0;
        } else if hashes[entering] <= hashes[min] {
            min = entering;
        }
        if min != previous {
            selected.push((hashes[min], min as u32));
        }
    }
    selected
}

fn rightmost_min(window: &[u64], base: usize) -> (usize, u64) {
    let mut best = 0;
    for (i, h) in window.iter().enumerate() {
        if *h <= window[best] {
            best = i;
        }
    }
    (base + best, window[best])
}

/// Hash of every k-gram, by a rolling polynomial hash over the characters, finished with a
/// mixer so that the minimum is not biased towards particular characters.
pub fn kgram_hashes(chars: &[char]) -> Vec<u64> {
    const BASE: u64 = 0x100_0000_01b3;
    let mut power = 1u64;
    for _ in 1..K {
        power = power.wrapping_mul(BASE);
    }
    let mut out = Vec::with_capacity(chars.len().saturating_sub(K) + 1);
    let mut h = 0u64;
    for (i, c) in chars.iter().enumerate() {
        if i >= K {
            h = h.wrapping_sub((chars[i - K] as u64).wrapping_mul(power));
        }
        h = h.wrapping_mul(BASE).wrapping_add(*c as u64);
        if i + 1 >= K {
            out.push(mix(h));
        }
    }
    out
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ceb9fe1a85ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn equal_kgrams_hash_equal_wherever_they_stand() {
        let a = chars("甲乙丙丁戊己庚辛壬癸子丑");
        let b = chars("寅卯甲乙丙丁戊己庚辛壬癸");
        assert_eq!(kgram_hashes(&a)[0], kgram_hashes(&b)[2]);
    }

    proptest::proptest! {
        /// Each window's rightmost minimum, recorded once per run of windows that share it.
        #[test]
        fn winnowing_selects_each_windows_rightmost_minimum(
            // Repeated phrases give equal hashes, where “rightmost” decides.
            text in "((甲乙){1,10}|甲乙丙丁戊己庚辛壬癸|[甲乙丙]){0,12}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            let hashes = if chars.len() < K { Vec::new() } else { kgram_hashes(&chars) };
            let mut expected: Vec<(u64, u32)> = Vec::new();
            for start in 0..=hashes.len().saturating_sub(W) {
                let end = (start + W).min(hashes.len());
                if start >= end {
                    break;
                }
                let (pos, hash) = rightmost_min(&hashes[start..end], start);
                if expected.last().map(|f| f.1) != Some(pos as u32) {
                    expected.push((hash, pos as u32));
                }
            }
            proptest::prop_assert_eq!(winnow(&chars), expected);
        }
    }

    #[test]
    fn a_shared_passage_shares_a_fingerprint() {
        let shared =
            "坚持把法治政府建设纳入年度工作计划通过制定年度工作方案和任务分解表明确工作任务";
        let a = chars(&format!("开头完全不同的一段文字内容{shared}结尾也不相同"));
        let b = chars(&format!("另外一份报告里的前言部分{shared}后面还有别的话"));
        let fa: std::collections::HashSet<u64> = winnow(&a).into_iter().map(|f| f.0).collect();
        assert!(winnow(&b).iter().any(|f| fa.contains(&f.0)));
    }
}
