//! Latency of the language server: from an incremental `didChange` on a 50 KB report to the
//! `publishDiagnostics` for that version. The server runs in-process on channels (the stdio
//! framing adds microseconds), with all rules on and no config.
//!
//! ```sh
//! cargo run --release --example lsp_latency [EDITS]
//! ```

use draftlint::lsp::{self, Incoming, docs::RuleDocs};
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const TARGET_BYTES: usize = 50 * 1024;

/// A report of about 50 KB: the example report with its measures part grown from the distinct
/// paragraphs of the rule fixtures, numbers varied in each round so that rounds differ.
fn report() -> String {
    let base = include_str!("../fixtures/example-report.txt");
    let mut paragraphs: Vec<String> = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/rules");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .flat_map(|rule| {
            std::fs::read_dir(rule.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for line in text.lines() {
            let line = line.trim();
            let body_like = line.chars().count() > 40
                && !line.starts_with(['一', '二', '三', '四', '五', '（'])
                && line.ends_with('。');
            if body_like && !paragraphs.iter().any(|p| p == line) {
                paragraphs.push(line.to_string());
            }
        }
    }
    let split = base.find("二、存在的不足和原因").expect("problems part");
    let (measures, rest) = base.split_at(split);
    let mut out = measures.to_string();
    let mut section = 7;
    let mut round = 0;
    'grow: loop {
        for chunk in paragraphs.chunks(3) {
            if out.len() + rest.len() >= TARGET_BYTES {
                break 'grow;
            }
            out.push_str(&format!(
                "（{}）其他工作第{section}项。\n",
                chinese(section)
            ));
            for paragraph in chunk {
                let varied: String = paragraph
                    .chars()
                    .map(|c| match c.to_digit(10) {
                        Some(d) => char::from_digit((d + round) % 10, 10).unwrap(),
                        None => c,
                    })
                    .collect();
                out.push_str(&varied);
                out.push('\n');
            }
            section += 1;
        }
        round += 1;
    }
    out.push_str(rest);
    out
}

fn chinese(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", DIGITS[n % 10]),
        _ => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
    }
}

fn main() {
    let edits: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let text = report();
    let uri = "file:///tmp/draftlint-latency/report.txt";
    let (to_server, incoming) = crossbeam_channel::unbounded();
    let (outgoing, from_server) = crossbeam_channel::unbounded::<Value>();
    let server = std::thread::spawn(move || lsp::serve(incoming, outgoing, RuleDocs::default()));
    let send = |message: Message| to_server.send(Incoming::Message(message)).unwrap();
    let notify = |method: &str, params: Value| {
        send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )))
    };
    let wait_for_version = |version: i64| -> usize {
        loop {
            let message = from_server
                .recv_timeout(Duration::from_secs(60))
                .expect("server answers");
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["version"] == version
            {
                return message["params"]["diagnostics"].as_array().unwrap().len();
            }
        }
    };

    send(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".to_string(),
        json!({ "capabilities": {} }),
    )));
    notify("initialized", json!({}));
    let started = Instant::now();
    notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let findings = wait_for_version(1);
    let open = started.elapsed();

    // Type and delete 𠮷 in the middle of a paragraph near the middle of the report.
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle += 1;
    }
    let line = text[..middle].matches('\n').count();
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i as i64 + 2;
        let range = if i % 2 == 0 {
            json!({ "start": { "line": line, "character": 4 }, "end": { "line": line, "character": 4 } })
        } else {
            json!({ "start": { "line": line, "character": 4 }, "end": { "line": line, "character": 6 } })
        };
        let inserted = if i % 2 == 0 { "𠮷" } else { "" };
        let started = Instant::now();
        notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range, "text": inserted }],
            }),
        );
        wait_for_version(version);
        times.push(started.elapsed());
    }
    send(Message::Request(Request::new(
        RequestId::from(2),
        "shutdown".to_string(),
        Value::Null,
    )));
    notify("exit", Value::Null);
    let _ = server.join();

    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let percentile = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "document: {} bytes, {} lines, {findings} findings",
        text.len(),
        text.lines().count()
    );
    println!("didOpen -> publishDiagnostics: {:.1} ms", ms(open));
    println!(
        "didChange -> publishDiagnostics over {edits} edits: min {:.1} ms, median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(percentile(0.5)),
        ms(percentile(0.95)),
        ms(times[times.len() - 1])
    );
}
