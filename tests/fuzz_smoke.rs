//! A short, deterministic fuzz smoke run of every parser entry (the same
//! functions the cargo-fuzz targets in fuzz/ call): corpus files, truncated
//! at many points, with random byte flips. Long fuzzing is `cargo fuzz run`.

use std::path::Path;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic, no dependency.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
}

fn seeds(dir: &str) -> Vec<Vec<u8>> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(dir);
    let mut v: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    v.sort();
    v
}

fn mutations(seed: &[u8], rng: &mut Rng, n: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for i in 0..n {
        let mut m = seed.to_vec();
        if m.is_empty() {
            out.push(m);
            continue;
        }
        match i % 3 {
            0 => m.truncate((rng.next() as usize) % m.len()),
            1 => {
                for _ in 0..8 {
                    let at = (rng.next() as usize) % m.len();
                    m[at] = rng.next() as u8;
                }
            }
            _ => {
                let at = (rng.next() as usize) % m.len();
                let len = ((rng.next() as usize) % 64).min(m.len() - at);
                let chunk: Vec<u8> = m[at..at + len].to_vec();
                let to = (rng.next() as usize) % m.len();
                m.splice(to..to, chunk);
            }
        }
        out.push(m);
    }
    out
}

#[test]
fn normalize_and_text_parser_survive_mutations() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    for s in seeds("text") {
        // Only the first 8 KiB: the smoke test must stay fast.
        let s = &s[..s.len().min(8192)];
        for m in mutations(s, &mut rng, 40) {
            thaiplan::fuzzing::normalize(&m);
            thaiplan::fuzzing::text(&m);
        }
    }
}

#[test]
fn docx_reader_survives_mutations() {
    let mut rng = Rng(7);
    for s in seeds("docx") {
        for m in mutations(&s, &mut rng, 15) {
            thaiplan::fuzzing::docx(&m);
        }
    }
}

#[test]
fn pdf_reader_survives_mutations() {
    let mut rng = Rng(11);
    for s in seeds("pdf") {
        for m in mutations(&s, &mut rng, 8) {
            thaiplan::fuzzing::pdf(&m);
        }
    }
}

/// Every input a fuzzer ever crashed on stays fixed: `fuzz/regressions/`
/// holds them, named `<target>-<what>.bin`.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let data = std::fs::read(e.path()).unwrap();
        match name.split('-').next().unwrap_or("") {
            "normalize" => thaiplan::fuzzing::normalize(&data),
            "text" => thaiplan::fuzzing::text(&data),
            "docx" => thaiplan::fuzzing::docx(&data),
            "pdf" => thaiplan::fuzzing::pdf(&data),
            other => panic!("{name}: unknown fuzz target {other:?}"),
        }
        n += 1;
    }
    assert!(n >= 1);
}

/// The seeds `scripts/fuzz_smoke.sh` gives libFuzzer (committed fixtures,
/// the first 4 KiB of each text file) pass their target as they are: a seed
/// that fails stops the CI fuzz smoke in its first second, before any
/// mutation, so it is checked here where a plain `cargo test` sees it.
#[test]
fn fuzz_smoke_seeds_pass_their_targets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for area in ["text", "hostile"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join("fixtures").join(area))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let head = &data[..data.len().min(4096)];
            let r = std::panic::catch_unwind(|| {
                thaiplan::fuzzing::normalize(head);
                thaiplan::fuzzing::text(head);
            });
            assert!(r.is_ok(), "{}: a fuzz seed fails its target", f.display());
        }
    }
}
