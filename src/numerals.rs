//! Chinese numerals as used in heading markers and dates.

/// Value of a Chinese numeral as written in markers and dates (一, 十二, 二十三, 一百, 二〇二三
/// read digit by digit when it has no 十/百).
pub fn parse_chinese(text: &str) -> Option<u32> {
    crate::numbers::chinese::value(text).and_then(|v| u32::try_from(v).ok())
}

/// Chinese numeral for 1..=99 as written in markers (一, 十, 十一, 二十).
pub fn to_chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// Value of Arabic digits, half- or full-width.
pub fn parse_arabic(text: &str) -> Option<u32> {
    text.chars().try_fold(0u32, |acc, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        acc.checked_mul(10)?.checked_add(d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chinese_numerals() {
        assert_eq!(parse_chinese("一"), Some(1));
        assert_eq!(parse_chinese("十"), Some(10));
        assert_eq!(parse_chinese("十二"), Some(12));
        assert_eq!(parse_chinese("二十三"), Some(23));
        assert_eq!(parse_chinese("一百"), Some(100));
        assert_eq!(parse_chinese("二〇二三"), Some(2023));
        assert_eq!(parse_chinese("三十一"), Some(31));
        assert_eq!(parse_chinese("甲"), None);
    }

    #[test]
    fn writes_chinese_numerals() {
        assert_eq!(to_chinese(1), "一");
        assert_eq!(to_chinese(10), "十");
        assert_eq!(to_chinese(14), "十四");
        assert_eq!(to_chinese(20), "二十");
        assert_eq!(to_chinese(35), "三十五");
    }

    #[test]
    fn reads_full_width_digits() {
        assert_eq!(parse_arabic("１２"), Some(12));
        assert_eq!(parse_arabic("2023"), Some(2023));
        assert_eq!(parse_arabic("x"), None);
    }
}
