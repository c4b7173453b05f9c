//! Guard `nesting-too-deep`: the definition's JSON nests at most 128 levels deep.
//!
//! ## What it checks
//! The depth of objects and arrays inside the definition, counted without recursion.
//!
//! ## Why
//! Compiling and running a definition walks its structure recursively (Choice rules inside
//! `Not`, templates inside templates, branches inside Parallel states). JSON text nested
//! deeper than 128 levels is already refused by the parser, so only definitions built in
//! memory can get here; they are refused before they could exhaust the stack.
//!
//! ## Example
//! A Choice rule wrapped in 200 `Not`s.
//!
//! ## Fix
//! Flatten the structure: a chain of `Not`s cancels out in pairs, and deep templates can be
//! built in several states.

use serde_json::Value;

use super::code;
use crate::Diagnostic;

/// The deepest nesting a definition may have (serde_json's own parsing limit).
pub(super) const MAX_DEPTH: usize = 128;

/// The diagnostic for a definition nested deeper than `MAX_DEPTH`, if it is.
pub(super) fn check(definition: &Value) -> Option<Diagnostic> {
    let mut stack: Vec<(&Value, usize)> = vec![(definition, 0)];
    while let Some((value, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Some(Diagnostic::error(
                code::SCHEMA_VALIDATION_FAILED,
                format!("The definition is nested more than {MAX_DEPTH} levels deep"),
                "",
            ));
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().map(|item| (item, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|item| (item, depth + 1))),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{MAX_DEPTH, check};

    fn nested(depth: usize) -> Value {
        let mut value = json!(1);
        for _ in 0..depth {
            value = json!([value]);
        }
        value
    }

    #[test]
    fn counts_levels_without_recursion() {
        assert!(check(&nested(MAX_DEPTH)).is_none());
        assert!(check(&nested(MAX_DEPTH + 1)).is_some());
        assert!(check(&nested(500)).is_some());
    }
}
