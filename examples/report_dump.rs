//! Debug aid: prints the report recognised from a document, and its warnings.
//! `cargo run --release --example report_dump -- FILE` (any form the
//! pipeline reads: ../shared/corpus/text/004_*.txt, a PDF, a DOCX).

use thaiplan::recognize::report;
use thaiplan::recognize::{Lines, Meta};

fn main() {
    let Some(path) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: report_dump FILE");
        std::process::exit(2);
    };
    let doc = thaiplan::pipeline::read_input(&path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            thaiplan::pipeline::normalized_text(&path, &bytes, &Default::default())
                .map_err(|e| e.message)
        });
    let doc = match doc {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let lines = Lines::new(&doc);
    let (r, w) = report::recognize(&lines, &Meta::default());
    println!(
        "{}",
        serde_json::to_string_pretty(&r).unwrap_or_else(|e| e.to_string())
    );
    for w in w {
        println!(
            "WARN {} {} {:?}",
            w.code,
            w.message,
            w.source_span.map(|s| s.line_start)
        );
    }
}
