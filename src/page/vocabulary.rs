//! The words the page stage knows site chrome by: data of the pack (`[page]`), so that a user
//! can add the words of the sites their reports come from.

use aho_corasick::AhoCorasick;

#[derive(Debug)]
pub struct Vocabulary {
    /// A metadata key is one that ends with one of these (文章来源, 信息来源 → 来源).
    metadata_keys: Vec<String>,
    /// Navigation entries of a site (首页, 网站地图, 无障碍).
    nav_words: Vec<String>,
    /// Buttons around an article (打印, 关闭, 分享).
    button_words: Vec<String>,
    /// What repost and sample-text sites write around an article (小编, 供大家参考).
    site_phrases: Option<AhoCorasick>,
}

/// How many characters a navigation or button entry may add to its word (网站首页, 打印本页).
const WORD_SLACK: usize = 2;

impl Vocabulary {
    pub fn new(
        metadata_keys: Vec<String>,
        nav_words: Vec<String>,
        button_words: Vec<String>,
        site_phrases: &[String],
    ) -> Vocabulary {
        let site_phrases = (!site_phrases.is_empty()).then(|| {
            AhoCorasick::new(site_phrases).expect("plain strings always build an automaton")
        });
        Vocabulary {
            metadata_keys,
            nav_words,
            button_words,
            site_phrases,
        }
    }

    /// The default pack's vocabulary.
    pub fn builtin() -> &'static Vocabulary {
        crate::config::packs::builtin_named_ref(crate::config::packs::DEFAULT_PACK)
            .expect("the default pack is built in")
            .page_vocabulary()
    }

    pub fn is_metadata_key(&self, key: &str) -> bool {
        self.metadata_keys.iter().any(|k| key.ends_with(k.as_str()))
    }

    pub fn is_nav_word(&self, entry: &str) -> bool {
        is_entry_of(entry, &self.nav_words)
    }

    pub fn is_button_word(&self, entry: &str) -> bool {
        is_entry_of(entry, &self.button_words)
    }

    /// A widget's call to action: a button word, then a navigation word (扫一扫加入微信交流群,
    /// 分享到微博).
    pub fn is_call_to_action(&self, text: &str) -> bool {
        self.button_words.iter().any(|b| {
            text.strip_prefix(b.as_str())
                .is_some_and(|rest| self.nav_words.iter().any(|n| rest.contains(n.as_str())))
        })
    }

    pub fn has_site_phrase(&self, text: &str) -> bool {
        self.site_phrases
            .as_ref()
            .is_some_and(|ac| ac.is_match(text))
    }
}

/// `entry` is one of `words`, or holds one and at most [`WORD_SLACK`] characters more.
fn is_entry_of(entry: &str, words: &[String]) -> bool {
    let chars = entry.chars().count();
    chars > 0
        && words
            .iter()
            .any(|w| entry.contains(w.as_str()) && chars <= w.chars().count() + WORD_SLACK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_hold_a_word_with_little_more() {
        let v = Vocabulary::builtin();
        assert!(v.is_nav_word("网站首页"));
        assert!(v.is_button_word("打印本页"));
        assert!(!v.is_nav_word("首页改版工作进展情况"));
        assert!(v.is_metadata_key("文章来源"));
        assert!(!v.is_metadata_key("经费保障"));
        assert!(v.is_call_to_action("扫一扫加入微信交流群"));
        assert!(!v.is_call_to_action("加强政务微信公众号管理"));
    }
}
