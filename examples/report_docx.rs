//! Make a Word document from a report text, as the reviewed-copy tests do:
//! `cargo run --example report_docx -- 报告.txt 报告.docx 报告（读出）.txt` writes the document
//! and the text draftlint reads from it.

#[path = "../tests/common/word.rs"]
mod word;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, docx, text] = args.as_slice() else {
        eprintln!("usage: report_docx INPUT.txt OUTPUT.docx OUTPUT.txt");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(input).expect("a UTF-8 report text");
    let (bytes, read) = word::report_docx(&source);
    std::fs::write(docx, bytes).expect("the document written");
    std::fs::write(text, read).expect("the text written");
}
