//! `ValidateStateMachineDefinition`: a definition's diagnostics without creating anything.
//!
//! `result` is FAIL when there is any ERROR diagnostic, whatever `severity` asks to see;
//! `severity: WARNING` shows warnings too, and `maxResults` (0 or absent meaning 100) caps
//! the list, with `truncated` saying whether it did.

use serde_json::{Map, Value};

use asl::{Diagnostic, Severity};
use runtime::Runtime;
use store::StateMachineType;

use crate::error::ApiError;
use crate::request::Members;
use crate::{definition, shapes};

/// The default (and largest) number of diagnostics returned.
const MAX_DIAGNOSTICS: usize = 100;

pub(crate) async fn handle(_runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let definition_text = members.required_text("definition", shapes::DEFINITION)?;
    let kind = members.enumeration("type", shapes::STATE_MACHINE_TYPES)?;
    let severity = members.enumeration("severity", shapes::SEVERITIES)?;
    let max_results = members.integer("maxResults", 0, 100)?;
    members.finish()?;

    let kind = match kind.as_deref() {
        Some("EXPRESS") => StateMachineType::Express,
        _ => StateMachineType::Standard,
    };
    let diagnostics = definition::diagnostics(&definition_text, definition::machine_type(kind));
    let failed = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity == Severity::Error);
    let show_warnings = severity.as_deref() == Some("WARNING");
    let shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|diagnostic| show_warnings || diagnostic.severity == Severity::Error)
        .collect();
    let limit = match max_results.and_then(|n| usize::try_from(n).ok()) {
        None | Some(0) => MAX_DIAGNOSTICS,
        Some(n) => n,
    };
    let truncated = shown.len() > limit;

    let mut res = Map::new();
    res.insert(
        "result".to_owned(),
        Value::from(if failed { "FAIL" } else { "OK" }),
    );
    res.insert(
        "diagnostics".to_owned(),
        Value::Array(shown.into_iter().take(limit).map(render).collect()),
    );
    res.insert("truncated".to_owned(), Value::Bool(truncated));
    Ok(Value::Object(res))
}

fn render(diagnostic: &Diagnostic) -> Value {
    let mut res = Map::new();
    let severity = match diagnostic.severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
    };
    res.insert("severity".to_owned(), Value::from(severity));
    res.insert("code".to_owned(), Value::from(diagnostic.code.as_str()));
    res.insert(
        "message".to_owned(),
        Value::from(diagnostic.message.as_str()),
    );
    if !diagnostic.location.is_empty() {
        res.insert(
            "location".to_owned(),
            Value::from(diagnostic.location.as_str()),
        );
    }
    Value::Object(res)
}
