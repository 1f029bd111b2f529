//! `bracket-pairing`: unbalanced 《》 “” （） 【】 「」 〔〕.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::prose::chars::{chars_led_by, lead_bytes};
use crate::source::Span;

/// Pairs brackets and quotes inside each paragraph (a sentence broken over lines by a PDF copy
/// counts as one paragraph). Half-width parentheses pair with full-width ones: their width is
/// `punctuation-width`'s business. A closing parenthesis after a number at the start of a line
/// (「1）」「一）」) is a list marker, not a bracket; brackets in addresses, file names and code
/// are not the text's.
pub struct BracketPairing;

static INFO: RuleInfo = RuleInfo {
    id: "bracket-pairing",
    severity: Severity::Error,
    summary: "书名号、引号、括号不成对",
    explain: "\
## 检查什么
每个段落中的书名号《》、双引号“”、括号（）、方头括号【】、直角引号「」、六角括号〔〕是否成对：
有开无闭、有闭无开、交叉嵌套（“《纲要（2021—2025年》）”）都会报告。从 PDF 复制时断成几行的句子
按一段计算。半角括号和全角括号可以互相配对（宽度问题由 punctuation-width 报告）；行首“1）”“一）”
这样的序号，以及网址、文件名和代码（Markdown 的代码、链接地址）中的括号不算。

## 为什么
GB/T 15834-2011《标点符号用法》：引号、括号、书名号都成对使用。缺了一半，读者无法判断引用或书名
在哪里结束，文件名称也可能被写错；这类错误在公开的报告中很显眼。

## 错误示例
    认真学习《法治政府建设实施纲要（2021—2025年）的精神

## 正确示例
    认真学习《法治政府建设实施纲要（2021—2025年）》的精神

## 配置
    [rules]
    bracket-pairing = \"off\"
",
    options: &[],
};

const PAIRS: &[(char, char, &str)] = &[
    ('《', '》', "书名号"),
    ('“', '”', "引号"),
    ('（', '）', "括号"),
    ('【', '】', "方头括号"),
    ('「', '」', "直角引号"),
    ('〔', '〕', "六角括号"),
];

/// The first bytes of the characters of [`PAIRS`] and of `(` `)`.
const BRACKET_LEADS: [bool; 256] = lead_bytes(&[b'(', b')', 0xE2, 0xE3, 0xEF]);

/// (pair index, is opening) for a bracket character.
fn bracket(c: char) -> Option<(usize, bool)> {
    let c = match c {
        '(' => '（',
        ')' => '）',
        c => c,
    };
    PAIRS.iter().enumerate().find_map(|(i, &(open, close, _))| {
        if c == open {
            Some((i, true))
        } else if c == close {
            Some((i, false))
        } else {
            None
        }
    })
}

/// 「1）」「一）」「(1)」 at the start of a line: the closing mark of a list marker.
fn is_marker_close(line: &str, offset: usize) -> bool {
    let before = line[..offset].trim_start_matches(crate::prose::chars::is_space);
    let count = before.chars().count();
    (1..=3).contains(&count)
        && before
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}

fn unclosed(pair: usize, span: Span) -> Diagnostic {
    let (open, close, name) = PAIRS[pair];
    Diagnostic::new(
        INFO.id,
        span,
        format!("{name}“{open}”没有对应的“{close}”"),
    )
    .label("没有闭合")
    .help(format!("在引用或名称结束处补上“{close}”，或删除多余的“{open}”"))
}

fn unopened(pair: usize, span: Span) -> Diagnostic {
    let (open, close, name) = PAIRS[pair];
    Diagnostic::new(
        INFO.id,
        span,
        format!("{name}“{close}”前面没有对应的“{open}”"),
    )
    .label("多余的后半个")
    .help(format!("在引用或名称开始处补上“{open}”，或删除多余的“{close}”"))
}

impl Rule for BracketPairing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut continues = vec![false; cx.doc.lines.len()];
        for wrap in prose.wraps() {
            continues[wrap.second] = true;
        }
        let mut found = Vec::new();
        let mut stack: Vec<(usize, Span)> = Vec::new();
        for (index, line) in prose.lines() {
            if !continues[index] {
                found.extend(stack.drain(..).map(|(p, s)| unclosed(p, s)));
            }
            let line_text = &text[line.range()];
            for (offset, c) in chars_led_by(line_text, &BRACKET_LEADS) {
                let Some((pair, opening)) = bracket(c) else {
                    continue;
                };
                if prose.verbatim.contains(line.start + offset) {
                    continue; // a bracket of an address, a file name or code
                }
                let span = Span::new(line.start + offset, line.start + offset + c.len_utf8());
                if opening {
                    stack.push((pair, span));
                    continue;
                }
                match stack.iter().rposition(|&(p, _)| p == pair) {
                    Some(at) => {
                        found.extend(stack.drain(at + 1..).map(|(p, s)| unclosed(p, s)));
                        stack.pop();
                    }
                    None if pair == 2 && is_marker_close(line_text, offset) => {}
                    None => found.push(unopened(pair, span)),
                }
            }
        }
        found.extend(stack.drain(..).map(|(p, s)| unclosed(p, s)));
        // Where a wrong encoding garbled the text, its brackets went with it: `paste-artifact`
        // reports the garbled text and asks for it to be restored.
        let garbled: Vec<usize> = cx
            .doc
            .inline_debris
            .iter()
            .filter(|d| d.kind == crate::page::InlineKind::Mojibake)
            .map(|d| d.line)
            .collect();
        if !garbled.is_empty() {
            found.retain(|d| !garbled.contains(&cx.source.line_index.line_of(d.span.start)));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_unbalanced_and_crossed_marks() {
        let text = "一、主要举措\n认真学习《法治政府建设实施纲要（2021—2025年）的精神。\n强化“第一责任人“意识。\n落实制度）。\n";
        let found = run(&BracketPairing, text);
        assert_eq!(flagged(text, &found), vec!["《", "“", "“", "）"]);
        assert_eq!(found[0].message, "书名号“《”没有对应的“》”");
        assert_eq!(found[3].message, "括号“）”前面没有对应的“（”");
    }

    #[test]
    fn silent_on_balanced_marks_markers_and_broken_lines() {
        let text = "一、主要举措\n1）学习《宪法》(修正案)和“三项制度”（2021—2025年）。\n认真组织做好《法治政\n\n府建设实施纲要（\n\n2021\n\n―\n\n2025\n\n年）》的学习，完善“一网通办\n\n”。\n";
        assert!(run(&BracketPairing, text).is_empty(), "{:?}", run(&BracketPairing, text));
    }

    #[test]
    fn brackets_garbled_by_a_wrong_encoding_are_left_to_paste_artifact() {
        let garbled = "一、主要举措\n完成实施纲要起草工作?!毒V要》印发实施，为“十四五”时期确立了路线图。\n";
        assert!(run(&BracketPairing, garbled).is_empty(), "{:?}", flagged(garbled, &run(&BracketPairing, garbled)));
        let plain = "一、主要举措\n完成实施纲要起草工作。纲要》印发实施。\n";
        assert_eq!(flagged(plain, &run(&BracketPairing, plain)), vec!["》"]);
    }

    #[test]
    fn brackets_of_addresses_file_names_and_code_are_not_the_texts() {
        let text = "一、主要举措\n详见https://a.cn/x(1和附件报告(终稿.docx，网站（https://b.cn/y)）。\n";
        assert!(run(&BracketPairing, text).is_empty(), "{:?}", flagged(text, &run(&BracketPairing, text)));
        let md = "# 一、主要举措\n\n运行`f(`命令，见[通知](https://a.cn/x)（一）。\n";
        let found = crate::rules::testing::run_markdown(&BracketPairing, md);
        assert!(found.is_empty(), "{:?}", flagged(md, &found));
        // A bracket of the text next to an address still counts.
        let text = "一、主要举措\n详见（https://a.cn/x说明。\n";
        assert_eq!(flagged(text, &run(&BracketPairing, text)), vec!["（"]);
    }
}
