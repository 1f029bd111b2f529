//! Report-shaped text from bytes: titles, headings in every numbering style, prose with
//! numbers, addresses, file names and brackets, traditional characters, web debris, odd
//! whitespace and control characters, Markdown markup, and now and then a huge line.
//!
//! Alongside the text comes what no fix may change: each address, e-mail address, file name,
//! code span and number put in, in order.

use arbitrary::{Arbitrary, Result, Unstructured};

/// A generated document.
#[derive(Debug, Default)]
pub struct Report {
    pub text: String,
    /// Pieces no fix may change, in the order they appear in the text.
    pub protected: Vec<String>,
}

const TITLES: &[&str] = &[
    "关于2023年度法治政府建设情况的报告",
    "青禾县人民政府关于2024年法治政府建设工作情况的报告",
    "關於2023年度法治政府建設情況的報告",
    "市司法局2022年度法治建设工作报告",
    "关于二〇二三年度法治政府建设情况的报告",
    "XX区人民政府2023年法治政府建设年度报告",
];

const NUMBERINGS: &[&str] = &[
    "一、",
    "二、",
    "十一、",
    "二十三、",
    "（一）",
    "（十二）",
    "(一)",
    "(三)",
    "1.",
    "2．",
    "12.",
    "1、",
    "（1）",
    "(2)",
    "①",
    "⑩",
    "第一部分",
    "第二章",
    "第一，",
    "一是",
    "Ⅰ.",
    "Ⅳ、",
    "１．",
    "１２、",
    "第一百零一条",
    "99999999999999999999、",
    "0.",
    "一.",
    "（一)",
    "(1）",
    "一、一、",
    "### ",
    "## 一、",
    "**一、",
    "第十节",
];

const HEADINGS: &[&str] = &[
    "主要举措和成效",
    "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "下一年度推进法治政府建设的主要安排",
    "深入推进依法行政",
    "健全行政决策制度体系",
    "存在的不足",
    "存在的問題和原因",
    "下一步工作打算",
    "一是加强学习",
];

const PROSE: &[&str] = &[
    "我们坚持以习近平新时代中国特色社会主义思想为指导",
    "全面推进依法行政",
    "行政复议案件办结率达到",
    "取得明显成效",
    "进一步加强",
    "深入學習貫徹習近平法治思想",
    "有关部门",
    "近年来",
    "今后一个时期",
    "不断提高",
    "共办理",
    "件",
    "人次",
    "同比增长",
    "第二季度",
    "法治政府",
    "“放管服”改革",
    "《中华人民共和国行政处罚法》",
    "《行政复议法》",
    "〔2023〕12号",
    "【重要】",
    "「示范」",
    "𠮷野家",
    "ABC",
    "ok",
    "e.g.",
    "i.e.",
    "v2.0",
];

const PUNCTUATION: &[&str] = &[
    "。", "，", "、", "；", "：", "？", "！", ",", ".", ";", ":", "?", "!", "（", "）", "(", ")",
    "“", "”", "\"", "'", "‘", "’", "《", "》", "<", ">", "[", "]", "【", "】", "……", "...", "——",
    "-", "~", "～", "%", "％", "·", "/", "\\", "|", "*", "_",
];

const SPACES: &[&str] = &[
    " ", "  ", "\u{3000}", "\t", "\u{a0}", "\u{200b}", "\u{feff}", "\u{2028}", "\u{85}", "\u{1}",
    "\u{7}", "\u{1b}", "\u{7f}", "\u{0}", "\r", "\u{202e}", "\u{fe0f}", "\u{301}",
];

const BREAKS: &[&str] = &["\n", "\r\n", "\n\n", "\r", "\n\u{3000}\u{3000}", "\n  "];

const URLS: &[&str] = &[
    "https://www.gov.cn/zhengce/2024-01/30/content_6928.htm",
    "http://sfj.example.gov.cn/art/2023/12/1/art_1,2.html",
    "www.moj.gov.cn/pub/sfbgw/fzgz/index.html?a=1&b=2",
    "https://example.org/a_b/(c)/d?x=%E4%B8%AD",
    "ftp://files.example.com/report.pdf",
    "https://例子.中国/路径",
    "http://10.0.0.1:8080/x;y",
];

const EMAILS: &[&str] = &[
    "fzb@qinghe.gov.cn",
    "zhang.san+report@example.com",
    "a_b-c@sub.example.org",
];

const FILES: &[&str] = &[
    "附件1.docx",
    "report_2023.pdf",
    "C:\\Users\\clerk\\报告,终稿.doc",
    "/home/clerk/draft(2).txt",
    "data.v2.xlsx",
];

const CODE: &[&str] = &["`a,b`", "`x. y`", "`（一）`", "`1,000`", "`第一,第二`"];

const NUMBERS: &[&str] = &[
    "2023",
    "1,234",
    "1,234.56",
    "3.14",
    "99.8%",
    "0.5",
    "100",
    "12:30",
    "2024-01-30",
    "1/3",
    "-5",
    "+86",
    "10,000,000",
    "4294967296",
    "18446744073709551616",
];

/// Lines pasted from a web page around the report; `paste-artifact` deletes these.
const DEBRIS: &[&str] = &[
    "分享到：微信 微博 QQ空间",
    "打印本页",
    "【关闭窗口】",
    "上一篇：关于印发某办法的通知",
    "下一篇：2023年工作总结",
    "来源：青禾县司法局",
    "发布时间：2024-01-30 10:00",
    "字号：大 中 小",
    "扫一扫在手机打开当前页",
    "【打印】【关闭】",
    "首页 > 政务公开 > 法治政府建设",
    "浏览次数：1024",
];

/// Markdown markup, for documents read as Markdown.
const MARKUP: &[&str] = &[
    "> ",
    "- ",
    "* ",
    "1. ",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<!-- draftlint-disable vague-period -->",
    "<!-- draftlint-enable -->",
    "<!--",
    "-->",
    "**",
    "_",
    "---",
    "[链接](https://example.org/x,y)",
    "![图](a.png)",
    "<br>",
    "<div>",
    "\\",
    "[^1]",
];

fn pick<'a>(u: &mut Unstructured, list: &[&'a str]) -> Result<&'a str> {
    u.choose(list).copied()
}

/// A number in words or figures, as a heading's counter or a year.
fn chinese_count(u: &mut Unstructured) -> Result<String> {
    const DIGITS: [char; 11] = [
        '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
    ];
    let n = u.int_in_range(1..=8)?;
    let mut s = String::new();
    for _ in 0..n {
        s.push(*u.choose(&DIGITS)?);
    }
    Ok(s)
}

/// A generated document; `markdown` adds markup and code spans.
pub fn report(u: &mut Unstructured, markdown: bool) -> Result<Report> {
    let mut r = Report::default();
    if u.ratio(3, 4)? {
        r.text.push_str(pick(u, TITLES)?);
        r.text.push_str(pick(u, BREAKS)?);
    }
    let pieces = u.int_in_range(0..=120)?;
    for _ in 0..pieces {
        if u.is_empty() {
            break;
        }
        piece(u, &mut r, markdown)?;
    }
    Ok(r)
}

fn protect(r: &mut Report, piece: &str) {
    r.text.push_str(piece);
    r.protected.push(piece.to_string());
}

fn piece(u: &mut Unstructured, r: &mut Report, markdown: bool) -> Result<()> {
    match u.int_in_range(0..=22)? {
        0..=2 => {
            r.text.push_str(pick(u, BREAKS)?);
            if u.ratio(1, 3)? {
                r.text
                    .push_str(pick(u, &["\u{3000}\u{3000}", "  ", "\t", ""])?);
            }
            r.text.push_str(pick(u, NUMBERINGS)?);
            if u.ratio(1, 4)? {
                r.text.push_str(&chinese_count(u)?);
                r.text.push_str(pick(u, &["、", "是", "）", "."])?);
            }
            r.text.push_str(pick(u, HEADINGS)?);
            if u.ratio(1, 2)? {
                r.text.push_str(pick(u, BREAKS)?);
            }
        }
        3..=8 => r.text.push_str(pick(u, PROSE)?),
        9..=11 => r.text.push_str(pick(u, PUNCTUATION)?),
        12 => r.text.push_str(pick(u, SPACES)?),
        13 => r.text.push_str(pick(u, BREAKS)?),
        14 => {
            // Addresses, e-mail addresses and file names stand apart from the prose around
            // them, as they do in reports.
            r.text.push(' ');
            let list = match u.int_in_range(0..=2)? {
                0 => URLS,
                1 => EMAILS,
                _ => FILES,
            };
            let chosen = pick(u, list)?;
            protect(r, chosen);
            r.text.push(' ');
        }
        15 | 16 => {
            let chosen = pick(u, NUMBERS)?;
            protect(r, chosen);
        }
        17 => {
            // A debris line of its own.
            r.text.push('\n');
            r.text.push_str(pick(u, DEBRIS)?);
            r.text.push('\n');
        }
        18 if markdown => {
            if u.ratio(1, 3)? {
                // A fenced code block keeps everything inside it.
                let body: String = (0..u.int_in_range(1..=4)?)
                    .map(|_| pick(u, &["a , b", "（一）x", "1,234", "中文,标点", "x  y"]))
                    .collect::<Result<Vec<_>>>()?
                    .join("\n");
                r.text.push_str("\n```\n");
                protect(r, &body);
                r.text.push_str("\n```\n");
            } else {
                r.text.push(' ');
                protect(r, pick(u, CODE)?);
                r.text.push(' ');
            }
        }
        18 | 19 if markdown => r.text.push_str(pick(u, MARKUP)?),
        20 => {
            // Anything at all, a few characters of it.
            let len = u.int_in_range(0..=12)?;
            for _ in 0..len {
                // A stray backtick would make code of the prose up to the next code span.
                match char::arbitrary(u)? {
                    '`' => r.text.push('\''),
                    c => r.text.push(c),
                }
            }
        }
        21 => {
            // A huge line: one piece many times over.
            let unit = pick(u, PROSE)?;
            // Long lines are common, huge ones rare: they cost the most time per case.
            let times = if u.ratio(1, 16)? {
                u.int_in_range(1..=3000)?
            } else {
                u.int_in_range(1..=30)?
            };
            let sep = pick(u, &["", "，", ",", " "])?;
            for _ in 0..times {
                r.text.push_str(unit);
                r.text.push_str(sep);
            }
        }
        _ => {
            r.text.push_str(&chinese_count(u)?);
            r.text
                .push_str(pick(u, &["年", "月", "日", "件", "、", "是"])?);
        }
    }
    Ok(())
}
