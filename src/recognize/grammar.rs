//! Shared pieces of the document grammar (docs/grammar.md): headings, money,
//! years, name squashing, and the `re!` macro every recogniser declares its
//! regexes with. Regexes are written against normalised text (ASCII digits).

/// A static regex compiled on first use: `re!(NAME, r"…")`, or
/// `re!(pub NAME, r"…")` to share it. The recognisers all declare their
/// patterns with it. Patterns are literals, so the `expect` can only fire on
/// a programming error, which any test touching the pattern catches.
macro_rules! re {
    ($vis:vis $name:ident, $pat:expr) => {
        $vis static $name: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new($pat).expect("static regex"));
    };
}
pub(crate) use re;

use crate::recognize::vocab;

// §2.3 part heading, anchored.
re!(
    pub PART_HEADING,
    &format!(
        r"^ส่วน{thi}\s*(?P<n>[0-9]+)(?:\s+(?P<title>.*))?$",
        thi = vocab::ORDINAL_THI
    )
);
// §2.4 dimension heading and its misspellings.
re!(
    pub DIMENSION_HEADING,
    // "มิติที่ 1", "มิติ ที่ 1.", "มิติที่ 1. title", "มิติที่ 1.title" (issue 12
    // class 7); never "มิติที่ 1.1" (a mission code).
    &format!(
        r"^{dim}\s*{thi}\s*(?P<n>[0-9])(?:\s*[.)])?(?:\s+(?P<title>.+)|(?P<glued>[^0-9.\s].*))?$",
        dim = vocab::dimension_word(),
        thi = vocab::ORDINAL_THI
    )
);
// §2.5 mission code heading.
re!(
    pub MISSION_HEADING,
    r"^(?:-\s+)?(?:\[image:[^\]]*\])?(?P<code>[0-9]+\.[0-9]+(?:\.[0-9]+)?)\s+(?P<title>\S.*)$"
);
// §3.2 money in a cell.
re!(
    pub BUDGET_CELL,
    r"^(?:จำนวน\s*)?(?:(?P<amt>[0-9][0-9,]*(?:\.[0-9]{1,2})?)|-)\s*(?:บาท)?$"
);
// §4.6 period.
re!(
    pub PERIOD,
    &format!(
        r"^(?:-\s*)?(?:ประจำ)?ปี\s?งบประมาณ\s*(?:{be}\s*)?(?P<from>[0-9]{{4}})(?:\s*[-–—]\s*(?:{be}\s*)?(?P<to>[0-9]{{4}}))?",
        be = vocab::BE_ERA
    )
);

/// Parse an amount like "5,225,000.00" with a comma-grouping check.
pub fn parse_amount(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || f.len() > 2 || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first = groups[0];
        // A grouped number never starts with 0: "0,000" is OCR's 20,000 or
        // 30,000 with its first digit lost (Norasi 000), not zero.
        if first.is_empty()
            || first.len() > 3
            || first.starts_with('0')
            || groups[1..].iter().any(|g| g.len() != 3)
        {
            return None;
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let whole = format!(
        "{}{}",
        digits,
        frac.map(|f| format!(".{f}")).unwrap_or_default()
    );
    whole.parse::<f64>().ok()
}

/// A Part-2 budget cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// An amount (a dash is 0).
    Amount(f64),
    /// Present but unreadable ("#####", garbage): null + warning.
    Unreadable,
}

pub fn parse_budget_cell(s: &str) -> Cell {
    let s = s.trim();
    if let Some(c) = BUDGET_CELL.captures(s) {
        return match c.name("amt") {
            None => Cell::Amount(0.0),
            Some(a) => parse_amount(a.as_str())
                .map(Cell::Amount)
                .unwrap_or(Cell::Unreadable),
        };
    }
    Cell::Unreadable
}

/// The `from` and `to` years a span regex captured ("2566 – 2570");
/// a group that is missing or too long for a u32 is None.
pub fn captured_years(c: &regex::Captures) -> (Option<u32>, Option<u32>) {
    let year = |g: &str| c.name(g).and_then(|m| m.as_str().parse::<u32>().ok());
    (year("from"), year("to"))
}

/// Expand "2566 - 2570" → `[2566..=2570]`; a single year → `[year]`.
pub fn year_range(from: u32, to: Option<u32>) -> Vec<u32> {
    match to {
        Some(t) if t >= from && t - from <= 10 => (from..=t).collect(),
        _ => vec![from],
    }
}

/// Remove spaces and quotes for fuzzy comparison of names.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("5,225,000.00"), Some(5225000.0));
        assert_eq!(parse_amount("30,000"), Some(30000.0));
        assert_eq!(parse_amount("70000.5"), Some(70000.5));
        assert_eq!(parse_amount("30,00"), None);
        // A lost first digit: never a zero amount.
        assert_eq!(parse_amount("0,000"), None);
        assert_eq!(parse_amount("0"), Some(0.0));
        assert_eq!(parse_amount("#####"), None);
    }

    #[test]
    fn period_years_captured() {
        let c = PERIOD
            .captures("ปีงบประมาณ พ.ศ. 2566 – 2570")
            .expect("matches");
        assert_eq!(captured_years(&c), (Some(2566), Some(2570)));
        let c = PERIOD.captures("ประจำปีงบประมาณ 2567").expect("matches");
        assert_eq!(captured_years(&c), (Some(2567), None));
    }

    #[test]
    fn budget_cells() {
        assert_eq!(parse_budget_cell("-"), Cell::Amount(0.0));
        assert_eq!(parse_budget_cell("จำนวน 80,000 บาท"), Cell::Amount(80000.0));
        assert_eq!(parse_budget_cell("จำนวน 20,000บาท"), Cell::Amount(20000.0));
        assert_eq!(parse_budget_cell("จำนวน - บาท"), Cell::Amount(0.0));
        assert_eq!(parse_budget_cell("#####"), Cell::Unreadable);
    }
}
