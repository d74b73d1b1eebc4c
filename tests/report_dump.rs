//! Prints the report recognised from a corpus file (debug aid):
//! `REPORT_DUMP=004 cargo test --test report_dump -- --nocapture`.

use thaiplan::recognize::report;
use thaiplan::recognize::{Lines, Meta};

#[test]
fn dump() {
    if let Ok(p) = std::env::var("REPORT_DUMP_PATH") {
        return print(std::path::PathBuf::from(p));
    }
    let Ok(which) = std::env::var("REPORT_DUMP") else {
        return;
    };
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/text/");
    let name = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .find(|n| n.starts_with(&which))
        .unwrap();
    print(std::path::PathBuf::from(dir).join(name));
}

fn print(path: std::path::PathBuf) {
    let bytes = std::fs::read(&path).unwrap();
    let doc = thaiplan::pipeline::normalized_text(&path, &bytes, &Default::default()).unwrap();
    let lines = Lines::new(&doc);
    let (r, w) = report::recognize(&lines, &Meta::default());
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
    for w in w {
        println!(
            "WARN {} {} {:?}",
            w.code,
            w.message,
            w.source_span.map(|s| s.line_start)
        );
    }
}
