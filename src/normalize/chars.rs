//! Character classes for Thai text (U+0E00–U+0E7F) and the noise around it.

/// Thai consonant ก–ฮ.
#[inline]
pub fn is_consonant(c: char) -> bool {
    ('\u{0E01}'..='\u{0E2E}').contains(&c)
}

/// Combining marks that must follow a base (docs/grammar.md §6.1):
/// U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E.
#[inline]
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// Above or below vowel (typed right after the base).
#[inline]
pub fn is_vowel_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}')
}

/// Upper vowel (sits where a tone mark would collide): ั ิ ี ึ ื ็.
#[inline]
pub fn is_upper_vowel(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E37}' | '\u{0E47}')
}

/// Tone marks ่ ้ ๊ ๋.
#[inline]
pub fn is_tone(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4B}').contains(&c)
}

/// Marks typed after the vowel: tones, thanthakhat, nikhahit, yamakkan.
#[inline]
pub fn is_top_mark(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4E}').contains(&c)
}

/// Leading vowels เ แ โ ใ ไ.
#[inline]
pub fn is_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// Spacing Thai letters that can carry or follow marks: consonants, ะ า ำ ๅ,
/// leading vowels, ฤ/ฦ are consonant-range already.
#[inline]
pub fn is_thai_letter(c: char) -> bool {
    is_consonant(c)
        || matches!(
            c,
            '\u{0E30}' | '\u{0E32}' | '\u{0E33}' | '\u{0E40}'..='\u{0E45}'
        )
}

/// Thai characters that make up a word for dictionary look-ups.
#[inline]
pub fn is_thai_word_char(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c)
}

#[inline]
pub fn is_thai_digit(c: char) -> bool {
    ('\u{0E50}'..='\u{0E59}').contains(&c)
}

/// A Thai digit ๐–๙ as its ASCII digit; any other character unchanged.
#[inline]
pub fn thai_digit_to_ascii(c: char) -> char {
    match c {
        '\u{0E50}'..='\u{0E59}' => char::from(b'0' + (c as u32 - 0x0E50) as u8),
        _ => c,
    }
}

/// Thai digits mapped to ASCII. The normaliser already does this; stages
/// that may also see raw text (table cells, prose counts, join keys) repeat it.
pub fn thai_digits_to_ascii(s: &str) -> String {
    s.chars().map(thai_digit_to_ascii).collect()
}

/// Private Use Area (BMP and the supplementary planes).
#[inline]
pub fn is_pua(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c) || c >= '\u{F0000}'
}

/// Characters deleted outright: zero-width space/joiners, word joiner, BOM,
/// soft hyphen.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// No-break spaces mapped to a plain space.
#[inline]
pub fn is_nbsp(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// CJK ideographs, kana, hangul and CJK punctuation: never part of these
/// documents (000:L76 "必将" is autocorrect residue).
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FFF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3100}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// Lao mark → Thai mark (docs/grammar.md §6.1), applied only on a Thai base.
#[inline]
pub fn lao_to_thai(c: char) -> Option<char> {
    let t = match c {
        '\u{0EB1}' => 0x0E31,
        '\u{0EB4}'..='\u{0EB7}' => c as u32 - 0x0EB4 + 0x0E34,
        '\u{0EB8}'..='\u{0EB9}' => c as u32 - 0x0EB8 + 0x0E38,
        '\u{0EC8}'..='\u{0ECB}' => c as u32 - 0x0EC8 + 0x0E48,
        '\u{0ECC}' => 0x0E4C,
        '\u{0ECD}' => 0x0E4D,
        _ => return None,
    };
    char::from_u32(t)
}

/// Lao combining marks (any, mapped or not), for walking back to a base.
#[inline]
pub fn is_lao_mark(c: char) -> bool {
    matches!(c, '\u{0EB1}' | '\u{0EB4}'..='\u{0EBC}' | '\u{0EC8}'..='\u{0ECD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_digits_map_to_ascii_and_nothing_else_changes() {
        assert_eq!(thai_digits_to_ascii("๒๕๖๖ – 2570 บาท"), "2566 – 2570 บาท");
        assert_eq!(thai_digit_to_ascii('๙'), '9');
        assert_eq!(thai_digit_to_ascii('ก'), 'ก');
    }
}
