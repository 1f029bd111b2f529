//! Print the text draftlint reads from documents (a PDF's rebuilt paragraphs, one per line),
//! as the checks see it: `cargo run --example pdf_text -- report.pdf`.

fn main() {
    let mut failed = false;
    for path in std::env::args_os().skip(1) {
        match draftlint::input::read_path(std::path::Path::new(&path)) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("{}: {}", path.to_string_lossy(), error.reason);
                failed = true;
            }
        }
    }
    std::process::exit(i32::from(failed));
}
