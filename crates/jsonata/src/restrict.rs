//! Rejection of syntax that AWS's JSONata 2.0.6 does not run: the 2.1 operators `?:` and `??`, and `$eval`.

use jsonata_core::ast::AstNode;
use serde_json::Value;

use crate::Error;

/// Checks a parsed expression for constructs AWS Step Functions refuses.
///
/// The AST is walked through its serde form so that the check keeps up with new node kinds in jsonata-core.
pub(crate) fn check(ast: &AstNode) -> Result<(), Error> {
    let tree = serde_json::to_value(ast)
        .map_err(|e| Error::new(None, format!("cannot inspect the expression: {e}")))?;
    let mut stack = vec![&tree];
    while let Some(node) = stack.pop() {
        match node {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                if let Some(problem) = problem(map) {
                    return Err(problem);
                }
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    Ok(())
}

fn problem(map: &serde_json::Map<String, Value>) -> Option<Error> {
    let operator = |symbol: &str| {
        Error::new(
            Some("S0201"),
            format!(
                "Syntax error: the JSONata 2.1 operator '{symbol}' is not supported, as AWS Step Functions runs JSONata 2.0.6"
            ),
        )
    };
    match map.get("op").and_then(Value::as_str) {
        Some("Coalesce") => return Some(operator("??")),
        Some("Default") => return Some(operator("?:")),
        _ => {}
    }
    let names_eval = map
        .get("Function")
        .and_then(|f| f.get("name"))
        .is_some_and(|n| n == "eval" || n == "$eval")
        || map.get("Variable").is_some_and(|n| n == "eval");
    names_eval.then(|| {
        Error::new(
            Some("T1006"),
            "the function $eval is not available in AWS Step Functions; use $parse to read JSON text",
        )
    })
}
