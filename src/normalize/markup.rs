//! Inline markup from the text dumps (docs/grammar.md §6.1): `**`,
//! `[image: …]` and autolink brackets `<http…>`. Structural markup (`<p>`,
//! `</p>`, `---` rows, "- " bullets) is the parser's and stays.

const AUTOLINK: [&str; 4] = ["<http://", "<https://", "<www.", "<mailto:"];

pub fn has_markup(line: &str) -> bool {
    line.contains("**") || line.contains("[image:") || AUTOLINK.iter().any(|p| line.contains(p))
}

/// Remove inline markup; returns the number of removals. Repeats until
/// stable so that removing one piece never leaves another behind.
pub fn strip(line: &mut String) -> u64 {
    let mut n = 0;
    for _ in 0..8 {
        let before = n;
        n += strip_images(line);
        n += strip_autolinks(line);
        let k = line.matches("**").count() as u64;
        if k > 0 {
            *line = line.replace("**", "");
            n += k;
        }
        if n == before {
            break;
        }
    }
    n
}

fn strip_images(line: &mut String) -> u64 {
    if !line.contains("[image:") {
        return 0;
    }
    // one pass: copy, skipping each "[image: …]" that has a closing bracket
    let mut out = String::with_capacity(line.len());
    let mut n = 0;
    let mut rest = line.as_str();
    while let Some(s) = rest.find("[image:") {
        match rest[s..].find(']') {
            Some(rel) => {
                out.push_str(&rest[..s]);
                rest = &rest[s + rel + 1..];
                n += 1;
            }
            None => break,
        }
    }
    out.push_str(rest);
    *line = out;
    n
}

fn strip_autolinks(line: &mut String) -> u64 {
    if !AUTOLINK.iter().any(|p| line.contains(p)) {
        return 0;
    }
    let mut out = String::with_capacity(line.len());
    let mut n = 0;
    let mut rest = line.as_str();
    while let Some(s) = rest.find('<') {
        out.push_str(&rest[..s]);
        let tail = &rest[s..];
        if AUTOLINK.iter().any(|p| tail.starts_with(p)) {
            // the link runs to '>' with no whitespace in between
            if let Some(e) = tail.find(|c: char| c == '>' || c.is_whitespace()) {
                if tail[e..].starts_with('>') {
                    out.push_str(&tail[1..e]);
                    rest = &tail[e + 1..];
                    n += 1;
                    continue;
                }
            }
        }
        out.push('<');
        rest = &tail[1..];
    }
    out.push_str(rest);
    *line = out;
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bold_images_autolinks_but_not_p() {
        let mut s =
            "**ส่วนที่ 1** <p>a</p> [image: ผลการค้นหารูปภาพสำหรับ กรอบลายไทย]x <http://www.nacc.go.th>"
                .to_string();
        assert_eq!(strip(&mut s), 4);
        assert_eq!(s, "ส่วนที่ 1 <p>a</p> x http://www.nacc.go.th");
    }

    #[test]
    fn nested_pieces_are_stable() {
        let mut s = "*[image: a]*".to_string();
        strip(&mut s);
        assert_eq!(s, "");
        let mut s = "[ima**ge: b]c".to_string();
        strip(&mut s);
        assert_eq!(s, "c");
    }
}
