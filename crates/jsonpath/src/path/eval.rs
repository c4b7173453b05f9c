//! Evaluation of compiled path segments against a JSON document.
//!
//! Definite paths walk down borrowing, so selecting `$.a.b` copies nothing.
//! Indefinite paths collect every match; like AWS, they treat anything missing along the way
//! as "no match here" rather than as an error, so `$.missing[*]` selects `[]`.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::segment::Segment;
use crate::java::{class_name, to_java_string};

/// Why a definite path selected nothing, with what Jayway's message needs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Miss {
    /// Nothing at the end of the path.
    NoResults,
    /// The property of segment `at` is missing and more segments follow.
    MissingProperty { at: usize },
    /// Segment `at` is a property but the value there is `found`, not an object.
    NotAnObject { at: usize, found: &'static str },
    /// Segment `at` is an index but the value there is `null`.
    NullArray { at: usize },
    /// Segment `at` is an index but the value there, printed as Java prints it, is not an array.
    NotAnArray { at: usize, context: String },
    /// Segment `at` names several properties but is not the last segment.
    PropertiesNotLast { at: usize },
    /// The path reads a variable that is not bound.
    UndefinedVariable,
}

/// Selects the single value a definite path points at.
pub(crate) fn select_definite<'a>(
    segments: &[Segment],
    document: &'a Value,
) -> Result<Cow<'a, Value>, Miss> {
    let mut current = document;
    let last = segments.len().saturating_sub(1);
    for (at, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Property(name) => match current {
                Value::Object(map) => match map.get(name) {
                    Some(value) => current = value,
                    None if at == last => return Err(Miss::NoResults),
                    None => return Err(Miss::MissingProperty { at }),
                },
                other => {
                    return Err(Miss::NotAnObject {
                        at,
                        found: class_name(other),
                    });
                }
            },
            Segment::Properties(names) => {
                if at != last {
                    return Err(Miss::PropertiesNotLast { at });
                }
                return match current {
                    Value::Object(map) => Ok(Cow::Owned(merge(map, names))),
                    other => Err(Miss::NotAnObject {
                        at,
                        found: class_name(other),
                    }),
                };
            }
            Segment::Index(index) => match current {
                Value::Array(items) => {
                    match resolve_index(*index, items.len()).and_then(|idx| items.get(idx)) {
                        Some(value) => current = value,
                        // Jayway skips an index out of range silently and then finds no results.
                        None => return Err(Miss::NoResults),
                    }
                }
                Value::Null => return Err(Miss::NullArray { at }),
                other => {
                    return Err(Miss::NotAnArray {
                        at,
                        context: to_java_string(other),
                    });
                }
            },
            // AWS accepts functions such as `length()` in a path but never resolves them.
            Segment::Function(_) => return Err(Miss::NoResults),
            // `Path` sends paths with these segments to `select_all`, so they never get here.
            Segment::Indexes(_)
            | Segment::Slice { .. }
            | Segment::Wildcard
            | Segment::Scan
            | Segment::Filter(_) => {
                return Err(Miss::NoResults);
            }
        }
    }
    Ok(Cow::Borrowed(current))
}

/// Collects every value an indefinite path matches, in document order.
pub(crate) fn select_all<'a>(
    segments: &[Segment],
    document: &'a Value,
) -> Result<Vec<Cow<'a, Value>>, Miss> {
    let mut out = Vec::new();
    let walker = Walker {
        root: document,
        total: segments.len(),
    };
    walker.walk(segments, document, &mut out)?;
    Ok(out)
}

struct Walker<'a> {
    root: &'a Value,
    total: usize,
}

impl<'a> Walker<'a> {
    fn walk(
        &self,
        segments: &[Segment],
        node: &'a Value,
        out: &mut Vec<Cow<'a, Value>>,
    ) -> Result<(), Miss> {
        let Some((segment, rest)) = segments.split_first() else {
            out.push(Cow::Borrowed(node));
            return Ok(());
        };
        match segment {
            Segment::Property(name) => {
                if let Some(value) = node.as_object().and_then(|map| map.get(name)) {
                    self.walk(rest, value, out)?;
                }
            }
            Segment::Properties(names) => {
                if !rest.is_empty() {
                    return Err(Miss::PropertiesNotLast {
                        at: self.total - segments.len(),
                    });
                }
                if let Value::Object(map) = node {
                    out.push(Cow::Owned(merge(map, names)));
                }
            }
            Segment::Index(index) => {
                if let Value::Array(items) = node
                    && let Some(value) =
                        resolve_index(*index, items.len()).and_then(|idx| items.get(idx))
                {
                    self.walk(rest, value, out)?;
                }
            }
            Segment::Indexes(indexes) => {
                if let Value::Array(items) = node {
                    for index in indexes {
                        if let Some(value) =
                            resolve_index(*index, items.len()).and_then(|idx| items.get(idx))
                        {
                            self.walk(rest, value, out)?;
                        }
                    }
                }
            }
            Segment::Slice { from, to } => {
                if let Value::Array(items) = node {
                    for idx in slice_indexes(*from, *to, items.len()) {
                        if let Some(value) = items.get(idx) {
                            self.walk(rest, value, out)?;
                        }
                    }
                }
            }
            Segment::Wildcard => match node {
                Value::Object(map) => {
                    for value in map.values() {
                        self.walk(rest, value, out)?;
                    }
                }
                Value::Array(items) => {
                    for value in items {
                        self.walk(rest, value, out)?;
                    }
                }
                _ => {}
            },
            Segment::Scan => self.scan(rest, node, out)?,
            Segment::Filter(filter) => match node {
                Value::Object(_) if filter.accepts(node, self.root) => {
                    self.walk(rest, node, out)?
                }
                Value::Array(items) => {
                    for item in items {
                        if filter.accepts(item, self.root) {
                            self.walk(rest, item, out)?;
                        }
                    }
                }
                _ => {}
            },
            Segment::Function(_) => {}
        }
        Ok(())
    }

    /// Applies `target` (the segments after `..`) at `node` and at every node below it, parents first.
    fn scan(
        &self,
        target: &[Segment],
        node: &'a Value,
        out: &mut Vec<Cow<'a, Value>>,
    ) -> Result<(), Miss> {
        let Some(first) = target.first() else {
            return Ok(());
        };
        let applies = match first {
            Segment::Property(name) => node.as_object().is_some_and(|map| map.contains_key(name)),
            Segment::Properties(names) => node
                .as_object()
                .is_some_and(|map| names.iter().all(|name| map.contains_key(name))),
            Segment::Wildcard => node.is_object() || node.is_array(),
            Segment::Index(_) | Segment::Indexes(_) | Segment::Slice { .. } => node.is_array(),
            Segment::Filter(_) => node.is_object(),
            Segment::Scan | Segment::Function(_) => false,
        };
        if applies {
            self.walk(target, node, out)?;
        }
        match node {
            Value::Object(map) => {
                for value in map.values() {
                    self.scan(target, value, out)?;
                }
            }
            Value::Array(items) => {
                for value in items {
                    self.scan(target, value, out)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The object Jayway builds for `['a','b']`: the named properties that exist, in the order named.
fn merge(map: &Map<String, Value>, names: &[String]) -> Value {
    let mut merged = Map::with_capacity(names.len());
    for name in names {
        if let Some(value) = map.get(name) {
            merged.insert(name.clone(), value.clone());
        }
    }
    Value::Object(merged)
}

/// The position an index points at, counting negative indexes from the end.
fn resolve_index(index: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let effective = if index < 0 { len + index } else { index };
    usize::try_from(effective).ok()
}

/// The positions a slice selects, with Jayway's arithmetic for each form.
fn slice_indexes(from: Option<i64>, to: Option<i64>, len: usize) -> Vec<usize> {
    let Ok(len) = i64::try_from(len) else {
        return Vec::new();
    };
    let range: Vec<i64> = match (from, to) {
        (Some(from), None) => {
            let from = if from < 0 { len + from } else { from }.max(0);
            (from..len).collect()
        }
        (None, Some(to)) => {
            let to = if to < 0 { len + to } else { to }.min(len);
            (0..to).collect()
        }
        // Jayway does not wrap negative bounds here; it wraps each index as it reads it.
        (Some(from), Some(to)) => (from..to.min(len))
            .map(|idx| if idx < 0 { len + idx } else { idx })
            .collect(),
        (None, None) => (0..len).collect(),
    };
    range
        .into_iter()
        .filter_map(|idx| usize::try_from(idx).ok())
        .collect()
}
