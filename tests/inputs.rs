//! Real inputs through the CLI: one report as UTF-8, GB18030, UTF-16, CR-only, Markdown and
//! Word (.docx made by LibreOffice, with and without automatic numbering) gives the same
//! findings; hostile files are refused one by one with a Chinese reason while the rest are
//! checked; Markdown suppressions and baselines.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

fn inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/inputs")
}

fn draftlint() -> Command {
    let mut cmd = Command::cargo_bin("draftlint").unwrap();
    cmd.timeout(Duration::from_secs(60));
    cmd
}

fn json_of(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let output = draftlint()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (
        output.status.code(),
        json,
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// What `draftlint ARGS` run in `dir` writes to standard output.
fn stdout_of(dir: &Path, args: &[&str]) -> String {
    let output = draftlint().current_dir(dir).args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// (rule, message) of every finding in the only file of a JSON report.
fn findings(file: &Value) -> Vec<(String, String)> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_same_report_in_every_format_gives_the_same_findings() {
    let (_, json, stderr) = json_of(&inputs(), &["report.txt"]);
    let expected = findings(&json["files"][0]);
    assert!(expected.len() >= 3, "{expected:?} {stderr}");
    for (name, format, encoding) in [
        ("report-gb18030.txt", "text", Value::from("gb18030")),
        ("report-utf16.txt", "text", Value::from("utf-16le")),
        ("report-bom-cr.txt", "text", Value::from("utf-8-bom")),
        ("report.md", "markdown", Value::from("utf-8")),
        ("report.docx", "docx", Value::Null),
        ("headings.docx", "docx", Value::Null),
        ("numbered.docx", "docx", Value::Null),
        ("numbered-handmade.docx", "docx", Value::Null),
    ] {
        let (code, json, stderr) = json_of(&inputs(), &[name]);
        assert_eq!(code, Some(1), "{name}: {stderr}");
        let file = &json["files"][0];
        assert_eq!(file["format"], format, "{name}");
        assert_eq!(file["encoding"], encoding, "{name}");
        assert_eq!(findings(file), expected, "{name}");
    }
}

/// (level, number, heading, part) of every section, depth first.
fn outline(name: &str) -> Vec<(u64, u64, String, Value)> {
    let output = draftlint()
        .current_dir(inputs())
        .args(["outline", name, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{name}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    fn walk(sections: &Value, out: &mut Vec<(u64, u64, String, Value)>) {
        for s in sections.as_array().unwrap() {
            out.push((
                s["level"].as_u64().unwrap(),
                s["number"].as_u64().unwrap(),
                s["heading"].as_str().unwrap().to_string(),
                s["part"].clone(),
            ));
            walk(&s["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&json["sections"], &mut out);
    out
}

#[test]
fn an_auto_numbered_docx_reads_like_its_literal_twin() {
    let literal = outline("report.txt");
    assert_eq!(literal.len(), 9);
    for name in [
        "numbered.docx",
        "numbered-handmade.docx",
        "headings.docx",
        "report.md",
        "report.docx",
    ] {
        assert_eq!(outline(name), literal, "{name}");
    }
    // No literal marker in the numbered documents: the numbers come from numbering.xml.
    let bytes = fs::read(inputs().join("numbered.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(!xml.contains("一、") && !xml.contains("（一）") && xml.contains("numPr"));
}

#[test]
fn docx_findings_name_the_paragraph_and_quote_it() {
    let stdout = stdout_of(&inputs(), &["check", "numbered.docx", "--color", "never"]);
    assert!(stdout.contains("numbered.docx:14:27"), "{stdout}");
    assert!(
        stdout.contains("位置：Word 文档第14段，第27个字"),
        "{stdout}"
    );
    assert!(stdout.contains("审结50件，审结率99%"), "{stdout}");
}

#[test]
fn verbose_names_the_encoding() {
    let output = draftlint()
        .current_dir(inputs())
        .args(["check", "-v", "report-gb18030.txt", "report.docx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("读取 report-gb18030.txt：纯文本，编码 GB18030/GBK"),
        "{stderr}"
    );
    assert!(stderr.contains("读取 report.docx：Word 文档"), "{stderr}");
}

#[test]
fn a_docx_on_stdin_is_read_by_its_content() {
    let bytes = fs::read(inputs().join("report.docx")).unwrap();
    draftlint()
        .args(["check", "-", "--format", "concise"])
        .write_stdin(bytes)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "<stdin>:14:27: error[stats-inconsistent]",
        ));
}

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

fn document_xml(body: &str) -> Vec<u8> {
    format!("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>").into_bytes()
}

/// Every file's name, length and modification time: to see that nothing was written.
fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = fs::symlink_metadata(e.path()).unwrap();
            (e.path(), meta.len(), meta.modified().unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn hostile_files_are_refused_one_by_one() {
    let dir = TempDir::new().unwrap();
    let report = fs::read(inputs().join("report.txt")).unwrap();
    let docx = fs::read(inputs().join("report.docx")).unwrap();
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(4096, 0);
    let many: Vec<(String, Vec<u8>)> = (0..6000)
        .map(|i| (format!("word/media/{i}.xml"), b"<x/>".to_vec()))
        .collect();
    let huge_paragraph = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", " ".repeat(12 << 20));
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("good.txt", report.clone(), ""),
        ("empty.txt", Vec::new(), "文件为空"),
        ("blank.md", b"\n \n".to_vec(), "文件为空"),
        (
            "empty.docx",
            zip_of(&[("word/document.xml".into(), document_xml("<w:p/>"))]),
            "文件为空",
        ),
        (
            "binary.txt",
            (0..=255u8).cycle().take(4000).collect(),
            "二进制",
        ),
        ("truncated.docx", docx[..docx.len() / 2].to_vec(), "损坏"),
        (
            "corrupt.docx",
            [b"PK\x03\x04".as_slice(), &[0x5A; 300]].concat(),
            "损坏",
        ),
        ("bomb-entries.docx", zip_of(&many), "压缩炸弹"),
        (
            "bomb-size.docx",
            zip_of(&[("word/document.xml".into(), document_xml(&huge_paragraph))]),
            "压缩炸弹",
        ),
        ("renamed.docx", ole.clone(), "旧版 Word（.doc）"),
        ("renamed-doc.txt", ole, "旧版 Word（.doc）"),
        (
            "notes.docx",
            b"just text, not a word file".to_vec(),
            "不是有效的 .docx",
        ),
        ("big.txt", report.repeat(600), "超过大小上限 1 MB"),
    ];
    for (name, content, _) in &files {
        fs::write(dir.path().join(name), content).unwrap();
    }
    // Unpacked parts may reach ten times the size limit: 10 MB here, and the bomb is 12 MB.
    fs::write(
        dir.path().join(".draftlint.toml"),
        "max-file-size = \"1MB\"\n",
    )
    .unwrap();
    let before = listing(dir.path());
    let names: Vec<&str> = files.iter().map(|(n, _, _)| *n).collect();
    let (code, json, stderr) = json_of(dir.path(), &names);
    assert_eq!(code, Some(2), "{stderr}");
    for (name, _, reason) in files.iter().skip(1) {
        assert!(
            stderr.contains(&format!("无法读取 {name}：")) && stderr.contains(reason),
            "{name}: {stderr}"
        );
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("无法读取 {name}：")))
            .unwrap();
        assert!(line.contains(reason), "{name}: {line}");
    }
    let checked: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(checked, vec!["good.txt"]);
    assert_eq!(json["errors"].as_array().unwrap().len(), files.len() - 1);
    assert_eq!(listing(dir.path()), before, "nothing is written");
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        fs::read(inputs().join("report.txt")).unwrap(),
    )
    .unwrap();
    // Sparse: no disk space, and reading it would take a while.
    let huge = fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let (code, json, stderr) = json_of(dir.path(), &["."]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("无法读取 huge.txt：文件有 200 MB，超过大小上限 20 MB"),
        "{stderr}"
    );
    assert_eq!(json["files"][0]["path"], "good.txt");
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Bits as deflate writes them: least significant first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    pending: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        self.pending |= u64::from(value) << self.count;
        self.count += count;
        while self.count >= 8 {
            self.out.push(self.pending as u8);
            self.pending >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code, which deflate sends most significant bit first.
    fn code(&mut self, code: u32, length: u32) {
        self.put(code.reverse_bits() >> (32 - length), length);
    }

    /// A block header: final or not, and its type (1 fixed codes, 2 codes of its own).
    fn block(&mut self, last: bool, kind: u32) {
        self.put(u32::from(last), 1);
        self.put(kind, 2);
    }

    /// A byte in a block of fixed codes.
    fn literal(&mut self, byte: u8) {
        match byte {
            0..=143 => self.code(0x30 + u32::from(byte), 8),
            _ => self.code(0x190 + u32::from(byte - 144), 9),
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.pending as u8);
        }
        self.out
    }
}

/// Deflate data for `head`, then `unit` `times` over, then `tail`, written by hand: the
/// repetition is one block whose only codes are "copy 258 bytes from 4 back" and "end", two
/// bits a copy, as zlib at its best would write it (a debug build of zlib takes half a minute
/// to find that for 200 MB).
fn deflate_repeated(head: &[u8], unit: &[u8; 4], times: usize, tail: &[u8]) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.block(false, 1);
    for &byte in head.iter().chain(unit) {
        bits.literal(byte);
    }
    bits.code(0, 7);
    let repeated = unit.len() * (times - 1);
    let copies = repeated / 258;
    bits.block(false, 2);
    // Literal/length codes up to 285, distance codes up to 3, and the code-length code's
    // lengths in its odd order (16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1):
    // 18 (a run of zeros) one bit, 17 (a short run) and 1 two bits.
    bits.put(285 - 256, 5);
    bits.put(3, 5);
    bits.put(18 - 4, 4);
    for length in [0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] {
        bits.put(length, 3);
    }
    let zeros = |bits: &mut Bits, mut n: u32| {
        while n >= 11 {
            let run = n.min(138);
            bits.code(0, 1);
            bits.put(run - 11, 7);
            n -= run;
        }
        if n > 0 {
            assert!((3..=10).contains(&n));
            bits.code(0b11, 2);
            bits.put(n - 3, 3);
        }
    };
    // 256 (end) and 285 (length 258) one bit each; distance code 3 (distance 4) one bit.
    zeros(&mut bits, 256);
    bits.code(0b10, 2);
    zeros(&mut bits, 28);
    bits.code(0b10, 2);
    zeros(&mut bits, 3);
    bits.code(0b10, 2);
    for _ in 0..copies {
        bits.code(1, 1);
        bits.code(0, 1);
    }
    bits.code(0, 1);
    bits.block(true, 1);
    for i in copies * 258..repeated {
        bits.literal(unit[i % unit.len()]);
    }
    for &byte in tail {
        bits.literal(byte);
    }
    bits.code(0, 7);
    bits.finish()
}

/// CRC-32 of some bytes.
fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &byte| {
        (0..8).fold(crc ^ u32::from(byte), |c, _| {
            if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            }
        })
    })
}

/// `a` times `b` modulo the CRC-32 polynomial, bits reflected (zlib's `multmodp`).
fn multmodp(a: u32, mut b: u32) -> u32 {
    let mut m = 1u32 << 31;
    let mut p = 0;
    loop {
        if a & m != 0 {
            p ^= b;
            if a & (m - 1) == 0 {
                return p;
            }
        }
        m >>= 1;
        b = if b & 1 == 1 {
            (b >> 1) ^ 0xEDB8_8320
        } else {
            b >> 1
        };
    }
}

/// The CRC-32 of `a` then `b`, from theirs and the length of `b` (zlib's `crc32_combine`).
fn crc32_combine(a: u32, b: u32, b_len: u64) -> u32 {
    // x^(8·b_len): x to the powers of two, one per bit of 8·b_len.
    let (mut shift, mut power, mut n) = (1u32 << 31, 1u32 << 30, b_len * 8);
    while n != 0 {
        if n & 1 == 1 {
            shift = multmodp(power, shift);
        }
        power = multmodp(power, power);
        n >>= 1;
    }
    multmodp(shift, a) ^ b
}

/// CRC-32 of `head`, `unit` `times` over, then `tail`, without going through the 200 MB.
fn crc32_repeated(head: &[u8], unit: &[u8; 4], times: usize, tail: &[u8]) -> u32 {
    let (mut crc, mut len) = (0u32, 0u64);
    let (mut doubled, mut doubled_len) = (crc32(unit), unit.len() as u64);
    let mut n = times;
    while n != 0 {
        if n & 1 == 1 {
            crc = crc32_combine(crc, doubled, doubled_len);
            len += doubled_len;
        }
        doubled = crc32_combine(doubled, doubled, doubled_len);
        doubled_len *= 2;
        n >>= 1;
    }
    assert_eq!(len, (unit.len() * times) as u64);
    let body = crc32_combine(crc32(head), crc, len);
    crc32_combine(body, crc32(tail), tail.len() as u64)
}

/// A .docx whose document.xml is `head`, `unit` `times` over, then `tail`: a ZIP archive of
/// one deflated entry, written by hand around [`deflate_repeated`].
fn docx_repeated(head: &str, unit: &[u8; 4], times: usize, tail: &str) -> Vec<u8> {
    let (head, tail) = (head.as_bytes(), tail.as_bytes());
    let data = deflate_repeated(head, unit, times, tail);
    let crc = crc32_repeated(head, unit, times, tail);
    let size = u32::try_from(head.len() + unit.len() * times + tail.len()).unwrap();
    let name = b"word/document.xml";
    let mut fields = Vec::new();
    for value in [20u16, 0, 8, 0, 0x21] {
        fields.extend(value.to_le_bytes());
    }
    for value in [crc, data.len() as u32, size] {
        fields.extend(value.to_le_bytes());
    }
    fields.extend((name.len() as u16).to_le_bytes());
    fields.extend(0u16.to_le_bytes());
    let mut zip = 0x0403_4B50u32.to_le_bytes().to_vec();
    zip.extend(&fields);
    zip.extend(name);
    zip.extend(&data);
    let directory = zip.len() as u32;
    zip.extend(0x0201_4B50u32.to_le_bytes());
    zip.extend(20u16.to_le_bytes());
    zip.extend(&fields);
    // No comment, first disk, no attributes; the entry's header at offset 0.
    zip.extend([0u8; 10]);
    zip.extend(0u32.to_le_bytes());
    zip.extend(name);
    let directory_size = zip.len() as u32 - directory;
    zip.extend(0x0605_4B50u32.to_le_bytes());
    for value in [0u16, 0, 1, 1] {
        zip.extend(value.to_le_bytes());
    }
    zip.extend(directory_size.to_le_bytes());
    zip.extend(directory.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    zip
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

#[test]
fn the_hand_written_deflate_reads_back() {
    let head = format!("<w:document {W}><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p>");
    let tail = "</w:body></w:document>";
    for times in [1, 64, 65, 1000] {
        let bytes = docx_repeated(&head, b"<p/>", times, tail);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("word/document.xml").unwrap(),
            &mut text,
        )
        .unwrap();
        assert_eq!(text, format!("{head}{}{tail}", "<p/>".repeat(times)));
    }
}

/// Old readers took 5.8 GB for this (190 KB, 48 million empty paragraphs) and were killed.
#[test]
fn a_docx_of_millions_of_empty_paragraphs_is_refused_and_the_rest_checked() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        fs::read(inputs().join("report.txt")).unwrap(),
    )
    .unwrap();
    let head = format!("<w:document {W}><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p>");
    let bomb = docx_repeated(&head, b"<p/>", 48_000_000, "</w:body></w:document>");
    assert!(bomb.len() < 200 * 1024, "{}", bomb.len());
    fs::write(dir.path().join("paragraphs.docx"), bomb).unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["paragraphs.docx", "good.txt"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "无法读取 paragraphs.docx：文档展开后超过 100 万段（行）上限，可能是恶意构造的文件，已拒绝读取"
        ),
        "{stderr}"
    );
    let checked: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(checked, vec!["good.txt"]);
    assert_eq!(json["errors"][0]["path"], "paragraphs.docx");
}

/// Old readers rendered a 165-million-letter marker for each paragraph of these, or aborted.
#[test]
fn numbering_bombs_are_read_with_short_markers() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        fs::read(inputs().join("report.txt")).unwrap(),
    )
    .unwrap();
    let numbering = |text: &str| {
        format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"4294967000\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"{text}\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
        )
        .into_bytes()
    };
    let numbered = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>".repeat(50);
    for (name, text) in [
        ("letters.docx", "%1."),
        ("repeated.docx", &"%1".repeat(5_000)),
    ] {
        let bytes = zip_of(&[
            ("word/document.xml".into(), document_xml(&numbered)),
            ("word/numbering.xml".into(), numbering(text)),
        ]);
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let output = draftlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "letters.docx",
            "repeated.docx",
            "good.txt",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("无法读取"), "{stderr}");
    for name in ["letters.docx:", "repeated.docx:", "good.txt:"] {
        assert!(stdout.contains(name), "{name} {stdout}");
    }
}

#[test]
fn a_text_of_millions_of_lines_is_refused_when_checked_and_when_fixed() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        fs::read(inputs().join("report.txt")).unwrap(),
    )
    .unwrap();
    let lines = format!("报告{}", "\n".repeat(1_000_000));
    fs::write(dir.path().join("lines.txt"), &lines).unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["lines.txt", "good.txt"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("无法读取 lines.txt：文件超过 100 万行上限"),
        "{stderr}"
    );
    assert_eq!(json["files"][0]["path"], "good.txt");
    let before = listing(dir.path());
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "lines.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "无法读取 lines.txt：文件超过 100 万行上限",
        ));
    assert_eq!(listing(dir.path()), before, "nothing is written");
}

#[test]
#[cfg_attr(
    draftlint_permissions_unenforced,
    ignore = "run as root: a file without read permission can still be read"
)]
fn unreadable_permissions_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("secret.txt");
    fs::write(&path, fs::read(inputs().join("report.txt")).unwrap()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    assert!(
        fs::read(&path).is_err(),
        "permissions are not enforced here (touch build.rs if the user changed)"
    );
    let (code, _, stderr) = json_of(dir.path(), &["secret.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("无法读取 secret.txt：没有读取权限"),
        "{stderr}"
    );
}

#[test]
fn symlink_loops_in_folders_end_and_are_reported() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("drafts/sub")).unwrap();
    fs::write(
        dir.path().join("drafts/2023.txt"),
        fs::read(inputs().join("report.txt")).unwrap(),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("drafts/sub/up")).unwrap();
    std::os::unix::fs::symlink("missing.txt", dir.path().join("drafts/dangling.txt")).unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["drafts"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("无法读取 drafts/sub/up：符号链接形成循环"),
        "{stderr}"
    );
    assert!(
        stderr.contains("无法读取 drafts/dangling.txt：符号链接指向的文件或文件夹不存在"),
        "{stderr}"
    );
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
}

#[test]
fn folders_include_word_documents_but_not_lock_files() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("2023.docx"),
        fs::read(inputs().join("report.docx")).unwrap(),
    )
    .unwrap();
    fs::write(dir.path().join("~$2023.docx"), b"\x0cowner").unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["."]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(json["files"][0]["path"], "2023.docx");
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
}

#[test]
fn markdown_suppressions_hide_findings_and_report_mistakes() {
    let md = fs::read_to_string(inputs().join("report.md")).unwrap();
    let md = md
        .replace(
            "今年以来，",
            "<!-- draftlint-disable vague-period -->\n今年以来，",
        )
        .replace(
            "区长主持",
            "<!-- draftlint-enable vague-period -->\n<!-- draftlint-disable-next-line approximate-number, no-such-rule -->\n区长主持",
        )
        .replace(
            "2024年01月30日",
            "<!-- draftlint-disable-next-line date-format -->\n2024年01月30日",
        );
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("r.md"), &md).unwrap();
    let (_, json, stderr) = json_of(dir.path(), &["r.md"]);
    let file = &json["files"][0];
    let rules: Vec<String> = findings(file).into_iter().map(|(r, _)| r).collect();
    assert!(
        !rules.contains(&"vague-period".to_string()),
        "{rules:?} {stderr}"
    );
    assert!(!rules.contains(&"date-format".to_string()), "{rules:?}");
    assert!(
        rules.contains(&"stats-inconsistent".to_string()),
        "{rules:?}"
    );
    let messages: Vec<String> = findings(file)
        .into_iter()
        .filter(|(r, _)| r == "suppression")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(
        messages,
        vec![
            "禁用指令没有屏蔽任何 approximate-number 问题，可以删除".to_string(),
            "禁用指令中的规则 “no-such-rule” 不存在".to_string(),
        ]
    );
    // Positions refer to the Markdown text as written.
    let suppression = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "suppression" && d["data"]["rule_id"] == "no-such-rule")
        .unwrap();
    let (start, end) = (
        suppression["span"]["start"].as_u64().unwrap() as usize,
        suppression["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&md[start..end], "no-such-rule");
    // The text output quotes the Markdown as written.
    let stdout = stdout_of(dir.path(), &["check", "r.md", "--color", "never"]);
    assert!(
        stdout.contains("<!-- draftlint-disable-next-line approximate-number, no-such-rule -->"),
        "{stdout}"
    );
}

#[test]
fn a_baseline_reports_only_new_findings() {
    let dir = TempDir::new().unwrap();
    let report = fs::read_to_string(inputs().join("report.txt")).unwrap();
    fs::write(dir.path().join("r.txt"), &report).unwrap();
    let (code, _, stderr) = json_of(dir.path(), &["r.txt", "--write-baseline", "base.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("已把 3 个问题记录到基线 base.json"),
        "{stderr}"
    );
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("base.json")).unwrap()).unwrap();
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["files"]["r.txt"].as_array().unwrap().len(), 3);

    // Lines move and a new problem appears: only the new one is reported.
    let edited = report
        .replace("市委全面", "（此稿经区司法局初审。）\n\n市委全面")
        .replace("调解成功2175件。", "调解成功2175件。去年以来成效明显。");
    fs::write(dir.path().join("r.txt"), &edited).unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["r.txt", "--baseline", "base.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("已记录的 3 个问题未显示"), "{stderr}");
    let rules: Vec<String> = findings(&json["files"][0])
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(rules, vec!["vague-period"]);

    fs::write(dir.path().join("bad.json"), "{ not json").unwrap();
    let (code, _, stderr) = json_of(dir.path(), &["r.txt", "--baseline", "bad.json"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("无法解析 bad.json：基线文件无法使用"),
        "{stderr}"
    );

    // A baseline is not written when a file could not be read.
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let (code, _, stderr) = json_of(
        dir.path(),
        &["r.txt", "empty.txt", "--write-baseline", "new.json"],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("未写入基线"), "{stderr}");
    assert!(!dir.path().join("new.json").exists());
}

#[test]
fn a_baseline_names_files_from_its_own_folder_and_works_from_any_folder() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("drafts")).unwrap();
    fs::create_dir_all(dir.path().join("ci")).unwrap();
    fs::copy(inputs().join("report.txt"), dir.path().join("drafts/r.txt")).unwrap();
    let (code, _, stderr) = json_of(
        dir.path(),
        &["drafts/r.txt", "--write-baseline", "ci/base.json"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("ci/base.json")).unwrap())
            .unwrap();
    let files: Vec<&String> = baseline["files"].as_object().unwrap().keys().collect();
    assert_eq!(files, vec!["../drafts/r.txt"]);

    // From the drafts' folder and from the baseline's, the same file is found.
    for (cwd, file, base) in [
        ("drafts", "r.txt", "../ci/base.json"),
        ("ci", "../drafts/r.txt", "base.json"),
    ] {
        let (code, json, stderr) = json_of(&dir.path().join(cwd), &[file, "--baseline", base]);
        assert_eq!(code, Some(0), "{cwd}: {stderr}");
        assert!(findings(&json["files"][0]).is_empty(), "{cwd}: {json}");
    }

    // A baseline written by name (as earlier versions did) still applies from the folder it
    // was written in.
    let by_name = serde_json::to_string(&serde_json::json!({
        "version": 1,
        "files": { "drafts/r.txt": baseline["files"]["../drafts/r.txt"] },
    }))
    .unwrap();
    fs::write(dir.path().join("ci/old.json"), by_name).unwrap();
    let (code, _, stderr) = json_of(dir.path(), &["drafts/r.txt", "--baseline", "ci/old.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("已记录的 3 个问题未显示"), "{stderr}");
}

/// A folder as clerks keep one: the draft, last year's .doc, a WPS copy, a scan, a spreadsheet,
/// and Word's lock file next to the open draft.
fn mixed_folder() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::copy(inputs().join("report.docx"), dir.path().join("报告.docx")).unwrap();
    fs::copy(inputs().join("report.docx"), dir.path().join("附件.docx")).unwrap();
    let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    fs::write(dir.path().join("2022年报告.doc"), ole).unwrap();
    fs::write(dir.path().join("报告.wps"), ole).unwrap();
    fs::write(dir.path().join("统计表.et"), ole).unwrap();
    fs::write(dir.path().join("扫描件.jpg"), b"\xFF\xD8\xFF\xE0").unwrap();
    let pdfs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/fixtures");
    fs::copy(pdfs.join("scanned.pdf"), dir.path().join("扫描件.pdf")).unwrap();
    fs::copy(pdfs.join("paged.pdf"), dir.path().join("2021年报告.pdf")).unwrap();
    fs::write(dir.path().join("~$报告.docx"), b"\x08clerk").unwrap();
    fs::write(dir.path().join("说明"), "不是报告").unwrap();
    dir
}

#[test]
fn files_a_walk_cannot_read_are_listed_with_what_to_do() {
    let dir = mixed_folder();
    let (code, json, stderr) = json_of(dir.path(), &["."]);
    assert_eq!(json["summary"]["files"], 3, "{json}");
    assert_eq!(
        code,
        Some(1),
        "findings decide, not the files left out: {stderr}"
    );
    assert!(json.get("errors").is_none(), "{json}");
    let skipped: Vec<(&str, &str)> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap(), s["message"].as_str().unwrap()))
        .collect();
    let paths: Vec<&str> = skipped.iter().map(|(p, _)| *p).collect();
    assert_eq!(
        paths,
        [
            "2022年报告.doc",
            "扫描件.jpg",
            "扫描件.pdf",
            "报告.wps",
            "统计表.et"
        ],
        "the lock file and files of no document kind are not listed"
    );
    assert!(skipped[0].1.contains("另存为”.docx"), "{skipped:?}");
    assert!(stderr.contains("未检查 报告.wps：WPS 文字文档"), "{stderr}");
    assert!(
        stderr.contains("未检查 扫描件.pdf：PDF 没有文字层"),
        "a scanned PDF is listed, not failed: {stderr}"
    );

    let stdout = stdout_of(dir.path(), &["check", "."]);
    assert!(
        stdout.contains("5 个文件的格式无法读取，未检查。"),
        "counted in the summary: {stdout}"
    );
}

#[test]
fn unreadable_kinds_named_explicitly_fail_the_run() {
    let dir = mixed_folder();
    let (code, json, stderr) = json_of(
        dir.path(),
        &["报告.wps", "~$报告.docx", "扫描件.pdf", "报告.docx"],
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("无法读取 扫描件.pdf：PDF 没有文字层"),
        "{stderr}"
    );
    assert_eq!(json["summary"]["files"], 1);
    assert!(
        stderr.contains("无法读取 报告.wps：WPS 文字文档"),
        "{stderr}"
    );
    assert!(
        stderr.contains("无法读取 ~$报告.docx：这是 Word 或 WPS 打开文档时生成的临时锁定文件"),
        "a lock file is recognised, not called a damaged .docx: {stderr}"
    );
}

#[test]
fn files_left_out_of_a_walk_show_in_sarif_and_junit_without_failing_them() {
    let dir = mixed_folder();
    let sarif: Value =
        serde_json::from_str(&stdout_of(dir.path(), &["check", ".", "--format", "sarif"])).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 5);
    assert!(notes.iter().all(|n| n["level"] == "warning"));

    let junit = stdout_of(dir.path(), &["check", ".", "--format", "junit"]);
    assert!(junit.contains("errors=\"0\" skipped=\"5\""), "{junit}");
    assert_eq!(junit.matches("<skipped message=").count(), 5, "{junit}");
}
