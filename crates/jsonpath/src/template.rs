//! `PayloadTemplate`: `Parameters`, `ResultSelector`, `ItemSelector` and JSONPath `Assign` objects,
//! compiled once so that evaluation only walks a prepared tree.

use serde_json::{Map, Value};

use crate::entropy::Entropy;
use crate::error::{Failure, ParseError};
use crate::expression::Expression;
use crate::scope::Scope;

/// A compiled payload template.
///
/// Keys ending in `.$` hold a path or an intrinsic call, evaluated each time;
/// the output key drops the `.$`. Nested objects and arrays are compiled the same way,
/// and parts without any `.$` key are kept as ready-made values.
///
/// # Example
///
/// ```
/// use jsonpath::{Entropy, PayloadTemplate};
/// use serde_json::json;
///
/// struct Fixed;
/// impl Entropy for Fixed {
///     fn uuid_v4(&mut self) -> String { "00000000-0000-4000-8000-000000000000".to_owned() }
///     fn next_u64(&mut self) -> u64 { 4 }
/// }
///
/// let template = PayloadTemplate::compile(&json!({
///     "greeting.$": "States.Format('Hello, {}!', $.name)",
///     "execution.$": "$$.Execution.Id",
///     "fixed": {"kind": "demo"}
/// }))
/// .expect("valid template");
/// let output = template
///     .evaluate(&json!({"name": "Ada"}), &json!({"Execution": {"Id": "arn:x"}}), &mut Fixed)
///     .expect("evaluates");
/// assert_eq!(output, json!({"greeting": "Hello, Ada!", "execution": "arn:x", "fixed": {"kind": "demo"}}));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct PayloadTemplate {
    root: Node,
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    /// A part with no `.$` keys, copied as is.
    Literal(Value),
    Object(Vec<Entry>),
    Array(Vec<Node>),
}

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    /// The output key, without `.$`.
    key: String,
    value: EntryValue,
}

#[derive(Clone, Debug, PartialEq)]
enum EntryValue {
    Node(Node),
    /// `field` is the key as written (with `.$`), which AWS names in its messages.
    Expression {
        field: String,
        expression: Expression,
    },
}

impl PayloadTemplate {
    /// Compiles `template`.
    ///
    /// # Errors
    ///
    /// Returns a `ParseError` whose message is AWS's ("The value for the field 'x.$' must be a
    /// valid JSONPath or a valid intrinsic function call"), whose reason says what is wrong and
    /// whose pointer locates the key, when a `.$` key's value is not a string or does not compile.
    pub fn compile(template: &Value) -> Result<PayloadTemplate, ParseError> {
        Ok(PayloadTemplate {
            root: compile_node(template)?,
        })
    }

    /// Evaluates the template against the state input and the context object, with no variables.
    ///
    /// # Errors
    ///
    /// Returns a `States.Runtime` failure when a path selects nothing
    /// ("The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '...'")
    /// or an intrinsic call fails.
    pub fn evaluate(
        &self,
        input: &Value,
        context: &Value,
        entropy: &mut dyn Entropy,
    ) -> Result<Value, Failure> {
        self.evaluate_in(&Scope::new(input, context), entropy)
    }

    /// Evaluates the template within `scope`, which also resolves `$name` variables.
    ///
    /// # Errors
    ///
    /// Returns a failure as [`PayloadTemplate::evaluate`] does.
    pub fn evaluate_in(
        &self,
        scope: &Scope<'_>,
        entropy: &mut dyn Entropy,
    ) -> Result<Value, Failure> {
        evaluate_node(&self.root, scope, entropy)
    }
}

fn compile_node(value: &Value) -> Result<Node, ParseError> {
    match value {
        Value::Object(map) => {
            let mut entries = Vec::with_capacity(map.len());
            let mut dynamic = false;
            for (key, item) in map {
                let entry = compile_entry(key, item).map_err(|error| error.within(key))?;
                dynamic |= !matches!(entry.value, EntryValue::Node(Node::Literal(_)));
                entries.push(entry);
            }
            Ok(if dynamic {
                Node::Object(entries)
            } else {
                Node::Literal(value.clone())
            })
        }
        Value::Array(items) => {
            let mut nodes = Vec::with_capacity(items.len());
            for (idx, item) in items.iter().enumerate() {
                nodes.push(compile_node(item).map_err(|error| error.within(&idx.to_string()))?);
            }
            let dynamic = nodes.iter().any(|node| !matches!(node, Node::Literal(_)));
            Ok(if dynamic {
                Node::Array(nodes)
            } else {
                Node::Literal(value.clone())
            })
        }
        other => Ok(Node::Literal(other.clone())),
    }
}

fn compile_entry(key: &str, value: &Value) -> Result<Entry, ParseError> {
    let Some(output_key) = key.strip_suffix(".$") else {
        return Ok(Entry {
            key: key.to_owned(),
            value: EntryValue::Node(compile_node(value)?),
        });
    };
    let message = format!(
        "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
    );
    let Value::String(text) = value else {
        return Err(ParseError::with_reason(
            message,
            "the value is not a string",
        ));
    };
    let expression = Expression::parse(text)
        .map_err(|error| ParseError::with_reason(message, error.message()))?;
    Ok(Entry {
        key: output_key.to_owned(),
        value: EntryValue::Expression {
            field: key.to_owned(),
            expression,
        },
    })
}

fn evaluate_node(
    node: &Node,
    scope: &Scope<'_>,
    entropy: &mut dyn Entropy,
) -> Result<Value, Failure> {
    match node {
        Node::Literal(value) => Ok(value.clone()),
        Node::Object(entries) => {
            let mut map = Map::with_capacity(entries.len());
            for entry in entries {
                let value = match &entry.value {
                    EntryValue::Node(node) => evaluate_node(node, scope, entropy)?,
                    EntryValue::Expression { field, expression } => {
                        expression.evaluate_in(scope, field, entropy)?
                    }
                };
                map.insert(entry.key.clone(), value);
            }
            Ok(Value::Object(map))
        }
        Node::Array(nodes) => nodes
            .iter()
            .map(|node| evaluate_node(node, scope, entropy))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
    }
}
