//! The workflow variables each state reads: the `variableReferences` member of
//! `DescribeStateMachine` and `DescribeStateMachineForExecution`.
//!
//! AWS keys the map by state name, nested states included under their own names (state names
//! are unique across the whole machine), and leaves out states that read no variable. A Map or
//! Parallel state lists only what its own fields read, not what its inner states read. Each
//! list holds every name once; AWS's order is not recorded anywhere we could check (LocalStack
//! sorts the lists before comparing with AWS), so the lists here are sorted.
//!
//! What counts as reading a variable follows the state's query language:
//!
//! * JSONPath: a `$name` path, or an intrinsic function argument that is one, in the path
//!   fields (`InputPath`, `ItemsPath`, `SecondsPath`, `ErrorPath`, a Choice rule's `Variable`
//!   and `…Path` comparators, `ItemReader.ReaderConfig.MaxItemsPath`, …) and in the `.$` keys
//!   of payload templates (`Parameters`, `ItemSelector`, `ResultSelector`, `Assign`, …). A
//!   `"$name"` string under a key without `.$` is a literal and reads nothing.
//! * JSONata: every free `$name` of every `{% … %}` expression of the state (see
//!   [`jsonata::Expression::free_variables`]), except the reserved `$states`. AWS's recorded
//!   answers show that `$states` and function calls such as `$not(…)` are not listed; that the
//!   other free names are is our reading of the documentation ("a map of state name to a list
//!   of variables referenced by that state"), as no recording covers it.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// The workflow variables each state of `definition` reads, by state name.
///
/// States that read none are absent, and a definition that is not a state machine object
/// gives an empty map. Names come without the `$`, sorted, each once.
///
/// # Example
///
/// ```
/// use serde_json::json;
///
/// let definition = json!({"StartAt": "Ask", "States": {
///     "Ask": {"Type": "Pass", "Assign": {"answer": 42}, "Next": "Check"},
///     "Check": {"Type": "Choice", "Choices": [
///         {"Variable": "$guess", "StringEqualsPath": "$answer", "Next": "Done"}
///     ], "Default": "Done"},
///     "Done": {"Type": "Succeed"}
/// }});
/// let references = asl::variables::references(&definition);
/// assert_eq!(references.len(), 1);
/// assert_eq!(references["Check"], ["answer", "guess"]);
/// ```
pub fn references(definition: &Value) -> BTreeMap<String, Vec<String>> {
    let mut res = BTreeMap::new();
    if let Some(root) = definition.as_object() {
        let language = language_of(root, Language::JsonPath);
        add_machine(root, language, &mut res);
    }
    res
}

/// The query language of a state, which decides how its fields read variables.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    JsonPath,
    Jsonata,
}

/// The `QueryLanguage` an object sets, or `default`.
fn language_of(object: &Map<String, Value>, default: Language) -> Language {
    match object.get("QueryLanguage").and_then(Value::as_str) {
        Some("JSONata") => Language::Jsonata,
        Some("JSONPath") => Language::JsonPath,
        _ => default,
    }
}

/// The fields that hold inner state machines, walked as machines of their own.
const NESTED_MACHINES: &[&str] = &["ItemProcessor", "Iterator", "Branches"];

/// Adds the references of every state of `machine` and of the machines nested in them.
///
/// `default` is the top-level query language, which nested states inherit too.
fn add_machine(
    machine: &Map<String, Value>,
    default: Language,
    res: &mut BTreeMap<String, Vec<String>>,
) {
    let Some(states) = machine.get("States").and_then(Value::as_object) else {
        return;
    };
    for (state_name, state) in states {
        let Some(state) = state.as_object() else {
            continue;
        };
        let mut names = BTreeSet::new();
        match language_of(state, default) {
            Language::JsonPath => jsonpath_fields(state, &mut names),
            Language::Jsonata => jsonata_fields(state, &mut names),
        }
        if !names.is_empty() {
            res.insert(state_name.clone(), names.into_iter().collect());
        }
        for field in NESTED_MACHINES {
            match state.get(*field) {
                Some(Value::Object(inner)) => add_machine(inner, default, res),
                Some(Value::Array(branches)) => {
                    for branch in branches.iter().filter_map(Value::as_object) {
                        add_machine(branch, default, res);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Adds what the fields of a JSONPath `object` (a state, or an object inside one such as a
/// Choice rule or a catcher) read.
fn jsonpath_fields(object: &Map<String, Value>, names: &mut BTreeSet<String>) {
    for (key, value) in object {
        match key.as_str() {
            "Parameters" | "ItemSelector" | "ResultSelector" | "Assign" | "Credentials"
            | "BatchInput" => payload_template(value, names),
            // `ResultPath` cannot read variables, `Result` is a literal, and nested machines
            // are their states' business.
            "ResultPath" | "Result" | "Comment" | "ItemProcessor" | "Iterator" | "Branches" => {}
            "ItemReader" | "ReaderConfig" | "ItemBatcher" | "ResultWriter" | "WriterConfig"
            | "Not" => {
                if let Some(inner) = value.as_object() {
                    jsonpath_fields(inner, names);
                }
            }
            "Choices" | "Catch" | "And" | "Or" => {
                for inner in value.as_array().into_iter().flatten() {
                    if let Some(inner) = inner.as_object() {
                        jsonpath_fields(inner, names);
                    }
                }
            }
            key if key == "Variable" || key.ends_with("Path") => {
                if let Some(text) = value.as_str() {
                    expression(text, names);
                }
            }
            _ => {}
        }
    }
}

/// Adds what the `.$` keys of a payload template read, at any depth.
fn payload_template(template: &Value, names: &mut BTreeSet<String>) {
    match template {
        Value::Object(fields) => {
            for (key, value) in fields {
                match value.as_str() {
                    Some(text) if key.ends_with(".$") => expression(text, names),
                    _ => payload_template(value, names),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                payload_template(item, names);
            }
        }
        _ => {}
    }
}

/// Adds the variable a JSONPath expression (a path or an intrinsic function call) reads.
fn expression(text: &str, names: &mut BTreeSet<String>) {
    if text.starts_with("States.") {
        intrinsic_arguments(text, names);
    } else {
        path(text, names);
    }
}

/// Adds the variable a path such as `$name.field[0]` reads; `$.x` and `$$.x` read none.
fn path(text: &str, names: &mut BTreeSet<String>) {
    if let Ok(path) = jsonpath::Path::parse(text)
        && let Some(name) = path.variable()
    {
        names.insert(name.to_owned());
    }
}

/// Adds the variables the path arguments of an intrinsic function call read, at any depth.
///
/// An argument starts after `(` or `,`; string literals are single-quoted with `\` escapes,
/// and a path argument ends at `,`, `)` or whitespace outside brackets, as the intrinsic
/// parser in `jsonpath` reads them.
fn intrinsic_arguments(text: &str, names: &mut BTreeSet<String>) {
    let mut chars = text.char_indices().peekable();
    let mut at_argument = false;
    while let Some((idx, c)) = chars.next() {
        match c {
            '\'' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
                at_argument = false;
            }
            '(' | ',' => at_argument = true,
            '$' if at_argument => {
                let end = path_end(&text[idx..]);
                path(&text[idx..idx + end], names);
                while chars.peek().is_some_and(|(next, _)| *next < idx + end) {
                    chars.next();
                }
                at_argument = false;
            }
            c if c.is_whitespace() => {}
            _ => at_argument = false,
        }
    }
}

/// The length of the path argument at the start of `text`.
fn path_end(text: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (idx, c) in text.char_indices() {
        if let Some(open) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' if depth > 0 => quote = Some(c),
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' | ')' if depth == 0 => return idx,
            c if c.is_whitespace() && depth == 0 => return idx,
            _ => {}
        }
    }
    text.len()
}

/// Adds the free variables of every `{% … %}` expression in a JSONata state's own fields.
fn jsonata_fields(state: &Map<String, Value>, names: &mut BTreeSet<String>) {
    for (key, value) in state {
        if !matches!(key.as_str(), "Comment" | "Result") && !NESTED_MACHINES.contains(&key.as_str())
        {
            jsonata_value(value, names);
        }
    }
}

fn jsonata_value(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::String(text) => {
            let Some(source) = jsonata::template_expression(text) else {
                return;
            };
            // A definition is validated before it is stored, so an expression that does not
            // parse here has nothing to report.
            if let Ok(expression) = jsonata::Expression::parse(source) {
                names.extend(
                    expression
                        .free_variables()
                        .into_iter()
                        .filter(|name| name != "states"),
                );
            }
        }
        Value::Object(fields) => {
            for (key, value) in fields {
                if key != "Comment" {
                    jsonata_value(value, names);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                jsonata_value(item, names);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::references;

    fn check(definition: Value, expected: Value) {
        let actual = serde_json::to_value(references(&definition)).unwrap();
        assert_eq!(actual, expected, "variable references of {definition:#}");
    }

    // The cases below marked "Recorded" are AWS's answers, from LocalStack's AWS-validated
    // snapshots in tests/aws/services/stepfunctions/v2/test_sfn_api_variable_references.py
    // (with the lists sorted, as LocalStack sorts them before comparing).

    #[test]
    fn only_dollar_keys_of_payload_templates_read_variables() {
        // Recorded: BASE_REFERENCE_IN_PARAMETERS.
        check(
            json!({"StartAt": "State0", "States": {
                "State0": {"Type": "Pass", "Parameters": {"result": "$result"},
                           "Assign": {"result": "foobar"}, "Next": "State1"},
                "State1": {"Type": "Pass", "ResultPath": "$.result",
                           "Parameters": {"result.$": "$result"}, "End": true}
            }}),
            json!({"State1": ["result"]}),
        );
        // Recorded: MAP_STATE_REFERENCE_IN_ITEM_SELECTOR; the field is then left out.
        check(
            json!({"StartAt": "MapState", "States": {
                "MapState": {"Type": "Map", "ItemsPath": "$.Values",
                    "ItemSelector": {"value.$": "$$.Map.Item.Value", "bucketName": "$bucket"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "MapPass",
                        "States": {"MapPass": {"Type": "Pass", "End": true}}},
                    "End": true}
            }}),
            json!({}),
        );
    }

    #[test]
    fn choice_rules_read_variables_in_variable_and_path_comparators() {
        // Recorded: BASE_REFERENCE_IN_CHOICE.
        check(
            json!({"StartAt": "Setup", "States": {
                "Setup": {"Type": "Pass", "Assign": {"guess": "the_guess", "answer": "the_answer"},
                          "Next": "CheckAnswer"},
                "CheckAnswer": {"Type": "Choice", "Choices": [
                    {"Variable": "$guess", "StringEqualsPath": "$answer", "Next": "CorrectAnswer"}
                ], "Default": "WrongAnswer"},
                "CorrectAnswer": {"Type": "Pass", "Result": {"state": "CORRECT"}, "End": true},
                "WrongAnswer": {"Type": "Pass", "Assign": {"guess.$": "$answer"},
                                "Result": {"state": "WRONG"}, "Next": "CheckAnswer"}
            }}),
            json!({"CheckAnswer": ["answer", "guess"], "WrongAnswer": ["answer"]}),
        );
        check(
            json!({"StartAt": "C", "States": {
                "C": {"Type": "Choice", "Choices": [
                    {"And": [{"Variable": "$a", "IsPresent": true},
                             {"Not": {"Variable": "$.x", "NumericGreaterThanPath": "$b.limit"}}],
                     "Assign": {"seen.$": "$c"}, "Next": "D"}
                ], "Default": "D"},
                "D": {"Type": "Succeed"}
            }}),
            json!({"C": ["a", "b", "c"]}),
        );
    }

    #[test]
    fn path_fields_read_variables() {
        // Recorded: BASE_REFERENCE_IN_WAIT.
        check(
            json!({"StartAt": "Start", "States": {
                "Start": {"Type": "Pass", "Assign": {"waitTime": 0, "startAt": "date"},
                          "Next": "WaitSecondsState"},
                "WaitSecondsState": {"Type": "Wait", "SecondsPath": "$waitTime",
                                     "Next": "WaitUntilState"},
                "WaitUntilState": {"Type": "Wait", "TimestampPath": "$startAt", "End": true}
            }}),
            json!({"WaitSecondsState": ["waitTime"], "WaitUntilState": ["startAt"]}),
        );
        // Recorded: BASE_EVALUATION_ORDER_PASS_STATE (also BASE_REFERENCE_IN_INPUTPATH and
        // BASE_REFERENCE_IN_OUTPUTPATH); each name is listed once.
        check(
            json!({"StartAt": "State0", "States": {
                "State0": {"Type": "Pass",
                           "Result": {"theQuestion": "What is the answer?"},
                           "Assign": {"question.$": "$.theQuestion", "answer": 42},
                           "Next": "State1"},
                "State1": {"Type": "Pass", "InputPath": "$answer", "ResultPath": "$.theAnswer",
                           "OutputPath": "$answer", "Assign": {"answer": "<omitted>"},
                           "End": true}
            }}),
            json!({"State1": ["answer"]}),
        );
        // Recorded: BASE_REFERENCE_IN_FAIL.
        check(
            json!({"StartAt": "Fail", "States": {
                "Fail": {"Type": "Fail", "CausePath": "$causeVar", "ErrorPath": "$errorVar"}
            }}),
            json!({"Fail": ["causeVar", "errorVar"]}),
        );
        // A path into a variable reads the variable.
        check(
            json!({"StartAt": "P", "States": {
                "P": {"Type": "Pass", "InputPath": "$order.items[0]",
                      "Parameters": {"ids.$": "$order['ids']"}, "End": true}
            }}),
            json!({"P": ["order"]}),
        );
    }

    #[test]
    fn map_fields_belong_to_the_map_and_inner_states_to_themselves() {
        // Recorded: MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION.
        check(
            json!({"StartAt": "Start", "States": {
                "Start": {"Type": "Pass",
                          "Assign": {"AnswerTemplate": "It's {}!", "Question": "Who's that?"},
                          "Result": ["Charizard", "Pikachu"], "Next": "MapIterateState"},
                "MapIterateState": {"Type": "Map", "MaxConcurrency": 1,
                    "ItemSelector": {
                        "AnnouncePokemon.$": "States.Format($AnswerTemplate, $$.Map.Item.Value)"
                    },
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Pass",
                        "States": {"Pass": {"Type": "Pass", "Parameters": {
                            "Question.$": "$Question", "Answer.$": "$.AnnouncePokemon"},
                            "End": true}}},
                    "End": true}
            }}),
            json!({"MapIterateState": ["AnswerTemplate"], "Pass": ["Question"]}),
        );
        // Recorded: MAP_STATE_REFERENCE_IN_ITEMS_PATH, MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH,
        // MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PATH and MAP_STATE_REFERENCE_IN_MAX_ITEMS_PATH,
        // folded into one Map state.
        check(
            json!({"StartAt": "MapState", "States": {
                "MapState": {"Type": "Map", "ItemsPath": "$PokemonList",
                    "MaxConcurrencyPath": "$maxConcurrency",
                    "ToleratedFailurePercentagePath": "$toleratedFailurePercentage",
                    "ToleratedFailureCountPath": "$toleratedFailureCount",
                    "ItemReader": {"ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$maxItems"},
                        "Resource": "arn:aws:states:::s3:getObject",
                        "Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
                                                          "ExecutionType": "STANDARD"},
                        "StartAt": "HandleItem",
                        "States": {"HandleItem": {"Type": "Pass", "End": true}}},
                    "End": true}
            }}),
            json!({"MapState": ["PokemonList", "maxConcurrency", "maxItems",
                                "toleratedFailureCount", "toleratedFailurePercentage"]}),
        );
    }

    #[test]
    fn nested_states_are_keyed_by_their_own_names() {
        // Recorded: BASE_REFERENCE_IN_ITERATOR_OUTER_SCOPE, a Map inside a Map.
        check(
            json!({"StartAt": "Input", "States": {
                "Input": {"Type": "Pass", "Result": [[9, 44, 6]], "Assign": {"bias": 4.3},
                          "Next": "IterateLevels"},
                "IterateLevels": {"Type": "Map", "MaxConcurrency": 1, "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "AssignCurrentVector",
                    "States": {
                        "AssignCurrentVector": {"Type": "Pass", "Assign": {
                            "xCurrent.$": "$[0]", "yCurrent.$": "$[1]", "zCurrent.$": "$[2]"},
                            "Next": "Calculate"},
                        "Calculate": {"Type": "Map", "MaxConcurrency": 1, "ItemProcessor": {
                            "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Summate",
                            "States": {"Summate": {"Type": "Pass", "Assign": {
                                "Sum.$": "States.MathAdd(States.MathAdd(States.MathAdd($yCurrent, $xCurrent), $zCurrent), $bias)"
                            }, "End": true}}},
                            "End": true}
                    }}, "End": true}
            }}),
            json!({"Summate": ["bias", "xCurrent", "yCurrent", "zCurrent"]}),
        );
        check(
            json!({"StartAt": "Par", "States": {
                "Par": {"Type": "Parallel", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$a", "End": true}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Pass", "OutputPath": "$b", "End": true}}}
                ], "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"e.$": "$err"},
                              "ResultPath": "$.error", "Next": "Done"}],
                 "Next": "Done"},
                "Done": {"Type": "Succeed"}
            }}),
            json!({"A": ["a"], "B": ["b"], "Par": ["err"]}),
        );
    }

    #[test]
    fn intrinsic_function_arguments_read_variables() {
        // Recorded: BASE_REFERENCE_IN_INTRINSIC_FUNCTION.
        check(
            json!({"StartAt": "State1", "States": {
                "State1": {"Type": "Pass", "Parameters": {
                    "encodingOps": {"encoded.$": "States.Base64Encode($rawString)",
                                    "decoded.$": "States.Base64Decode($encodedString)"},
                    "hashOps": {"hashValue.$": "States.Hash($inputString, 'SHA-256')"},
                    "jsonOps": {"mergedJson.$": "States.JsonMerge($json1, $json2, false)",
                                "parsedJson.$": "States.StringToJson($jsonString)",
                                "stringifiedJson.$": "States.JsonToString($jsonObject)"},
                    "mathOps": {"sum.$": "States.MathAdd($value1, $value2)"},
                    "stringOps": {"splitString.$": "States.StringSplit($csvString, ',')",
                                  "formattedString.$":
                                      "States.Format('Hello {}, welcome to {}!', $name, $place)"},
                    "uuidOp": {"uniqueId.$": "States.UUID()"}
                }, "End": true}
            }}),
            json!({"State1": ["csvString", "encodedString", "inputString", "json1", "json2",
                              "jsonObject", "jsonString", "name", "place", "rawString",
                              "value1", "value2"]}),
        );
        // Recorded: BASE_ASSIGN_FROM_INTRINSIC_FUNCTION; input paths read no variable.
        check(
            json!({"StartAt": "State0", "States": {
                "State0": {"Type": "Pass", "Assign": {
                    "simpleArray.$": "States.Array('a', 'b', 'c')",
                    "partitionedArray.$": "States.ArrayPartition($.inputArray, 2)",
                    "formattedString.$": "States.Format('Hello {}!', $.name, $$.Execution.Id)"
                }, "End": true}
            }}),
            json!({}),
        );
        // A `$` inside a string literal is text, and paths in brackets may hold commas.
        check(
            json!({"StartAt": "P", "States": {
                "P": {"Type": "Pass", "Parameters": {
                    "a.$": "States.Format('costs $x, {}', $price)",
                    "b.$": "States.Array($rows['a,b'], $.x, States.ArrayLength($list))"
                }, "End": true}
            }}),
            json!({"P": ["list", "price", "rows"]}),
        );
    }

    #[test]
    fn literals_read_nothing() {
        check(
            json!({"StartAt": "P", "States": {
                "P": {"Type": "Pass", "Comment": "uses $x",
                      "Result": {"a.$": "$x", "InputPath": "$y"},
                      "Parameters": {"literal": "{% $z %}", "InputPath": "$w"},
                      "End": true}
            }}),
            json!({}),
        );
        check(json!("not a state machine"), json!({}));
        check(json!({"StartAt": "P"}), json!({}));
    }

    #[test]
    fn jsonata_states_and_function_calls_are_not_variables() {
        // Recorded: CHOICE_CONDITION_CONSTANT_JSONATA.
        check(
            json!({"StartAt": "ChoiceState", "States": {
                "ChoiceState": {"Type": "Choice", "QueryLanguage": "JSONata",
                    "Choices": [{"Condition": true, "Next": "ConditionTrue"}],
                    "Default": "DefaultState"},
                "ConditionTrue": {"Type": "Pass", "End": true},
                "DefaultState": {"Type": "Fail", "Cause": "Condition is false"}
            }}),
            json!({}),
        );
        // Recorded: CHOICE_STATE_UNSORTED_CHOICE_PARAMETERS_JSONATA.
        check(
            json!({"StartAt": "CheckResult", "States": {
                "CheckResult": {"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [
                    {"Condition": "{% $states.input.result.done %}", "Next": "FinishTrue"},
                    {"Condition": "{% $not($states.input.result.done) %}", "Next": "FinishFalse"}
                ]},
                "FinishTrue": {"End": true, "Type": "Pass"},
                "FinishFalse": {"End": true, "Type": "Pass"}
            }}),
            json!({}),
        );
    }

    #[test]
    fn jsonata_expressions_read_their_free_variables() {
        // Not recorded: see the module docs.
        check(
            json!({"QueryLanguage": "JSONata", "StartAt": "Task", "States": {
                "Task": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Arguments": {"FunctionName": "{% $fn %}",
                                  "Payload": {"items": "{% $map($items, function($i) { $i * $rate }) %}"}},
                    "Assign": {"total": "{% ($t := $sum($states.result.Payload); $t + $total) %}"},
                    "Output": "{% $states.result %}",
                    "TimeoutSeconds": "{% $timeout %}",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $fallback %}",
                               "Next": "Done"}],
                    "Comment": "{% $notEvaluated %}",
                    "Next": "Done"},
                "Done": {"Type": "Succeed"}
            }}),
            json!({"Task": ["fallback", "fn", "items", "rate", "timeout", "total"]}),
        );
    }

    #[test]
    fn each_state_uses_its_own_query_language() {
        check(
            json!({"StartAt": "Map", "States": {
                "Map": {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $list %}",
                    "ItemsPath": "$notAPath",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Inner",
                        "States": {"Inner": {"Type": "Pass", "InputPath": "$v",
                                             "Parameters": {"x": "{% $literal %}"},
                                             "End": true}}},
                    "End": true}
            }}),
            json!({"Inner": ["v"], "Map": ["list"]}),
        );
        // Nested states inherit the top-level language, not the enclosing state's.
        check(
            json!({"QueryLanguage": "JSONata", "StartAt": "Par", "States": {
                "Par": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {
                    "A": {"Type": "Pass", "Output": "{% $a %}", "End": true}}}],
                    "End": true}
            }}),
            json!({"A": ["a"]}),
        );
    }
}
