//! Looks at a PDF's bytes before it is interpreted, to refuse what the reader must not try:
//! encrypted files, and files whose streams would unpack to more than the document may become
//! (a few kilobytes of compressed zeros can inflate to gigabytes, and the interpreter holds a
//! stream whole once decoded). Every stream is measured by inflating it into nothing, up to the
//! limit; images are left out, since reading text never decodes them.

use memchr::memmem;

/// Why a PDF was refused before it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotPdf,
    Encrypted,
    /// Its streams would unpack to more than this many bytes.
    Unpacks {
        limit: u64,
    },
}

/// How much further than its compressed size a stream with a filter this check does not
/// decode (LZW, run length) is counted to unpack: run-length data grows at most 128 times.
const UNMEASURED_FACTOR: u64 = 128;

/// Check `bytes` before reading them as a PDF: a PDF header, no encryption, and streams that
/// unpack to at most `max_unpacked` bytes together.
pub fn check(bytes: &[u8], max_unpacked: u64) -> Result<(), Refusal> {
    if !has_header(bytes) {
        return Err(Refusal::NotPdf);
    }
    if is_encrypted(bytes) {
        return Err(Refusal::Encrypted);
    }
    let mut unpacked: u64 = 0;
    for stream in streams(bytes) {
        let left = max_unpacked.saturating_sub(unpacked);
        unpacked = unpacked.saturating_add(unpacked_size(bytes, stream, left + 1));
        if unpacked > max_unpacked {
            return Err(Refusal::Unpacks {
                limit: max_unpacked,
            });
        }
    }
    Ok(())
}

/// Whether the file starts with a PDF header (readers allow some bytes before it).
pub fn has_header(bytes: &[u8]) -> bool {
    memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// Whether the trailer names an encryption dictionary. The key is never compressed (it is in
/// the trailer or in a cross-reference stream's dictionary), and `/EncryptMetadata` only
/// appears inside such a dictionary.
fn is_encrypted(bytes: &[u8]) -> bool {
    memmem::find_iter(bytes, b"/Encrypt").any(|at| {
        bytes
            .get(at + b"/Encrypt".len())
            .is_none_or(|&next| !next.is_ascii_alphanumeric())
    })
}

/// A stream in the file: its dictionary and where its data starts.
#[derive(Debug, Clone, Copy)]
struct Stream {
    dict_start: usize,
    data_start: usize,
}

/// Every `stream` keyword that follows a dictionary (`>>`), with the dictionary it closes
/// (from the nearest `obj` keyword before it).
fn streams(bytes: &[u8]) -> impl Iterator<Item = Stream> + '_ {
    memmem::find_iter(bytes, b"stream").filter_map(move |at| {
        let before = bytes[..at].trim_ascii_end();
        if !before.ends_with(b">>") {
            return None;
        }
        let mut data_start = at + b"stream".len();
        if bytes.get(data_start) == Some(&b'\r') {
            data_start += 1;
        }
        if bytes.get(data_start) == Some(&b'\n') {
            data_start += 1;
        }
        let window = at.saturating_sub(64 * 1024);
        let dict_start = memmem::rfind(&bytes[window..at], b"obj").map_or(window, |i| window + i);
        Some(Stream {
            dict_start,
            data_start,
        })
    })
}

/// What a stream unpacks to, counted up to `cap`.
fn unpacked_size(bytes: &[u8], stream: Stream, cap: u64) -> u64 {
    let dict = &bytes[stream.dict_start..stream.data_start];
    let names = |name: &[u8]| memmem::find(dict, name).is_some();
    if names(b"/Image") {
        return 0;
    }
    let data = &bytes[stream.data_start..];
    let raw_len = memmem::find(data, b"endstream").unwrap_or(data.len()) as u64;
    let unmeasured = [
        &b"/LZWDecode"[..],
        b"/RunLengthDecode",
        b"/ASCII85Decode",
        b"/ASCIIHexDecode",
    ]
    .iter()
    .any(|name| names(name));
    if unmeasured {
        return raw_len.saturating_mul(UNMEASURED_FACTOR);
    }
    if names(b"/FlateDecode") {
        // The interpreter tries zlib, then raw deflate, on the same data: count the larger.
        let zlib = inflated_size(flate2::read::ZlibDecoder::new(data), cap);
        if zlib >= cap {
            return zlib;
        }
        return zlib.max(inflated_size(flate2::read::DeflateDecoder::new(data), cap));
    }
    raw_len
}

/// Bytes a decoder yields before it ends, fails or reaches `cap`.
fn inflated_size(decoder: impl std::io::Read, cap: u64) -> u64 {
    let mut counter = std::io::sink();
    let mut limited = decoder.take(cap);
    let mut copied = 0u64;
    let mut buffer = [0u8; 32 * 1024];
    loop {
        match std::io::Read::read(&mut limited, &mut buffer) {
            Ok(0) | Err(_) => return copied,
            Ok(n) => {
                copied += n as u64;
                let _ = std::io::Write::write_all(&mut counter, &buffer[..n]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflated(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn pdf_with_stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
        pdf.extend_from_slice(dict.as_bytes());
        pdf.extend_from_slice(b"\nstream\n");
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_stream_that_inflates_past_the_limit_is_refused() {
        let bomb = deflated(&vec![0u8; 4 * 1024 * 1024]);
        let pdf = pdf_with_stream("<< /Filter /FlateDecode >>", &bomb);
        assert_eq!(
            check(&pdf, 1024 * 1024),
            Err(Refusal::Unpacks { limit: 1024 * 1024 })
        );
        assert_eq!(check(&pdf, 8 * 1024 * 1024), Ok(()));
    }

    #[test]
    fn images_are_not_measured() {
        let bomb = deflated(&vec![0u8; 4 * 1024 * 1024]);
        let pdf = pdf_with_stream("<< /Subtype /Image /Filter /FlateDecode >>", &bomb);
        assert_eq!(check(&pdf, 1024 * 1024), Ok(()));
    }

    #[test]
    fn encryption_and_missing_headers_are_refused() {
        let encrypted = b"%PDF-1.7\ntrailer << /Root 1 0 R /Encrypt 5 0 R >>\n%%EOF";
        assert_eq!(check(encrypted, 1024), Err(Refusal::Encrypted));
        let plain = b"%PDF-1.7\ntrailer << /Root 1 0 R /EncryptedNot 5 0 R >>\n%%EOF";
        assert_eq!(check(plain, 1024), Ok(()));
        assert_eq!(check(b"hello", 1024), Err(Refusal::NotPdf));
    }
}
