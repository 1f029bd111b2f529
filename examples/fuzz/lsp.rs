//! The language server's message reader over byte streams: well-formed frames mixed with
//! frames whose `Content-Length` is missing, not a number, too low, too high or huge, bodies
//! that are not JSON or not JSON-RPC, headers cut short, line endings of either kind, and raw
//! bytes; read through buffers of every size.
//!
//! The reader must end, and must deliver every well-formed frame, in order, except those
//! swallowed by a length that runs past the end of the stream (a client that counts too high
//! is waited for).

use crate::Outcome;
use arbitrary::{Result, Unstructured};
use crossbeam_channel::unbounded;
use draftlint::lsp::Incoming;
use draftlint::lsp::transport::read_messages;
use lsp_server::Message;
use std::io::{BufReader, Cursor};

fn frame(body: &[u8], crlf: bool) -> Vec<u8> {
    let end = if crlf { "\r\n" } else { "\n" };
    let mut out = format!("Content-Length: {}{end}{end}", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// A well-formed request carrying `id`.
fn good(u: &mut Unstructured, id: u32) -> Result<Vec<u8>> {
    let text: String = u
        .arbitrary::<String>()?
        .replace(|c: char| c.is_ascii_alphabetic(), "");
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": "fuzz/probe",
        "params": { "text": text },
    })
    .to_string();
    Ok(frame(body.as_bytes(), u.arbitrary()?))
}

/// A frame the reader must refuse, and how many bytes after it it may swallow (a length
/// counted too high).
fn bad(u: &mut Unstructured) -> Result<(Vec<u8>, usize)> {
    let body = br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;
    Ok(match u.int_in_range(0..=9)? {
        0 => (frame(b"{not json", u.arbitrary()?), 0),
        1 => (frame(br#"{"jsonrpc":"2.0","id":[1],"method":7}"#, true), 0),
        2 => {
            // Counted too low: the rest of the body is debris before the next header.
            let cut = u.int_in_range(0..=body.len() - 1)?;
            let mut out = format!("Content-Length: {cut}\r\n\r\n").into_bytes();
            out.extend_from_slice(body);
            (out, 0)
        }
        3 => {
            // Counted too high: reaches into the next frame, or past the end.
            let more = u.int_in_range(1..=400)?;
            let mut out = format!("Content-Length: {}\r\n\r\n", body.len() + more).into_bytes();
            out.extend_from_slice(body);
            (out, more)
        }
        4 => {
            let length = u.arbitrary::<u64>()?;
            let out = format!("Content-Length: {length}\r\n\r\n").into_bytes();
            (out, usize::try_from(length).unwrap_or(usize::MAX))
        }
        5 => (b"Content-Length: twelve\r\n\r\n".to_vec(), 0),
        6 => (b"Content-Type: application/json\r\n\r\n".to_vec(), 0),
        // A header cut short runs into what follows, up to a blank line: then 5 bytes are read,
        // and reading resumes at the header they cut into.
        7 => (b"Content-Length: 5\r\nContent-Len".to_vec(), 0),
        8 => {
            // Bytes with no header in them.
            let len = u.int_in_range(0..=64)?;
            let junk: Vec<u8> = u
                .bytes(len)?
                .iter()
                .map(|&b| if b == b':' { b' ' } else { b })
                .collect();
            (junk, 0)
        }
        _ => (b"\r\n\r\n\n".to_vec(), 0),
    })
}

pub fn run(u: &mut Unstructured) -> Outcome {
    let raw = u.ratio(1, 8).unwrap_or(false);
    let mut stream = Vec::new();
    // Well-formed frames: (id, where they start).
    let mut good_frames: Vec<(u32, usize)> = Vec::new();
    // Regions a length counted too high may swallow: (start, length).
    let mut swallowed: Vec<(usize, usize)> = Vec::new();
    if raw {
        stream = u.bytes(u.len()).unwrap_or_default().to_vec();
    } else {
        for id in 0..u.int_in_range(0..=24).unwrap_or(0) {
            if u.is_empty() {
                break;
            }
            if u.ratio(2, 3).unwrap_or(true) {
                let Ok(bytes) = good(u, id) else { break };
                good_frames.push((id, stream.len()));
                stream.extend_from_slice(&bytes);
            } else {
                let Ok((bytes, excess)) = bad(u) else { break };
                stream.extend_from_slice(&bytes);
                if excess > 0 {
                    swallowed.push((stream.len(), excess));
                }
            }
        }
    }
    // A frame is counted on unless a length counted too high runs from before it to past the
    // end of the stream (the reader waits for the rest); any other bad frame is read past.
    let expected: Vec<u32> = good_frames
        .iter()
        .filter(|&&(_, start)| {
            !swallowed
                .iter()
                .any(|&(from, excess)| start >= from && from.saturating_add(excess) > stream.len())
        })
        .map(|&(id, _)| id)
        .collect();
    let capacity = u.int_in_range(1..=64).unwrap_or(8);
    crate::show("stream", &String::from_utf8_lossy(&stream));
    crate::show("frames (id, start)", &good_frames);
    crate::show("swallowed (start, length)", &swallowed);
    let mut reader = BufReader::with_capacity(capacity, Cursor::new(stream));
    let (sender, receiver) = unbounded();
    if let Err(e) = read_messages(&mut reader, &sender) {
        return Err(format!("the reader failed on an in-memory stream: {e}"));
    }
    drop(sender);
    let received: Vec<u32> = receiver
        .iter()
        .filter_map(|incoming| match incoming {
            Incoming::Message(Message::Request(r)) if r.method == "fuzz/probe" => {
                r.id.to_string().parse().ok()
            }
            _ => None,
        })
        .collect();
    if raw {
        return Ok(());
    }
    // Every frame expected arrived, in order, after whatever else came through.
    let mut at = 0;
    for id in &expected {
        match received[at..].iter().position(|r| r == id) {
            Some(i) => at += i + 1,
            None => {
                return Err(format!(
                    "frame {id} was not delivered; delivered: {received:?}, expected: {expected:?}"
                ));
            }
        }
    }
    Ok(())
}
