//! JSON-RPC framing over a byte stream (`Content-Length` headers), tolerant of bad input.
//!
//! `lsp-server`'s own stdio transport stops reading at the first malformed message, which ends
//! the session; this reader reports the bad message and goes on with the next one.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};

/// Messages larger than this are refused (and skipped) rather than read into memory.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// What the reader got from the client.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Something that is not a valid message: the error to answer with, and the request id
    /// when one could be read.
    Malformed {
        id: Option<RequestId>,
        code: ErrorCode,
        reason: String,
    },
    /// A malformed response to one of the server's own requests: JSON-RPC forbids answering
    /// it, so it is only logged.
    Ignored(String),
}

/// Read framed messages until the stream ends, sending each to `sender`. Stops after `exit`.
pub fn read_messages(input: &mut impl BufRead, sender: &Sender<Incoming>) -> io::Result<()> {
    read_messages_up_to(input, sender, MAX_MESSAGE)
}

fn read_messages_up_to(
    input: &mut impl BufRead,
    sender: &Sender<Incoming>,
    max_message: usize,
) -> io::Result<()> {
    let mut reader = Reader {
        input,
        pending: Vec::new(),
        position: 0,
    };
    loop {
        let body = match reader.read_frame(max_message)? {
            Frame::End => return Ok(()),
            Frame::Bad(reason) => Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                reason,
            },
            Frame::Body(body) => {
                let parsed = parse(&body);
                // A body that is not JSON may have swallowed the next frame (a Content-Length
                // counted too high): read on from the next header inside it.
                if let Incoming::Malformed {
                    code: ErrorCode::ParseError,
                    ..
                } = parsed
                    && let Some(at) = resume_at(&body)
                {
                    reader.push_back(&body[at..]);
                }
                parsed
            }
        };
        let exit =
            matches!(&body, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if sender.send(body).is_err() || exit {
            return Ok(());
        }
    }
}

const HEADER: &[u8] = b"content-length:";

/// Where the first `Content-Length:` (in any case) starts in `bytes`.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(HEADER.len())
        .position(|w| w.eq_ignore_ascii_case(HEADER))
}

/// Where to read on in a body that is not JSON: at the first `Content-Length:` in it (its
/// header lines are read, so this always moves on), else at the start of one that the body's
/// end cuts short (a length counted a few bytes too high ends inside the next header).
fn resume_at(body: &[u8]) -> Option<usize> {
    find_header(body).or_else(|| {
        (body.len().saturating_sub(HEADER.len() - 1)..body.len())
            .find(|&at| HEADER[..body.len() - at].eq_ignore_ascii_case(&body[at..]))
    })
}

enum Frame {
    End,
    Body(Vec<u8>),
    Bad(String),
}

/// The input, after bytes given back (the part of a bad body from the next header on).
struct Reader<'a, R> {
    input: &'a mut R,
    pending: Vec<u8>,
    position: usize,
}

impl<R: BufRead> Reader<'_, R> {
    fn push_back(&mut self, bytes: &[u8]) {
        let mut pending = bytes.to_vec();
        pending.extend_from_slice(&self.pending[self.position..]);
        self.pending = pending;
        self.position = 0;
    }

    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<usize> {
        let rest = &self.pending[self.position..];
        if rest.is_empty() {
            return self.input.read_until(b'\n', line);
        }
        if let Some(i) = memchr::memchr(b'\n', rest) {
            line.extend_from_slice(&rest[..=i]);
            self.position += i + 1;
            return Ok(i + 1);
        }
        line.extend_from_slice(rest);
        let taken = rest.len();
        self.pending.clear();
        self.position = 0;
        Ok(taken + self.input.read_until(b'\n', line)?)
    }

    /// Exactly `length` bytes; `None` when the input ends first.
    fn read_body(&mut self, length: usize) -> io::Result<Option<Vec<u8>>> {
        let rest = &self.pending[self.position..];
        let from_pending = rest.len().min(length);
        let mut body = Vec::with_capacity(length);
        body.extend_from_slice(&rest[..from_pending]);
        self.position += from_pending;
        if self.position == self.pending.len() {
            self.pending.clear();
            self.position = 0;
        }
        body.resize(length, 0);
        match self.input.read_exact(&mut body[from_pending..]) {
            Ok(()) => Ok(Some(body)),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Skip `length` bytes without keeping them; `false` when the input ends first.
    fn skip(&mut self, length: u64) -> io::Result<bool> {
        let rest = self.pending.len() - self.position;
        let from_pending = rest.min(usize::try_from(length).unwrap_or(usize::MAX));
        self.position += from_pending;
        let left = length - from_pending as u64;
        let skipped = io::copy(&mut (&mut *self.input).take(left), &mut io::sink())?;
        Ok(skipped == left)
    }

    /// One header block and its body. Header lines may end in `\r\n` or `\n`; unknown
    /// headers and lines that are not headers are skipped, and a `Content-Length:` after
    /// debris on its line (the rest of a body counted too short) is still read.
    fn read_frame(&mut self, max_message: usize) -> io::Result<Frame> {
        let mut length: Option<Result<u64, String>> = None;
        let mut saw_header = false;
        let mut line = Vec::new();
        loop {
            line.clear();
            if self.read_line(&mut line)? == 0 {
                return Ok(if saw_header {
                    Frame::Bad("消息不完整：输入在消息头中结束".to_string())
                } else {
                    Frame::End
                });
            }
            let header = match find_header(&line) {
                Some(at) if at > 0 => {
                    // Debris before the header: a frame of its own, already reported if it
                    // was a body; start this frame at the header.
                    length = None;
                    &line[at..]
                }
                _ => &line[..],
            };
            let text = String::from_utf8_lossy(header);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if !saw_header {
                    continue;
                }
                break;
            }
            saw_header = true;
            if let Some((name, value)) = text.split_once(':')
                && name.trim().eq_ignore_ascii_case("Content-Length")
            {
                let value = value.trim();
                length = Some(value.parse::<u64>().map_err(|_| {
                    let shown: String = value.chars().take(40).collect();
                    format!("Content-Length 不是数字：{shown}")
                }));
            }
        }
        let length = match length {
            None => return Ok(Frame::Bad("消息头缺少 Content-Length".to_string())),
            Some(Err(reason)) => return Ok(Frame::Bad(reason)),
            Some(Ok(n)) if n > max_message as u64 => {
                // Skipped, not read into memory; the next header follows it.
                return Ok(if self.skip(n)? {
                    Frame::Bad(format!("消息过大（{n} 字节），已跳过"))
                } else {
                    Frame::End
                });
            }
            Some(Ok(n)) => n as usize,
        };
        Ok(match self.read_body(length)? {
            Some(body) => Frame::Body(body),
            None => Frame::End,
        })
    }
}

/// Request ids are echoed back unchanged. `lsp-server` knows only 32-bit integers and
/// strings; any other number (above 32 bits, negative, fractional) travels through the server
/// as a string with this prefix and is written back as the number it was.
const NUMBER_ID: &str = "\u{0}draftlint-number-id:";

fn request_id(id: &Value) -> Option<RequestId> {
    match id {
        Value::Number(n) => Some(match n.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(small) => RequestId::from(small),
            None => RequestId::from(format!("{NUMBER_ID}{n}")),
        }),
        Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    }
}

/// A body as a message, or as the error to answer it with.
fn parse(body: &[u8]) -> Incoming {
    let mut value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                reason: format!("消息不是有效的 JSON：{e}"),
            };
        }
    };
    let id = value.get("id").and_then(request_id);
    if let Some(Value::Number(n)) = value.get("id")
        && n.as_i64().and_then(|n| i32::try_from(n).ok()).is_none()
    {
        value["id"] = Value::String(format!("{NUMBER_ID}{n}"));
    }
    let response = value.get("method").is_none()
        && (value.get("result").is_some() || value.get("error").is_some());
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) if response => Incoming::Ignored(format!("客户端的响应无效，已忽略：{e}")),
        Err(e) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            reason: format!("不是有效的 JSON-RPC 消息：{e}"),
        },
    }
}

/// A message's id as the client wrote it (see [`NUMBER_ID`]).
fn restore_id(message: &mut Value) {
    if let Some(Value::String(id)) = message.get("id")
        && let Some(number) = id.strip_prefix(NUMBER_ID)
        && let Ok(number) = serde_json::from_str::<Value>(number)
        && let Value::Object(map) = message
    {
        map.insert("id".to_string(), number);
    }
}

/// Write one message with its header.
pub fn write_message(output: &mut impl Write, message: &Value) -> io::Result<()> {
    let text = if message.get("id").is_some_and(Value::is_string) {
        let mut message = message.clone();
        restore_id(&mut message);
        serde_json::to_string(&message)?
    } else {
        serde_json::to_string(message)?
    };
    write!(output, "Content-Length: {}\r\n\r\n", text.len())?;
    output.write_all(text.as_bytes())?;
    output.flush()
}

/// Write messages from `receiver` until every sender is gone.
pub fn write_messages(output: &mut impl Write, receiver: &Receiver<Value>) -> io::Result<()> {
    for message in receiver {
        write_message(output, &message)?;
    }
    Ok(())
}

/// A message as JSON-RPC 2.0.
pub fn to_json(message: &Message) -> Value {
    let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("jsonrpc".to_string(), Value::from("2.0"));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let (sender, receiver) = crossbeam_channel::unbounded();
        read_messages(&mut input.as_bytes(), &sender).unwrap();
        drop(sender);
        receiver.into_iter().collect()
    }

    #[test]
    fn bad_messages_are_reported_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":3,"method":5}"#),
            "Content-Type: text\r\n\r\n".to_string(),
            "Content-Length: abc\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
        ]
        .concat();
        let got = read_all(&input);
        assert_eq!(got.len(), 6, "{got:?}");
        assert!(matches!(
            got[0],
            Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(matches!(
            &got[1],
            Incoming::Malformed { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(3)
        ));
        assert!(matches!(got[2], Incoming::Malformed { .. }));
        assert!(matches!(got[3], Incoming::Malformed { .. }));
        assert!(
            matches!(&got[4], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
        assert!(
            matches!(&got[5], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn bare_newline_headers_and_truncated_input() {
        let body = r#"{"jsonrpc":"2.0","method":"initialized"}"#;
        let input = format!("Content-Length: {}\n\n{body}", body.len());
        let got = read_all(&input);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
        let got = read_all("Content-Length: 100\r\n\r\n{\"a\"");
        assert!(got.is_empty());
    }

    #[test]
    fn responses_from_the_client_are_messages() {
        let got = read_all(&frame(
            r#"{"jsonrpc":"2.0","id":"draftlint-1","result":null}"#,
        ));
        assert!(
            matches!(&got[0], Incoming::Message(Message::Response(_))),
            "{got:?}"
        );
        let got = read_all(&frame(r#"{"jsonrpc":"2.0","id":2,"error":{"code":-1}}"#));
        assert!(matches!(&got[0], Incoming::Ignored(_)), "{got:?}");
    }

    #[test]
    fn reading_stops_after_exit() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"initialized"}"#),
        ]
        .concat();
        assert_eq!(read_all(&input).len(), 1);
    }

    #[test]
    fn frames_counted_wrong_are_skipped_and_reading_resynchronises() {
        let good = frame(r#"{"jsonrpc":"2.0","id":1,"method":"a"}"#);
        let chinese = r#"{"jsonrpc":"2.0","id":2,"method":"报告"}"#;
        // Characters counted instead of bytes: too short, then too long.
        let short = format!(
            "Content-Length: {}\r\n\r\n{chinese}",
            chinese.chars().count()
        );
        let long = format!("Content-Length: {}\r\n\r\n{{\"a\":1}}", 7 + good.len() / 2);
        let input = [short, good.clone(), long, good.clone(), good.clone()].concat();
        let got = read_all(&input);
        let requests = got
            .iter()
            .filter(|m| matches!(m, Incoming::Message(Message::Request(r)) if r.method == "a"))
            .count();
        assert_eq!(requests, 3, "{got:?}");
    }

    #[test]
    fn a_body_that_ends_inside_the_next_header_gives_it_back() {
        let good = frame(r#"{"jsonrpc":"2.0","id":1,"method":"a"}"#);
        for over in 1..20 {
            // The body is the debris and then the start of the next frame (or all of it).
            let bad = format!("Content-Length: {}\r\n\r\n{{x", 2 + over);
            let input = [bad, good.clone(), good.clone()].concat();
            let got = read_all(&input);
            let requests = got
                .iter()
                .filter(|m| matches!(m, Incoming::Message(Message::Request(_))))
                .count();
            assert_eq!(requests, 2, "{over} bytes over: {got:?}");
        }
        // Only the header that was cut, never a frame read whole, is read again.
        let bad = "Content-Length: 5\r\nContent-Len\r\n\r\n".to_string();
        let got = read_all(&[bad, good.clone()].concat());
        assert!(
            matches!(&got[..], [Incoming::Malformed { .. }, Incoming::Message(_)]),
            "{got:?}"
        );
    }

    #[test]
    fn oversize_frames_are_skipped_whole() {
        let (sender, receiver) = crossbeam_channel::unbounded();
        let body = format!("{{\"x\":\"{}\"}}", "Content-Length: 5\r\n\r\n".repeat(10));
        let input = [
            format!("Content-Length: {}\r\n\r\n{body}", body.len()),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"a"}"#),
        ]
        .concat();
        read_messages_up_to(&mut input.as_bytes(), &sender, 64).unwrap();
        drop(sender);
        let got: Vec<Incoming> = receiver.into_iter().collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Incoming::Malformed { reason, .. } if reason.contains("过大")));
        assert!(matches!(&got[1], Incoming::Message(Message::Request(_))));
    }

    #[test]
    fn any_number_is_an_id_and_comes_back_unchanged() {
        for id in [
            "4294967297",
            "-9007199254740993",
            "1.5",
            "18446744073709551615",
        ] {
            let got = read_all(&frame(&format!(
                r#"{{"jsonrpc":"2.0","id":{id},"method":"a"}}"#
            )));
            let Incoming::Message(Message::Request(request)) = &got[0] else {
                panic!("{got:?}");
            };
            let response = Message::Response(lsp_server::Response::new_ok(
                request.id.clone(),
                Value::Null,
            ));
            let mut out = Vec::new();
            write_message(&mut out, &to_json(&response)).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains(&format!(r#""id":{id}"#)), "{text}");
        }
    }

    #[test]
    fn written_messages_are_framed() {
        let mut out = Vec::new();
        write_message(&mut out, &serde_json::json!({"a": "𠮷"})).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "Content-Length: 12\r\n\r\n{\"a\":\"𠮷\"}");
    }
}
