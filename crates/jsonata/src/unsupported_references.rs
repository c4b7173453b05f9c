//! The references Step Functions refuses in a JSONata expression when it validates a
//! definition (`UNSUPPORTED_JSONATA_EXPRESSION`): `$` and unqualified field names at the top
//! level, `$$` anywhere, and the `$states` fields that only some positions of a definition have.
//!
//! Step Functions evaluates an expression with no context item: the state's input is
//! `$states.input` and a workflow variable is `$name`. So the States Language forbids reading
//! the context "at the top level" of an expression, where nothing has set it, and allows it
//! "nested inside an expression", where a path step, a predicate or a sort has.
//!
//! The top level is what AWS answers, as the floci project measured it against
//! `ValidateStateMachineDefinition` (floci-io/floci#2670, #2699):
//!
//! * Only the first step of a path reads the top-level context: `phone.number` names `phone`,
//!   and `$states.input.items[price > 10]` names nothing, because later steps, predicates
//!   (even on the first step: `phone[inner]` names only `phone`), sort terms (`^(…)`),
//!   group-by objects (`a{…}`), `.(…)` and `.[…]` read the value the step before produced.
//! * Operands, function arguments (`$sum(items)`), the keys and values of an object
//!   constructor (`{phone: 1}`), block items, the three parts of a condition, the right-hand
//!   side of `:=` and a call of an unqualified name (`phone(1)`) are all at the top level.
//! * A lambda body keeps the context of the expression that defines it, so
//!   `$map($states.input.a, function($x) { phone })` names `phone` (and `function($x) { $ }`
//!   names `$`), while `function($x) { $x.phone }` names nothing.
//! * A transform (`|location|update|`) is a function applied later to its argument, so its
//!   parts are nested; `**` and `*` are not names and are never reported.
//!
//! `$$` and the `$states` fields are reported wherever they are, nested or not, as AWS words
//! their messages without "at the top level"; floci's walk only looks at the top level, so
//! this is our choice where they sit nested.

use jsonata_core::ast::{AstNode, PathStep, Stage};

use crate::Expression;

/// A reference Step Functions refuses in some or all of a definition's JSONata fields.
///
/// `Display` writes it as the expression spells it (`$`, `phone`, `$$`, `$states.result`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnsupportedReference {
    /// `$`, the context item, read at the top level.
    Context,
    /// An unqualified field name read at the top level, such as `phone` in `phone.number`.
    Field(String),
    /// `$$`, the root of the input, anywhere.
    Root,
    /// `$states.result`, which only the top-level `Output` and `Assign` of a Task, Map or
    /// Parallel state have.
    StatesResult,
    /// `$states.errorOutput`, which only a Catcher's `Output` and `Assign` have.
    StatesErrorOutput,
}

impl std::fmt::Display for UnsupportedReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Context => f.write_str("$"),
            Self::Field(name) => f.write_str(name),
            Self::Root => f.write_str("$$"),
            Self::StatesResult => f.write_str("$states.result"),
            Self::StatesErrorOutput => f.write_str("$states.errorOutput"),
        }
    }
}

impl Expression {
    /// The references of the expression that Step Functions refuses somewhere: `$` and field
    /// names read at the top level, `$$`, `$states.result` and `$states.errorOutput`.
    ///
    /// Each comes once, in the order the expression is written. Whether `$states.result` and
    /// `$states.errorOutput` are refused depends on the field the expression sits in, which
    /// only the caller knows. The module documentation says what "top level" means.
    ///
    /// # Example
    ///
    /// ```
    /// use jsonata::{Expression, UnsupportedReference};
    ///
    /// let expression = Expression::parse("phone & $states.input.items[price > 10].name & phone")?;
    /// assert_eq!(
    ///     expression.unsupported_references(),
    ///     [UnsupportedReference::Field("phone".to_owned())],
    /// );
    /// let expression = Expression::parse("$$.a & $states.errorOutput.Cause")?;
    /// assert_eq!(
    ///     expression.unsupported_references(),
    ///     [UnsupportedReference::Root, UnsupportedReference::StatesErrorOutput],
    /// );
    /// # Ok::<(), jsonata::Error>(())
    /// ```
    pub fn unsupported_references(&self) -> Vec<UnsupportedReference> {
        unsupported_references(self.ast())
    }
}

/// Whether a node is read against the top-level context or against a value the expression
/// produced.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    TopLevel,
    Nested,
}

/// The walk behind [`Expression::unsupported_references`].
///
/// It keeps its own stack rather than recursing, so that no expression the parser accepts can
/// exhaust the thread's stack; children are pushed last first, so nodes come off in the order
/// they are written.
fn unsupported_references(ast: &AstNode) -> Vec<UnsupportedReference> {
    let mut res = Vec::new();
    let mut stack = vec![(ast, Position::TopLevel)];
    let mut children: Vec<(&AstNode, Position)> = Vec::new();
    while let Some((node, position)) = stack.pop() {
        let top_level = position == Position::TopLevel;
        let mut found = None;
        match node {
            AstNode::Variable(name) => {
                if name.is_empty() && top_level {
                    found = Some(UnsupportedReference::Context);
                }
            }
            AstNode::ParentVariable(_) => found = Some(UnsupportedReference::Root),
            AstNode::Name(name) => {
                if top_level {
                    found = Some(UnsupportedReference::Field(name.clone()));
                }
            }
            AstNode::Path { steps } => {
                found = states_field(steps);
                for (idx, step) in steps.iter().enumerate() {
                    let step_position = if idx == 0 { position } else { Position::Nested };
                    children.push((&step.node, step_position));
                    for stage in &step.stages {
                        if let Stage::Filter(predicate) = stage {
                            children.push((predicate, Position::Nested));
                        }
                    }
                }
            }
            AstNode::Function {
                name,
                args,
                is_builtin,
            } => {
                // `phone(1)` calls whatever the field `phone` of the context holds.
                if !is_builtin && top_level {
                    found = Some(UnsupportedReference::Field(name.clone()));
                }
                children.extend(args.iter().map(|arg| (arg, position)));
            }
            AstNode::Call { procedure, args } => {
                children.push((procedure, position));
                children.extend(args.iter().map(|arg| (arg, position)));
            }
            AstNode::Binary { lhs, rhs, .. } => {
                children.extend([(lhs.as_ref(), position), (rhs.as_ref(), position)]);
            }
            AstNode::Unary { operand, .. } => children.push((operand, position)),
            AstNode::Lambda { body, .. } => children.push((body, position)),
            AstNode::Array(items) | AstNode::ArrayGroup(items) | AstNode::Block(items) => {
                children.extend(items.iter().map(|item| (item, position)));
            }
            AstNode::Object(pairs) => {
                for (key, value) in pairs {
                    children.extend([(key, position), (value, position)]);
                }
            }
            AstNode::ObjectTransform { input, pattern } => {
                children.push((input, position));
                for (key, value) in pattern {
                    children.extend([(key, Position::Nested), (value, Position::Nested)]);
                }
            }
            AstNode::Conditional {
                condition,
                then_branch,
                else_branch,
            } => {
                children.extend([
                    (condition.as_ref(), position),
                    (then_branch.as_ref(), position),
                ]);
                children.extend(else_branch.as_deref().map(|branch| (branch, position)));
            }
            AstNode::Sort { input, terms } => {
                children.push((input, position));
                children.extend(terms.iter().map(|(term, _)| (term, Position::Nested)));
            }
            AstNode::FunctionApplication(inner) => children.push((inner, Position::Nested)),
            AstNode::Transform {
                location,
                update,
                delete,
            } => {
                children.extend([
                    (location.as_ref(), Position::Nested),
                    (update.as_ref(), Position::Nested),
                ]);
                children.extend(delete.as_deref().map(|delete| (delete, Position::Nested)));
            }
            AstNode::String(_)
            | AstNode::Number(_)
            | AstNode::Boolean(_)
            | AstNode::Null
            | AstNode::Undefined
            | AstNode::Placeholder
            | AstNode::Regex { .. }
            | AstNode::Wildcard
            | AstNode::Descendant
            | AstNode::Parent(_) => {}
        }
        if let Some(reference) = found
            && !res.contains(&reference)
        {
            res.push(reference);
        }
        stack.extend(children.drain(..).rev());
    }
    res
}

/// The restricted `$states` field a path reads, when it starts `$states.result` or
/// `$states.errorOutput`.
fn states_field(steps: &[PathStep]) -> Option<UnsupportedReference> {
    let [first, second, ..] = steps else {
        return None;
    };
    if !matches!(&first.node, AstNode::Variable(name) if name == "states") {
        return None;
    }
    match &second.node {
        AstNode::Name(field) if field == "result" => Some(UnsupportedReference::StatesResult),
        AstNode::Name(field) if field == "errorOutput" => {
            Some(UnsupportedReference::StatesErrorOutput)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::Expression;

    /// The references of `text`, each as the expression spells it.
    fn check(text: &str, expected: &[&str]) {
        let expression = Expression::parse(text).unwrap();
        let actual: Vec<String> = expression
            .unsupported_references()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(actual, expected, "unsupported references of {text}");
    }

    // The cases of this test and the next are floci's, each measured against AWS
    // (`JsonataTopLevelReferencesTest` in floci-io/floci).
    #[test]
    fn names_read_at_the_top_level() {
        for text in [
            "phone",
            "phone[0].number",
            "phone.number.street",
            "-phone",
            "phone ? 1 : 2",
            "$states.input.a ? phone : 2",
            "phone & 'x'",
            "phone in $states.input.b",
            "$sum(phone)",
            "phone(1)",
            "phone ~> $string()",
            "[1..phone]",
            "(phone)",
            "(phone).other",
            "[phone].other",
            "[phone, 1]",
            "{phone: 1}",
            "($x := phone; $x)",
            "$map($states.input.a, function($y){ phone })",
            "$count(phone[inner])",
            "phone.**.deeper",
        ] {
            check(text, &["phone"]);
        }
    }

    #[test]
    fn names_read_against_a_value_the_expression_produced() {
        for text in [
            "$states.input.phone",
            "$states.input.a.phone",
            "$states.input.a[0].phone",
            "$states.input.a.phone[0]",
            "$states.input.items[phone > 3]",
            "$states.input.a^(phone)",
            "$states.input.a{'k': phone}",
            "$states.input.a.(phone)",
            "$states.input.a.$phone",
            "$phone",
            "$states.input.a ~> $string()",
            "$states.input ~> |phone|{'b': 1}|",
            "**.phone",
            "{'k': 1}.phone",
            "$states.input.a[0][phone]",
            "$states.input.a[$ > 1]",
            "function($x){ $x.phone }",
            "$map($states.input.a, function($x){ $x.phone })",
            "'phone'",
            "1 + 1",
            "$now()",
        ] {
            check(text, &[]);
        }
    }

    #[test]
    fn the_context_item_at_the_top_level() {
        for text in [
            "$",
            "$.phone",
            "$[0]",
            "$string($)",
            "$map($states.input.a, function($x){ $ })",
        ] {
            check(text, &["$"]);
        }
        check("$states.input.a.$", &[]);
    }

    #[test]
    fn every_distinct_name_once_in_writing_order() {
        check("aaa + bbb", &["aaa", "bbb"]);
        check("[bbb, aaa]", &["bbb", "aaa"]);
        check("aaa + aaa", &["aaa"]);
        check("(aaa; bbb)", &["aaa", "bbb"]);
        check("$number(aaa) + $number(bbb)", &["aaa", "bbb"]);
        check("c ? d : e", &["c", "d", "e"]);
        check("{'x': y, z: 1}", &["y", "z"]);
        check("a.b[c].d^(e)", &["a"]);
        check("$ & a & $", &["$", "a"]);
    }

    #[test]
    fn the_parts_of_sorts_groups_and_transforms() {
        check("items^(price)", &["items"]);
        check("a{b: c}", &["a"]);
        check("$states.input.a.[b, c]", &[]);
        check("| a | {'b': c}, ['d'] |", &[]);
        check("($x := a; $x ~> | b | {} |)", &["a"]);
    }

    #[test]
    fn the_root_anywhere() {
        check("$$", &["$$"]);
        check("$$.phone", &["$$"]);
        check("$states.input.a[$$.b]", &["$$"]);
        check("$map($states.input.a, function($x){ $$ })", &["$$"]);
        check("$$ & phone", &["$$", "phone"]);
    }

    #[test]
    fn the_restricted_states_fields_anywhere() {
        for text in [
            "$states.errorOutput",
            "$states.errorOutput.Cause",
            "[$states.errorOutput]",
            "$states.errorOutput ? 1 : 2",
            "$states.input.a[$states.errorOutput.Error = 'x']",
        ] {
            check(text, &["$states.errorOutput"]);
        }
        check("$states.result.Payload", &["$states.result"]);
        check(
            "$merge([$states.result, {'e': $states.errorOutput}, $states.result])",
            &["$states.result", "$states.errorOutput"],
        );
        for text in [
            "$states.input.errorOutput",
            "$states.input.result",
            "$states.error",
            "$states",
            "$states.context.Execution.Id",
        ] {
            check(text, &[]);
        }
    }
}
