//! JSON-RPC framing over a byte stream (`Content-Length` headers), tolerant of bad input.
//!
//! `lsp-server`'s own stdio transport stops reading at the first malformed message, which ends
//! the session; this reader reports the bad message and goes on with the next one.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::Value;
use std::io::{self, BufRead, Write};

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
    loop {
        let body = match read_frame(input)? {
            Frame::End => return Ok(()),
            Frame::Bad(reason) => Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                reason,
            },
            Frame::Body(body) => parse(&body),
        };
        let exit =
            matches!(&body, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if sender.send(body).is_err() || exit {
            return Ok(());
        }
    }
}

enum Frame {
    End,
    Body(Vec<u8>),
    Bad(String),
}

/// One header block and its body. Header lines may end in `\r\n` or `\n`; unknown headers and
/// lines that are not headers are skipped.
fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(if saw_header {
                Frame::Bad("消息不完整：输入在消息头中结束".to_string())
            } else {
                Frame::End
            });
        }
        let text = String::from_utf8_lossy(&line);
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
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("Content-Length 不是数字：{}", value.trim())),
            );
        }
    }
    let length = match length {
        None => return Ok(Frame::Bad("消息头缺少 Content-Length".to_string())),
        Some(Err(reason)) => return Ok(Frame::Bad(reason)),
        Some(Ok(n)) if n > MAX_MESSAGE => {
            return Ok(Frame::Bad(format!("消息过大（{n} 字节）")));
        }
        Some(Ok(n)) => n,
    };
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Frame::Body(body)),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Frame::End),
        Err(e) => Err(e),
    }
}

/// A body as a message, or as the error to answer it with.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                code: ErrorCode::ParseError,
                reason: format!("消息不是有效的 JSON：{e}"),
            };
        }
    };
    let id = value.get("id").and_then(|id| match id {
        Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    });
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

/// Write one message with its header.
pub fn write_message(output: &mut impl Write, message: &Value) -> io::Result<()> {
    let text = serde_json::to_string(message)?;
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
    fn written_messages_are_framed() {
        let mut out = Vec::new();
        write_message(&mut out, &serde_json::json!({"a": "𠮷"})).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "Content-Length: 12\r\n\r\n{\"a\":\"𠮷\"}");
    }
}
