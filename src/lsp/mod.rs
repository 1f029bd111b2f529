//! `draftlint lsp`: the language server, on stdio.
//!
//! One thread reads framed messages (tolerating malformed ones, see [`transport`]), one writes,
//! and the server loop in between keeps the open documents ([`documents`]), checks each changed
//! document with the settings of its nearest `.draftlint.toml` ([`workspace`]) and publishes
//! the findings converted to LSP positions ([`convert`]).
//!
//! Checks run on a thread of their own ([`checker`]): the messages already waiting are handled
//! first, then every document they changed is handed over once, so a burst of keystrokes costs
//! one check, and a quiet edit is checked at once (no timer). Meanwhile the loop goes on
//! answering; a check whose document has changed since is cancelled (no further rule starts)
//! and dropped unpublished, the "fix all" action is worked out there too, and a request
//! that needs the findings of the current text (hover, code actions, outline, folding) waits
//! for them without holding up the others. A panic inside a check or a handler is caught: that
//! document gets an "internal error" diagnostic and the server goes on.
//!
//! This module is the one part of the library that does I/O.

// `lsp_types::Uri` caches parts of itself in a `Cell`, but hashes and compares by its text
// only, so it is a sound map key.
#![allow(clippy::mutable_key_type)]

mod checker;
pub mod convert;
mod corpus;
pub mod docs;
pub mod documents;
mod outline;
pub mod transport;
pub mod workspace;

use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Source};
use checker::{Checker, Done, Finished, FixJob, FixedAll, Job};
use convert::Encoding;
use crossbeam_channel::{Receiver, Sender};
use docs::RuleDocs;
use documents::Documents;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionParams, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Location, MessageType, NumberOrString,
    PublishDiagnosticsParams, Range, ShowMessageParams, Uri, notification, request,
};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
pub use transport::Incoming;

/// Messages handled before the documents they changed are checked.
const BATCH: usize = 64;

/// Run the server on stdin/stdout until `exit`. Returns the process exit code: 0 after
/// `shutdown` then `exit`, 1 otherwise (as the specification asks).
pub fn run_stdio() -> u8 {
    let (incoming_sender, incoming) = crossbeam_channel::unbounded();
    let (outgoing, outgoing_receiver) = crossbeam_channel::unbounded::<Value>();
    // The reader is not joined: at exit it may be blocked on stdin, and the process ends anyway.
    std::thread::Builder::new()
        .name("lsp-reader".to_string())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            if let Err(e) = transport::read_messages(&mut input, &incoming_sender) {
                eprintln!("draftlint lsp: 读取标准输入失败：{e}");
            }
        })
        .expect("spawning a thread");
    let writer = std::thread::Builder::new()
        .name("lsp-writer".to_string())
        .spawn(move || {
            let stdout = std::io::stdout();
            let mut output = stdout.lock();
            if let Err(e) = transport::write_messages(&mut output, &outgoing_receiver) {
                eprintln!("draftlint lsp: 写入标准输出失败：{e}");
            }
        })
        .expect("spawning a thread");
    let code = serve(incoming, outgoing, RuleDocs::install());
    let _ = writer.join();
    code
}

/// Serve messages from `incoming`, sending replies and notifications (JSON-RPC values) to
/// `outgoing`, until `exit` or until `incoming` closes. Returns the exit code.
pub fn serve(incoming: Receiver<Incoming>, outgoing: Sender<Value>, docs: RuleDocs) -> u8 {
    let mut server = Server::new(outgoing, docs);
    let done = server.checker.done().clone();
    loop {
        crossbeam_channel::select! {
            recv(incoming) -> first => {
                let Ok(first) = first else {
                    return 1;
                };
                if let Some(code) = server.dispatch(first) {
                    return code;
                }
                for _ in 1..BATCH {
                    let Ok(next) = incoming.try_recv() else {
                        break;
                    };
                    if let Some(code) = server.dispatch(next) {
                        return code;
                    }
                }
                server.check_pending();
            }
            recv(done) -> finished => match finished {
                Ok(Finished::Checked(checked)) => server.finish(*checked),
                Ok(Finished::FixedAll(fixed)) => server.fixed_all(fixed),
                Err(_) => {}
            }
        }
    }
}

/// The requests answered from the findings of the document's current text.
const NEED_FINDINGS: [&str; 4] = [
    request::HoverRequest::METHOD,
    request::CodeActionRequest::METHOD,
    request::DocumentSymbolRequest::METHOD,
    request::FoldingRangeRequest::METHOD,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

/// The last check of a document: what code actions are computed from.
/// The kind of the action that applies every safe fix (editors run `source.fixAll` on save).
const FIX_ALL: &str = "source.fixAll.draftlint";

struct Checked {
    version: i32,
    source: Source,
    diagnostics: Vec<Diagnostic>,
}

struct Server {
    out: Sender<Value>,
    state: State,
    encoding: Encoding,
    documents: Documents,
    workspace: workspace::Workspace,
    docs: RuleDocs,
    checked: HashMap<Uri, Checked>,
    /// Documents changed since their last check.
    pending: BTreeSet<Uri>,
    checker: Checker,
    /// The ticket of the last check handed over for each document whose result has not come
    /// back; a result with another ticket is stale.
    in_flight: HashMap<Uri, u64>,
    next_ticket: u64,
    /// Requests waiting for the findings of their document's current text, or for its fixes
    /// applied at once.
    parked: Vec<Request>,
    /// Every safe fix applied at once, per document: asked for, or come back, for the version
    /// of its last check.
    fixes: HashMap<Uri, FixAll>,
    /// Config files we published errors for, to clear them when fixed.
    config_diagnostics: HashSet<Uri>,
    /// Config errors already shown in a message window.
    shown: HashSet<String>,
    /// The client accepts versioned document edits in code actions.
    versioned_edits: bool,
    /// The client lets us register file watchers.
    dynamic_watch: bool,
    next_request: i32,
}

impl Server {
    fn new(out: Sender<Value>, docs: RuleDocs) -> Self {
        Server {
            out,
            state: State::Uninitialized,
            encoding: Encoding::Utf16,
            documents: Documents::default(),
            workspace: workspace::Workspace::new(None),
            docs,
            checked: HashMap::new(),
            pending: BTreeSet::new(),
            checker: Checker::start(),
            in_flight: HashMap::new(),
            next_ticket: 0,
            parked: Vec::new(),
            fixes: HashMap::new(),
            config_diagnostics: HashSet::new(),
            shown: HashSet::new(),
            versioned_edits: false,
            dynamic_watch: false,
            next_request: 1,
        }
    }

    fn send(&self, message: Message) {
        let _ = self.out.send(transport::to_json(&message));
    }

    fn reply(&self, id: RequestId, result: Value) {
        self.send(Message::Response(Response::new_ok(id, result)));
    }

    fn reply_error(&self, id: Option<RequestId>, code: ErrorCode, message: impl Into<String>) {
        let message = message.into();
        match id {
            Some(id) => self.send(Message::Response(Response::new_err(
                id,
                code as i32,
                message,
            ))),
            // JSON-RPC: an error about a message whose id could not be read has a null id.
            None => {
                let _ = self.out.send(json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": { "code": code as i32, "message": message },
                }));
            }
        }
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    /// Handle one message; `Some(code)` when the server is to exit.
    fn dispatch(&mut self, incoming: Incoming) -> Option<u8> {
        let message = match incoming {
            Incoming::Message(message) => message,
            Incoming::Malformed { id, code, reason } => {
                eprintln!("draftlint lsp: {reason}");
                self.reply_error(id, code, reason);
                return None;
            }
            Incoming::Ignored(reason) => {
                eprintln!("draftlint lsp: {reason}");
                return None;
            }
        };
        match message {
            Message::Request(request) => {
                self.handle(request);
                None
            }
            Message::Notification(notification) => {
                if notification.method == notification::Exit::METHOD {
                    return Some(if self.state == State::ShutDown { 0 } else { 1 });
                }
                let method = notification.method.clone();
                if catch_unwind(AssertUnwindSafe(|| self.notification(notification))).is_err() {
                    eprintln!("draftlint lsp: 处理 {method} 时出现内部错误");
                }
                None
            }
            // Answers to our own requests (watcher registration): nothing to do.
            Message::Response(_) => None,
        }
    }

    /// Answer `request` now, or park it until its document's findings are current.
    fn handle(&mut self, request: Request) {
        if self.state == State::Running
            && NEED_FINDINGS.contains(&request.method.as_str())
            && let Some(uri) = request_document(&request.params)
            && (self.awaiting(&uri) || self.fixing(&request))
        {
            self.parked.push(request);
            return;
        }
        let id = request.id.clone();
        let method = request.method.clone();
        if catch_unwind(AssertUnwindSafe(|| self.request(request))).is_err() {
            eprintln!("draftlint lsp: 处理 {method} 时出现内部错误");
            self.reply_error(
                Some(id),
                ErrorCode::InternalError,
                format!("draftlint 处理 {method} 时出现内部错误"),
            );
        }
    }

    /// Whether the findings of `uri`'s current text are still to come.
    fn awaiting(&self, uri: &Uri) -> bool {
        self.pending.contains(uri) || self.in_flight.contains_key(uri)
    }

    /// Whether `request` asks for the fix-all action of a document whose fixes are still being
    /// applied; starts applying them when nobody has asked yet.
    fn fixing(&mut self, request: &Request) -> bool {
        if request.method != request::CodeActionRequest::METHOD {
            return false;
        }
        let Ok(params) = serde_json::from_value::<CodeActionParams>(request.params.clone()) else {
            return false;
        };
        if !wants_kind(&params, FIX_ALL) {
            return false;
        }
        let uri = params.text_document.uri;
        let Some(checked) = self.checked.get(&uri) else {
            return false;
        };
        if !checked.diagnostics.iter().any(|d| d.fix.is_some()) {
            return false;
        }
        let version = checked.version;
        match self.fixes.get(&uri) {
            Some(FixAll::Ready(v, _)) if *v == version => return false,
            Some(FixAll::Applying(v)) if *v == version => return true,
            _ => {}
        }
        let path = convert::uri_to_path(&uri);
        let Ok(settings) = self.workspace.settings_for(path.as_deref()) else {
            return false;
        };
        self.checker.fix_all(FixJob {
            uri: uri.clone(),
            version,
            name: checked.source.name.clone(),
            text: checked.source.shown_text().to_string(),
            settings,
        });
        self.fixes.insert(uri, FixAll::Applying(version));
        true
    }

    /// Fixes applied at once came back: keep them for the version they were applied to, and
    /// answer the requests that waited for them.
    fn fixed_all(&mut self, fixed: FixedAll) {
        let FixedAll {
            uri,
            version,
            fixed,
        } = fixed;
        if matches!(self.fixes.get(&uri), Some(FixAll::Applying(v)) if *v == version) {
            self.fixes.insert(uri, FixAll::Ready(version, fixed));
        }
        self.release_parked();
    }

    /// Answer the parked requests whose documents are checked now.
    fn release_parked(&mut self) {
        for request in std::mem::take(&mut self.parked) {
            self.handle(request);
        }
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        match (self.state, method.as_str()) {
            (State::Uninitialized, request::Initialize::METHOD) => {
                let result = self.initialize(&params);
                self.state = State::Running;
                self.reply(id, result);
            }
            (State::Uninitialized, _) => self.reply_error(
                Some(id),
                ErrorCode::ServerNotInitialized,
                "服务器尚未初始化：请先发送 initialize",
            ),
            (State::ShutDown, _) => self.reply_error(
                Some(id),
                ErrorCode::InvalidRequest,
                "服务器已关闭（已收到 shutdown），只接受 exit",
            ),
            (State::Running, request::Initialize::METHOD) => {
                self.reply_error(Some(id), ErrorCode::InvalidRequest, "服务器已经初始化")
            }
            (State::Running, request::Shutdown::METHOD) => {
                for parked in std::mem::take(&mut self.parked) {
                    self.reply(parked.id, Value::Null);
                }
                self.state = State::ShutDown;
                self.reply(id, Value::Null);
            }
            (State::Running, request::CodeActionRequest::METHOD) => {
                match serde_json::from_value::<CodeActionParams>(params) {
                    Ok(params) => {
                        let actions = self.code_actions(&params);
                        self.reply(id, serde_json::to_value(actions).unwrap_or(Value::Null));
                    }
                    Err(e) => self.reply_error(
                        Some(id),
                        ErrorCode::InvalidParams,
                        format!("codeAction 参数无效：{e}"),
                    ),
                }
            }
            (State::Running, request::DocumentSymbolRequest::METHOD) => {
                let result = self.analysed(&params).map(|(_, source, analysis)| {
                    serde_json::to_value(outline::symbols(&source, &analysis, self.encoding))
                });
                self.reply(id, result.and_then(Result::ok).unwrap_or(Value::Null));
            }
            (State::Running, request::HoverRequest::METHOD) => {
                let result = self.hover(&params);
                self.reply(id, result.unwrap_or(Value::Null));
            }
            (State::Running, request::FoldingRangeRequest::METHOD) => {
                let result = self.analysed(&params).map(|(_, source, analysis)| {
                    serde_json::to_value(outline::folding(&source, &analysis))
                });
                self.reply(id, result.and_then(Result::ok).unwrap_or(Value::Null));
            }
            (State::Running, _) => self.reply_error(
                Some(id),
                ErrorCode::MethodNotFound,
                format!("不支持的请求：{method}"),
            ),
        }
    }

    fn notification(&mut self, notification: Notification) {
        if self.state != State::Running {
            return;
        }
        let Notification { method, params } = notification;
        fn parse<T: serde::de::DeserializeOwned>(method: &str, params: Value) -> Option<T> {
            serde_json::from_value(params)
                .map_err(|e| eprintln!("draftlint lsp: {method} 的参数无效，已忽略：{e}"))
                .ok()
        }
        match method.as_str() {
            notification::Initialized::METHOD => self.register_watchers(),
            notification::DidOpenTextDocument::METHOD => {
                if let Some(p) = parse::<DidOpenTextDocumentParams>(&method, params) {
                    let document = p.text_document;
                    self.documents
                        .open(document.uri.clone(), document.text, document.version);
                    self.pending.insert(document.uri);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Some(p) = parse::<DidChangeTextDocumentParams>(&method, params) {
                    let uri = p.text_document.uri;
                    let version = p.text_document.version;
                    if self
                        .documents
                        .change(&uri, version, p.content_changes, self.encoding)
                    {
                        self.pending.insert(uri);
                    } else {
                        eprintln!(
                            "draftlint lsp: 收到未打开文档的修改，已忽略：{}",
                            uri.as_str()
                        );
                    }
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Some(p) = parse::<DidSaveTextDocumentParams>(&method, params) {
                    let uri = p.text_document.uri;
                    let path = convert::uri_to_path(&uri);
                    if path.as_deref().is_some_and(workspace::affects_settings) {
                        self.reload_settings();
                    } else {
                        // The saved file may belong to a corpus: read corpora again when needed.
                        self.checker.forget_corpora();
                        if self.documents.get(&uri).is_some() {
                            self.pending.insert(uri);
                        }
                    }
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Some(p) = parse::<DidCloseTextDocumentParams>(&method, params) {
                    let uri = p.text_document.uri;
                    self.documents.close(&uri);
                    self.checked.remove(&uri);
                    self.fixes.remove(&uri);
                    self.pending.remove(&uri);
                    self.in_flight.remove(&uri);
                    self.config_diagnostics.remove(&uri);
                    self.publish(&uri, Vec::new(), None);
                    // A closed config is read from disk again; its errors there are re-published.
                    if convert::uri_to_path(&uri)
                        .as_deref()
                        .is_some_and(workspace::is_config_file)
                    {
                        self.reload_settings();
                    }
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                if let Some(p) = parse::<DidChangeWatchedFilesParams>(&method, params)
                    && p.changes.iter().any(|change| {
                        convert::uri_to_path(&change.uri)
                            .as_deref()
                            .is_some_and(workspace::affects_settings)
                    })
                {
                    self.reload_settings();
                }
            }
            // $/cancelRequest, $/setTrace, workspace/didChangeConfiguration and the rest.
            _ => {}
        }
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let strings = |pointer: &str| -> Vec<String> {
            params
                .pointer(pointer)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let flag = |pointer: &str| params.pointer(pointer).and_then(Value::as_bool) == Some(true);
        self.encoding = Encoding::negotiate(&strings("/capabilities/general/positionEncodings"));
        self.versioned_edits = flag("/capabilities/workspace/workspaceEdit/documentChanges");
        self.dynamic_watch =
            flag("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration");
        let uri_path = |pointer: &str| {
            params
                .pointer(pointer)
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<Uri>().ok())
                .and_then(|uri| convert::uri_to_path(&uri))
        };
        let root = uri_path("/workspaceFolders/0/uri")
            .or_else(|| uri_path("/rootUri"))
            .or_else(|| {
                params
                    .pointer("/rootPath")
                    .and_then(Value::as_str)
                    .map(PathBuf::from)
            });
        self.workspace = workspace::Workspace::new(root);
        json!({
            "capabilities": {
                "positionEncoding": self.encoding.kind(),
                "textDocumentSync": {
                    "openClose": true,
                    "change": 2,
                    "save": { "includeText": false },
                },
                "codeActionProvider": { "codeActionKinds": ["quickfix", FIX_ALL] },
                "documentSymbolProvider": { "label": "报告结构" },
                "foldingRangeProvider": true,
                "hoverProvider": true,
            },
            "serverInfo": { "name": "draftlint", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    /// Ask the client to tell us when a `.draftlint.toml` is created, changed or deleted.
    fn register_watchers(&mut self) {
        if !self.dynamic_watch {
            return;
        }
        let id = self.next_request;
        self.next_request += 1;
        self.send(Message::Request(Request::new(
            RequestId::from(format!("draftlint-{id}")),
            request::RegisterCapability::METHOD.to_string(),
            json!({
                "registrations": [{
                    "id": "draftlint-config-watch",
                    "method": notification::DidChangeWatchedFiles::METHOD,
                    "registerOptions": {
                        "watchers": [{ "globPattern": format!("**/{}", crate::config::CONFIG_FILE_NAME) }],
                    },
                }],
            }),
        )));
    }

    /// A config or pack changed: forget the loaded ones and check every open document again.
    fn reload_settings(&mut self) {
        self.workspace.reload();
        self.checker.forget_corpora();
        self.shown.clear();
        for uri in std::mem::take(&mut self.config_diagnostics) {
            if self.documents.get(&uri).is_none() {
                self.publish(&uri, Vec::new(), None);
            }
        }
        let open: Vec<Uri> = self.documents.uris().cloned().collect();
        self.pending.extend(open);
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify(
            notification::PublishDiagnostics::METHOD,
            PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        );
    }

    /// Check every document changed since its last check, then answer the requests that no
    /// longer wait for one.
    fn check_pending(&mut self) {
        for uri in std::mem::take(&mut self.pending) {
            self.check(&uri);
        }
        self.release_parked();
    }

    /// Check `uri`'s current text: a config file, an empty or excluded document or a broken
    /// config at once, a report on the checking thread.
    fn check(&mut self, uri: &Uri) {
        self.pending.remove(uri);
        // Whatever is running for an older text is stale from now on.
        self.in_flight.remove(uri);
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let version = document.version;
        let path = convert::uri_to_path(uri);
        if let Some(path) = path.as_deref().filter(|p| workspace::affects_settings(p)) {
            // A config file open in the editor: validate what is typed; packs are not reports.
            if workspace::is_config_file(path) {
                let diagnostics = match workspace::validate_config_text(path, &document.text) {
                    Ok(()) => Vec::new(),
                    Err(error) => {
                        let index = LineIndex::new(&document.text);
                        vec![self.config_error_in_file(&error, &document.text, &index)]
                    }
                };
                self.publish(uri, diagnostics, Some(version));
            }
            return;
        }
        if document.text.trim().is_empty() {
            self.checked.remove(uri);
            self.publish(uri, Vec::new(), Some(version));
            return;
        }
        let text = document.text.clone();
        let settings = match self.workspace.settings_for(path.as_deref()) {
            Ok(settings) => settings,
            Err(error) => {
                self.checked.remove(uri);
                let diagnostic = self.broken_config(&error);
                self.publish(uri, vec![diagnostic], Some(version));
                return;
            }
        };
        // Files the configuration or a .draftlintignore leaves out are not reports.
        if settings.excluded || path.as_deref().is_some_and(crate::input::draftlint_ignores) {
            self.checked.remove(uri);
            self.publish(uri, Vec::new(), Some(version));
            return;
        }
        let name = path
            .as_deref()
            .map(crate::identity::display)
            .unwrap_or_else(|| uri.as_str().to_string());
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.in_flight.insert(uri.clone(), ticket);
        // Requests that need findings wait for this check: the last one's findings are not
        // needed any more, and a huge document's would double what the server holds.
        self.checked.remove(uri);
        self.checker.check(Job {
            uri: uri.clone(),
            ticket,
            version,
            name,
            path,
            text,
            settings,
        });
    }

    /// A check came back: publish it if it is the last one handed over for its document.
    fn finish(&mut self, done: Done) {
        let Done {
            uri,
            ticket,
            version,
            report,
        } = done;
        if self.in_flight.get(&uri) != Some(&ticket) {
            return;
        }
        self.in_flight.remove(&uri);
        match report {
            Some(report) => {
                let shown = published(&report.diagnostics);
                let mut diagnostics: Vec<lsp_types::Diagnostic> = shown
                    .iter()
                    .map(|&d| {
                        convert::diagnostic(
                            &uri,
                            &report.source,
                            d,
                            self.encoding,
                            self.docs.link(d.rule),
                        )
                    })
                    .collect();
                if shown.len() < report.diagnostics.len() {
                    diagnostics.insert(0, too_many(report.diagnostics.len(), &report.source.name));
                }
                self.publish(&uri, diagnostics, Some(version));
                self.checked.insert(
                    uri,
                    Checked {
                        version,
                        source: report.source,
                        diagnostics: report.diagnostics,
                    },
                );
            }
            None => {
                self.checked.remove(&uri);
                let diagnostic = lsp_types::Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("internal-error".to_string())),
                    source: Some("draftlint".to_string()),
                    message: "draftlint 检查本文件时出现内部错误，未能完成检查；请把文件发给维护者"
                        .to_string(),
                    ..lsp_types::Diagnostic::default()
                };
                self.publish(&uri, vec![diagnostic], Some(version));
            }
        }
        self.release_parked();
    }

    /// A document whose config is broken: one diagnostic at its start pointing to the config,
    /// the error published in the config file itself (when the editor does not hold it open)
    /// and shown once in a message window.
    fn broken_config(&mut self, error: &ConfigError) -> lsp_types::Diagnostic {
        let config_uri = workspace::error_path(error).and_then(|p| convert::path_to_uri(&p));
        let index = LineIndex::new(&error.text);
        let in_file = self.config_error_in_file(error, &error.text, &index);
        let related = config_uri.as_ref().map(|uri| {
            vec![DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), in_file.range),
                message: error.message.clone(),
            }]
        });
        if let Some(uri) = &config_uri
            && self.documents.get(uri).is_none()
        {
            self.publish(uri, vec![in_file], None);
            self.config_diagnostics.insert(uri.clone());
        }
        let summary = format!("配置文件 {} 有错误：{}", error.path, error.message);
        if self.shown.insert(summary.clone()) {
            self.notify(
                notification::ShowMessage::METHOD,
                ShowMessageParams {
                    typ: MessageType::ERROR,
                    message: format!("draftlint：{summary}"),
                },
            );
        }
        lsp_types::Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String("config-error".to_string())),
            source: Some("draftlint".to_string()),
            message: format!("{summary}\n本文件未检查；改正配置文件并保存后会重新检查"),
            related_information: related,
            ..lsp_types::Diagnostic::default()
        }
    }

    /// A config error as a diagnostic in the config file's own text.
    fn config_error_in_file(
        &self,
        error: &ConfigError,
        text: &str,
        index: &LineIndex,
    ) -> lsp_types::Diagnostic {
        let range = match &error.span {
            Some(span) => Range::new(
                convert::position(text, index, span.start, self.encoding),
                convert::position(text, index, span.end, self.encoding),
            ),
            None => Range::default(),
        };
        let mut message = error.message.clone();
        if let Some(help) = &error.help {
            message.push_str("\n建议：");
            message.push_str(help);
        }
        lsp_types::Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String("config-error".to_string())),
            source: Some("draftlint".to_string()),
            message,
            ..lsp_types::Diagnostic::default()
        }
    }

    /// The checked text of the document a request names (`textDocument.uri`), analysed with its
    /// settings: for the outline and folding, which need the structure, not the findings.
    fn analysed(&mut self, params: &Value) -> Option<(Uri, Source, crate::Analysis)> {
        let uri = request_document(params)?;
        let source = self.checked.get(&uri)?.source.clone();
        let path = convert::uri_to_path(&uri);
        let settings = self.workspace.settings_for(path.as_deref()).ok()?;
        let analysis = crate::analyse(&source, &settings);
        Some((uri, source, analysis))
    }

    /// The findings under the cursor with their rules' basis, and the part a heading counts as.
    fn hover(&mut self, params: &Value) -> Option<Value> {
        let position: lsp_types::Position =
            serde_json::from_value(params.pointer("/position")?.clone()).ok()?;
        let (uri, source, analysis) = self.analysed(params)?;
        let offset = convert::offset(&source.text, &source.line_index, position, self.encoding);
        let diagnostics = &self.checked.get(&uri)?.diagnostics;
        let text = outline::hover(&analysis, diagnostics, offset)?;
        Some(json!({ "contents": { "kind": "markdown", "value": text } }))
    }

    /// Quick fixes for the findings with a fix that meet the requested range, and the action that
    /// applies every safe fix (`source.fixAll`), as `--fix` would, in one edit.
    fn code_actions(&mut self, params: &CodeActionParams) -> Vec<lsp_types::CodeAction> {
        let uri = &params.text_document.uri;
        let mut actions = Vec::new();
        if wants_kind(params, FIX_ALL) {
            actions.extend(self.fix_all(uri));
        }
        if !wants_kind(params, lsp_types::CodeActionKind::QUICKFIX.as_str()) {
            return actions;
        }
        let Some(checked) = self.checked.get(uri) else {
            return actions;
        };
        let version = self.versioned_edits.then_some(checked.version);
        checked
            .diagnostics
            .iter()
            .filter_map(|d| {
                let (fix, preferred) = match (&d.fix, &d.suggestion) {
                    (Some(fix), _) => (fix, true),
                    (None, Some(suggestion)) => (suggestion, false),
                    (None, None) => return None,
                };
                let range = convert::range(&checked.source, d.span, self.encoding);
                if !convert::ranges_meet(range, params.range) {
                    return None;
                }
                let lsp = convert::diagnostic(
                    uri,
                    &checked.source,
                    d,
                    self.encoding,
                    self.docs.link(d.rule),
                );
                let mut action =
                    convert::code_action(uri, &checked.source, fix, lsp, self.encoding, version);
                action.is_preferred = Some(preferred);
                Some(action)
            })
            .chain(actions)
            .collect()
    }

    /// Every safe fix of the document, applied as `--fix` applies them (repeated until nothing is
    /// left to fix) on the checking thread, as one edit of the whole text; `None` when there is
    /// nothing to fix or the fixes are not applied to the current findings' text.
    fn fix_all(&self, uri: &Uri) -> Option<lsp_types::CodeAction> {
        let checked = self.checked.get(uri)?;
        let Some(FixAll::Ready(version, Some((fixed, count)))) = self.fixes.get(uri) else {
            return None;
        };
        if *version != checked.version {
            return None;
        }
        let source = &checked.source;
        let whole = convert::range(
            source,
            crate::source::Span::new(0, source.text.len()),
            self.encoding,
        );
        let edits = vec![lsp_types::TextEdit::new(whole, fixed.clone())];
        let version = self.versioned_edits.then_some(checked.version);
        let edit = convert::workspace_edit(uri, edits, version);
        Some(lsp_types::CodeAction {
            title: format!("修正全部可自动修正的问题（{count} 处）"),
            kind: Some(lsp_types::CodeActionKind::new(FIX_ALL)),
            edit: Some(edit),
            ..lsp_types::CodeAction::default()
        })
    }
}

/// Every safe fix of a document applied at once, for the version of its last check.
enum FixAll {
    Applying(i32),
    /// The fixed text and the number of fixes; `None` when nothing changes.
    Ready(i32, Option<(String, usize)>),
}

/// The most findings published for one document. A text pasted from a PDF without line breaks
/// can have a million; nobody reads that many in an editor, and publishing them all costs
/// gigabytes and minutes.
const MAX_PUBLISHED: usize = 1000;

/// The findings published for a document: all of them up to [`MAX_PUBLISHED`], else the most
/// severe first, in text order.
fn published(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    if diagnostics.len() <= MAX_PUBLISHED {
        return diagnostics.iter().collect();
    }
    let mut by_severity: Vec<usize> = (0..diagnostics.len()).collect();
    // Stable: findings of one severity stay in text order.
    by_severity.sort_by_key(|&i| std::cmp::Reverse(diagnostics[i].severity));
    by_severity.truncate(MAX_PUBLISHED);
    by_severity.sort_unstable();
    by_severity.into_iter().map(|i| &diagnostics[i]).collect()
}

/// The note at the top of a document with more findings than are published.
fn too_many(total: usize, name: &str) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String("too-many-findings".to_string())),
        source: Some("draftlint".to_string()),
        message: format!(
            "本文件共有 {total} 个问题，编辑器里只列出其中 {MAX_PUBLISHED} 个（错误优先）；\
             完整清单请在命令行运行 draftlint check {name}"
        ),
        ..lsp_types::Diagnostic::default()
    }
}

/// Whether a code action request asks for actions of `kind` (no `only` asks for all).
fn wants_kind(params: &CodeActionParams, kind: &str) -> bool {
    params.context.only.as_ref().is_none_or(|only| {
        only.iter().any(|k| {
            kind == k.as_str()
                || kind
                    .strip_prefix(k.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The document a request names (`textDocument.uri`).
fn request_document(params: &Value) -> Option<Uri> {
    serde_json::from_value(params.pointer("/textDocument/uri")?.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};
    use crate::source::Span;
    use lsp_types::{
        CodeActionContext, PartialResultParams, Position, TextDocumentIdentifier,
        WorkDoneProgressParams,
    };
    use std::str::FromStr;

    #[test]
    fn a_document_with_more_findings_than_the_cap_publishes_the_errors_first() {
        use crate::diagnostic::Severity;
        let finding = |at: usize, severity: Severity| {
            let mut d = Diagnostic::new("punctuation-width", Span::new(at, at + 1), "x");
            d.severity = severity;
            d
        };
        let mut many: Vec<Diagnostic> = (0..MAX_PUBLISHED + 10)
            .map(|i| finding(i, Severity::Warning))
            .collect();
        many.push(finding(MAX_PUBLISHED + 20, Severity::Error));
        let shown = published(&many);
        assert_eq!(shown.len(), MAX_PUBLISHED);
        assert_eq!(shown.last().unwrap().severity, Severity::Error);
        assert!(shown.windows(2).all(|w| w[0].span.start < w[1].span.start));
        let few = &many[..3];
        assert_eq!(published(few).len(), 3);
    }

    /// A server holding one checked document with a synthetic fixable finding after 𠮷 (no
    /// rule has fixes yet).
    fn server_with_fix(versioned: bool) -> (Server, Uri) {
        let (out, _) = crossbeam_channel::unbounded();
        let mut server = Server::new(out, RuleDocs::default());
        server.state = State::Running;
        server.versioned_edits = versioned;
        let uri = Uri::from_str("file:///tmp/report.txt").unwrap();
        let text = "标题\n𠮷县,2023年";
        server.documents.open(uri.clone(), text.to_string(), 4);
        let comma = text.find(',').unwrap();
        let mut finding =
            Diagnostic::new("punctuation-width", Span::new(comma, comma + 1), "半角逗号");
        finding.fix = Some(Fix {
            description: "改为全角逗号".into(),
            edits: vec![Edit {
                span: Span::new(comma, comma + 1),
                replacement: "，".into(),
            }],
        });
        let unfixable = Diagnostic::new("title-format", Span::new(0, 6), "标题不规范");
        server.checked.insert(
            uri.clone(),
            Checked {
                version: 4,
                source: Source::new("report.txt", text),
                diagnostics: vec![unfixable, finding],
            },
        );
        (server, uri)
    }

    fn params(uri: &Uri, start: (u32, u32), end: (u32, u32)) -> CodeActionParams {
        CodeActionParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            range: Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1)),
            context: CodeActionContext::default(),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        }
    }

    #[test]
    fn quick_fixes_for_fixable_findings_at_the_cursor() {
        let (mut server, uri) = server_with_fix(false);
        // The comma is at UTF-16 column 3 of line 1 (𠮷 counts 2).
        let actions = server.code_actions(&params(&uri, (1, 3), (1, 3)));
        assert_eq!(actions.len(), 1);
        let edits = &actions[0].edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(
            edits[0].range,
            Range::new(Position::new(1, 3), Position::new(1, 4))
        );
        assert_eq!(edits[0].new_text, "，");
        // Elsewhere: nothing; the unfixable finding on line 0 offers nothing.
        assert!(
            server
                .code_actions(&params(&uri, (0, 0), (0, 2)))
                .is_empty()
        );
        // An unknown document: nothing.
        let other = Uri::from_str("file:///tmp/other.txt").unwrap();
        assert!(
            server
                .code_actions(&params(&other, (0, 0), (9, 0)))
                .is_empty()
        );
    }

    #[test]
    fn quick_fixes_name_the_document_version_when_the_client_can_check_it() {
        let (mut server, uri) = server_with_fix(true);
        let actions = server.code_actions(&params(&uri, (0, 0), (5, 0)));
        assert_eq!(actions.len(), 1);
        match actions[0].edit.as_ref().unwrap().document_changes.as_ref() {
            Some(lsp_types::DocumentChanges::Edits(edits)) => {
                assert_eq!(edits[0].text_document.version, Some(4));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
