//! The walker: one pass over the lines, keeping the outline state (part,
//! dimension, mission) and the open detail block or report item. It decides
//! which reading of a line wins, in the order of docs/grammar.md §2.5 rules:
//! block/item starts, then labels inside a block, then headings (only
//! between blocks), then content.

use super::fields::{self, build_project, RawBlock, RawField};
use super::labels::{self, FieldKind, Label, Rest};
use super::outline::{self, PartHeading};
use super::text::{char_len, has_inner_tab, has_tab, starts_with_thai_letter};
use crate::model::WarningCode;
use crate::model::{Project, Section, SectionKind, SourceSpan, Warning};
use crate::recognize::lines::{join_fragments, Lines};
use std::collections::HashSet;

struct OpenBlock {
    raw: RawBlock,
    section: usize,
    /// Index of the field receiving content.
    cur: Option<usize>,
    /// Index of the open ผลผลิต/ผลลัพธ์ container.
    container: Option<usize>,
    by_ordinal: bool,
    /// Non-blank lines read since the block start line.
    seen: usize,
    last_number: Option<u32>,
}

struct OpenItem {
    section: usize,
    start: usize,
    end: usize,
    in_action: bool,
}

pub struct Walker<'a> {
    lines: &'a Lines<'a>,
    items_enabled: bool,
    pub sections: Vec<Section>,
    pub projects: Vec<Project>,
    pub warnings: Vec<Warning>,
    part: Option<u32>,
    dimension: Option<u8>,
    mission: Option<String>,
    /// Mission codes read since the last block or item started.
    pending: Vec<String>,
    seen: HashSet<String>,
    block: Option<OpenBlock>,
    item: Option<OpenItem>,
    last_ordinal: Option<u32>,
    blocks_seen: usize,
    items_seen: usize,
    report_title_seen: bool,
    /// Text without blank lines between paragraphs (PDF lines): a heading
    /// cannot be asked to follow a blank line.
    few_blanks: bool,
}

fn blank(cl: &[String], no: usize) -> bool {
    cl.get(no.wrapping_sub(1))
        .is_none_or(|t| t.trim().is_empty())
}

fn text(cl: &[String], no: usize) -> &str {
    cl.get(no.wrapping_sub(1)).map_or("", |s| s.as_str())
}

/// The next non-blank line after `no`, within the document.
fn next_non_blank(cl: &[String], no: usize) -> Option<usize> {
    (no + 1..=cl.len()).find(|&k| !blank(cl, k))
}

/// A line that has a reading of its own (not a wrapped title).
fn is_structural(t: &str) -> bool {
    labels::ordinal(t).is_some()
        || labels::numbered(t).is_some()
        || labels::bare(t).is_some()
        || labels::unnumbered_name(t).is_some()
        || labels::sublabel(t).is_some()
        || labels::is_action_label(t)
        || labels::is_result_label(t)
        || labels::item(t).is_some()
        || outline::part(t).is_some()
        || outline::dimension(t).is_some()
        || outline::mission(t).is_some()
}

fn is_table_row(t: &str) -> bool {
    has_inner_tab(t) && t.split('\t').filter(|c| !c.trim().is_empty()).count() >= 3
}

/// Front matter (§2.2): from the start to the first real part heading after
/// คำนำ / สารบัญ. Returns the first line number that is body.
pub fn front_end(cl: &[String]) -> usize {
    let is_marker = |t: &str| {
        let s = t.trim();
        s == "คำนำ" || s == "สารบัญ" || s.starts_with("สารบัญ\t") || s.starts_with("คำนำ\t")
    };
    // The marker opens a document: it comes before any body structure and
    // in the first half (a คำนำ quoted in an appendix is not front matter).
    let body_like = |t: &str| {
        outline::part(t).is_some()
            || labels::ordinal(t).is_some_and(|(_, p)| p.is_empty())
            || labels::numbered(t).is_some_and(|l| l.kind == FieldKind::Name)
    };
    let limit = cl.len().div_ceil(2).max(1);
    let Some(m) = (1..=limit)
        .take_while(|&k| !body_like(text(cl, k)))
        .find(|&k| is_marker(text(cl, k)))
    else {
        return 1;
    };
    let mut toc = false;
    for k in m..=cl.len() {
        let t = text(cl, k);
        if t.trim().starts_with("สารบัญ") {
            toc = true;
        }
        if outline::part(t).is_some() {
            let next_count =
                next_non_blank(cl, k).is_some_and(|n| outline::is_count_line(text(cl, n)));
            // A part heading followed by a count line, or a ToC entry, is not the body start.
            let toc_entry = toc && outline::ends_with_page_number(t);
            if !next_count && !toc_entry {
                return k;
            }
        }
        if labels::ordinal(t).is_some_and(|(_, p)| p.is_empty()) {
            return k;
        }
    }
    m + 1
}

impl<'a> Walker<'a> {
    pub fn new(lines: &'a Lines<'a>, items_enabled: bool) -> Self {
        Walker {
            lines,
            items_enabled,
            sections: Vec::new(),
            projects: Vec::new(),
            warnings: Vec::new(),
            part: None,
            dimension: None,
            mission: None,
            pending: Vec::new(),
            seen: HashSet::new(),
            block: None,
            item: None,
            last_ordinal: None,
            blocks_seen: 0,
            items_seen: 0,
            report_title_seen: false,
            few_blanks: false,
        }
    }

    fn page(&self, no: usize) -> Option<u32> {
        self.lines.get(no).and_then(|l| l.page)
    }
    fn span(&self, a: usize, b: usize) -> SourceSpan {
        SourceSpan::lines(a, b, self.page(a))
    }
    fn warn(&mut self, code: WarningCode, msg: String, span: SourceSpan) {
        self.warnings.push(Warning::new(code, msg, Some(span)));
    }
    fn push_section(
        &mut self,
        kind: SectionKind,
        code: Option<String>,
        title: Option<String>,
        span: SourceSpan,
    ) -> usize {
        self.sections.push(Section {
            kind,
            code,
            title,
            source_span: span,
        });
        self.sections.len() - 1
    }

    pub fn run(&mut self, cl: &[String]) {
        let blanks = cl.iter().filter(|t| t.trim().is_empty()).count();
        self.few_blanks = blanks * 10 < cl.len();
        let mut i = front_end(cl);
        while i <= cl.len() {
            if blank(cl, i) {
                i += 1;
                continue;
            }
            i = self.step(cl, i).max(i + 1);
        }
        self.close_all();
    }

    fn step(&mut self, cl: &[String], i: usize) -> usize {
        let t = text(cl, i);
        if let Some((n, prefix)) = labels::ordinal(t) {
            // Mid-line ordinals: the next in sequence, or the first one
            // glued to a heading line.
            let heading_prefix = outline::mission(&prefix).is_some()
                || outline::dimension(&prefix).is_some()
                || outline::part(&prefix).is_some();
            let continues = match self.last_ordinal {
                Some(l) => n == l + 1,
                None => heading_prefix,
            };
            if prefix.is_empty() || labels::is_detail_prefix(&prefix) || continues {
                if !prefix.is_empty() && !labels::is_detail_prefix(&prefix) {
                    // PDF paragraphs glue "ลำดับที่ N" to the line before:
                    // a heading (between blocks) or the last field's text.
                    let heading_ok = self.block.is_none() || self.headings_allowed();
                    if !(heading_ok && self.try_heading_text(cl, i, &prefix, false).is_some()) {
                        self.content(i, &prefix);
                    }
                }
                self.close_all();
                self.start_block(i, Some(n), true);
                return i + 1;
            }
        }
        if self.block.is_some() {
            return self.in_block(cl, i);
        }
        if self.item.is_some() {
            return self.in_item(cl, i);
        }
        self.between(cl, i)
    }

    // ------------------------------------------------------------------
    // Blocks
    // ------------------------------------------------------------------

    fn headings_allowed(&self) -> bool {
        let Some(b) = &self.block else { return true };
        let cur = b.cur.and_then(|c| b.raw.fields.get(c)).map(|f| f.kind);
        match cur {
            None => false,
            Some(k) if k.is_result() => true,
            // Templates without a results field: the block is done once its
            // closing facts are in and a text (not list) field is open.
            Some(k) => {
                !k.is_list()
                    && b.raw.fields.len() >= 4
                    && (b.raw.has(FieldKind::Budget)
                        || b.raw.has(FieldKind::Responsible)
                        || b.raw.has(FieldKind::Period))
            }
        }
    }

    fn in_block(&mut self, cl: &[String], i: usize) -> usize {
        let t = text(cl, i);
        let (seen, by_ordinal, expected, in_results) = match &mut self.block {
            Some(b) => {
                b.seen += 1;
                let in_results = b.container.is_some();
                (
                    b.seen,
                    b.by_ordinal,
                    b.last_number.map(|n| n + 1),
                    in_results,
                )
            }
            None => return i + 1,
        };
        if let Some(l) = labels::numbered(t) {
            let ok = match &l.rest {
                Rest::Loose(_) => expected.is_some() && l.number == expected,
                _ => true,
            };
            if ok {
                return self.apply_label(i, l);
            }
        }
        if let Some(l) = labels::bare(t).or_else(|| labels::cell_label(t)) {
            // An unnumbered label repeating a field the block has is a
            // wrapped word ("…ไม่บรรลุ" / "วัตถุประสงค์" in PDF lines).
            let repeat = self.block.as_ref().is_some_and(|b| b.raw.has(l.kind));
            if !repeat {
                return self.apply_label(i, l);
            }
        }
        if by_ordinal && seen <= 2 {
            if let Some(l) = labels::unnumbered_name(t) {
                let has_name = self
                    .block
                    .as_ref()
                    .is_some_and(|b| b.raw.has(FieldKind::Name));
                if !(l.kind == FieldKind::Name && has_name) {
                    return self.apply_label(i, l);
                }
            }
        }
        if let Some((kind, v)) = labels::sublabel(t) {
            if v.is_none() || in_results {
                self.open_sub(i, kind, v);
                return i + 1;
            }
        }
        // The current part or dimension heading again inside a block: a
        // running page header, not the end of the block.
        let repeat = outline::part(t).is_some_and(|p| self.part == Some(p.n))
            || outline::dimension(t).is_some_and(|(d, _)| self.dimension == Some(d));
        if repeat {
            let span = self.span(i, i);
            self.warn(
                WarningCode::DuplicateHeading,
                "current part/dimension heading repeated inside a block; skipped".to_string(),
                span,
            );
            return i + 1;
        }
        if outline::part(t).is_some() {
            if let Some(next) = self.try_heading(cl, i) {
                return next;
            }
        }
        // Issue 12 class 2: "9.1 …" under field 9 (ผลผลิต/ผลลัพธ์ items
        // numbered after their field) is an item of that field, not a
        // mission heading.
        let field_no = self.block.as_ref().and_then(|b| b.last_number);
        if let Some((code, _)) = outline::mission(t) {
            if field_no.is_some() && outline::first_component(&code) == field_no {
                self.content(i, t);
                return i + 1;
            }
        }
        if self.headings_allowed() {
            if let Some(next) = self.try_heading(cl, i) {
                return next;
            }
            if let Some(l) = labels::unnumbered_name(t).filter(|l| l.kind == FieldKind::Name) {
                self.close_all();
                self.start_block(i, None, false);
                return self.apply_label(i, l);
            }
            if let Some((prefix, d, title)) = outline::glued_dimension(t) {
                let next_mission = next_non_blank(cl, i)
                    .and_then(|n| outline::mission(text(cl, n)))
                    .and_then(|(c, _)| outline::first_component(&c));
                if next_mission == Some(u32::from(d)) {
                    // "…ร้อยละ 80 มติที่ 4 …": a PDF paragraph ran into
                    // the next dimension heading.
                    self.content(i, &prefix);
                    self.close_all();
                    self.dimension_heading(d, title, self.span(i, i));
                    return i + 1;
                }
            }
            if is_table_row(t) {
                // The table of another part ends the block (§4.5).
                self.close_all();
                return i + 1;
            }
        }
        if let Some(next) = self.garbled_first_field(cl, i) {
            return next;
        }
        if labels::is_detail_prefix(t) {
            // "รายละเอียดโครงการ/กิจกรรม/มาตรการ" before the next ordinal.
            return i + 1;
        }
        if let Some(kind) = fields::unlabelled_kind(t) {
            if self.unlabelled(i, t, kind) {
                return i + 1;
            }
        }
        self.content(i, t);
        i + 1
    }

    /// "1. …" whose label did not read ([`labels::first_field`]) starts a
    /// block when field 2's label follows within a few lines (the name may
    /// wrap) and the open block, if any, has that field already: field 2
    /// then belongs to a new block. Warned, since the label is inferred.
    fn garbled_first_field(&mut self, cl: &[String], i: usize) -> Option<usize> {
        // Outside a block, only where blocks are expected: Part 1's own
        // numbered headings ("1. …", "2. หลักการและเหตุผล") are not blocks.
        let expected = self.part == Some(3) || self.blocks_seen > 0 || self.mission.is_some();
        if self.part == Some(1) || (self.block.is_none() && !expected) {
            return None;
        }
        let l = labels::first_field(text(cl, i))?;
        let mut k = i;
        let two = loop {
            // 6 lines: the longest name in the shared corpus wraps to 4.
            if k >= i + 6 {
                return None;
            }
            let n = next_non_blank(cl, k)?;
            let u = text(cl, n);
            if let Some(two) = labels::numbered(u) {
                break two;
            }
            if labels::first_field(u).is_some()
                || labels::ordinal(u).is_some()
                || labels::bare(u).is_some()
                || outline::mission(u).is_some()
            {
                return None;
            }
            k = n;
        };
        if two.number != Some(2) || two.kind == FieldKind::Name {
            return None;
        }
        if self
            .block
            .as_ref()
            .is_some_and(|b| !b.raw.has(two.kind) || b.raw.fields.len() < 2)
        {
            return None;
        }
        let span = self.span(i, i);
        let printed = if l.printed.is_empty() {
            "no label".to_string()
        } else {
            format!("label \"{}\"", l.printed)
        };
        self.warn(
            WarningCode::UnlabelledField,
            format!(
                "field 1's label did not read (\"{}\"); taken as the name ({printed}), since field 2's label follows",
                text(cl, i).trim()
            ),
            span,
        );
        self.close_all();
        self.start_block(i, None, false);
        Some(self.apply_label(i, l))
    }

    /// Open a field whose label is missing, for a whole-line period or
    /// budget value, when the block has no such field yet.
    fn unlabelled(&mut self, i: usize, t: &str, kind: FieldKind) -> bool {
        let Some(b) = &mut self.block else {
            return false;
        };
        let cur_kind = b.cur.and_then(|c| b.raw.fields.get(c)).map(|f| f.kind);
        if b.raw.has(kind) || cur_kind.is_none() || cur_kind == Some(FieldKind::Name) {
            return false;
        }
        let mut f = RawField::new(kind, None, i, None);
        f.push(i, t);
        b.raw.fields.push(f);
        b.cur = Some(b.raw.fields.len() - 1);
        b.container = None;
        b.raw.end = b.raw.end.max(i);
        let span = self.span(i, i);
        self.warn(
            WarningCode::UnlabelledField,
            format!("line read as the block's {kind:?} field, whose label is missing"),
            span,
        );
        true
    }

    fn apply_label(&mut self, i: usize, l: Label) -> usize {
        let has_name = self
            .block
            .as_ref()
            .is_some_and(|b| b.raw.has(FieldKind::Name));
        if l.kind == FieldKind::Name && has_name {
            // A second name label starts the next block (003: no ordinals).
            self.close_all();
            self.start_block(i, None, false);
        }
        let Some(b) = &mut self.block else {
            return i + 1;
        };
        let printed = Some(l.printed.clone()).filter(|p| !p.is_empty());
        let mut f = RawField::new(l.kind, printed, i, None);
        match &l.rest {
            Rest::Value(v) | Rest::Loose(v) => f.push(i, v),
            _ => {}
        }
        b.raw.fields.push(f);
        let idx = b.raw.fields.len() - 1;
        b.cur = Some(idx);
        b.container = if l.kind == FieldKind::Results {
            Some(idx)
        } else {
            None
        };
        if l.number.is_some() {
            b.last_number = l.number;
        }
        b.raw.end = b.raw.end.max(i);
        if let Rest::Sub(kind, v) = l.rest {
            self.open_sub(i, kind, v);
        }
        i + 1
    }

    fn open_sub(&mut self, i: usize, kind: FieldKind, v: Option<String>) {
        let Some(b) = &mut self.block else { return };
        // A sub-label outside a container is a label of its own.
        let (label, parent) = match b.container {
            Some(c) => (None, Some(c)),
            None => (
                Some(
                    if kind == FieldKind::Outputs {
                        "ผลผลิต"
                    } else {
                        "ผลลัพธ์"
                    }
                    .to_string(),
                ),
                None,
            ),
        };
        let mut f = RawField::new(kind, label, i, parent);
        if let Some(v) = v {
            f.push(i, &v);
        }
        b.raw.fields.push(f);
        b.cur = Some(b.raw.fields.len() - 1);
        b.raw.end = b.raw.end.max(i);
    }

    fn content(&mut self, i: usize, t: &str) {
        if let Some(b) = &mut self.block {
            if let Some(f) = b.cur.and_then(|c| b.raw.fields.get_mut(c)) {
                f.push(i, t);
                b.raw.end = b.raw.end.max(f.last_line);
            }
        }
    }

    fn take_stacked(&mut self, at: usize) {
        let pend = std::mem::take(&mut self.pending);
        let Some(last) = pend.last().cloned() else {
            return;
        };
        let siblings: Vec<String> = pend
            .into_iter()
            .filter(|c| {
                !(last.starts_with(c.as_str())
                    && last.get(c.len()..).is_some_and(|r| r.starts_with('.')))
            })
            .collect();
        if siblings.len() > 1 {
            let span = self.span(at, at);
            self.warn(
                WarningCode::StackedMissions,
                format!(
                    "mission headings {} follow one another with no block between; using {last}",
                    siblings.join(", ")
                ),
                span,
            );
        }
    }

    fn start_block(&mut self, i: usize, number: Option<u32>, by_ordinal: bool) {
        self.take_stacked(i);
        let dimension = self.dimension.or_else(|| {
            self.mission
                .as_deref()
                .and_then(outline::first_component)
                .and_then(|d| u8::try_from(d).ok())
        });
        let raw = RawBlock {
            number,
            start: i,
            end: i,
            page: self.page(i),
            dimension,
            mission: self.mission.clone(),
            fields: Vec::new(),
        };
        let section = self.push_section(
            SectionKind::Project,
            number.map(|n| n.to_string()),
            None,
            self.span(i, i),
        );
        if let (Some(n), Some(l)) = (number, self.last_ordinal) {
            if n != l + 1 {
                let span = self.span(i, i);
                self.warn(
                    WarningCode::OrdinalGap,
                    format!("block ลำดับที่ {n} follows ลำดับที่ {l}"),
                    span,
                );
            }
        }
        if number.is_some() {
            self.last_ordinal = number;
        }
        self.blocks_seen += 1;
        self.block = Some(OpenBlock {
            raw,
            section,
            cur: None,
            container: None,
            by_ordinal,
            seen: 0,
            last_number: None,
        });
    }

    fn close_block(&mut self) {
        let Some(b) = self.block.take() else { return };
        if b.raw.fields.is_empty() {
            // An ordinal with nothing under it: no block to report.
            let span = b.raw.span();
            if b.section < self.sections.len() {
                self.sections.remove(b.section);
            }
            self.warn(
                WarningCode::EmptyBlock,
                "block start with no labelled fields".to_string(),
                span,
            );
            return;
        }
        let p = build_project(&b.raw, &mut self.warnings);
        if let Some(s) = self.sections.get_mut(b.section) {
            s.title = Some(p.name.clone()).filter(|n| !n.is_empty());
            s.source_span = p.source_span;
        }
        self.projects.push(p);
    }

    fn close_item(&mut self) {
        let Some(it) = self.item.take() else { return };
        let span = self.span(it.start, it.end);
        if let Some(s) = self.sections.get_mut(it.section) {
            s.source_span = span;
        }
    }

    fn close_all(&mut self) {
        self.close_block();
        self.close_item();
    }

    // ------------------------------------------------------------------
    // Report items (§5.4): sections only; their content belongs to the
    // report recogniser.
    // ------------------------------------------------------------------

    fn try_item(&mut self, cl: &[String], i: usize) -> Option<usize> {
        if !self.items_enabled {
            return None;
        }
        let (num, mut title) = labels::item(text(cl, i))?;
        let mut conts = Vec::new();
        let mut k = i;
        let glued = labels::glued_action(&title)
            .filter(|_| self.items_seen > 0 || self.dimension.is_some());
        let action = match glued {
            // "N.title การดำเนินการ" on one line (PDF paragraphs).
            Some(t) => {
                title = t;
                i
            }
            None => loop {
                k = next_non_blank(cl, k)?;
                let t = text(cl, k);
                if labels::is_action_label(t) {
                    break k;
                }
                if conts.len() >= 2 || has_tab(t) || is_structural(t) {
                    return None;
                }
                if let Some(g) = labels::glued_action(t)
                    .filter(|_| self.items_seen > 0 || self.dimension.is_some())
                {
                    conts.push(g);
                    break k;
                }
                conts.push(t.trim().to_string());
            },
        };
        self.close_all();
        self.take_stacked(i);
        let mut parts = vec![title];
        parts.extend(conts);
        let code = if num.contains('.') {
            None
        } else {
            num.parse::<u32>().ok().map(|n| n.to_string())
        };
        let section = self.push_section(
            SectionKind::Project,
            code,
            Some(join_fragments(&parts)),
            self.span(i, action),
        );
        self.items_seen += 1;
        self.item = Some(OpenItem {
            section,
            start: i,
            end: action,
            in_action: true,
        });
        Some(action + 1)
    }

    fn in_item(&mut self, cl: &[String], i: usize) -> usize {
        let t = text(cl, i);
        if let Some(next) = self.try_item(cl, i) {
            return next;
        }
        let in_action = self.item.as_ref().is_some_and(|it| it.in_action);
        if labels::is_result_label(t) {
            if let Some(it) = &mut self.item {
                it.in_action = false;
                it.end = i;
            }
            return i + 1;
        }
        let heads_items =
            in_action && outline::mission(t).is_some() && self.heading_chain_to_item(cl, i);
        if !in_action
            || heads_items
            || outline::part(t).is_some()
            || outline::dimension(t).is_some()
        {
            if let Some(next) = self.try_heading(cl, i) {
                return next;
            }
        }
        if let Some(it) = &mut self.item {
            it.end = i;
        }
        i + 1
    }

    // ------------------------------------------------------------------
    // Between blocks
    // ------------------------------------------------------------------

    fn between(&mut self, cl: &[String], i: usize) -> usize {
        let t = text(cl, i);
        if let Some(l) = labels::numbered(t).filter(|l| l.kind == FieldKind::Name) {
            self.start_block(i, None, false);
            return self.apply_label(i, l);
        }
        if let Some(next) = self.garbled_first_field(cl, i) {
            return next;
        }
        // An unnumbered name starts a block in Part 3, after a block, or
        // when a label follows it.
        let label_next = || {
            next_non_blank(cl, i).is_some_and(|n| {
                let u = text(cl, n);
                labels::numbered(u).is_some()
                    || labels::bare(u).is_some()
                    || labels::cell_label(u).is_some()
            })
        };
        if self.blocks_seen > 0 || self.part == Some(3) || label_next() {
            if let Some(l) = labels::unnumbered_name(t).filter(|l| l.kind == FieldKind::Name) {
                self.start_block(i, None, false);
                return self.apply_label(i, l);
            }
        }
        if let Some(next) = self.try_item(cl, i) {
            return next;
        }
        if let Some(next) = self.try_heading(cl, i) {
            return next;
        }
        if self.part == Some(1) {
            if let Some((code, title)) = outline::part1_heading(t) {
                let key = format!("h/{code}/{title}");
                if !self.seen.insert(key) {
                    let span = self.span(i, i);
                    self.warn(
                        WarningCode::DuplicateHeading,
                        format!("heading \"{code}. {title}\" appears again"),
                        span,
                    );
                }
                self.push_section(
                    SectionKind::Heading,
                    Some(code),
                    Some(title),
                    self.span(i, i),
                );
                return i + 1;
            }
        }
        if self.blocks_seen == 0 && self.items_seen == 0 {
            return self.front_heading(cl, i);
        }
        i + 1
    }

    /// Memo headings, the report title and table titles (§2.6), read only
    /// before the first block or item.
    fn front_heading(&mut self, cl: &[String], i: usize) -> usize {
        let t = text(cl, i);
        let after_blank = i == 1 || blank(cl, i - 1) || self.few_blanks;
        if !after_blank {
            return i + 1;
        }
        if let Some(h) = outline::memo_heading(t) {
            self.push_section(SectionKind::Heading, None, Some(h), self.span(i, i));
            return i + 1;
        }
        if !self.report_title_seen {
            if let Some(h) = outline::report_title(t) {
                let mut parts = vec![h];
                let mut end = i;
                if !blank(cl, i + 1)
                    && text(cl, i + 1).trim().starts_with("ประจำปี")
                    && !has_tab(text(cl, i + 1))
                {
                    parts.push(text(cl, i + 1).trim().to_string());
                    end = i + 1;
                }
                self.report_title_seen = true;
                self.push_section(
                    SectionKind::Heading,
                    None,
                    Some(join_fragments(&parts)),
                    self.span(i, end),
                );
                return end + 1;
            }
        }
        if let Some(h) = outline::table_title(t) {
            // Between a blank line (or the previous table) and a table: a
            // wrapped prose line in front of a table is not a title.
            let set_off = i == 1 || blank(cl, i - 1) || has_inner_tab(text(cl, i - 1));
            if set_off
                && next_non_blank(cl, i).is_some_and(|n| is_table_row(text(cl, n)))
                && !is_structural(t)
            {
                self.push_section(SectionKind::Heading, None, Some(h), self.span(i, i));
            }
        }
        i + 1
    }

    /// A title printed on the line after a number-only part/dimension heading.
    fn title_below(&self, cl: &[String], i: usize) -> Option<usize> {
        let n = next_non_blank(cl, i)?;
        let t = text(cl, n);
        if has_tab(t) || !starts_with_thai_letter(t) || is_structural(t) || char_len(t.trim()) > 120
        {
            return None;
        }
        Some(n)
    }

    fn next_is_count(&self, cl: &[String], i: usize) -> bool {
        next_non_blank(cl, i).is_some_and(|n| outline::is_count_line(text(cl, n)))
    }

    /// Part, dimension and mission headings with their context rules.
    fn try_heading(&mut self, cl: &[String], i: usize) -> Option<usize> {
        let t = text(cl, i).to_string();
        self.try_heading_text(cl, i, &t, true)
    }

    /// `look`: whether the lines below belong to this text (false for a
    /// heading glued in front of an ordinal on one line).
    fn try_heading_text(&mut self, cl: &[String], i: usize, t: &str, look: bool) -> Option<usize> {
        if let Some(p) = outline::part(t) {
            if look && self.next_is_count(cl, i) {
                return None;
            }
            self.close_all();
            return Some(self.part_heading(cl, i, p, look));
        }
        if let Some((d, title)) = outline::dimension(t) {
            if look && self.next_is_count(cl, i) {
                return None;
            }
            self.close_all();
            let below = if look { self.title_below(cl, i) } else { None };
            let (title, end) = match title {
                Some(t) => (Some(t), i),
                None => match below {
                    Some(n) => (Some(text(cl, n).trim().to_string()), n),
                    None => (None, i),
                },
            };
            self.dimension_heading(d, title, self.span(i, end));
            return Some(end + 1);
        }
        if let Some((code, title)) = outline::mission(t) {
            let first = outline::first_component(&code);
            // Both frameworks have four dimensions (§1.4): "9.1" cannot head
            // a mission, whatever the context (issue 12 class 2).
            if !first.is_some_and(|d| (1..=4).contains(&d)) {
                return None;
            }
            if let Some(d) = self.dimension {
                if first != Some(u32::from(d)) {
                    if self.block.is_none() && self.item.is_none() && !t.starts_with([' ', '-']) {
                        let span = self.span(i, i);
                        self.warn(
                            WarningCode::MissionDimensionMismatch,
                            format!("\"{code}\" looks like a mission heading but the current dimension is {d}; read as text"),
                            span,
                        );
                    }
                    return None;
                }
            } else {
                if matches!(self.part, Some(1) | Some(2)) {
                    return None;
                }
                let context = self.part == Some(3)
                    || self.blocks_seen > 0
                    || self.items_seen > 0
                    || self.block_follows(cl, i);
                if !context {
                    return None;
                }
            }
            self.close_all();
            let (conts, end) = if look {
                self.continuation(cl, i)
            } else {
                (Vec::new(), i)
            };
            let mut parts = vec![title];
            parts.extend(conts);
            let title = join_fragments(&parts);
            let key = format!("m/{:?}/{code}", self.part);
            if !self.seen.insert(key) {
                let span = self.span(i, end);
                self.warn(
                    WarningCode::DuplicateHeading,
                    format!("mission heading {code} appears again"),
                    span,
                );
            }
            self.push_section(
                SectionKind::Mission,
                Some(code.clone()),
                Some(title),
                self.span(i, end),
            );
            self.mission = Some(code.clone());
            self.pending.push(code);
            return Some(end + 1);
        }
        None
    }

    fn part_heading(&mut self, cl: &[String], i: usize, p: PartHeading, look: bool) -> usize {
        let mut end = i;
        let mut title = p.title.clone();
        if look && title.is_none() && p.merged_dim.is_none() {
            if let Some(n) = self.title_below(cl, i) {
                title = Some(text(cl, n).trim().to_string());
                end = n;
            }
        }
        let span = self.span(i, end);
        let key = format!("p/{}", p.n);
        if self.seen.insert(key) {
            self.push_section(SectionKind::Part, Some(p.n.to_string()), title, span);
            if self.part != Some(p.n) {
                self.dimension = None;
                self.mission = None;
                self.pending.clear();
            }
        } else {
            self.warn(
                WarningCode::DuplicateHeading,
                format!("part {} heading appears again; first kept", p.n),
                span,
            );
        }
        self.part = Some(p.n);
        if let Some((d, dt)) = p.merged_dim {
            self.dimension_heading(d, dt, span);
        }
        end + 1
    }

    fn dimension_heading(&mut self, d: u8, title: Option<String>, span: SourceSpan) {
        let key = format!("d/{:?}/{d}", self.part);
        if self.seen.insert(key) {
            self.push_section(SectionKind::Dimension, Some(d.to_string()), title, span);
        } else {
            self.warn(
                WarningCode::DuplicateHeading,
                format!("dimension {d} heading appears again; first kept"),
                span,
            );
            if self.dimension == Some(d) {
                return;
            }
        }
        self.dimension = Some(d);
        self.mission = None;
        self.pending.clear();
    }

    /// Lines continuing a wrapped mission title (§2.5): Thai text that has
    /// no reading of its own, at most one blank line away.
    fn continuation(&self, cl: &[String], i: usize) -> (Vec<String>, usize) {
        let mut out = Vec::new();
        let mut last = i;
        let mut k = i + 1;
        let mut blanks = 0;
        while k <= cl.len() && out.len() < 3 {
            let t = text(cl, k);
            if t.trim().is_empty() {
                blanks += 1;
                if blanks > 1 {
                    break;
                }
                k += 1;
                continue;
            }
            if has_tab(t)
                || !starts_with_thai_letter(t)
                || is_structural(t)
                || char_len(t.trim()) > 200
            {
                break;
            }
            out.push(t.trim().to_string());
            last = k;
            blanks = 0;
            k += 1;
        }
        (out, last)
    }

    /// Inside an action list a code line is a heading only if headings and
    /// their wrapped titles lead straight to the next item (the result
    /// label was lost, e.g. glued to a PDF line); sub-steps "- 2.1 …" run
    /// into more steps or the result label instead.
    fn heading_chain_to_item(&self, cl: &[String], i: usize) -> bool {
        let mut k = i;
        for _ in 0..8 {
            let Some(n) = next_non_blank(cl, k) else {
                return false;
            };
            let t = text(cl, n);
            if let Some((_, title)) = labels::item(t) {
                let action_next =
                    next_non_blank(cl, n).is_some_and(|m| labels::is_action_label(text(cl, m)));
                return action_next || labels::glued_action(&title).is_some();
            }
            if outline::mission(t).is_some()
                || (starts_with_thai_letter(t) && !is_structural(t) && !has_tab(t))
            {
                k = n;
                continue;
            }
            return false;
        }
        false
    }

    /// Without part or dimension context, a code line is a mission heading
    /// only if a block or item starts soon after it.
    fn block_follows(&self, cl: &[String], i: usize) -> bool {
        let mut k = i;
        for _ in 0..8 {
            let Some(n) = next_non_blank(cl, k) else {
                return false;
            };
            let t = text(cl, n);
            if labels::ordinal(t).is_some_and(|(_, p)| p.is_empty())
                || labels::numbered(t).is_some_and(|l| l.kind == FieldKind::Name)
                || (self.items_enabled
                    && labels::item(t).is_some()
                    && next_non_blank(cl, n).is_some_and(|m| labels::is_action_label(text(cl, m))))
            {
                return true;
            }
            k = n;
        }
        false
    }
}
