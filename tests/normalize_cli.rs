//! `thaiplan normalize --report`: normalised text on stdout, one
//! `name<TAB>count` line per repair (then warnings) on stderr.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &str) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thaiplan"))
        .arg("normalize")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn thaiplan");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("run");
    assert!(out.status.success());
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn report_lists_counts_per_repair() {
    // 000:L76 CJK, a Thai-digit year (000:L876 style) and a trailing space (003:L30 style)
    let input = "ประเทศชาติก็必将มีความเจริญ\nพ.ศ. ๒๕๕๘\n9. ผู้รับผิดชอบ \n";
    let (out, err) = run(&["--report"], input);
    assert_eq!(out, "ประเทศชาติก็มีความเจริญ\nพ.ศ. 2558\n9. ผู้รับผิดชอบ\n");
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.contains(&"thai_digits\t4"));
    assert!(lines.contains(&"foreign_script\t1"));
    assert!(lines.contains(&"spaces\t1"));
    assert!(lines.contains(&"pua_glyphs\t0"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("warning\tline 1\tforeign_script\t")));
}

#[test]
fn pdf_origin_enables_tone_moves() {
    let (out, _) = run(&["--origin", "pdf"], "มิติ รวมทัง้ สิน\n้ จำนวน 20 โครงการ");
    assert_eq!(out, "มิติ รวมทั้ง สิ้น\n จำนวน 20 โครงการ");
    let (out, _) = run(&[], "รวมทัง้");
    assert_eq!(out, "รวมทัง้");
}
