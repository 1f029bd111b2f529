//! Rewriting `document.xml` for a reviewed copy: the document's own bytes, with only the runs
//! that hold a comment's ends or a tracked change rebuilt (split where needed, each part
//! keeping the run's properties), paragraph marks marked deleted where paragraphs are joined,
//! and draftlint's comments and revisions from an earlier run taken out.

use super::plan::{Mark, Plan};
use crate::input::docx::{AUTHOR, attr, local, reference_text};
use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashSet;
use std::ops::Range;

/// How revisions are signed, and where their ids start.
pub struct Signature<'a> {
    pub date: &'a str,
    pub next_id: u32,
}

impl Signature<'_> {
    fn attributes(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        format!(
            "w:id=\"{id}\" w:author=\"{AUTHOR}\" w:date=\"{}\"",
            self.date
        )
    }

    fn mark_deleted(&mut self) -> String {
        format!("<w:del {}/>", self.attributes())
    }
}

/// A piece of a run.
enum Item {
    /// Text the reader reads: from a `w:t` (or draftlint's own `w:delText`), or an element
    /// that reads as a character (`w:tab`).
    Atom {
        event: u32,
        text: String,
        element: Option<Range<usize>>,
    },
    /// Anything else, kept as written.
    Other(Range<usize>),
}

struct Run {
    start: usize,
    tag: Range<usize>,
    properties: Range<usize>,
    properties_from: Option<usize>,
    other_from: Option<usize>,
    in_text: bool,
    depth: usize,
    items: Vec<Item>,
    rebuild: bool,
}

/// A paragraph whose mark is to be marked deleted, until it is.
struct Joined {
    after_start: usize,
    /// Depth inside `w:pPr` (1 = its direct children), once opened.
    properties: Option<usize>,
}

fn is_own(e: &BytesStart) -> bool {
    attr(e, "author").as_deref() == Some(AUTHOR)
}

/// `document.xml` rewritten for `plan`. `own_comments`: ids of draftlint's comments from an
/// earlier run, whose ranges and references are taken out.
pub fn rewrite(
    xml: &[u8],
    plan: &Plan,
    own_comments: &HashSet<String>,
    signature: &mut Signature,
) -> Result<Vec<u8>, String> {
    let broken = || "文件已损坏：Word 正文（document.xml）不是完整的 XML".to_string();
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut ordinal: u32 = 0;
    let mut splices: Vec<(Range<usize>, Vec<u8>)> = Vec::new();
    let mut run: Option<Run> = None;
    // An earlier run's insertion being taken out: where it starts, and how deep inside it.
    let mut dropping: Option<(usize, usize)> = None;
    // Whether each open `w:del` is draftlint's own.
    let mut deletions: Vec<bool> = Vec::new();
    let mut joined: Option<Joined> = None;
    let mut written: HashSet<u32> = HashSet::new();
    let mut checked_root = false;
    loop {
        let start = reader.buffer_position() as usize;
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|_| broken())?;
        let end = reader.buffer_position() as usize;
        if matches!(event, Event::Eof) {
            break;
        }
        let here = ordinal;
        ordinal = ordinal.saturating_add(1);
        if !checked_root && let Event::Start(e) = &event {
            checked_root = true;
            if e.name().as_ref() != "w:document" {
                return Err(
                    "正文的 XML 没有使用 Word 通常的写法（w:document），无法写入批注和修订"
                        .to_string(),
                );
            }
        }
        if let Some((from, depth)) = dropping.as_mut() {
            match event {
                Event::Start(_) => *depth += 1,
                Event::End(_) => {
                    *depth -= 1;
                    if *depth == 0 {
                        splices.push((*from..end, Vec::new()));
                        dropping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some(paragraph) = joined.as_mut()
            && let Some(splice) = mark_paragraph(paragraph, &event, start, end, signature)
        {
            splices.push(splice);
            joined = None;
        }
        if let Some(r) = run.as_mut() {
            if follow_run(r, &event, here, start, end, plan, own_comments) {
                let r = run.take().expect("a run");
                if r.rebuild {
                    let rebuilt = rebuild(&r, xml, plan, signature, &mut written);
                    splices.push((r.start..end, rebuilt));
                }
            }
            continue;
        }
        match &event {
            Event::Start(e) => match local(e) {
                "ins" if is_own(e) => dropping = Some((start, 1)),
                "del" => {
                    let own = is_own(e);
                    if own {
                        splices.push((start..end, Vec::new()));
                    }
                    deletions.push(own);
                }
                "r" => {
                    run = Some(Run {
                        start,
                        tag: start..end,
                        properties: 0..0,
                        properties_from: None,
                        other_from: None,
                        in_text: false,
                        depth: 0,
                        items: Vec::new(),
                        rebuild: deletions.last() == Some(&true),
                    })
                }
                "p" if plan.joined.contains(&here) => {
                    joined = Some(Joined {
                        after_start: end,
                        properties: None,
                    })
                }
                _ => {}
            },
            Event::Empty(e) => match local(e) {
                "ins" | "del" if is_own(e) => splices.push((start..end, Vec::new())),
                "commentRangeStart" | "commentRangeEnd"
                    if attr(e, "id").is_some_and(|id| own_comments.contains(&id)) =>
                {
                    splices.push((start..end, Vec::new()))
                }
                "p" if plan.joined.contains(&here) => {
                    let mark = signature.mark_deleted();
                    let tag = String::from_utf8_lossy(&xml[start..end - 2]).into_owned();
                    splices.push((
                        start..end,
                        format!("{tag}><w:pPr><w:rPr>{mark}</w:rPr></w:pPr></w:p>").into_bytes(),
                    ));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "del" && deletions.pop() == Some(true) => {
                splices.push((start..end, Vec::new()));
            }
            _ => {}
        }
    }
    let placed = plan.marks.keys().chain(plan.deleted.keys());
    if placed.into_iter().any(|event| !written.contains(event)) {
        return Err("正文中有文字无法定位，未能写入批注和修订".to_string());
    }
    splices.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = Vec::with_capacity(xml.len() + splices.len() * 200);
    let mut at = 0;
    for (range, bytes) in splices {
        out.extend_from_slice(&xml[at..range.start]);
        out.extend_from_slice(&bytes);
        at = range.end;
    }
    out.extend_from_slice(&xml[at..]);
    Ok(out)
}

/// Follow a paragraph whose mark is to be deleted until the place for the mark is known: the
/// run properties of its paragraph properties (made if missing). The splice that marks it.
fn mark_paragraph(
    paragraph: &mut Joined,
    event: &Event,
    start: usize,
    end: usize,
    signature: &mut Signature,
) -> Option<(Range<usize>, Vec<u8>)> {
    let mut mark = || signature.mark_deleted();
    match paragraph.properties {
        None => match event {
            Event::Start(e) if local(e) == "pPr" => {
                paragraph.properties = Some(1);
                None
            }
            Event::Empty(e) if local(e) == "pPr" => Some((
                start..end,
                format!("<w:pPr><w:rPr>{}</w:rPr></w:pPr>", mark()).into_bytes(),
            )),
            Event::Text(_) => None,
            _ => Some((
                paragraph.after_start..paragraph.after_start,
                format!("<w:pPr><w:rPr>{}</w:rPr></w:pPr>", mark()).into_bytes(),
            )),
        },
        Some(depth) => {
            let child = depth == 1;
            match event {
                Event::Start(e) | Event::Empty(e) if child && local(e) == "rPr" => {
                    if matches!(event, Event::Start(_)) {
                        Some((end..end, mark().into_bytes()))
                    } else {
                        Some((
                            start..end,
                            format!("<w:rPr>{}</w:rPr>", mark()).into_bytes(),
                        ))
                    }
                }
                Event::Start(e) | Event::Empty(e)
                    if child && matches!(local(e), "sectPr" | "pPrChange") =>
                {
                    Some((
                        start..start,
                        format!("<w:rPr>{}</w:rPr>", mark()).into_bytes(),
                    ))
                }
                Event::Start(_) => {
                    paragraph.properties = Some(depth + 1);
                    None
                }
                Event::End(_) if depth == 1 => Some((
                    start..start,
                    format!("<w:rPr>{}</w:rPr>", mark()).into_bytes(),
                )),
                Event::End(_) => {
                    paragraph.properties = Some(depth - 1);
                    None
                }
                _ => None,
            }
        }
    }
}

/// Take in one event inside a run; true when it closed the run.
#[allow(clippy::too_many_arguments)]
fn follow_run(
    run: &mut Run,
    event: &Event,
    here: u32,
    start: usize,
    end: usize,
    plan: &Plan,
    own_comments: &HashSet<String>,
) -> bool {
    let placed = |event: u32| plan.marks.contains_key(&event) || plan.deleted.contains_key(&event);
    match event {
        Event::Start(e) => {
            if run.depth == 0 {
                match local(e) {
                    "rPr" => run.properties_from = Some(start),
                    "t" | "delText" => run.in_text = true,
                    _ => run.other_from = Some(start),
                }
            }
            run.depth += 1;
        }
        Event::Empty(e) if run.depth == 0 => match local(e) {
            "rPr" => run.properties = start..end,
            name @ ("tab" | "noBreakHyphen") => {
                run.rebuild |= placed(here);
                run.items.push(Item::Atom {
                    event: here,
                    text: if name == "tab" { "\t" } else { "-" }.to_string(),
                    element: Some(start..end),
                });
            }
            "commentReference" if attr(e, "id").is_some_and(|id| own_comments.contains(&id)) => {
                run.rebuild = true;
            }
            _ => run.items.push(Item::Other(start..end)),
        },
        Event::End(_) if run.depth == 0 => return true,
        Event::End(_) => {
            run.depth -= 1;
            if run.depth == 0 {
                if let Some(from) = run.properties_from.take() {
                    run.properties = from..end;
                } else if let Some(from) = run.other_from.take() {
                    run.items.push(Item::Other(from..end));
                }
                run.in_text = false;
            }
        }
        Event::Text(t) if run.in_text && run.depth == 1 => {
            run.rebuild |= placed(here);
            run.items.push(Item::Atom {
                event: here,
                text: t.xml10_content().into_owned(),
                element: None,
            });
        }
        Event::CData(t) if run.in_text && run.depth == 1 => {
            run.rebuild |= placed(here);
            let text = t.clone().into_inner().to_string();
            run.items.push(Item::Atom {
                event: here,
                text,
                element: None,
            });
        }
        Event::GeneralRef(r) if run.in_text && run.depth == 1 => {
            run.rebuild |= placed(here);
            run.items.push(Item::Atom {
                event: here,
                text: reference_text(r),
                element: None,
            });
        }
        _ => {}
    }
    false
}

/// Writes the pieces of a rebuilt run: runs with the original's tag and properties, opened
/// and closed as the pieces change between kept and deleted, and marks between them.
struct Builder<'a> {
    xml: &'a [u8],
    run: &'a Run,
    out: Vec<u8>,
    /// The run open, and whether it is a deleted one.
    open: Option<bool>,
}

impl Builder<'_> {
    fn close(&mut self) {
        if let Some(deleted) = self.open.take() {
            self.out.extend_from_slice(b"</w:r>");
            if deleted {
                self.out.extend_from_slice(b"</w:del>");
            }
        }
    }

    fn open(&mut self, deleted: bool, signature: &mut Signature) {
        if self.open == Some(deleted) {
            return;
        }
        self.close();
        if deleted {
            self.out
                .extend_from_slice(format!("<w:del {}>", signature.attributes()).as_bytes());
        }
        let tag = &self.xml[self.run.tag.clone()];
        self.out.extend_from_slice(tag);
        self.out
            .extend_from_slice(&self.xml[self.run.properties.clone()]);
        self.open = Some(deleted);
    }

    fn text(&mut self, text: &str, deleted: bool, signature: &mut Signature) {
        if text.is_empty() {
            return;
        }
        self.open(deleted, signature);
        let element = if deleted { "w:delText" } else { "w:t" };
        self.out.extend_from_slice(
            format!(
                "<{element} xml:space=\"preserve\">{}</{element}>",
                escape(text)
            )
            .as_bytes(),
        );
    }

    fn mark(&mut self, mark: &Mark, signature: &mut Signature) {
        self.close();
        let written = match mark {
            Mark::CommentStart(id) => format!("<w:commentRangeStart w:id=\"{id}\"/>"),
            Mark::CommentEnd(id) => format!(
                "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
            ),
            Mark::Insert(text) => format!(
                "<w:ins {}><w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:ins>",
                signature.attributes(),
                String::from_utf8_lossy(&self.xml[self.run.properties.clone()]),
                escape(text.as_str())
            ),
        };
        self.out.extend_from_slice(written.as_bytes());
    }
}

fn rebuild(
    run: &Run,
    xml: &[u8],
    plan: &Plan,
    signature: &mut Signature,
    written: &mut HashSet<u32>,
) -> Vec<u8> {
    let mut builder = Builder {
        xml,
        run,
        out: Vec::new(),
        open: None,
    };
    let none = Vec::new();
    for item in &run.items {
        let (event, text, element) = match item {
            Item::Other(range) => {
                builder.open(false, signature);
                builder.out.extend_from_slice(&xml[range.clone()]);
                continue;
            }
            Item::Atom {
                event,
                text,
                element,
            } => (*event, text, element),
        };
        written.insert(event);
        let marks = plan.marks.get(&event).unwrap_or(&none);
        let deleted = plan.deleted.get(&event).map_or(&[][..], |d| d.as_slice());
        let mut cuts: Vec<u32> = vec![0, text.len() as u32];
        cuts.extend(marks.iter().map(|(offset, _)| *offset));
        cuts.extend(deleted.iter().flat_map(|r| [r.start, r.end]));
        cuts.sort_unstable();
        cuts.dedup();
        let mut marks = marks.iter().peekable();
        for pair in cuts.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            while let Some((_, mark)) = marks.next_if(|(offset, _)| *offset == from) {
                builder.mark(mark, signature);
            }
            let gone = deleted.iter().any(|r| r.start <= from && from < r.end);
            match element {
                Some(range) => {
                    builder.open(gone, signature);
                    builder.out.extend_from_slice(&xml[range.clone()]);
                }
                None => builder.text(&text[from as usize..to as usize], gone, signature),
            }
        }
        for (_, mark) in marks {
            builder.mark(mark, signature);
        }
    }
    builder.close();
    builder.out
}
