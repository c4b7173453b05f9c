//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`), from the conformance cases.

use jsonpath::{Entropy, Failure, PayloadTemplate};
use serde_json::{Value, json};

struct Fixed;

impl Entropy for Fixed {
    fn uuid_v4(&mut self) -> String {
        "b6f1d3a7-e5c5-4507-a9f5-1592ff5c5245".to_owned()
    }

    fn next_u64(&mut self) -> u64 {
        7
    }
}

fn context(input: &Value) -> Value {
    json!({
        "Execution": {"Id": "arn:execution", "Input": input, "Name": "exec-1", "RoleArn": "arn:role", "StartTime": "start-time", "RedriveCount": 0},
        "StateMachine": {"Id": "arn:sm", "Name": "sm"},
        "State": {"Name": "QueryValues1", "EnteredTime": "entered-time"}
    })
}

/// Evaluates `template` with `input` as both the state and the execution input;
/// `Err` holds the expected `States.Runtime` cause.
fn check(template: Value, input: Value, expected: Result<Value, &str>) {
    let compiled = PayloadTemplate::compile(&template)
        .unwrap_or_else(|e| panic!("{template} does not compile: {e}"));
    let context = context(&input);
    let expected = expected.map_err(Failure::runtime);
    assert_eq!(
        compiled.evaluate(&input, &context, &mut Fixed),
        expected,
        "{template}"
    );
}

#[test]
fn literals_pass_through() {
    let literals = json!({
        "literal_single_quote": "'",
        "literal_double_quote": "\"",
        "escaped_backslash": "Backslash \\\\ in string",
        "whitespace_escapes": "Line1\nLine2\tTabbed",
        "emoji": "\u{1f197}",
        "nested": [{"a": [1, null]}],
        "Result.$ lookalike": "$.x"
    });
    check(literals.clone(), json!({}), Ok(literals));
    check(
        json!("just a string"),
        json!({}),
        Ok(json!("just a string")),
    );
}

#[test]
fn paths_and_intrinsics_are_evaluated() {
    check(
        json!({"item.$": "$.items[0]"}),
        json!({"items": [{"item_key": 0}]}),
        Ok(json!({"item": {"item_key": 0}})),
    );
    check(
        json!({"item.$": "$[*]"}),
        json!({}),
        Ok(json!({"item": []})),
    );
    check(
        json!({"Arg1": "argument1", "FromInput.$": "$"}),
        json!({"InputValue": 0}),
        Ok(json!({"Arg1": "argument1", "FromInput": {"InputValue": 0}})),
    );
    check(
        json!({"value.$": "$['Test\\\"\"Name\"']"}),
        json!({"Test\\\"\"Name\"": "Value\"\\"}),
        Ok(json!({"value": "Value\"\\"})),
    );
    check(
        json!({"outer": {"inner.$": "States.Format('{}-{}', $.a, $$.Execution.Name)", "list": [{"x.$": "$.a"}, 2]}}),
        json!({"a": "x"}),
        Ok(json!({"outer": {"inner": "x-exec-1", "list": [{"x": "x"}, 2]}})),
    );
    check(
        json!({"id.$": "States.UUID()"}),
        json!({}),
        Ok(json!({"id": "b6f1d3a7-e5c5-4507-a9f5-1592ff5c5245"})),
    );
}

#[test]
fn context_values() {
    let input = json!({"message": "TestMessage"});
    check(
        json!({
            "execution_id.$": "$$.Execution.Id",
            "execution_input.$": "$$.Execution.Input",
            "state.$": "$$.State",
            "statemachine_name.$": "$$.StateMachine.Name"
        }),
        input.clone(),
        Ok(json!({
            "execution_id": "arn:execution",
            "execution_input": input,
            "state": {"Name": "QueryValues1", "EnteredTime": "entered-time"},
            "statemachine_name": "sm"
        })),
    );
}

#[test]
fn missing_paths_fail_naming_the_field_and_the_input() {
    check(
        json!({"value.$": "$.no_such_jsonpath"}),
        json!({"int-literal": 0}),
        Err(
            "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
        ),
    );
    check(
        json!({"value.$": "$$.Execution.Input.no_such_jsonpath"}),
        json!({"int-literal": 0}),
        Err(
            "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
        ),
    );
    check(
        json!({"nested": {"deeper.$": "States.Format('{}', $.missing)"}}),
        json!({}),
        Err(
            "The JSONPath '$.missing' specified for the field 'deeper.$' could not be found in the input '{}'",
        ),
    );
    check(
        json!({"n.$": "States.MathAdd($.a, 1)"}),
        json!({"a": "1"}),
        Err("Invalid arguments in States.MathAdd"),
    );
}

#[test]
fn output_keys_keep_template_order() {
    let compiled =
        PayloadTemplate::compile(&json!({"z": 1, "a.$": "$.a", "m": 2})).expect("compiles");
    let input = json!({"a": 0});
    let output = compiled
        .evaluate(&input, &json!({}), &mut Fixed)
        .expect("evaluates");
    let keys: Vec<&String> = output.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["z", "a", "m"]);
}
