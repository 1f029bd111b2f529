//! Relative `/` URIs for file paths, percent-encoded where URI syntax requires (Chinese names).

/// A path as a relative URI reference: `/` separators, every byte outside the unreserved set
/// and `/` percent-encoded.
pub fn relative_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_chinese_names_and_spaces() {
        assert_eq!(
            relative_uri("drafts/2023 报告.txt"),
            "drafts/2023%20%E6%8A%A5%E5%91%8A.txt"
        );
        assert_eq!(relative_uri("a\\b.txt"), "a/b.txt");
    }
}
