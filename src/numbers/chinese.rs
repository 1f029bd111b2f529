//! Values of Chinese numerals as they appear in running text: 一百二十, 两千, 三千五百, 一万二千,
//! 十万, 二〇二三 (read digit by digit when it has no 十/百/千/万/亿).

pub fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' | 'O' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Whether `c` may be part of a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some()
}

/// Value of a Chinese numeral; `None` when it is not one (or is malformed: 十十, 万万).
pub fn value(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let has_units = text
        .chars()
        .any(|c| small_unit(c).is_some() || big_unit(c).is_some());
    if !has_units {
        // 二〇二三: digit by digit; but a lone 两 is 2 and 两两 is not a number.
        if text.chars().count() > 1 && text.contains('两') {
            return None;
        }
        return text
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut pending: Option<u64> = None;
    let mut last_small = u64::MAX;
    let mut last_big = u64::MAX;
    for c in text.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some() && d != 0 {
                return None;
            }
            pending = if d == 0 { None } else { Some(d) };
        } else if let Some(unit) = small_unit(c) {
            if unit >= last_small {
                return None;
            }
            last_small = unit;
            section += pending.take().unwrap_or(1) * unit;
        } else if let Some(unit) = big_unit(c) {
            if unit >= last_big {
                return None;
            }
            last_big = unit;
            let part = section + pending.take().unwrap_or(0);
            total += if part == 0 { 1 } else { part } * unit;
            section = 0;
            last_small = u64::MAX;
        } else {
            return None;
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::value;

    #[test]
    fn reads_numerals_with_units() {
        assert_eq!(value("一百二十"), Some(120));
        assert_eq!(value("两千"), Some(2000));
        assert_eq!(value("三千五百"), Some(3500));
        assert_eq!(value("一万二千"), Some(12000));
        assert_eq!(value("十万"), Some(100_000));
        assert_eq!(value("十二"), Some(12));
        assert_eq!(value("二十"), Some(20));
        assert_eq!(value("一百零五"), Some(105));
        assert_eq!(value("万"), Some(10_000));
        assert_eq!(value("千"), Some(1000));
        assert_eq!(value("三亿五千万"), Some(350_000_000));
    }

    #[test]
    fn reads_digit_strings_and_refuses_nonsense() {
        assert_eq!(value("二〇二三"), Some(2023));
        assert_eq!(value("两"), Some(2));
        assert_eq!(value("十十"), None);
        assert_eq!(value("万万"), None);
        assert_eq!(value("甲"), None);
        assert_eq!(value(""), None);
    }
}
