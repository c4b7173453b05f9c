//! The free variables of an expression: the `$name` references that the expression does not
//! bind itself and that do not name a function JSONata or AWS provides.
//!
//! JSONata binds names in four places: `$v := …` binds in the enclosing block (or the whole
//! expression), a lambda binds its parameters, and a path step binds `@$v` (focus) and `#$v`
//! (position) for the rest of its path. A binding is visible from the point it is made, except
//! inside a lambda body, which runs later and so sees every binding of the blocks around it;
//! that is also what lets `$f := function($n) { … $f($n - 1) … }` call itself.
//!
//! A call such as `$sum(…)` names a function, not a variable, when it names a built-in. A bare
//! `$count` is reported even though `count` is also a built-in: a binding of that name, such as
//! a workflow variable, shadows the function, and `$count` holding a number is far more common
//! than passing the function around.

use std::collections::HashSet;

use jsonata_core::ast::{AstNode, BinaryOp, PathStep, Stage};

use crate::Expression;

/// The functions an expression can call without binding them: JSONata 2.0's built-ins, and
/// the six AWS adds.
const FUNCTIONS: &[&str] = &[
    "abs",
    "append",
    "assert",
    "average",
    "base64decode",
    "base64encode",
    "boolean",
    "ceil",
    "contains",
    "count",
    "decodeUrl",
    "decodeUrlComponent",
    "distinct",
    "each",
    "encodeUrl",
    "encodeUrlComponent",
    "error",
    "eval",
    "exists",
    "filter",
    "floor",
    "formatBase",
    "formatInteger",
    "formatNumber",
    "fromMillis",
    "hash",
    "join",
    "keys",
    "length",
    "lookup",
    "lowercase",
    "map",
    "match",
    "max",
    "merge",
    "millis",
    "min",
    "not",
    "now",
    "number",
    "pad",
    "parse",
    "parseInteger",
    "partition",
    "power",
    "random",
    "range",
    "reduce",
    "replace",
    "reverse",
    "round",
    "shuffle",
    "sift",
    "single",
    "sort",
    "split",
    "spread",
    "sqrt",
    "string",
    "substring",
    "substringAfter",
    "substringBefore",
    "sum",
    "toMillis",
    "trim",
    "type",
    "uppercase",
    "uuid",
    "zip",
];

impl Expression {
    /// The variables the expression reads from outside: every `$name` that is not bound inside
    /// the expression (by `:=`, a lambda parameter, `@$name` or `#$name`) and is not a call of
    /// a built-in function.
    ///
    /// Names come without the `$`, once each, in order of first appearance. `$` (the context)
    /// and `$$` (the root) are not variables. In Step Functions the result includes `states`
    /// when the expression reads `$states`.
    ///
    /// # Example
    ///
    /// ```
    /// let expression = jsonata::Expression::parse(
    ///     "($n := $count; $map($items, function($i) { $i * $n + $bias }))",
    /// )?;
    /// assert_eq!(expression.free_variables(), ["count", "items", "bias"]);
    /// # Ok::<(), jsonata::Error>(())
    /// ```
    pub fn free_variables(&self) -> Vec<String> {
        free_variables(self.ast())
    }
}

/// The free variables of a parsed expression, as [`Expression::free_variables`] reports them.
fn free_variables(ast: &AstNode) -> Vec<String> {
    let mut walker = Walker {
        frames: Vec::new(),
        lambda_frame: 0,
        free: Vec::new(),
        seen: HashSet::new(),
    };
    walker.with_frame(assigned(ast), HashSet::new(), |walker| walker.walk(ast));
    walker.free
}

/// One scope: a block, a lambda call, a path, or the whole expression.
struct Frame {
    /// Every name the scope binds, wherever in the scope the binding is.
    all: HashSet<String>,
    /// The names bound so far, walking the scope in evaluation order.
    bound: HashSet<String>,
}

struct Walker {
    /// The scopes around the node being walked, innermost last.
    frames: Vec<Frame>,
    /// The index of the innermost lambda's frame (0 outside any lambda). The frames below it
    /// enclose the lambda's definition, and the lambda runs after they are complete.
    lambda_frame: usize,
    free: Vec<String>,
    seen: HashSet<String>,
}

impl Walker {
    fn with_frame(
        &mut self,
        all: HashSet<String>,
        bound: HashSet<String>,
        f: impl FnOnce(&mut Walker),
    ) {
        self.frames.push(Frame { all, bound });
        f(self);
        self.frames.pop();
    }

    fn bind(&mut self, name: &str) {
        if let Some(frame) = self.frames.last_mut() {
            frame.bound.insert(name.to_owned());
        }
    }

    fn is_bound(&self, name: &str) -> bool {
        self.frames.iter().enumerate().any(|(idx, frame)| {
            if idx < self.lambda_frame {
                frame.all.contains(name)
            } else {
                frame.bound.contains(name)
            }
        })
    }

    fn reference(&mut self, name: &str) {
        if name.is_empty() || self.is_bound(name) {
            return;
        }
        if self.seen.insert(name.to_owned()) {
            self.free.push(name.to_owned());
        }
    }

    fn walk(&mut self, node: &AstNode) {
        match node {
            AstNode::Variable(name) => self.reference(name),
            AstNode::Function { name, args, .. } => {
                if self.is_bound(name) || !FUNCTIONS.contains(&name.as_str()) {
                    self.reference(name);
                }
                self.walk_all(args);
            }
            AstNode::Binary {
                op: BinaryOp::ColonEqual,
                lhs,
                rhs,
            } => match lhs.as_ref() {
                AstNode::Variable(name) => {
                    // A lambda may call itself through the name it is bound to.
                    if matches!(rhs.as_ref(), AstNode::Lambda { .. }) {
                        self.bind(name);
                    }
                    self.walk(rhs);
                    self.bind(name);
                }
                _ => {
                    self.walk(lhs);
                    self.walk(rhs);
                }
            },
            AstNode::Binary { lhs, rhs, .. } => {
                self.walk(lhs);
                self.walk(rhs);
            }
            AstNode::Unary { operand, .. } => self.walk(operand),
            AstNode::Call { procedure, args } => {
                self.walk(procedure);
                self.walk_all(args);
            }
            AstNode::Lambda { params, body, .. } => {
                let bound: HashSet<String> = params.iter().cloned().collect();
                let mut all = assigned(body);
                all.extend(bound.iter().cloned());
                let outer = self.lambda_frame;
                self.lambda_frame = self.frames.len();
                self.with_frame(all, bound, |walker| walker.walk(body));
                self.lambda_frame = outer;
            }
            AstNode::Block(items) => {
                let all = items.iter().flat_map(assigned).collect();
                self.with_frame(all, HashSet::new(), |walker| walker.walk_all(items));
            }
            AstNode::Path { steps } => {
                let all = steps.iter().flat_map(step_bindings).collect();
                self.with_frame(all, HashSet::new(), |walker| {
                    for step in steps {
                        walker.walk_step(step);
                    }
                });
            }
            AstNode::Array(items) | AstNode::ArrayGroup(items) => self.walk_all(items),
            AstNode::Object(pairs) => self.walk_pairs(pairs),
            AstNode::ObjectTransform { input, pattern } => {
                self.walk(input);
                self.walk_pairs(pattern);
            }
            AstNode::Conditional {
                condition,
                then_branch,
                else_branch,
            } => {
                self.walk(condition);
                self.walk(then_branch);
                if let Some(else_branch) = else_branch {
                    self.walk(else_branch);
                }
            }
            AstNode::FunctionApplication(inner) => self.walk(inner),
            AstNode::Sort { input, terms } => {
                self.walk(input);
                for (term, _) in terms {
                    self.walk(term);
                }
            }
            AstNode::Transform {
                location,
                update,
                delete,
            } => {
                self.walk(location);
                self.walk(update);
                if let Some(delete) = delete {
                    self.walk(delete);
                }
            }
            AstNode::String(_)
            | AstNode::Name(_)
            | AstNode::Number(_)
            | AstNode::Boolean(_)
            | AstNode::Null
            | AstNode::Undefined
            | AstNode::Placeholder
            | AstNode::Regex { .. }
            | AstNode::ParentVariable(_)
            | AstNode::Wildcard
            | AstNode::Descendant
            | AstNode::Parent(_) => {}
        }
    }

    fn walk_all(&mut self, nodes: &[AstNode]) {
        for node in nodes {
            self.walk(node);
        }
    }

    fn walk_pairs(&mut self, pairs: &[(AstNode, AstNode)]) {
        for (key, value) in pairs {
            self.walk(key);
            self.walk(value);
        }
    }

    fn walk_step(&mut self, step: &PathStep) {
        self.walk(&step.node);
        for name in step.focus.iter().chain(&step.index_var) {
            self.bind(name);
        }
        for stage in &step.stages {
            match stage {
                Stage::Filter(predicate) => self.walk(predicate),
                Stage::Index(name) => self.bind(name),
                Stage::KeepArray => {}
            }
        }
    }
}

/// The names a path binds with `@$name` and `#$name`.
fn step_bindings(step: &PathStep) -> Vec<String> {
    let stage_indexes = step.stages.iter().filter_map(|stage| match stage {
        Stage::Index(name) => Some(name),
        _ => None,
    });
    step.focus
        .iter()
        .chain(&step.index_var)
        .chain(stage_indexes)
        .cloned()
        .collect()
}

/// The names `node` binds with `:=` in the scope it belongs to, leaving out the blocks and
/// lambdas inside it, which are scopes of their own.
fn assigned(node: &AstNode) -> HashSet<String> {
    let mut res = HashSet::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node {
            AstNode::Block(_) | AstNode::Lambda { .. } => {}
            AstNode::Binary {
                op: BinaryOp::ColonEqual,
                lhs,
                rhs,
            } => {
                if let AstNode::Variable(name) = lhs.as_ref() {
                    res.insert(name.clone());
                }
                stack.push(rhs);
            }
            AstNode::Binary { lhs, rhs, .. } => stack.extend([lhs.as_ref(), rhs.as_ref()]),
            AstNode::Unary { operand, .. } => stack.push(operand),
            AstNode::Function { args, .. } => stack.extend(args),
            AstNode::Call { procedure, args } => {
                stack.push(procedure);
                stack.extend(args);
            }
            AstNode::Conditional {
                condition,
                then_branch,
                else_branch,
            } => {
                stack.extend([condition.as_ref(), then_branch.as_ref()]);
                stack.extend(else_branch.as_deref());
            }
            AstNode::Path { steps } => {
                for step in steps {
                    stack.push(&step.node);
                    for stage in &step.stages {
                        if let Stage::Filter(predicate) = stage {
                            stack.push(predicate);
                        }
                    }
                }
            }
            AstNode::Array(items) | AstNode::ArrayGroup(items) => stack.extend(items),
            AstNode::Object(pairs) => stack.extend(pairs.iter().flat_map(|(k, v)| [k, v])),
            AstNode::ObjectTransform { input, pattern } => {
                stack.push(input);
                stack.extend(pattern.iter().flat_map(|(k, v)| [k, v]));
            }
            AstNode::FunctionApplication(inner) => stack.push(inner),
            AstNode::Sort { input, terms } => {
                stack.push(input);
                stack.extend(terms.iter().map(|(term, _)| term));
            }
            AstNode::Transform {
                location,
                update,
                delete,
            } => {
                stack.extend([location.as_ref(), update.as_ref()]);
                stack.extend(delete.as_deref());
            }
            AstNode::String(_)
            | AstNode::Name(_)
            | AstNode::Number(_)
            | AstNode::Boolean(_)
            | AstNode::Null
            | AstNode::Undefined
            | AstNode::Placeholder
            | AstNode::Regex { .. }
            | AstNode::Variable(_)
            | AstNode::ParentVariable(_)
            | AstNode::Wildcard
            | AstNode::Descendant
            | AstNode::Parent(_) => {}
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use crate::Expression;

    fn check(text: &str, expected: &[&str]) {
        let expression = Expression::parse(text).unwrap();
        assert_eq!(
            expression.free_variables(),
            expected,
            "free variables of {text}"
        );
    }

    #[test]
    fn reports_plain_references_once_in_order() {
        check("$x", &["x"]);
        check("$x.y.z", &["x"]);
        check("$b + $a + $b", &["b", "a"]);
        check("$x ? $y : $z", &["x", "y", "z"]);
        check("a.$x[$y > 1]", &["x", "y"]);
        check("{'k': $v, $k: 1}", &["v", "k"]);
        check("[$a, $b]", &["a", "b"]);
        check("$states.input.id & $suffix", &["states", "suffix"]);
    }

    #[test]
    fn context_root_literals_and_field_names_are_not_variables() {
        check("$", &[]);
        check("$$.a", &[]);
        check("a.b", &[]);
        check("'$x' & \"$y\"", &[]);
        check("$match(s, /\\$x/)", &[]);
        check("1 + 2", &[]);
    }

    #[test]
    fn calls_of_builtin_and_aws_functions_are_not_variables() {
        check("$sum($xs)", &["xs"]);
        check("$not($states.input.done)", &["states"]);
        check("$sum($count)", &["count"]);
        // A bare name is a variable even when a built-in has that name; see the module docs.
        check("$count + 1", &["count"]);
        check(
            "$uuid() & $hash($s, 'SHA-256') & $partition($a, 2)",
            &["s", "a"],
        );
        check("$substring(?, 0, $n)", &["n"]);
        check("$x ~> $uppercase()", &["x"]);
    }

    #[test]
    fn calling_an_unbound_name_reads_a_variable() {
        check("$f(1)", &["f"]);
        check("($sum := function($a) { 0 }; $sum(1))", &[]);
    }

    #[test]
    fn block_bindings_are_visible_after_they_are_made() {
        check("($v := 1; $v + $w)", &["w"]);
        check("($v := $v + 1; $v)", &["v"]);
        check("($a; $a := 1)", &["a"]);
        check("($a := 1; ($b := $a; $b)) & $b", &["b"]);
        check("$v := 1", &[]);
    }

    #[test]
    fn lambda_parameters_and_recursion_are_bound() {
        check("function($p) { $p + $q }", &["q"]);
        check("λ($a)<n:n>{ $a }", &[]);
        check(
            "($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f($k))",
            &["k"],
        );
        check(
            "$map($xs, function($v, $i) { $v * $i * $scale })",
            &["xs", "scale"],
        );
        // A lambda runs after its block is complete, so it sees later bindings.
        check("($g := function() { $later }; $later := 1; $g())", &[]);
        check("function($a) { function($b) { $a + $b + $c } }", &["c"]);
    }

    #[test]
    fn path_focus_and_index_bindings_last_for_the_path() {
        check("items@$i.($i.price * $rate)", &["rate"]);
        check("items#$n[$n > $lowest]", &["lowest"]);
        check("a[0]#$i.{'at': $i}", &[]);
        check("(items@$i.$i; $i)", &["i"]);
    }

    #[test]
    fn walks_every_kind_of_node() {
        check("a^(>$key)", &["key"]);
        check("a{$k: $v}", &["k", "v"]);
        check("| $.a | {'b': $v}, [$drop] |", &["v", "drop"]);
        check("-$n", &["n"]);
        check("$a.($b := 1; $b + $c)", &["a", "c"]);
        check("(function($x) { $x })($y)", &["y"]);
    }
}
