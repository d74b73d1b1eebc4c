//! Normalisation throughput (issue 3: target ≥ 200 MB/s single-threaded) on
//! the four shared text-corpus files, each alone and all together, as
//! `thaiplan normalize` runs it (split, normalise, join).
//!
//! `cargo bench --bench normalize`; criterion prints MiB/s per input.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;
use thaiplan::model::TextOrigin;
use thaiplan::normalize::normalize_str;

const FILES: [&str; 4] = [
    "000_c8f04830a1ea0035.txt",
    "002_6cb85bbd8efcfe0c.txt",
    "003_48a6fdefb7483585.txt",
    "004_3a9855a8704ba7b3.txt",
];

fn load() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/text/");
    FILES
        .iter()
        .filter_map(|f| {
            std::fs::read_to_string(format!("{dir}{f}"))
                .ok()
                .map(|t| (f[..3].to_string(), t))
        })
        .collect()
}

/// CPU time of this thread (ns), from /proc (Linux): on a loaded machine
/// criterion's wall-clock figures understate the throughput, so the bench
/// also prints MB/s over CPU time.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn cpu_throughput(name: &str, text: &str, origin: TextOrigin) {
    let _ = normalize_str(text, origin);
    let Some(t0) = cpu_ns() else { return };
    let mut n = 0u64;
    let mut spent = 0;
    while spent < 1_000_000_000 {
        black_box(normalize_str(black_box(text), origin));
        n += 1;
        spent = cpu_ns().unwrap_or(u64::MAX).saturating_sub(t0);
    }
    let secs = spent as f64 / 1e9 / n as f64;
    println!(
        "cpu-time {name}: {:.1} MB/s ({:.3} ms per pass, {} bytes)",
        text.len() as f64 / secs / 1e6,
        secs * 1e3,
        text.len()
    );
}

fn bench(c: &mut Criterion) {
    let texts = load();
    if texts.is_empty() {
        eprintln!("normalize bench: corpus not found, nothing to measure");
        return;
    }
    {
        let all: String = texts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        for (name, text) in &texts {
            cpu_throughput(&format!("text/{name}"), text, TextOrigin::Text);
        }
        cpu_throughput("text/all", &all, TextOrigin::Text);
        cpu_throughput("pdf-origin/all", &all, TextOrigin::PdfTextLayer);
    }
    let mut g = c.benchmark_group("normalize");
    g.sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    for (name, text) in &texts {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("text/{name}"), |b| {
            b.iter(|| normalize_str(black_box(text), TextOrigin::Text))
        });
    }
    let all: String = texts
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_function("text/all", |b| {
        b.iter(|| normalize_str(black_box(&all), TextOrigin::Text))
    });
    // the same text as if it were a PDF text layer (dictionary checks on)
    g.bench_function("pdf-origin/all", |b| {
        b.iter(|| normalize_str(black_box(&all), TextOrigin::PdfTextLayer))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
