//! PDF extraction on generated fixtures (fixtures/pdf/, built by
//! tests/pdf_gen with lopdf). What each fixture reads as is pinned in
//! fixtures/pdf/*.expect.json (tests/fixtures.rs); here: the extractor's
//! contracts with the normaliser, the isolation worker, mutations.

mod pdf_gen;

use std::path::{Path, PathBuf};
use thaiplan::error::ExtractError;
use thaiplan::extract::{pdf, ExtractOptions};
use thaiplan::model::RawDoc;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf")
        .join(name)
}

fn extract(name: &str) -> Result<RawDoc, ExtractError> {
    let p = fixture(name);
    let bytes =
        std::fs::read(&p).expect("fixture present (regenerate with THAIPLAN_REGEN_FIXTURES=1)");
    pdf::extract(&p, &bytes, &ExtractOptions::default())
}

fn texts(doc: &RawDoc) -> Vec<&str> {
    doc.lines.iter().map(|l| l.text.as_str()).collect()
}

/// Rewrite the committed fixtures from the generator.
#[test]
fn regenerate() {
    if std::env::var_os("THAIPLAN_REGEN_FIXTURES").is_none() {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (name, bytes) in [
        ("pua_font.pdf", pdf_gen::pua_font()),
        ("letter_spaced_actualtext.pdf", pdf_gen::letter_spaced()),
        (
            "table_multipage_repeated_header.pdf",
            pdf_gen::table_multipage(),
        ),
        ("no_text.pdf", pdf_gen::no_text()),
        ("encrypted_empty_user_password.pdf", pdf_gen::encrypted("")),
        (
            "encrypted_user_password_secret.pdf",
            pdf_gen::encrypted("secret"),
        ),
        ("truncated.pdf", pdf_gen::truncated()),
        ("rotated_page.pdf", pdf_gen::rotated()),
        ("borderless_table.pdf", pdf_gen::borderless_table()),
    ] {
        std::fs::write(dir.join(name), bytes).expect("write fixture");
    }
}

/// What the PDF extractor hands the normaliser, where the record cannot show
/// it (the normalised text, counts and errors are pinned by
/// fixtures/pdf/*.expect.json): PUA code points passed through, not guessed;
/// pages of lines; pages sent to OCR; the typed error kinds.
#[test]
fn extractor_contracts_behind_the_expect_files() {
    let doc = extract("pua_font.pdf").expect("extract");
    assert_eq!(
        texts(&doc),
        vec!["ผู\u{F70B}บริหาร ก\u{F70A}อน", "เป\u{F712}น ป\u{F706}องกัน"]
    );
    // Known Thai PUA glyphs are a usable text layer: no OCR.
    assert!(doc.ocr_wanted.is_empty());
    assert_eq!(doc.lines[0].page, Some(1));
    let doc = extract("table_multipage_repeated_header.pdf").expect("extract");
    let pages: Vec<Option<u32>> = doc.lines.iter().map(|l| l.page).collect();
    assert_eq!(pages, vec![Some(1), Some(1), Some(1), Some(2)]);
    let doc = extract("no_text.pdf").expect("extract");
    assert!(doc.lines.is_empty());
    assert_eq!(doc.ocr_wanted, vec![1, 2]);
    assert!(matches!(
        extract("encrypted_user_password_secret.pdf"),
        Err(ExtractError::Encrypted { .. })
    ));
    assert!(matches!(
        extract("truncated.pdf"),
        Err(ExtractError::Corrupt { .. })
    ));
}

#[test]
fn garbage_bytes_are_corrupt_not_a_panic() {
    let p = Path::new("garbage.pdf");
    for bytes in [
        &b"%PDF-1.4\n"[..],
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"",
    ] {
        assert!(pdf::extract(p, bytes, &ExtractOptions::default()).is_err());
    }
}

/// The worker subprocess gives the same document, and a hung worker is
/// killed at the deadline.
#[test]
fn isolated_worker_same_result_and_timeout() {
    let exe = env!("CARGO_BIN_EXE_thaiplan");
    std::env::set_var("THAIPLAN_WORKER_EXE", exe);
    let p = fixture("letter_spaced_actualtext.pdf");
    let bytes = std::fs::read(&p).expect("fixture");
    let opts = ExtractOptions {
        isolate: true,
        ..Default::default()
    };
    let isolated = pdf::extract(&p, &bytes, &opts).expect("isolated extract");
    let local = pdf::extract(&p, &bytes, &ExtractOptions::default()).expect("local extract");
    assert_eq!(isolated, local);
    // Errors cross the process boundary typed.
    let p2 = fixture("truncated.pdf");
    assert!(matches!(
        pdf::extract(&p2, b"", &opts),
        Err(ExtractError::Corrupt { .. })
    ));

    let dir = tempfile::tempdir().expect("tempdir");
    let hang = dir.path().join("hang.sh");
    std::fs::write(&hang, "#!/bin/sh\nsleep 30\n").expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hang, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    // An address-space limit too small for the worker ends in a typed
    // error, not a hang or a crash of the caller.
    let tiny = ExtractOptions {
        isolate: true,
        memory_limit: 8 * 1024 * 1024,
        ..Default::default()
    };
    let r = pdf::extract(&p, &bytes, &tiny);
    assert!(
        matches!(
            r,
            Err(ExtractError::LimitExceeded { .. }) | Err(ExtractError::Panic { .. })
        ),
        "{r:?}"
    );

    std::env::set_var("THAIPLAN_WORKER_EXE", &hang);
    let opts = ExtractOptions {
        isolate: true,
        timeout_secs: 1,
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let r = pdf::extract(&p, &bytes, &opts);
    std::env::remove_var("THAIPLAN_WORKER_EXE");
    assert!(
        matches!(r, Err(ExtractError::Timeout { seconds: 1, .. })),
        "{r:?}"
    );
    assert!(t.elapsed().as_secs() < 10);
}

/// Byte mutations of the fixtures (flipped bytes, truncations, duplicated
/// spans) never panic: each gives a document or a typed error.
#[test]
fn mutated_fixtures_never_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in [
        "letter_spaced_actualtext.pdf",
        "table_multipage_repeated_header.pdf",
        "pua_font.pdf",
    ] {
        let base = std::fs::read(fixture(name)).expect("fixture");
        for _ in 0..150 {
            let mut m = base.clone();
            match next() % 3 {
                0 => {
                    for _ in 0..1 + next() % 8 {
                        let i = (next() as usize) % m.len();
                        m[i] = next() as u8;
                    }
                }
                1 => m.truncate((next() as usize) % m.len()),
                _ => {
                    let a = (next() as usize) % m.len();
                    let b = (a + (next() as usize) % 64).min(m.len());
                    let span = m[a..b].to_vec();
                    m.splice(a..a, span);
                }
            }
            let r = std::panic::catch_unwind(|| {
                pdf::extract(Path::new("m.pdf"), &m, &ExtractOptions::default())
            });
            assert!(r.is_ok(), "panic on a mutation of {name}");
        }
    }
}
