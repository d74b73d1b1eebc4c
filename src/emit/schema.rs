//! Every record is validated against `schemas/record.schema.json` before it
//! is written (issue 12). A violation is a bug in a recogniser (or a
//! correction that put an impossible value in): the offending value is
//! removed — set to null, or dropped from its list, or its smallest
//! enclosing removable part is — with a `schema_violation` warning naming
//! the pointer, the old value and the rule, so the record still validates
//! and nothing wrong is passed on silently. `summary.json` counts them.

use crate::model::{Record, SourceSpan, Warning, WarningCode};
use serde_json::Value;
use std::sync::LazyLock;

static VALIDATOR: LazyLock<Option<jsonschema::Validator>> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(crate::RECORD_SCHEMA).ok()?;
    jsonschema::draft202012::new(&schema).ok()
});

/// The same schema with each nullable reference (`anyOf: [X, {type: null}]`)
/// written as `if not null then X`: it accepts the same records, but
/// reports an error inside X at the bad value's own path rather than "not
/// valid under any of the schemas" at the whole object, so the repair
/// removes the value and not the table around it.
static LOCATOR: LazyLock<Option<jsonschema::Validator>> = LazyLock::new(|| {
    let mut schema: Value = serde_json::from_str(crate::RECORD_SCHEMA).ok()?;
    unfold_nullable(&mut schema);
    jsonschema::draft202012::new(&schema).ok()
});

fn unfold_nullable(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let null = serde_json::json!({"type": "null"});
            let other = match m.get("anyOf").and_then(Value::as_array) {
                Some(xs) if xs.len() == 2 && xs.contains(&null) => {
                    xs.iter().find(|x| **x != null).cloned()
                }
                _ => None,
            };
            if let Some(x) = other {
                m.remove("anyOf");
                m.insert("if".into(), serde_json::json!({"not": {"type": "null"}}));
                m.insert("then".into(), x);
            }
            for (_, x) in m.iter_mut() {
                unfold_nullable(x);
            }
        }
        Value::Array(xs) => xs.iter_mut().for_each(unfold_nullable),
        _ => {}
    }
}

/// Repairs per record at most: each one removes a value, so a record with
/// more violations than this is broken beyond what a warning can describe.
const MAX_REPAIRS: usize = 64;

/// Whether a record validates (stops at the first error: the common case
/// of a valid record costs one pass and no error list).
pub fn is_valid(record: &Record) -> bool {
    let Some(val) = VALIDATOR.as_ref() else {
        return true;
    };
    serde_json::to_value(record).is_ok_and(|v| val.is_valid(&v))
}

/// The schema errors of a record as (JSON pointer, message).
pub fn violations(record: &Record) -> Vec<(String, String)> {
    match serde_json::to_value(record) {
        Ok(v) => errors(&v),
        Err(e) => vec![(String::new(), format!("record does not serialise: {e}"))],
    }
}

/// The first schema error at or under `ptr` in a record's JSON.
pub fn error_at(v: &Value, ptr: &str) -> Option<String> {
    errors(v)
        .into_iter()
        .find(|(e, _)| e == ptr || e.starts_with(&format!("{ptr}/")))
        .map(|(_, m)| m)
}

fn errors(v: &Value) -> Vec<(String, String)> {
    let Some(val) = LOCATOR.as_ref().or(VALIDATOR.as_ref()) else {
        return Vec::new();
    };
    val.iter_errors(v)
        .map(|e| (e.instance_path.as_str().to_string(), e.to_string()))
        .collect()
}

/// Make `record` valid: remove each offending value and add a
/// `schema_violation` warning per removal. Returns how many were removed
/// (0 for a valid record, which is left untouched).
pub fn enforce(record: &mut Record) -> usize {
    let Some(val) = VALIDATOR.as_ref() else {
        return 0;
    };
    let Ok(mut v) = serde_json::to_value(&*record) else {
        return 0;
    };
    if val.is_valid(&v) {
        return 0;
    }
    let mut warnings = Vec::new();
    for _ in 0..MAX_REPAIRS {
        let Some((ptr, msg)) = errors(&v).into_iter().next() else {
            break;
        };
        // `anyOf` (a nullable object) reports the error at the object, not
        // at the bad value inside it: look for the value first.
        let target = narrow(&v, &ptr);
        let span = nearest_span(&v, &target);
        let Some((removed, old)) = remove(&mut v, &target, &ptr) else {
            break;
        };
        warnings.push(Warning::new(
            WarningCode::SchemaViolation,
            format!(
                "schema violation at {ptr} ({msg}): {} removed{}",
                if removed == ptr {
                    "the value".to_string()
                } else {
                    removed.clone()
                },
                old.map(|o| format!(" (was {})", short(&o)))
                    .unwrap_or_default()
            ),
            span,
        ));
    }
    let n = warnings.len();
    if let Ok(mut r) = serde_json::from_value::<Record>(v) {
        r.warnings.extend(warnings);
        *record = r;
    }
    n
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// The `source_span` of the nearest object on the way to `ptr`.
fn nearest_span(v: &Value, ptr: &str) -> Option<SourceSpan> {
    let mut p = ptr.to_string();
    loop {
        if let Some(s) = v.pointer(&p).and_then(|x| x.get("source_span")) {
            return serde_json::from_value(s.clone()).ok();
        }
        let (parent, _) = p.rsplit_once('/')?;
        p = parent.to_string();
    }
}

/// Remove the value at `ptr`, or the smallest part around it whose removal
/// leaves no error there and still reads as a record: null first, then out
/// of its list, then out of its object; failing that, the same one level
/// up. Returns the pointer removed and the value it had.
/// `origin`'s error is fixed by changing `target` in this way: no error is
/// left at or under `origin` or `target`, none at `target`'s parent (a
/// required key dropped), and the value still reads as a record.
fn try_fix(v: &Value, target: &str, origin: &str, how: How) -> Option<Value> {
    let (parent, key) = target.rsplit_once('/')?;
    let key = key.replace("~1", "/").replace("~0", "~");
    let mut t = v.clone();
    let done = match (how, t.pointer_mut(parent)) {
        (How::Null, Some(_)) => t.pointer_mut(target).map(|x| *x = Value::Null).is_some(),
        (How::Drop, Some(Value::Array(xs))) => match key.parse::<usize>() {
            Ok(i) if i < xs.len() => {
                xs.remove(i);
                true
            }
            _ => false,
        },
        (How::Drop, Some(Value::Object(m))) => m.remove(&key).is_some(),
        _ => false,
    };
    let under = |e: &str, p: &str| e == p || e.starts_with(&format!("{p}/"));
    let fixed = done
        && !errors(&t)
            .iter()
            .any(|(e, _)| under(e, origin) || under(e, target) || e == parent)
        && serde_json::from_value::<Record>(t.clone()).is_ok();
    fixed.then_some(t)
}

/// The deepest value under `ptr` whose removal alone fixes `ptr`'s error
/// (greedy: one level at a time), or `ptr` itself.
fn narrow(v: &Value, ptr: &str) -> String {
    let mut p = ptr.to_string();
    'down: loop {
        let children: Vec<String> = match v.pointer(&p) {
            Some(Value::Object(m)) => m
                .keys()
                .map(|k| format!("{p}/{}", k.replace('~', "~0").replace('/', "~1")))
                .collect(),
            Some(Value::Array(xs)) => (0..xs.len()).map(|i| format!("{p}/{i}")).collect(),
            _ => return p,
        };
        for c in children {
            if [How::Null, How::Drop]
                .into_iter()
                .any(|how| try_fix(v, &c, ptr, how).is_some())
            {
                p = c;
                continue 'down;
            }
        }
        return p;
    }
}

fn remove(v: &mut Value, target: &str, origin: &str) -> Option<(String, Option<Value>)> {
    let mut p = target.to_string();
    while !p.is_empty() {
        let old = v.pointer(&p).cloned();
        for how in [How::Null, How::Drop] {
            if let Some(t) = try_fix(v, &p, origin, how) {
                *v = t;
                return Some((p, old));
            }
        }
        p = p.rsplit_once('/')?.0.to_string();
    }
    None
}

#[derive(Clone, Copy)]
enum How {
    Null,
    Drop,
}
