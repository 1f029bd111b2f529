//! `draftlint lsp` end to end: the real binary, spoken to over stdin/stdout with JSON-RPC and
//! `Content-Length` framing, as an editor would.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
    /// Messages received while waiting for another one.
    seen: Vec<Value>,
    _cache: tempfile::TempDir,
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let cache = tempfile::tempdir().unwrap();
        #[allow(deprecated)]
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("draftlint"))
            .arg("lsp")
            .current_dir(cwd)
            .env("XDG_CACHE_HOME", cache.path())
            .env("LOCALAPPDATA", cache.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("draftlint lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = Some(value.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; length.expect("Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                let value: Value = serde_json::from_slice(&body).expect("server sends JSON");
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages,
            seen: Vec::new(),
            _cache: cache,
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The first message (already seen or still to come) that `wanted` accepts.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&wanted) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no expected message; seen: {:#?}", self.seen));
            if wanted(&message) {
                return message;
            }
            self.seen.push(message);
        }
    }

    /// Open a plain-text document as version 1 and wait for its diagnostics.
    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
        );
        self.diagnostics(uri, 1)
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, root: &Path) -> Value {
        let response = self.request(
            1,
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "capabilities": {
                    "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
                },
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// `shutdown`, `exit`, and the exit code.
    fn shutdown(mut self) -> i32 {
        let response = self.request(9999, "shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap();
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `file:` URI, percent-encoded as VS Code writes it.
fn file_uri(path: &Path) -> String {
    let text = path.to_str().unwrap().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// The LSP position (UTF-16 columns) of a byte offset in a text with `\n` line breaks.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..offset].encode_utf16().count();
    json!({ "line": line, "character": character })
}

/// Replace `start..end` (bytes) of the client's copy of the text, and return the change as an
/// incremental `didChange` content change.
fn edit(text: &mut String, start: usize, end: usize, replacement: &str) -> Value {
    let change = json!({
        "range": { "start": position(text, start), "end": position(text, end) },
        "text": replacement,
    });
    text.replace_range(start..end, replacement);
    change
}

fn did_change(client: &mut Client, uri: &str, version: i64, changes: Vec<Value>) {
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
    );
}

/// What `draftlint check --format json` reports for `file`, as comparable tuples with UTF-16
/// ranges: (rule, severity, message, start, end).
fn cli_findings(
    cwd: &Path,
    file: &Path,
    text: &str,
) -> Vec<(String, String, String, Value, Value)> {
    #[allow(deprecated)]
    let output = Command::new(assert_cmd::cargo::cargo_bin("draftlint"))
        .args(["check", "--format", "json"])
        .arg(file)
        .current_dir(cwd)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let lines: Vec<&str> = text.split('\n').collect();
    let utf16 = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize - 1;
        let column = p["column"].as_u64().unwrap() as usize - 1;
        let character: usize = lines[line].chars().take(column).map(char::len_utf16).sum();
        json!({ "line": line, "character": character })
    };
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                utf16(&d["range"]["start"]),
                utf16(&d["range"]["end"]),
            )
        })
        .collect()
}

fn lsp_findings(diagnostics: &[Value]) -> Vec<(String, String, String, Value, Value)> {
    diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d["source"], "draftlint");
            let severity = match d["severity"].as_u64().unwrap() {
                1 => "error",
                2 => "warning",
                3 => "info",
                other => panic!("severity {other}"),
            };
            let href = d["codeDescription"]["href"].as_str().unwrap();
            assert!(href.starts_with("file://"), "{href}");
            assert!(href.ends_with(&format!("{}.md", d["code"].as_str().unwrap())));
            // The CLI's message comes first; notes and help follow on their own lines.
            let message = d["message"].as_str().unwrap();
            let message = message.split('\n').next().unwrap().to_string();
            (
                d["code"].as_str().unwrap().to_string(),
                severity.to_string(),
                message,
                d["range"]["start"].clone(),
                d["range"]["end"].clone(),
            )
        })
        .collect()
}

const REPORT: &str = include_str!("../fixtures/rules/vague-claim/fires.txt");

#[test]
fn incremental_edits_around_surrogate_pairs_match_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("枫林县2023年度报告.txt");
    let uri = file_uri(&file);
    let mut client = Client::start(dir.path());
    let init = client.initialize(dir.path());
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"][0],
        "quickfix"
    );
    // The config watcher is registered.
    let registration = client.wait(|m| m["method"] == "client/registerCapability");
    assert_eq!(
        registration["params"]["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/.draftlint.toml"
    );
    client.send(json!({ "jsonrpc": "2.0", "id": registration["id"], "result": null }));

    let mut text = REPORT.replace("（一）", "（一）𠮷");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    assert!(!client.diagnostics(&uri, 1).is_empty());

    let mut version = 1;
    let mut change = |client: &mut Client, changes: Vec<Value>| {
        version += 1;
        did_change(client, &uri, version, changes);
        version
    };
    // The paragraph that `vague-claim` reports on.
    let paragraph = text.find("法治宣传活动").unwrap();
    // 1. 𠮷 at the paragraph's start: the finding moves two UTF-16 units, one character.
    let c1 = edit(&mut text, paragraph, paragraph, "𠮷");
    // 2. Text right after 𠮷 (UTF-16 column 2), and before it, in one notification.
    let after = paragraph + "𠮷".len();
    let c2 = edit(&mut text, after, after, "吉祥");
    let c3 = edit(&mut text, paragraph, paragraph, "甲");
    change(&mut client, vec![c1, c2, c3]);
    // 3. Replace 𠮷 and the CJK around it with two 𠮷 (a range ending after a surrogate pair).
    let start = text.find("甲𠮷吉").unwrap();
    let c = edit(&mut text, start, start + "甲𠮷吉".len(), "𠮷𠮷");
    change(&mut client, vec![c]);
    // 4. A paragraph inserted after a line holding 𠮷, with a vague period in it.
    let line_end = paragraph + text[paragraph..].find('\n').unwrap();
    let c = edit(
        &mut text,
        line_end,
        line_end,
        "\n今年以来，𠮷镇开展普法活动约300人左右参加。",
    );
    change(&mut client, vec![c]);
    // 5. Delete a phrase after the 𠮷 pairs, then type in the middle of a CJK word.
    let phrase = text.find("，取得了良好成效").unwrap();
    let c5 = edit(&mut text, phrase, phrase + "，取得了良好成效".len(), "");
    let word = text.find("深入机关").unwrap() + "深入".len();
    let c6 = edit(&mut text, word, word, "𠮷");
    let final_version = change(&mut client, vec![c5, c6]);

    let published = client.diagnostics(&uri, final_version);
    std::fs::write(&file, &text).unwrap();
    let expected = cli_findings(dir.path(), &file, &text);
    let got = lsp_findings(&published);
    assert_eq!(got, expected);
    // The ranges exercise the surrogate pairs: a finding sits after 𠮷 on its line.
    assert!(
        expected.iter().any(|(_, _, _, start, _)| {
            let line = text
                .split('\n')
                .nth(start["line"].as_u64().unwrap() as usize)
                .unwrap();
            line.starts_with("𠮷") && start["character"].as_u64().unwrap() > 0
        }),
        "{expected:#?}"
    );
    assert!(expected.iter().any(|f| f.0 == "vague-period"));

    // One quick fix per finding the CLI reports with a fix (none while no rule has fixes).
    let actions = client.request(
        50,
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } },
            "context": { "diagnostics": published },
        }),
    );
    let offered: Vec<(String, Value)> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|action| {
            assert_eq!(action["kind"], "quickfix");
            (
                action["title"].as_str().unwrap().to_string(),
                action["edit"]["changes"][&uri].clone(),
            )
        })
        .collect();
    assert_eq!(offered, cli_fixes(dir.path(), &file, &text));
    assert_eq!(client.shutdown(), 0);
}

/// The fixes `draftlint check --format json` reports, as code action titles and LSP edits.
fn cli_fixes(cwd: &Path, file: &Path, text: &str) -> Vec<(String, Value)> {
    #[allow(deprecated)]
    let output = Command::new(assert_cmd::cargo::cargo_bin("draftlint"))
        .args(["check", "--format", "json"])
        .arg(file)
        .current_dir(cwd)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["fix"].is_null())
        .map(|d| {
            let edits: Vec<Value> = d["fix"]["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let start = e["span"]["start"].as_u64().unwrap() as usize;
                    let end = e["span"]["end"].as_u64().unwrap() as usize;
                    json!({
                        "range": { "start": position(text, start), "end": position(text, end) },
                        "newText": e["replacement"],
                    })
                })
                .collect();
            (
                d["fix"]["description"].as_str().unwrap().to_string(),
                Value::from(edits),
            )
        })
        .collect()
}

#[test]
fn full_sync_changes_are_applied() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let uri = file_uri(&file);
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": "草稿" } }),
    );
    client.diagnostics(&uri, 1);
    let text = REPORT.replace("法治宣传活动", "𠮷法治宣传活动");
    did_change(&mut client, &uri, 2, vec![json!({ "text": text })]);
    let published = client.diagnostics(&uri, 2);
    std::fs::write(&file, &text).unwrap();
    assert_eq!(
        lsp_findings(&published),
        cli_findings(dir.path(), &file, &text)
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn malformed_messages_and_out_of_range_edits_do_not_kill_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut client = Client::start(dir.path());

    // Before initialize: requests are refused, the server stays up.
    let early = client.request(1, "textDocument/codeAction", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(dir.path());

    // Not JSON: a parse error with a null id.
    client.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": ");
    let error = client.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], Value::Null);
    // Not UTF-8.
    client.send_raw(b"\xff\xfe\x00");
    client.wait(|m| m["error"]["code"] == -32700);
    // JSON, but not a message: an invalid request answered with its id.
    client.send(json!({ "jsonrpc": "2.0", "id": 6, "method": ["x"] }));
    let error = client.wait(|m| m["error"]["code"] == -32600);
    assert_eq!(error["id"], 6);
    // A header without Content-Length.
    client
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"Content-Type: text/plain\r\n\r\n")
        .unwrap();
    // Unknown request: MethodNotFound. Unknown notification: ignored.
    let unknown = client.request(7, "draftlint/unknown", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    client.notify("draftlint/unknownNotification", json!({ "x": 1 }));
    // Bad params for a known notification, and a change to a document that is not open.
    client.notify("textDocument/didOpen", json!({ "textDocument": 42 }));
    did_change(
        &mut client,
        "file:///nowhere/b.txt",
        2,
        vec![json!({ "text": "x" })],
    );

    let text = REPORT.to_string();
    client.open(&uri, &text);
    // Past the last line, past a line's end, reversed, and inside 𠮷's surrogate pair.
    did_change(
        &mut client,
        &uri,
        2,
        vec![
            json!({ "range": { "start": { "line": 900, "character": 3 }, "end": { "line": 1000, "character": 0 } }, "text": "\n𠮷" }),
            json!({ "range": { "start": { "line": 0, "character": 500 }, "end": { "line": 0, "character": 9999 } }, "text": "" }),
            json!({ "range": { "start": { "line": 2, "character": 4 }, "end": { "line": 2, "character": 1 } }, "text": "" }),
        ],
    );
    client.diagnostics(&uri, 2);
    let last_line = text.split('\n').count() as u32;
    did_change(
        &mut client,
        &uri,
        3,
        vec![
            json!({ "range": { "start": { "line": last_line, "character": 1 }, "end": { "line": last_line, "character": 2 } }, "text": "吉" }),
        ],
    );
    client.diagnostics(&uri, 3);
    // A negative line is not a valid position: the notification is ignored.
    did_change(
        &mut client,
        &uri,
        4,
        vec![
            json!({ "range": { "start": { "line": -1, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }),
        ],
    );

    // Still answering.
    let actions = client.request(
        8,
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert!(actions["result"].is_array());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_without_shutdown_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    let response = client.request(2, "shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    let refused = client.request(3, "textDocument/codeAction", json!({}));
    assert_eq!(refused["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));

    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

#[test]
fn config_changes_recheck_open_documents_and_broken_configs_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".draftlint.toml");
    let config_uri = file_uri(&config);
    let drafts = dir.path().join("drafts");
    std::fs::create_dir(&drafts).unwrap();
    let uri = file_uri(&drafts.join("2023.txt"));
    std::fs::write(&config, "[rules]\nvague-claim = \"off\"\n").unwrap();

    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": REPORT } }),
    );
    let rules = |diagnostics: &[Value]| -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let first = client.diagnostics(&uri, 1);
    assert!(!rules(&first).contains(&"vague-claim".to_string()));

    // Broken config: a Chinese diagnostic in the document, one in the config, a message window.
    std::fs::write(&config, "[rules]\nvague-claim = \"loud\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let broken = client.diagnostics(&uri, 1);
    assert_eq!(rules(&broken), vec!["config-error"]);
    assert!(broken[0]["message"].as_str().unwrap().contains("配置文件"));
    assert_eq!(
        broken[0]["relatedInformation"][0]["location"]["uri"],
        config_uri
    );
    let in_config = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri
            && !m["params"]["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(
        in_config["params"]["diagnostics"][0]["range"]["start"]["line"],
        1
    );
    let shown = client.wait(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);

    // Fixed and saved from the editor: checked again with the rule back on.
    std::fs::write(&config, "[rules]\nvague-claim = \"error\"\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    let cleared = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config_uri
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(
        cleared["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let fixed = client.diagnostics(&uri, 1);
    let vague: Vec<&Value> = fixed
        .iter()
        .filter(|d| d["code"] == "vague-claim")
        .collect();
    assert_eq!(vague.len(), 1);
    assert_eq!(vague[0]["severity"], 1);

    // The config open in the editor is validated as typed.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": config_uri, "languageId": "toml", "version": 1, "text": "fail-on = \"never\"\n" } }),
    );
    let typed = client.diagnostics(&config_uri, 1);
    assert_eq!(typed[0]["code"], "config-error");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn copies_from_the_configured_corpus_are_shown_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let pasted = "县司法局牵头梳理行政许可事项清单四百一十二项，逐项明确设定依据、办理时限和监督方式，并在政务服务网公开接受社会监督。";
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    std::fs::write(
        dir.path().join("archive/2022.txt"),
        format!("某县2022年法治政府建设情况的报告\n一、主要举措和成效\n{pasted}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".draftlint.toml"),
        "corpus = [\"archive/*.txt\"]\n",
    )
    .unwrap();
    let file = dir.path().join("2023.txt");
    let uri = file_uri(&file);
    let mut lines: Vec<&str> = REPORT.lines().collect();
    lines.insert(3, pasted);
    let text = lines.join("\n") + "\n";
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let copied: Vec<Value> = client
        .diagnostics(&uri, 1)
        .into_iter()
        .filter(|d| d["code"] == "copied-text")
        .collect();
    assert_eq!(copied.len(), 1, "{copied:#?}");
    let message = copied[0]["message"].as_str().unwrap();
    assert!(message.contains("2022.txt"), "{message}");
    let line = text.lines().position(|l| l == pasted).unwrap();
    assert_eq!(copied[0]["range"]["start"]["line"], line);

    did_change(&mut client, &uri, 2, vec![json!({ "text": REPORT })]);
    let after = client.diagnostics(&uri, 2);
    assert!(
        after.iter().all(|d| d["code"] != "copied-text"),
        "{after:#?}"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn last_years_report_in_the_configured_corpus_is_read_as_such_in_the_editor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/previous");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    std::fs::copy(
        root.join("archive/tongchuan-2022.txt"),
        dir.path().join("archive/2022.txt"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".draftlint.toml"),
        "corpus = [\"archive/*.txt\"]\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(root.join("tongchuan-2023.txt")).unwrap();
    let uri = file_uri(&dir.path().join("2023.txt"));
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let mut codes: Vec<String> = client
        .diagnostics(&uri, 1)
        .into_iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .filter(|c| {
            [
                "carried-over-problems",
                "repeated-figures",
                "untaken-plan-items",
            ]
            .contains(&c.as_str())
        })
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "carried-over-problems",
            "repeated-figures",
            "untaken-plan-items"
        ]
    );
    assert_eq!(client.shutdown(), 0);
}

#[cfg(unix)]
#[test]
fn a_document_in_its_own_corpus_is_never_its_own_source_however_the_editor_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let pasted = "县司法局牵头梳理行政许可事项清单四百一十二项，逐项明确设定依据、办理时限和监督方式，并在政务服务网公开接受社会监督。";
    std::fs::create_dir_all(root.join("archive")).unwrap();
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::write(
        root.join("archive/2022.txt"),
        format!("某县2022年法治政府建设情况的报告\n一、主要举措和成效\n{pasted}\n"),
    )
    .unwrap();
    // The corpus holds the drafts too, under a spelling of its own.
    std::fs::write(
        root.join(".draftlint.toml"),
        "corpus = [\"archive/*.txt\", \"./archive/../drafts/*.txt\"]\n",
    )
    .unwrap();
    // A paragraph from another draft, which the drafts' pattern must have found.
    let sibling = "镇人民政府组织开展合法性审查培训三期，审查重大行政决策二十六件，提出修改意见八十九条，全部被采纳。";
    std::fs::write(
        root.join("drafts/2021.txt"),
        format!("某镇2021年法治政府建设情况的报告\n一、主要举措和成效\n{sibling}\n"),
    )
    .unwrap();
    let mut lines: Vec<&str> = REPORT.lines().collect();
    lines.insert(3, pasted);
    lines.insert(5, sibling);
    let text = lines.join("\n") + "\n";
    std::fs::write(root.join("drafts/2023.txt"), &text).unwrap();
    std::os::unix::fs::symlink(root.join("drafts"), root.join("linked")).unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root);
    let named = [
        root.join("drafts/2023.txt"),
        root.join("linked/2023.txt"),
        root.join("archive/../drafts/./2023.txt"),
    ];
    for path in &named {
        let uri = file_uri(path);
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
        );
        let copied: Vec<Value> = client
            .diagnostics(&uri, 1)
            .into_iter()
            .filter(|d| d["code"] == "copied-text")
            .collect();
        let mut sources: Vec<&str> = copied
            .iter()
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        sources.sort();
        assert_eq!(sources.len(), 2, "{}: {copied:#?}", path.display());
        assert!(sources[0].contains("archive/2022.txt"), "{sources:?}");
        assert!(sources[1].contains("drafts/2021.txt"), "{sources:?}");
        assert!(
            sources.iter().all(|m| !m.contains("2023.txt")),
            "{sources:?}"
        );
        assert!(sources.iter().all(|m| !m.contains("..")), "{sources:?}");
        client.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
    }
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn excluded_files_get_no_diagnostics_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".draftlint.toml"),
        "exclude = [\"README.md\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".draftlintignore"), "notes/\n").unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    let open = |client: &mut Client, name: &str| {
        let uri = file_uri(&dir.path().join(name));
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": REPORT } }),
        );
        client.diagnostics(&uri, 1)
    };
    assert!(!open(&mut client, "2023.txt").is_empty());
    assert!(open(&mut client, "README.md").is_empty());
    assert!(open(&mut client, "notes/draft.txt").is_empty());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn the_outline_and_folding_follow_the_reports_sections() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let uri = file_uri(&file);
    let mut client = Client::start(dir.path());
    let init = client.initialize(dir.path());
    let capabilities = &init["result"]["capabilities"];
    assert!(capabilities["documentSymbolProvider"].is_object());
    assert_eq!(capabilities["foldingRangeProvider"], true);
    client.open(&uri, REPORT);
    let symbols = client.request(
        7,
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let symbols = symbols["result"].as_array().unwrap();
    // The title first, then the top-level sections with the part each counts as.
    assert!(symbols[0]["detail"].as_str().unwrap().starts_with("标题"));
    let sections: Vec<&Value> = symbols.iter().filter(|s| s["kind"] == 3).collect();
    assert!(sections.len() >= 2, "{symbols:?}");
    assert!(
        sections.iter().any(|s| s["detail"]
            .as_str()
            .unwrap_or("")
            .contains("存在的不足和原因")),
        "{sections:?}"
    );
    assert!(sections.iter().all(|s| {
        s["name"]
            .as_str()
            .unwrap()
            .starts_with(|c: char| "一二三四五六七八九十".contains(c))
    }));
    let folds = client.request(
        8,
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    let folds = folds["result"].as_array().unwrap();
    assert!(!folds.is_empty());
    assert!(
        folds
            .iter()
            .all(|f| f["endLine"].as_u64() > f["startLine"].as_u64())
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_nonstandard_term_offers_its_standard_form_as_a_quick_fix_that_fix_all_leaves_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let uri = file_uri(&file);
    let text = REPORT.replacen("。", "，深入学习习总书记重要讲话精神。", 1);
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    let diagnostics = client.open(&uri, &text);
    let term = diagnostics
        .iter()
        .find(|d| d["code"] == "nonstandard-term")
        .expect("the term is found");
    let reply = client.request(
        9,
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": term["range"],
            "context": { "diagnostics": [term] },
        }),
    );
    let actions = reply["result"].as_array().unwrap();
    let offered = actions
        .iter()
        .find(|a| a["title"] == "改为“习近平总书记”")
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert_eq!(offered["kind"], "quickfix");
    assert_eq!(offered["isPreferred"], false);
    let edit = &offered["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "习近平总书记");
    assert_eq!(edit["range"], term["range"]);
    // Fixing everything applies safe fixes only: the term stays for the writer to judge.
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": position(&text, text.len()) });
    let reply = client.request(
        10,
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": whole,
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    for action in reply["result"].as_array().unwrap() {
        let fixed = action["edit"]["changes"][uri.as_str()][0]["newText"]
            .as_str()
            .unwrap();
        assert!(fixed.contains("习总书记"));
    }
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn fix_all_applies_what_the_command_line_fix_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let uri = file_uri(&file);
    let text = REPORT
        .replacen("，", ",", 3)
        .replacen("2023年", "2023 年", 1);
    std::fs::write(&file, &text).unwrap();
    let mut client = Client::start(dir.path());
    let init = client.initialize(dir.path());
    let kinds = &init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert!(
        kinds
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "source.fixAll.draftlint")
    );
    client.open(&uri, &text);
    let end = position(&text, text.len());
    let reply = client.request(
        9,
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": end },
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    let actions = reply["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.draftlint");
    let edits = &actions[0]["edit"]["changes"][uri.as_str()];
    let fixed = edits[0]["newText"].as_str().unwrap();
    assert_eq!(edits[0]["range"]["end"], end);

    #[allow(deprecated)]
    let status = Command::new(assert_cmd::cargo::cargo_bin("draftlint"))
        .args(["check", "--fix", "--quiet"])
        .arg(&file)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(status.status.code().is_some());
    assert_eq!(fixed, std::fs::read_to_string(&file).unwrap());
    assert_ne!(fixed, text);
    assert_eq!(client.shutdown(), 0);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_repository_config_does_not_block_the_server() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".draftlint.toml"),
        "pack = \"rules.toml\"\n",
    )
    .unwrap();
    let fifo = dir.path().join("rules.toml");
    let name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    let uri = file_uri(&dir.path().join("2023.txt"));
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    let diagnostics = client.open(&uri, REPORT);
    assert_eq!(diagnostics[0]["code"], "config-error", "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("不是普通文件"), "{message}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn frames_counted_wrong_do_not_end_the_conversation_and_any_id_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    let raw = |client: &mut Client, bytes: &[u8]| {
        let stdin = client.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    };
    let unknown = |id: &str| {
        format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"draftlint/无此方法","params":{{}}}}"#)
    };
    // Characters counted instead of UTF-8 bytes: the frame is short, its tail runs into the
    // next header.
    let counted = unknown("2");
    raw(
        &mut client,
        format!(
            "Content-Length: {}\r\n\r\n{counted}",
            counted.chars().count()
        )
        .as_bytes(),
    );
    for id in ["4294967297", "\"文字-id\"", "-1.5"] {
        client.send_raw(unknown(id).as_bytes());
        let expected: Value = serde_json::from_str(id).unwrap();
        let answer = client.wait(|m| m["id"] == expected && m.get("error").is_some());
        assert_eq!(answer["error"]["code"], -32601, "{answer}");
    }
    // Counted too high: the frame swallows the start of the next one.
    let next = unknown("7");
    raw(
        &mut client,
        format!(
            "Content-Length: 60\r\n\r\n{{\"a\":1}}Content-Length: {}\r\n\r\n{next}",
            next.len()
        )
        .as_bytes(),
    );
    client.send_raw(unknown("8").as_bytes());
    client.send_raw(unknown("9").as_bytes());
    for id in [7, 8, 9] {
        let answer = client.wait(|m| m["id"] == id && m.get("error").is_some());
        assert_eq!(answer["error"]["code"], -32601, "{answer}");
    }
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn hover_explains_the_finding_and_the_part_of_a_heading() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let uri = file_uri(&file);
    let text = REPORT.replacen("，", ",", 1);
    let mut client = Client::start(dir.path());
    let init = client.initialize(dir.path());
    assert_eq!(init["result"]["capabilities"]["hoverProvider"], true);
    let published = client.open(&uri, &text);
    let comma = published
        .iter()
        .find(|d| d["code"] == "punctuation-width")
        .expect("a half-width comma");
    let hover = client.request(
        10,
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": comma["range"]["start"] }),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("punctuation-width"), "{value}");
    assert!(value.contains("依据"), "{value}");
    let heading = text.find("二、").expect("a second part");
    let hover = client.request(
        11,
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position(&text, heading) }),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("部分"), "{value}");
    // Nowhere: nothing to say.
    let blank = client.request(
        12,
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 9999, "character": 0 } }),
    );
    assert!(blank["result"].is_null(), "{blank}");
    assert_eq!(client.shutdown(), 0);
}

/// A megabyte paragraph without line breaks (a PDF pasted into the editor): the server answers
/// requests while it checks, drops the check of a version edited since, and publishes the
/// findings of the newest text.
#[test]
fn a_megabyte_paragraph_is_checked_off_the_loop_stale_checks_are_dropped_and_findings_capped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pasted.txt");
    let uri = file_uri(&file);
    let other = file_uri(&dir.path().join("other.txt"));
    let unit = "我们加强了领导,完善了制度 ,今年推进了依法行政工作。2021-2025年规划 落实。";
    let mut text = unit.repeat(1024 * 1024 / unit.len());
    let mut client = Client::start(dir.path());
    client.initialize(dir.path());
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    // Let the server take up the first version before the second arrives.
    std::thread::sleep(Duration::from_millis(100));
    let tail = text.len();
    let change = edit(&mut text, tail, tail, "第一,");
    did_change(&mut client, &uri, 2, vec![change]);
    // Answered while the document is being checked: nothing about it is published before.
    let answer = client.request(
        20,
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": other } }),
    );
    assert!(answer["result"].is_null(), "{answer}");
    assert!(
        !client
            .seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "the request waited for a check: {:?}",
        client.seen.iter().map(|m| &m["method"]).collect::<Vec<_>>()
    );
    // A request about the document itself waits for the newest version's findings.
    let last_comma = text.rfind(',').unwrap();
    let hover = client.request(
        21,
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position(&text, last_comma) }),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("punctuation-width"), "{value}");
    // Far more findings than an editor can show: the first thousand are published, under a
    // note that says how many there are and where to see them all.
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(diagnostics.len(), 1001);
    assert_eq!(diagnostics[0]["code"], "too-many-findings");
    let note = diagnostics[0]["message"].as_str().unwrap();
    assert!(note.contains("只列出其中 1000 个"), "{note}");
    assert!(
        diagnostics[1..]
            .iter()
            .all(|d| d["code"] != "too-many-findings")
    );
    // Fixing the whole megabyte takes several checks: it runs off the loop too, so a request
    // sent after it is answered first.
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": position(&text, text.len()) });
    client.send(
        json!({ "jsonrpc": "2.0", "id": 22, "method": "textDocument/codeAction", "params": {
            "textDocument": { "uri": uri }, "range": whole,
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }}),
    );
    client.request(
        23,
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": other } }),
    );
    assert!(
        !client.seen.iter().any(|m| m["id"] == 22),
        "the other request waited for the fixes"
    );
    let fixed = client.wait(|m| m["id"] == 22 && m.get("method").is_none());
    let action = &fixed["result"][0];
    assert_eq!(action["kind"], "source.fixAll.draftlint", "{fixed}");
    let new_text = action["edit"]["changes"][uri.as_str()][0]["newText"]
        .as_str()
        .unwrap();
    assert!(!new_text.contains(','));
    assert!(
        !client.seen.iter().any(
            |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1
        ),
        "the first version's check was published although it was stale"
    );
    assert_eq!(client.shutdown(), 0);
}
