//! `repeated-word`: a word or character doubled by accident (「的的」, 「进一步进一步」).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::prose::chars::is_han;
use crate::source::Span;

/// Finds a run of Han characters written twice in a row. Single characters count only for
/// function words that are never doubled (的的, 在在); AABB forms (的的确确, 是是非非), numerals
/// (二〇二〇) and reduplications such as 一步一步 are not errors. Doubled Chinese punctuation
/// (，，) is reported too.
pub struct RepeatedWord;

static INFO: RuleInfo = RuleInfo {
    id: "repeated-word",
    severity: Severity::Warning,
    summary: "字词误写了两遍（“的的”“进一步进一步”）",
    explain: "\
## 检查什么
同一个词连着写了两遍：2 至 8 个汉字的词（“进一步进一步”“法治政府法治政府”），以及从不叠用的单字
虚词（“的的”“也也”）；还有连写两次的中文标点（“，，”“。。”）。不算错误的：叠词和 AABB 式
（“层层”“的的确确”“是是非非”）、“等等”“一一”、数字（“二〇二〇”）、“一步一步”这类说法。

## 为什么
删改、拼接稿件时最容易留下重复的字词，拼写检查和通读都容易漏看；公开的报告里出现“的的”会被当作
没有校对。

## 错误示例
    进一步进一步完善行政执法的的程序。

## 正确示例
    进一步完善行政执法的程序。

## 配置
不自动修正（重复是否有意，需要人来判断）。关闭：

    [rules]
    repeated-word = \"off\"
",
    options: &[],
};

/// Single characters that are never doubled on purpose, nor end one word and start the next
/// (不是 是否, 可以 以案释法, 以及 及时, 针对 对象, 和 和平区, 位于 于都县 do, so 是, 以, 及, 对,
/// 和, 于 are not listed).
const FUNCTION_CHARS: &str = "的也而或被";
/// Reduplications that are standard.
const ALLOWED: &[&str] = &[
    "一步", "一点", "一年", "一天", "一个", "一批", "一件", "一项", "一次", "一代", "一级",
];
const NUMERALS: &str = "〇零一二三四五六七八九十百千万两";
const LONGEST: usize = 8;

fn doubled_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '？' | '！')
}

impl Rule for RepeatedWord {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found = Vec::new();
        // One set of buffers for every line: most lines are checked and found clean.
        let (mut offsets, mut chars, mut run) = (Vec::new(), Vec::new(), Vec::new());
        for (_, line) in prose.lines() {
            let line_text = &text[line.range()];
            if line_text.is_ascii() {
                continue;
            }
            offsets.clear();
            chars.clear();
            for (offset, c) in line_text.char_indices() {
                offsets.push(offset);
                chars.push(c);
            }
            let n = chars.len();
            // run[i]: how many Han characters follow from i on, i included.
            run.clear();
            run.resize(n + 1, 0);
            for i in (0..n).rev() {
                run[i] = if is_han(chars[i]) { run[i + 1] + 1 } else { 0 };
            }
            let mut p = 0;
            while p + 1 < n {
                match repeat_at(&chars, &run, p) {
                    Some(k) => {
                        let start = line.start + offsets[p];
                        let end = line.start + offsets.get(p + 2 * k).map_or(line_text.len(), |&o| o);
                        if prose.touches_verbatim(Span::new(start, end)) {
                            p += 1;
                            continue; // a file name or code, not the text's words
                        }
                        let word: String = chars[p..p + k].iter().collect();
                        found.push(
                            Diagnostic::new(
                                INFO.id,
                                Span::new(start, end),
                                format!("“{word}”重复写了两遍"),
                            )
                            .label("重复")
                            .help(format!("删除多余的“{word}”")),
                        );
                        p += 2 * k;
                    }
                    None => p += 1,
                }
            }
        }
        found
    }
}

/// The length of the run starting at `p` that is immediately repeated, if it is an error.
/// `run[i]` is the number of Han characters from `i` on.
fn repeat_at(chars: &[char], run: &[usize], p: usize) -> Option<usize> {
    let n = chars.len();
    let c = |i: usize| chars[i];
    if doubled_punct(c(p)) && c(p + 1) == c(p) {
        return Some(1);
    }
    let longest = LONGEST.min(run[p] / 2);
    // A repeat of length k has its first character again k places on.
    if !chars[p + 1..=p + longest].contains(&c(p)) {
        return None;
    }
    for k in 1..=longest {
        if c(p) != c(p + k) || !(1..k).all(|i| c(p + i) == c(p + k + i)) {
            continue;
        }
        let word: String = chars[p..p + k].iter().collect();
        if word.chars().all(|ch| NUMERALS.contains(ch)) || ALLOWED.contains(&word.as_str()) {
            return None;
        }
        if k == 1 {
            let aabb_after = p + 3 < n && c(p + 2) == c(p + 3) && c(p + 2) != c(p);
            let aabb_before = p >= 2 && c(p - 2) == c(p - 1) && c(p - 2) != c(p);
            let dique = c(p) == '的' && p + 2 < n && c(p + 2) == '确';
            if !FUNCTION_CHARS.contains(c(p)) || aabb_after || aabb_before || dique {
                return None;
            }
        }
        return Some(k);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_doubled_words_and_function_characters() {
        let text = "一、主要举措\n进一步进一步完善行政执法的的程序，，落实也也监督。\n";
        let found = run(&RepeatedWord, text);
        assert_eq!(flagged(text, &found), vec!["进一步进一步", "的的", "，，", "也也"]);
        assert_eq!(found[0].message, "“进一步”重复写了两遍");
    }

    #[test]
    fn silent_on_reduplication_aabb_and_numerals() {
        let text = "一、主要举措\n层层分解，的的确确，是是非非，一一对应，等等，二〇二〇年，一步一步推进，不了了之，人人参与，就是是否可以以案释法，以及及时，我的的确是，律师事务所和和平区司法局。\n";
        assert!(run(&RepeatedWord, text).is_empty(), "{:?}", flagged(text, &run(&RepeatedWord, text)));
    }

    #[test]
    fn silent_inside_file_names_and_code() {
        let md = "# 一、主要举措\n\n运行`的的`命令，附件为报告报告.docx，完善程序。\n";
        let found = crate::rules::testing::run_markdown(&RepeatedWord, md);
        assert!(found.is_empty(), "{:?}", flagged(md, &found));
        let md = "# 一、主要举措\n\n完善的的程序，运行`代码`。\n";
        let found = crate::rules::testing::run_markdown(&RepeatedWord, md);
        assert_eq!(flagged(md, &found), vec!["的的"]);
    }
}
