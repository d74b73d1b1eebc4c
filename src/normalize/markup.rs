//! Inline markup from the text dumps (DOCUMENTS.md §6.1): `**`,
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
    let mut n = 0;
    while let Some(s) = line.find("[image:") {
        let Some(rel) = line[s..].find(']') else {
            break;
        };
        line.replace_range(s..s + rel + 1, "");
        n += 1;
    }
    n
}

fn strip_autolinks(line: &mut String) -> u64 {
    let mut n = 0;
    let mut from = 0;
    while let Some(rel) = line[from..].find('<') {
        let s = from + rel;
        let rest = &line[s..];
        if AUTOLINK.iter().any(|p| rest.starts_with(p)) {
            // the link runs to '>' with no whitespace in between
            let end = rest.find(|c: char| c == '>' || c.is_whitespace());
            if let Some(e) = end {
                if rest[e..].starts_with('>') {
                    line.replace_range(s + e..s + e + 1, "");
                    line.replace_range(s..s + 1, "");
                    n += 1;
                    from = s;
                    continue;
                }
            }
        }
        from = s + 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bold_images_autolinks_but_not_p() {
        let mut s = "**ส่วนที่ 1** <p>a</p> [image: ผลการค้นหารูปภาพสำหรับ กรอบลายไทย]x <http://www.nacc.go.th>".to_string();
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
