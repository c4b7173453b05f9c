//! Compiled values that compute JSON: JSONata templates (`Arguments`, `Output`, JSONata
//! `Assign`, ...) and the `Template` that holds either query language's form.

use std::sync::Arc;

use jsonpath::PayloadTemplate;
use serde_json::Value;

/// One `{% ... %}` expression with the field it was written in.
#[derive(Debug)]
pub struct FieldExpression {
    /// The parsed expression.
    pub expression: jsonata::Expression,
    /// Where it sits, as AWS names it in errors: `Output/result`, `Assign/x`, `Items`.
    pub field: String,
}

/// A JSON value in which any string `"{% ... %}"` is a JSONata expression, parsed once.
///
/// Subtrees without expressions are kept as literals, so evaluating them costs a clone.
#[derive(Clone, Debug)]
pub enum JsonataTemplate {
    /// A value without expressions.
    Literal(Value),
    /// A whole-string expression.
    Expression(Arc<FieldExpression>),
    /// An object with at least one expression inside.
    Object(Vec<(String, JsonataTemplate)>),
    /// An array with at least one expression inside.
    Array(Vec<JsonataTemplate>),
}

impl JsonataTemplate {
    /// Compiles a field's value; `field` names it in errors (`Output`, `Assign`).
    ///
    /// # Errors
    /// The first expression that does not parse, with its field.
    pub fn compile(value: &Value, field: &str) -> Result<Self, (String, jsonata::Error)> {
        Ok(match value {
            Value::String(text) => match jsonata::template_expression(text) {
                Some(source) => {
                    let expression = jsonata::Expression::parse(source)
                        .map_err(|error| (field.to_owned(), error))?;
                    JsonataTemplate::Expression(Arc::new(FieldExpression {
                        expression,
                        field: field.to_owned(),
                    }))
                }
                None => JsonataTemplate::Literal(value.clone()),
            },
            Value::Object(map) => {
                let mut members = Vec::with_capacity(map.len());
                for (key, item) in map {
                    members.push((key.clone(), Self::compile(item, &format!("{field}/{key}"))?));
                }
                if members.iter().all(|(_, item)| item.is_literal()) {
                    JsonataTemplate::Literal(value.clone())
                } else {
                    JsonataTemplate::Object(members)
                }
            }
            Value::Array(list) => {
                let mut items = Vec::with_capacity(list.len());
                for (idx, item) in list.iter().enumerate() {
                    items.push(Self::compile(item, &format!("{field}[{idx}]"))?);
                }
                if items.iter().all(Self::is_literal) {
                    JsonataTemplate::Literal(value.clone())
                } else {
                    JsonataTemplate::Array(items)
                }
            }
            other => JsonataTemplate::Literal(other.clone()),
        })
    }

    /// Whether the template holds no expression.
    pub fn is_literal(&self) -> bool {
        matches!(self, JsonataTemplate::Literal(_))
    }
}

/// A value computed in the state's query language: a JSONPath payload template (keys ending
/// in `.$` take paths or intrinsics) or a JSONata template.
#[derive(Clone, Debug)]
pub enum Template {
    /// JSONPath.
    JsonPath(PayloadTemplate),
    /// JSONata.
    Jsonata(JsonataTemplate),
}

/// Which query language a state's fields are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueryLanguage {
    /// JSONPath, the default.
    #[default]
    JsonPath,
    /// JSONata.
    Jsonata,
}
