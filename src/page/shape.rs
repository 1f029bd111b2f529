//! What a single line looks like: the shapes of site chrome, told apart from report text by
//! their form (separators, `key：value` pairs, bracketed labels, lines made only of navigation
//! words) with the pack's vocabularies, never by whole phrases.

use super::Vocabulary;
use crate::parse::text::is_space;
use crate::tiered::TieredRegex;

/// Longest line, in characters, that site chrome can be: a longer line is a paragraph.
pub const MAX_CHROME_CHARS: usize = 100;
/// Longest line, in characters, that counts as a short caption line (a site's name, a column
/// name, a menu) in the page header above the report.
pub const SHORT_LINE_CHARS: usize = 40;
/// Longest widget caption that a button word and a navigation word make chrome.
const MAX_CALL_TO_ACTION_CHARS: usize = 16;
/// Longest segment of a breadcrumb or a menu, in characters: the name of a site column.
const MAX_SEGMENT_CHARS: usize = 16;
/// Longest metadata key, in characters (发布时间, 信息来源, 主题分类, 发文机关).
const MAX_KEY_CHARS: usize = 8;

/// A kind of site chrome recognised by its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 首页 > 政务公开 > 正文, 您当前所在位置：…
    Breadcrumb,
    /// 来源：… 发布时间：… 浏览：5072次; [ 索引号 ] … [ 发文字号 ]
    Metadata,
    /// 联系我们 | 网站地图 | 微信; 无障碍 简体 | 繁体
    Menu,
    /// 【打印】【关闭】, 字号 大 中 小, 分享到
    Buttons,
    /// 关于……的报告_政府文件_某区人民政府网
    TitleBar,
    /// 今天是2019年10月31日 星期三 农历十月初七
    DateBanner,
    /// 新华社北京3月29日电 据……
    NewsLead,
    /// 下面是小编为大家整理的……，供大家参考。
    SiteBlurb,
    /// 公文汇 www.…: a repost site's name and address on a line of their own.
    Watermark,
    /// A heading, or part of the title, pasted twice in a row.
    Repeated,
    /// The site's name or column above the report, a copy of the title the site prints above
    /// its metadata: short lines in the page header.
    PageHeader,
    /// 一图读懂：https://…: a link the page shows next to the article, outside the report's text.
    Link,
    /// The beginning of the next paragraph cut off, as a site shows an article's summary above it.
    Summary,
}

impl Shape {
    /// The name a finding uses, in Chinese.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Breadcrumb => "网页导航（面包屑）",
            Shape::Metadata => "网页发布信息",
            Shape::Menu => "网站栏目菜单",
            Shape::Buttons => "网页按钮",
            Shape::TitleBar => "网页标题栏",
            Shape::DateBanner => "网页日期横幅",
            Shape::NewsLead => "新闻转载导语",
            Shape::SiteBlurb => "转载网站的说明文字",
            Shape::Watermark => "转载网站的水印",
            Shape::Repeated => "重复粘贴的一行",
            Shape::PageHeader => "网页页眉（站名、栏目、网页标题）",
            Shape::Link => "网页链接",
            Shape::Summary => "网页摘要（下一段开头的节选）",
        }
    }
}

/// A date with a clock time (2024-03-28 09:18, 2021/03/29 11:30:01, 04.04.2018 22:42), or a time relative to now
/// (157天前): when a page published or was read, never what a report says.
static TIMESTAMP: TieredRegex = TieredRegex::new(
    r"[0-9]{4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*日?\s+[0-9]{1,2}:[0-9]{2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}\s+[0-9]{1,2}:[0-9]{2}|[0-9]+\s*(天|小时|分钟)前",
);

/// A news dateline (电头) opening a repost: 「中新网 3月29日电」「新华社北京3月29日电」.
static NEWS_DATELINE: TieredRegex =
    TieredRegex::new(r"^\S{0,16}?\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日\s*电");

/// Punctuation that ends or divides a sentence; chrome has none of it. A comma between digits
/// (1,234) does not count.
pub fn has_sentence_punctuation(text: &str) -> bool {
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '。' | '，' | '；' | '！' | '？' | ';' | '!' | '?' => return true,
            ',' if !(previous.is_ascii_digit()
                && chars.peek().is_some_and(|n| n.is_ascii_digit())) =>
            {
                return true;
            }
            _ => {}
        }
        previous = c;
    }
    false
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// The shape of a line (without its indentation), if it is site chrome on its own.
pub fn shape(content: &str, vocabulary: &Vocabulary) -> Option<Shape> {
    let chars = content.chars().count();
    if chars == 0 || chars > MAX_CHROME_CHARS {
        return None;
    }
    if vocabulary.has_site_phrase(content) {
        return Some(Shape::SiteBlurb);
    }
    if super::inline::is_watermark_line(content) {
        return Some(Shape::Watermark);
    }
    if NEWS_DATELINE.is_match(content) {
        return Some(Shape::NewsLead);
    }
    let content = without_bullet(content);
    // A date banner whose date a script that did not run was to fill in.
    if content.trim_end_matches([':', '：', ' ']) == "今天是" {
        return Some(Shape::DateBanner);
    }
    if content.contains(['。', '！', '？']) {
        return None;
    }
    // Metadata values may list keywords with commas (关键字: 教育,法治).
    let (known, fields, starts_with_key) = metadata_keys(content, vocabulary);
    if known >= 2 {
        return Some(Shape::Metadata);
    }
    if has_sentence_punctuation(content) {
        return None;
    }
    if is_date_banner(content, chars) {
        return Some(Shape::DateBanner);
    }
    if is_breadcrumb(content, vocabulary) {
        return Some(Shape::Breadcrumb);
    }
    if is_title_bar(content) {
        return Some(Shape::TitleBar);
    }
    if known == 1 && (fields >= 2 || starts_with_key)
        || key_tokens(content, vocabulary) >= 2
        || TIMESTAMP.is_match(content)
    {
        return Some(Shape::Metadata);
    }
    if is_menu(content, vocabulary) {
        return Some(Shape::Menu);
    }
    if is_buttons(content, vocabulary)
        || chars <= MAX_CALL_TO_ACTION_CHARS && vocabulary.is_call_to_action(content)
    {
        return Some(Shape::Buttons);
    }
    None
}

/// A short line without sentence punctuation: what a site's name, a column title or a menu
/// looks like when it stands above a report.
/// A line that is only a web address, perhaps after a short label (一图读懂：https://…).
/// Chrome only before the report's text: a report may give an address in its body.
pub fn is_link_line(content: &str) -> bool {
    let address = match content.find([':', '：']) {
        Some(colon)
            if !content[..colon].ends_with("http") && !content[..colon].ends_with("https") =>
        {
            let label = content[..colon].trim();
            if label.chars().count() > SHORT_LINE_CHARS / 2 || label.contains(char::is_whitespace) {
                return false;
            }
            content[colon..].trim_start_matches([':', '：']).trim()
        }
        _ => content.trim(),
    };
    (address.starts_with("http://")
        || address.starts_with("https://")
        || address.starts_with("www."))
        && address.chars().all(|c| c.is_ascii_graphic())
}

/// A date written the way web pages and databases do (2023-01-03, 2023/1/3), alone on a line:
/// a report writes its dates with 年月日. Chrome only before the report's text.
pub fn is_numeric_date(content: &str) -> bool {
    NUMERIC_DATE.is_match(content.trim())
}

static NUMERIC_DATE: TieredRegex =
    TieredRegex::new(r"^[0-9]{4}\s*[-/.]\s*[0-9]{1,2}\s*[-/.]\s*[0-9]{1,2}$");

pub fn is_short_caption(content: &str) -> bool {
    let chars = content.chars().count();
    chars > 0 && chars <= SHORT_LINE_CHARS && !has_sentence_punctuation(content)
}

fn is_date_banner(content: &str, chars: usize) -> bool {
    if chars > 50 || !content.chars().any(|c| c.is_ascii_digit() || c == '〇') {
        return false;
    }
    content.contains("农历")
        || content.contains("今天是")
        || ["星期", "礼拜"].iter().any(|w| {
            content.match_indices(w).any(|(i, _)| {
                content[i + w.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| "一二三四五六日天".contains(c))
            })
        })
}

/// Splits at breadcrumb separators: >, >>, ＞, », ›, →, ->.
fn breadcrumb_segments(content: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut start = 0;
    let mut iter = content.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let separator_len = match c {
            '>' | '＞' | '»' | '›' | '→' | '〉' => c.len_utf8(),
            '-' | '—' if iter.peek().is_some_and(|&(_, n)| n == '>') => {
                iter.next();
                c.len_utf8() + 1
            }
            _ => continue,
        };
        segments.push(&content[start..i]);
        start = i + separator_len;
    }
    segments.push(&content[start..]);
    segments
        .into_iter()
        .map(|s| s.trim_matches(|c: char| is_space(c) || c == '>' || c == '＞'))
        .filter(|s| !s.is_empty())
        .collect()
}

fn is_breadcrumb(content: &str, vocabulary: &Vocabulary) -> bool {
    let segments = breadcrumb_segments(content);
    if segments.len() < 2 {
        return false;
    }
    // 「您当前所在位置：首页」: the label before the colon is part of the first segment.
    let first = segments[0];
    let (label, first) = match first.rfind([':', '：']) {
        Some(i) => (true, first[i..].trim_start_matches([':', '：']).trim()),
        None => (false, first),
    };
    let short = std::iter::once(first)
        .chain(segments[1..].iter().copied())
        .all(|s| s.chars().count() <= MAX_SEGMENT_CHARS);
    short
        && (segments.len() >= 3
            || label
            || vocabulary.is_nav_word(first)
            || segments.iter().any(|s| vocabulary.is_nav_word(s)))
}

/// A browser title bar as a page stores it: the page's name, then its column and the site's name,
/// joined by underscores (「关于……的报告_政府文件_某区人民政府网」).
fn is_title_bar(content: &str) -> bool {
    let segments: Vec<&str> = content.split(['_', '＿']).map(str::trim).collect();
    segments.len() >= 3
        && segments.iter().all(|s| !s.is_empty())
        && segments[1..]
            .iter()
            .all(|s| s.chars().count() <= MAX_SEGMENT_CHARS)
}

/// A list bullet at the start of a line (`- `, `• `), which portals put before metadata rows.
fn without_bullet(content: &str) -> &str {
    let rest = content.trim_start_matches(['-', '•', '·', '*', '・', '◆', '●', '■', '▪']);
    if rest.len() < content.len() && rest.starts_with(is_space) {
        rest.trim_start_matches(is_space)
    } else {
        content
    }
}

/// Fields of `key：value` pairs and `[ key ]` labels: `(keys that end with a metadata word of the
/// pack, all fields, whether the line starts with a known key)`.
fn metadata_keys(content: &str, vocabulary: &Vocabulary) -> (usize, usize, bool) {
    let mut known = 0;
    let mut fields = 0;
    let mut starts_with_key = false;
    for (i, c) in content.char_indices() {
        let key = match c {
            ':' | '：' => key_before(&content[..i]),
            ']' | '】' => label_before(&content[..i]),
            _ => continue,
        };
        let Some((key, at_start)) = key else {
            continue;
        };
        fields += 1;
        if vocabulary.is_metadata_key(&key) {
            known += 1;
            starts_with_key |= at_start;
        }
    }
    (known, fields, starts_with_key)
}

/// Keys written without a colon, each followed by its value (主题分类 司法 体裁分类 其他).
fn key_tokens(content: &str, vocabulary: &Vocabulary) -> usize {
    let tokens: Vec<&str> = content.split(is_space).filter(|t| !t.is_empty()).collect();
    if tokens.len() < 3 {
        return 0;
    }
    let is_key = |t: &str| {
        let n = t.chars().count();
        (2..=6).contains(&n) && t.chars().all(is_han) && vocabulary.is_metadata_key(t)
    };
    if !is_key(tokens[0]) {
        return 0;
    }
    tokens.iter().filter(|t| is_key(t)).count()
}

/// The key before a colon, if it starts a field (line start, after a space, a bar, a slash or
/// a bracket) and is short: `(key, whether it starts the line)`. A key spaced out to align a
/// table (索  引  号) is read without its spaces.
fn key_before(before: &str) -> Option<(String, bool)> {
    let before = before.trim_end_matches(is_space);
    let mut start = han_run_start(before)?;
    let mut key = before[start..].to_string();
    if key.chars().count() == 1 {
        // Single characters separated by spaces: a spaced-out key.
        loop {
            let head = before[..start].trim_end_matches(is_space);
            if head.len() == start {
                break;
            }
            match han_run_start(head) {
                Some(s) if head[s..].chars().count() == 1 => {
                    key.insert_str(0, &head[s..]);
                    start = s;
                }
                _ => break,
            }
        }
    }
    if key.chars().count() > MAX_KEY_CHARS {
        return None;
    }
    let preceding = before[..start].trim_end_matches(is_space);
    // Two names of one field (备注/文号): the key still starts the line.
    let alternative_of_first = preceding.strip_suffix('/').is_some_and(|first| {
        !first.is_empty() && first.chars().count() <= MAX_KEY_CHARS && first.chars().all(is_han)
    });
    let field_start = before[..start].is_empty()
        || before[..start].ends_with(is_space)
        || preceding.ends_with(['|', '｜', ']', '】', '[', '【', '(', '（', '/', '、']);
    field_start.then_some((key, preceding.is_empty() || alternative_of_first))
}

/// Where the run of Han characters that ends `text` starts.
fn han_run_start(text: &str) -> Option<usize> {
    text.char_indices()
        .rev()
        .take_while(|&(_, c)| is_han(c))
        .last()
        .map(|(i, _)| i)
}

/// The key of a bracketed label `[ 索引号 ]` or `【来源】` that ends just before `before`'s end.
fn label_before(before: &str) -> Option<(String, bool)> {
    let open = before.rfind(['[', '【'])?;
    let bracket_len = before[open..].chars().next()?.len_utf8();
    let key = before[open + bracket_len..].trim_matches(is_space);
    let plain = !key.is_empty() && key.chars().count() <= MAX_KEY_CHARS && key.chars().all(is_han);
    plain.then(|| {
        (
            key.to_string(),
            before[..open].trim_matches(is_space).is_empty(),
        )
    })
}

/// Tokens of a line of buttons: what is left between brackets, bars, dashes and spaces.
fn button_tokens(content: &str) -> impl Iterator<Item = &str> {
    content
        .split(|c: char| is_space(c) || "【】[]()（）|｜-—·•/:：「」".contains(c))
        .filter(|t| !t.is_empty())
}

fn is_buttons(content: &str, vocabulary: &Vocabulary) -> bool {
    let mut any_word = false;
    for token in button_tokens(content) {
        if vocabulary.is_button_word(token) || vocabulary.is_nav_word(token) {
            any_word = true;
        } else if !matches!(
            token,
            "大" | "中" | "小" | "默认" | "A" | "A+" | "A-" | "+" | "T"
        ) {
            return false;
        }
    }
    any_word
}

/// A menu: two or more short entries divided by bars, one of them a navigation word.
fn is_menu(content: &str, vocabulary: &Vocabulary) -> bool {
    if !content.contains(['|', '｜']) {
        return false;
    }
    let entries: Vec<&str> = content
        .split(['|', '｜'])
        .map(|e| e.trim_matches(is_space))
        .filter(|e| !e.is_empty())
        .collect();
    entries.len() >= 2
        && entries
            .iter()
            .all(|e| e.chars().count() <= MAX_SEGMENT_CHARS)
        && entries.iter().any(|e| {
            e.split(is_space)
                .any(|word| vocabulary.is_nav_word(word) || vocabulary.is_button_word(word))
        })
}

/// A news dateline at the start of a line.
pub fn is_news_lead(content: &str) -> bool {
    NEWS_DATELINE.is_match(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(line: &str) -> Option<Shape> {
        shape(line, Vocabulary::builtin())
    }

    #[test]
    fn breadcrumbs_by_their_separators() {
        for line in [
            "首页 >> 政府信息公开 >> 法定主动公开内容",
            "您当前所在位置:首页>政务公开>年度报告>乡镇街道",
            " 首页→ 网站公告",
            "当前位置：网站首页 › 通知公告",
            "政务公开 > 工作报告 > 正文",
        ] {
            assert_eq!(shape_of(line.trim()), Some(Shape::Breadcrumb), "{line}");
        }
        // Arrows in a sentence, or a comparison, are not navigation.
        for line in [
            "由“被动执法”→“主动服务”，转变明显。",
            "行政复议案件数量 > 诉讼案件数量",
        ] {
            assert_ne!(shape_of(line), Some(Shape::Breadcrumb), "{line}");
        }
    }

    #[test]
    fn metadata_by_key_value_pairs_and_labels() {
        for line in [
            "来源:某区人民政府办公室 发布时间:2024-03-28 09:18",
            "浏览:5072次 时间:2022-12-07 来源:本站",
            "日期:2023年05月11日   作者:某乡党政办公室   来源:某乡    点击:[]",
            "[ 索引号 ] 11500230008689762A/2026-00004 [ 发文字号 ]",
            "[ 有效性 ]",
            "信息来源：县司法局",
            "更新时间：2021/03/29 11:30:01",
            "04.04.2018  22:42",
        ] {
            assert_eq!(shape_of(line), Some(Shape::Metadata), "{line}");
        }
        // A sentence that names a time or a source is report text.
        for line in [
            "时间紧、任务重，各单位要按时完成。",
            "全县共办理案件120件，来源：县法院统计",
            "二是健全调解来源渠道",
        ] {
            assert_eq!(shape_of(line), None, "{line}");
        }
    }

    #[test]
    fn menus_buttons_banners_and_leads() {
        assert_eq!(shape_of("联系我们| 网站地图| 微信"), Some(Shape::Menu));
        assert_eq!(
            shape_of("| 手机端| 政务邮箱| 无障碍浏览|"),
            Some(Shape::Menu)
        );
        assert_eq!(shape_of("【打印】 -"), Some(Shape::Buttons));
        assert_eq!(shape_of("【打印本页】【关闭窗口】"), Some(Shape::Buttons));
        assert_eq!(shape_of("分享到："), Some(Shape::Buttons));
        assert_eq!(
            shape_of("今天是:2019年10月31日 星期三 农历十月初七"),
            Some(Shape::DateBanner)
        );
        assert_eq!(
            shape_of("某某区人民政府 2019年12月3日星期二"),
            Some(Shape::DateBanner)
        );
        assert_eq!(
            shape_of("中新网 3月29日电 据某部微信公众号消息，某部发布年度报告。具体内容如下:"),
            Some(Shape::NewsLead)
        );
        assert_eq!(
            shape_of("下面是小编为大家整理的工作情况报告，供大家参考。"),
            Some(Shape::SiteBlurb)
        );
        // A table row of the report, or a weekday in a sentence, is not chrome.
        assert_eq!(shape_of("| 项目 | 数量 | 同比 |"), None);
        assert_eq!(shape_of("每周星期三开展集中学法，全年共12次。"), None);
    }

    #[test]
    fn sentence_punctuation_ignores_digit_groups() {
        assert!(!has_sentence_punctuation("共1,234件"));
        assert!(has_sentence_punctuation("甲,乙"));
        assert!(has_sentence_punctuation("甲。"));
    }
}
