//! `glued-words`: two words run together over the character they share (「狠抓工作落实施」).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::prose::chars::is_han;
use crate::source::Span;

/// Finds three characters XYZ where XY and YZ are both words of the pack's `overlapping-words`
/// and the phrase ends at Z (punctuation, a space or the line's end follows): a clerk who
/// started one word and finished another (落实 + 实施 → 落实施). X must begin a word — the phrase
/// starts there, or a listed word ends right before it (狠抓工作|落实施) — since a character
/// before X may make a word with it (实事项目, 调查处理, 更加强化); a character after Z that goes
/// on the phrase (落实施工方案, 推进行政执法) is a reading too. A remark: only the writer knows
/// which word was meant.
pub struct GluedWords;

static INFO: RuleInfo = RuleInfo {
    id: "glued-words",
    severity: Severity::Info,
    summary: "两个词共用一个字粘在一起（“落实施”）",
    explain: "\
## 检查什么
两个常用词共用中间一个字连在一起、读不通的地方：“狠抓工作落实施。”是“落实”和“实施”各写了一半，
“持续深化解。”是“深化”和“化解”。只在这三个字结束一个短语时（后面是标点、空格或行尾）才提示；
后面还有字能接着组成词（“落实施工方案”“推进行政执法”），或者前面的字能和第一个字组成词
（“更加强化”）时，都有通顺的读法，不提示。只是提示，因为只有作者知道本来想写哪个词。

## 为什么
改稿时删改到一半、或者输入法联想出错，都会留下这样的“粘连词”；它在通读时很容易被眼睛自动补全
而漏看，印发后却很显眼。

## 错误示例
    狠抓工作落实施。

## 正确示例
    狠抓工作落实。

## 配置
用到的词表在规则包的 overlapping-words 中，可以按本地常用的说法增补：

    overlapping-words = [\"落实\", \"实施\", \"加强\", \"强化\"]

关闭：

    [rules]
    glued-words = \"off\"
",
    options: &[],
};

impl Rule for GluedWords {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let words = cx.pack.overlapping_words();
        if words.is_empty() {
            return Vec::new();
        }
        let is_word = |a: char, b: char| words.contains(a, b);
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found = Vec::new();
        let mut chars: Vec<(usize, char)> = Vec::new();
        for (_, line) in prose.lines() {
            let line_text = &text[line.range()];
            if line_text.is_ascii() {
                continue;
            }
            chars.clear();
            chars.extend(line_text.char_indices());
            for i in 0..chars.len().saturating_sub(2) {
                let [(start, x), (_, y), (z_at, z)] = [chars[i], chars[i + 1], chars[i + 2]];
                if !(is_han(x) && is_han(y) && is_han(z) && is_word(x, y) && is_word(y, z)) {
                    continue;
                }
                let phrase_ends = chars.get(i + 3).is_none_or(|&(_, next)| !is_han(next));
                // X must begin a word: the phrase starts there, or a known word ends right
                // before it (工作|落实施). Otherwise the character before X may make a word with
                // it (实事项目, 调查处理) that the list does not know.
                let starts_word = match i {
                    0 => true,
                    1 => !is_han(chars[0].1),
                    _ => {
                        !is_han(chars[i - 1].1)
                            || is_word(chars[i - 2].1, chars[i - 1].1) && !is_word(chars[i - 1].1, x)
                    }
                };
                if !phrase_ends || !starts_word {
                    continue;
                }
                let span = Span::new(line.start + start, line.start + z_at + z.len_utf8());
                if prose.touches_verbatim(span) {
                    continue;
                }
                let (first, second) = (format!("{x}{y}"), format!("{y}{z}"));
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        span,
                        format!("“{x}{y}{z}”像是“{first}”和“{second}”粘在了一起"),
                    )
                    .label("两个词共用了一个字")
                    .help(format!(
                        "改为“{first}”或“{second}”，或补上漏掉的字（如“{first}{second}”）"
                    ))
                    .remark(),
                );
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_two_words_run_together_at_the_end_of_a_phrase() {
        let text = "一、主要举措\n狠抓工作落实施，持续深化解。\n";
        let found = run(&GluedWords, text);
        assert_eq!(flagged(text, &found), vec!["落实施", "深化解"]);
        assert_eq!(found[0].message, "“落实施”像是“落实”和“实施”粘在了一起");
    }

    #[test]
    fn silent_where_the_phrase_reads_on_or_back() {
        let text = "一、主要举措\n落实施工方案，推进行政执法，更加强化。依法治区，落实。办好实事项目，依法调查处理。\n";
        assert!(run(&GluedWords, text).is_empty(), "{:?}", flagged(text, &run(&GluedWords, text)));
    }
}
