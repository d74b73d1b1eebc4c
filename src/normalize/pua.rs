//! Legacy Thai PUA glyphs (docs/grammar.md §6.2, HarfBuzz `thai_pua_shape`) and
//! Symbol-font bullets.

/// Standard code point for a Windows (U+F700–U+F71A) or Mac
/// (U+F884–U+F89E) Thai PUA glyph. `None` for any other code point.
pub fn map_thai_pua(c: char) -> Option<char> {
    let t: u32 = match c as u32 {
        // Windows
        0xF700 => 0x0E10,
        0xF701..=0xF704 => 0x0E34 + (c as u32 - 0xF701),
        0xF705..=0xF709 => 0x0E48 + (c as u32 - 0xF705),
        0xF70A..=0xF70E => 0x0E48 + (c as u32 - 0xF70A),
        0xF70F => 0x0E0D,
        0xF710 => 0x0E31,
        0xF711 => 0x0E4D,
        0xF712 => 0x0E47,
        0xF713..=0xF717 => 0x0E48 + (c as u32 - 0xF713),
        0xF718..=0xF71A => 0x0E38 + (c as u32 - 0xF718),
        // Mac
        0xF89E => 0x0E10,
        0xF885..=0xF888 => 0x0E34 + (c as u32 - 0xF885),
        0xF88C => 0x0E48,
        0xF88F => 0x0E49,
        0xF892 => 0x0E4A,
        0xF895 => 0x0E4B,
        0xF898 => 0x0E4C,
        0xF88B => 0x0E48,
        0xF88E => 0x0E49,
        0xF891 => 0x0E4A,
        0xF894 => 0x0E4B,
        0xF897 => 0x0E4C,
        0xF89A => 0x0E0D,
        0xF884 => 0x0E31,
        0xF899 => 0x0E4D,
        0xF889 => 0x0E47,
        0xF88A => 0x0E48,
        0xF88D => 0x0E49,
        0xF890 => 0x0E4A,
        0xF893 => 0x0E4B,
        0xF896 => 0x0E4C,
        0xF89B..=0xF89D => 0x0E38 + (c as u32 - 0xF89B),
        _ => return None,
    };
    char::from_u32(t)
}

/// Symbol/Wingdings bullets that Word lists put through ToUnicode:
/// U+F0B7 (Symbol •) and its usual friends (Wingdings ▪ ◆ ➢ ✓ ❖ ■ ○).
pub fn is_symbol_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{F0A8}'
            | '\u{F0D8}'
            | '\u{F076}'
            | '\u{F0FC}'
            | '\u{F06E}'
            | '\u{F0A1}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_mac_tables_agree() {
        // Same standard character for each pair of the §6.2 table.
        let pairs = [
            (0xF700, 0xF89E),
            (0xF701, 0xF885),
            (0xF704, 0xF888),
            (0xF705, 0xF88C),
            (0xF709, 0xF898),
            (0xF70A, 0xF88B),
            (0xF70B, 0xF88E),
            (0xF70E, 0xF897),
            (0xF70F, 0xF89A),
            (0xF710, 0xF884),
            (0xF711, 0xF899),
            (0xF712, 0xF889),
            (0xF713, 0xF88A),
            (0xF717, 0xF896),
            (0xF718, 0xF89B),
            (0xF71A, 0xF89D),
        ];
        for (w, m) in pairs {
            let w = char::from_u32(w).and_then(map_thai_pua);
            let m = char::from_u32(m).and_then(map_thai_pua);
            assert!(w.is_some());
            assert_eq!(w, m);
        }
        assert_eq!(map_thai_pua('\u{F70B}'), Some('\u{0E49}'));
        assert_eq!(map_thai_pua('\u{F710}'), Some('\u{0E31}'));
        assert_eq!(map_thai_pua('\u{F71B}'), None);
        assert_eq!(map_thai_pua('\u{F880}'), None);
    }
}
