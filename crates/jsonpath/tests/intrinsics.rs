//! Intrinsic functions, pinned to what AWS returns.
//!
//! Cases come from the conformance corpus (`shared/conformance/cases/intrinsic_functions`,
//! recorded against AWS) and from published characterisations of AWS for edge cases
//! (argument checks, limits, rounding), which AWS reports as `States.Runtime`.

use jsonpath::{Entropy, Intrinsic, Scope};
use serde_json::{Value, json};

/// Deterministic randomness: a fixed UUID and counting draws.
struct Fixed(u64);

impl Entropy for Fixed {
    fn uuid_v4(&mut self) -> String {
        "b6f1d3a7-e5c5-4507-a9f5-1592ff5c5245".to_owned()
    }

    fn next_u64(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }
}

/// An AWS-shaped context object whose execution input is `input`.
fn context(input: &Value) -> Value {
    json!({
        "Execution": {
            "Id": "arn:aws:states:us-east-1:111111111111:execution:statemachine_a1b2c3d4:exec-1",
            "Input": input,
            "Name": "exec-1",
            "RoleArn": "arn:aws:iam::111111111111:role/sfn",
            "StartTime": "2024-01-01T00:00:00.000Z",
            "RedriveCount": 0
        },
        "StateMachine": {
            "Id": "arn:aws:states:us-east-1:111111111111:stateMachine:statemachine_a1b2c3d4",
            "Name": "statemachine_a1b2c3d4"
        },
        "State": {"Name": "State_0", "EnteredTime": "2024-01-01T00:00:00.001Z"}
    })
}

/// Evaluates `expression` against `input` (which is also the execution input) in the field `value.$`.
/// `Err` holds the expected `States.Runtime` cause.
fn check(expression: &str, input: Value, expected: Result<Value, &str>) {
    let intrinsic =
        Intrinsic::parse(expression).unwrap_or_else(|e| panic!("{expression} does not parse: {e}"));
    let context = context(&input);
    let actual = intrinsic.evaluate_in(&Scope::new(&input, &context), "value.$", &mut Fixed(0));
    match (actual, expected) {
        (Ok(actual), Ok(expected)) => assert_eq!(actual, expected, "{expression} on {input}"),
        (Err(failure), Err(cause)) => {
            assert_eq!(failure.error, "States.Runtime", "{expression} on {input}");
            assert_eq!(failure.cause, cause, "{expression} on {input}");
        }
        (actual, expected) => {
            panic!("{expression} on {input}: expected {expected:?}, got {actual:?}")
        }
    }
}

fn fi(fst: Value, snd: Value) -> Value {
    json!({"FunctionInput": {"fst": fst, "snd": snd}})
}

const ARRAY_2: &str = "States.Array($.FunctionInput.fst, $.FunctionInput.snd)";
const CONTAINS: &str = "States.ArrayContains($.FunctionInput.fst, $.FunctionInput.snd)";
const PARTITION: &str = "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)";
const FORMAT_1: &str = "States.Format('Formatting argument {}.', $.FunctionInput)";
const FORMAT_2: &str = "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)";
const MATH_ADD: &str = "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)";
const SPLIT: &str = "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)";
const HASH: &str = "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)";

#[test]
fn array() {
    check(
        "States.Array()",
        json!({"FunctionInput": "HelloWorld"}),
        Ok(json!([])),
    );
    check(ARRAY_2, fi(json!(""), json!("")), Ok(json!(["", ""])));
    check(ARRAY_2, fi(json!(1.1), json!(1.1)), Ok(json!([1.1, 1.1])));
    check(
        ARRAY_2,
        fi(json!({"Arg1": 1, "Arg2": []}), json!(null)),
        Ok(json!([{"Arg1": 1, "Arg2": []}, null])),
    );
    check(
        "States.Array(42, true, null, 'hello')",
        json!({}),
        Ok(json!([42, true, null, "hello"])),
    );
    check(
        "States.Array(1, States.Array(2, 3))",
        json!({}),
        Ok(json!([1, [2, 3]])),
    );
    check(
        "States.Array( $.a , $.b )",
        json!({"a": 1, "b": 2}),
        Ok(json!([1, 2])),
    );
}

#[test]
fn array_contains() {
    check(CONTAINS, fi(json!([]), json!(null)), Ok(json!(false)));
    check(CONTAINS, fi(json!([]), json!([])), Ok(json!(false)));
    check(
        CONTAINS,
        fi(json!([[1, 2, 3], 2]), json!(null)),
        Ok(json!(false)),
    );
    check(
        CONTAINS,
        fi(json!([[1, 2, 3], 2]), json!([1, 2, 3])),
        Ok(json!(true)),
    );
    check(
        CONTAINS,
        fi(json!([{"1": 2, "2": []}]), json!([])),
        Ok(json!(false)),
    );
    check(
        CONTAINS,
        fi(json!([{"1": 2, "2": []}]), json!({"1": 2, "2": []})),
        Ok(json!(true)),
    );
    check(
        CONTAINS,
        fi(json!([true, false]), json!(false)),
        Ok(json!(true)),
    );
    // AWS compares Java string forms: key order matters and `true` matches "true".
    check(
        CONTAINS,
        fi(json!([{"a": 1, "b": 2}]), json!({"b": 2, "a": 1})),
        Ok(json!(false)),
    );
    check(
        CONTAINS,
        fi(json!(["true", "false"]), json!(true)),
        Ok(json!(true)),
    );
    check(
        CONTAINS,
        fi(
            json!(["9007199254740991"]),
            json!(9_007_199_254_740_991_i64),
        ),
        Ok(json!(true)),
    );
    check(
        CONTAINS,
        fi(json!([0, 1, -1, -1.5]), json!(false)),
        Ok(json!(false)),
    );
    check(
        "States.ArrayContains('not-array', 'x')",
        json!({}),
        Err("Invalid arguments in States.ArrayContains"),
    );
    check(
        "States.ArrayContains($.a)",
        json!({"a": [1]}),
        Err("Invalid arguments in States.ArrayContains"),
    );
}

#[test]
fn array_partition() {
    check(
        PARTITION,
        fi(json!([0, 1]), json!(1)),
        Ok(json!([[0], [1]])),
    );
    check(PARTITION, fi(json!([0, 1]), json!(3)), Ok(json!([[0, 1]])));
    check(
        PARTITION,
        fi(json!([0, 1, 2, 3]), json!(3)),
        Ok(json!([[0, 1, 2], [3]])),
    );
    check(PARTITION, fi(json!([]), json!(3)), Ok(json!([])));
    check(
        PARTITION,
        fi(json!([1, 2, 3, 4, 5]), json!(2.6)),
        Ok(json!([[1, 2], [3, 4], [5]])),
    );
    check(
        PARTITION,
        fi(json!([1, 2, 3]), json!(2_147_483_647)),
        Ok(json!([[1, 2, 3]])),
    );
    for bad in [
        json!(0),
        json!(-1),
        json!(0.6),
        json!(-0.4),
        json!("2"),
        json!(null),
    ] {
        check(
            PARTITION,
            fi(json!([1, 2, 3]), bad),
            Err("Invalid arguments in States.ArrayPartition"),
        );
    }
    check(
        "States.ArrayPartition('not-array', 2)",
        json!({}),
        Err("Invalid arguments in States.ArrayPartition"),
    );
}

#[test]
fn array_range() {
    let range = "States.ArrayRange($.FunctionInput.fst, $.FunctionInput.snd, $.FunctionInput.trd)";
    let input = |fst: Value, snd: Value, trd: Value| json!({"FunctionInput": {"fst": fst, "snd": snd, "trd": trd}});
    check(
        range,
        input(json!(0), json!(9), json!(3)),
        Ok(json!([0, 3, 6, 9])),
    );
    check(
        range,
        input(json!(0), json!(10), json!(3)),
        Ok(json!([0, 3, 6, 9])),
    );
    check(range, input(json!(1), json!(9), json!(9)), Ok(json!([1])));
    check(
        range,
        input(json!(1), json!(9), json!(2)),
        Ok(json!([1, 3, 5, 7, 9])),
    );
    check(
        "States.ArrayRange(5, 1, -2)",
        json!({}),
        Ok(json!([5, 3, 1])),
    );
    check("States.ArrayRange(5, 1, 1)", json!({}), Ok(json!([])));
    check("States.ArrayRange(3, 3, -1)", json!({}), Ok(json!([3])));
    // AWS cuts fractions towards zero: (1.6, 1.4, 1) is (1, 1, 1).
    check("States.ArrayRange(1.6, 1.4, 1)", json!({}), Ok(json!([1])));
    check(
        "States.ArrayRange(5.4, -0.6, -2.4)",
        json!({}),
        Ok(json!([5, 3, 1])),
    );
    check(
        "States.ArrayLength(States.ArrayRange(1, 1000, 1))",
        json!({}),
        Ok(json!(1000)),
    );
    check(
        "States.ArrayRange(1, 1001, 1)",
        json!({}),
        Err("Invalid arguments in States.ArrayRange"),
    );
    check(
        "States.ArrayRange(1001, 1, -1)",
        json!({}),
        Err("Invalid arguments in States.ArrayRange"),
    );
    check(
        "States.ArrayRange(1, 10, 0)",
        json!({}),
        Err("Invalid arguments in States.ArrayRange"),
    );
    check(
        "States.ArrayRange(1, 10, 0.49)",
        json!({}),
        Err("Invalid arguments in States.ArrayRange"),
    );
    check(
        "States.ArrayRange('a', 5, 1)",
        json!({}),
        Err("Invalid arguments in States.ArrayRange"),
    );
    check(
        "States.ArrayRange(1, 5)",
        json!({}),
        Err("Invalid arguments in States.ArrayRange"),
    );
}

#[test]
fn array_get_item_and_length() {
    let get = "States.ArrayGetItem($.FunctionInput.fst, $.FunctionInput.snd)";
    check(
        get,
        fi(json!([1, 2, 3, 4, 5, 6, 7, 8, 9]), json!(5)),
        Ok(json!(6)),
    );
    check(
        "States.ArrayGetItem($.arr, 1.2)",
        json!({"arr": [10, 20, 30]}),
        Ok(json!(20)),
    );
    check(
        "States.ArrayGetItem($.arr, 999)",
        json!({"arr": []}),
        Ok(json!(null)),
    );
    check(
        "States.ArrayGetItem($.arr, 3)",
        json!({"arr": [10, 20, 30]}),
        Err("Invalid arguments in States.ArrayGetItem"),
    );
    check(
        "States.ArrayGetItem($.arr, -1)",
        json!({"arr": [10, 20, 30]}),
        Err("Invalid arguments in States.ArrayGetItem"),
    );
    check(
        "States.ArrayGetItem($.arr, '1')",
        json!({"arr": [10, 20, 30]}),
        Err("Invalid arguments in States.ArrayGetItem"),
    );
    check(
        "States.ArrayLength($.FunctionInput)",
        json!({"FunctionInput": [1, 2, 3, 4, 5, 6, 7, 8, 9]}),
        Ok(json!(9)),
    );
    check(
        "States.ArrayLength($.obj)",
        json!({"obj": {"k": 1}}),
        Err("Invalid arguments in States.ArrayLength"),
    );
}

#[test]
fn array_unique_follows_java_hash_set_order() {
    let unique = "States.ArrayUnique($.arr)";
    check(
        unique,
        json!({"arr": [1, 2, 3, 3, 3, 4]}),
        Ok(json!([1, 2, 3, 4])),
    );
    check(
        unique,
        json!({"arr": [true, false, true, false]}),
        Ok(json!([false, true])),
    );
    check(
        unique,
        json!({"arr": [[1, 2], [1, 2], [2, 1]]}),
        Ok(json!([[2, 1], [1, 2]])),
    );
    check(
        unique,
        json!({"arr": [null, null, 1, null]}),
        Ok(json!([null, 1])),
    );
    check(
        unique,
        json!({"arr": [1, "1", 1, "01"]}),
        Ok(json!([1, "1", "01"])),
    );
    check(
        unique,
        json!({"arr": [{"a": 1, "b": 2}, {"b": 2, "a": 1}]}),
        Ok(json!([{"a": 1, "b": 2}])),
    );
    check(
        unique,
        json!({"obj": {"a": 1}}),
        Err(
            "The JSONPath '$.arr' specified for the field 'value.$' could not be found in the input '{\"obj\":{\"a\":1}}'",
        ),
    );
    check(
        "States.ArrayUnique('not-array')",
        json!({}),
        Err("Invalid arguments in States.ArrayUnique"),
    );
}

#[test]
fn base64() {
    check(
        "States.Base64Encode($.FunctionInput)",
        json!({"FunctionInput": ""}),
        Ok(json!("")),
    );
    check(
        "States.Base64Encode($.FunctionInput)",
        json!({"FunctionInput": "Data to encode"}),
        Ok(json!("RGF0YSB0byBlbmNvZGU=")),
    );
    check(
        "States.Base64Encode('🚀')",
        json!({}),
        Ok(json!("8J+agA==")),
    );
    check(
        "States.Base64Decode($.FunctionInput)",
        json!({"FunctionInput": "RGF0YSB0byBlbmNvZGU="}),
        Ok(json!("Data to encode")),
    );
    check(
        "States.Base64Decode('44GT44KT44Gr44Gh44Gv')",
        json!({}),
        Ok(json!("こんにちは")),
    );
    check(
        "States.Base64Decode(' YWJjZA== ')",
        json!({}),
        Ok(json!("abcd")),
    );
    check(
        "States.Base64Decode(States.Base64Encode($.s))",
        json!({"s": "hello"}),
        Ok(json!("hello")),
    );
    // Encoding 10,000 characters gives more than 10,000, which decoding then rejects.
    let long = "a".repeat(10_000);
    check(
        "States.Base64Decode(States.Base64Encode($.s))",
        json!({"s": long}),
        Err("Invalid arguments in States.Base64Decode"),
    );
    check(
        "States.Base64Encode($.s)",
        json!({"s": "a".repeat(10_001)}),
        Err("Invalid arguments in States.Base64Encode"),
    );
    check(
        "States.Base64Decode($.s)",
        json!({"s": "A".repeat(10_001)}),
        Err("Invalid arguments in States.Base64Decode"),
    );
    check(
        "States.Base64Encode(123)",
        json!({}),
        Err("Invalid arguments in States.Base64Encode"),
    );
    check(
        "States.Base64Decode()",
        json!({}),
        Err("Invalid arguments in States.Base64Decode"),
    );
    check(
        "States.Base64Encode($.missing)",
        json!({}),
        Err(
            "The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{}'",
        ),
    );
}

#[test]
fn format() {
    check(
        FORMAT_1,
        json!({"FunctionInput": ""}),
        Ok(json!("Formatting argument .")),
    );
    check(
        FORMAT_1,
        json!({"FunctionInput": 1}),
        Ok(json!("Formatting argument 1.")),
    );
    check(
        FORMAT_1,
        json!({"FunctionInput": "{\"Arg1\": 1, \"Arg2\": []}"}),
        Ok(json!("Formatting argument {\"Arg1\": 1, \"Arg2\": []}.")),
    );
    check(
        FORMAT_2,
        fi(json!(null), json!(null)),
        Ok(json!("Formatting arguments fst=null and snd=null.")),
    );
    check(
        FORMAT_2,
        fi(json!(1.1), json!(1.1)),
        Ok(json!("Formatting arguments fst=1.1 and snd=1.1.")),
    );
    check(
        FORMAT_2,
        fi(
            json!({"Arg1": 1, "Arg2": []}),
            json!({"Arg1": 1, "Arg2": []}),
        ),
        Ok(json!(
            "Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}."
        )),
    );
    check(
        FORMAT_2,
        fi(json!(1e10), json!([1, "a"])),
        Ok(json!("Formatting arguments fst=1.0E10 and snd=[1, a].")),
    );
    check(
        "States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)",
        json!({"FunctionInput": null}),
        Ok(json!(
            "Formatting arguments fst=exec-1 and snd={Id=arn:aws:states:us-east-1:111111111111:stateMachine:statemachine_a1b2c3d4, Name=statemachine_a1b2c3d4}."
        )),
    );
    check(
        "States.Format('Name: \\'{}\\', Surname: \"{}\"', $.n, $.s)",
        json!({"n": "Gabriel", "s": "Moreira"}),
        Ok(json!("Name: 'Gabriel', Surname: \"Moreira\"")),
    );
    check(
        "States.Format('\\{\\} is {}', $.a)",
        json!({"a": "x"}),
        Ok(json!("{} is x")),
    );
    check(
        "States.Format('back\\\\slash {}', $.a)",
        json!({"a": "x"}),
        Ok(json!("back\\slash x")),
    );
    check(
        "States.Format('no placeholders')",
        json!({}),
        Ok(json!("no placeholders")),
    );
    check(
        "States.Format($.template, $.name)",
        json!({"template": "Hello {}", "name": "Ada"}),
        Ok(json!("Hello Ada")),
    );
    check(
        "States.Format('arn:{}:{}', $.svc, States.JsonToString($.obj))",
        json!({"svc": "lambda", "obj": {"k": 1}}),
        Ok(json!("arn:lambda:{\"k\":1}")),
    );
    check(
        "States.Format('{}', States.UUID())",
        json!({}),
        Ok(json!("b6f1d3a7-e5c5-4507-a9f5-1592ff5c5245")),
    );
    check(
        "States.Format('{}', States.StringToJson($.json))",
        json!({"json": "\"x\""}),
        Ok(json!("\"x\"")),
    );
    for bad in [
        "States.Format('{} {}', $.a)",
        "States.Format('{}', $.a, $.a)",
        "States.Format('Hello {', $.a)",
        "States.Format('Hello {{}}', $.a)",
        "States.Format('}')",
        "States.Format($.n, $.a)",
    ] {
        check(
            bad,
            json!({"a": "x", "n": 123}),
            Err("Invalid arguments in States.Format"),
        );
    }
}

#[test]
fn escapes_and_nesting() {
    check(
        "States.StringSplit('Hello\nWorld', '\n')",
        json!({"FunctionInput": null}),
        Ok(json!(["Hello", "World"])),
    );
    check(
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
        json!({}),
        Ok(json!("statemachine_a1b2c3d4")),
    );
    check(
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '_'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '_')), -1))",
        json!({}),
        Ok(json!("a1b2c3d4")),
    );
    check(
        "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $$.Execution.Input.input_field, false)",
        json!({"input_field": {"constant_input_field": "constant_value"}}),
        Ok(json!({"constant_in_literal": "false", "constant_input_field": "constant_value"})),
    );
    let ten = "States.Array(".repeat(10) + "1" + &")".repeat(10);
    check(&ten, json!({}), Ok(json!([[[[[[[[[[1]]]]]]]]]])));
}

#[test]
fn hash() {
    check(
        HASH,
        fi(json!("input data"), json!("SHA-1")),
        Ok(json!("aaff4a450a104cd177d28d18d74485e8cae074b7")),
    );
    check(
        HASH,
        fi(json!("input data"), json!("SHA-256")),
        Ok(json!(
            "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"
        )),
    );
    check(
        HASH,
        fi(json!("input data"), json!("SHA-384")),
        Ok(json!(
            "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"
        )),
    );
    check(
        HASH,
        fi(json!("input data"), json!("SHA-512")),
        Ok(json!(
            "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"
        )),
    );
    check(
        "States.Hash('hello', 'MD5')",
        json!({}),
        Ok(json!("5d41402abc4b2a76b9719d911017c592")),
    );
    check(
        "States.Hash($.s, 'SHA-256')",
        json!({"s": "こんにちは"}),
        Ok(json!(
            "125aeadf27b0459b8760c13a3d80912dfa8a81a68261906f60d87f4a0268646c"
        )),
    );
    check(
        "States.Hash(States.Format('{}:{}', $.a, $.b), 'SHA-256')",
        json!({"a": "x", "b": "y"}),
        Ok(json!(
            "1274e286686b54fe765ec40735665b4bf789cee2a5b22124c5e0491a88e15271"
        )),
    );
    for algorithm in ["sha-256", "SHA256", "MD-5", "", "SHA-257"] {
        check(
            "States.Hash('data', $.algorithm)",
            json!({"algorithm": algorithm}),
            Err("Invalid arguments in States.Hash"),
        );
    }
    check(
        "States.Hash('hello', 123)",
        json!({}),
        Err("Invalid arguments in States.Hash"),
    );
    check(
        "States.Hash($.s, 'SHA-256')",
        json!({"s": "a".repeat(10_001)}),
        Err("Invalid arguments in States.Hash"),
    );
    check(
        "States.Hash('hello')",
        json!({}),
        Err("Invalid arguments in States.Hash"),
    );
}

#[test]
fn json_functions() {
    check(
        "States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)",
        fi(
            json!({"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}),
            json!({"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}),
        ),
        Ok(json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4})),
    );
    check(
        "States.JsonMerge($.a, $.b, $.deep)",
        json!({"a": {"x": 1}, "b": {"y": 2}, "deep": "false"}),
        Ok(json!({"x": 1, "y": 2})),
    );
    check(
        "States.JsonMerge($.a, $.b, true)",
        json!({"a": {}, "b": {}}),
        Err("Invalid arguments in States.JsonMerge"),
    );
    check(
        "States.JsonMerge($.a, $.b, false)",
        json!({"a": [], "b": {}}),
        Err("Invalid arguments in States.JsonMerge"),
    );
    check(
        "States.JsonMerge($.a, $.b, false)",
        json!({"a": {}, "b": "x"}),
        Err("Invalid arguments in States.JsonMerge"),
    );
    let to_string = "States.JsonToString($.FunctionInput)";
    check(to_string, json!({"FunctionInput": null}), Ok(json!("null")));
    check(to_string, json!({"FunctionInput": 1.1}), Ok(json!("1.1")));
    check(
        to_string,
        json!({"FunctionInput": "HelloWorld"}),
        Ok(json!("\"HelloWorld\"")),
    );
    check(
        to_string,
        json!({"FunctionInput": {"Arg1": 1, "Arg2": []}}),
        Ok(json!("{\"Arg1\":1,\"Arg2\":[]}")),
    );
    check(
        to_string,
        json!({"FunctionInput": [-1, 3.5, -9_007_199_254_740_991_i64]}),
        Ok(json!("[-1,3.5,-9007199254740991]")),
    );
    check("States.JsonToString('x')", json!({}), Ok(json!("\"x\"")));
    check(
        "States.JsonToString($.missing)",
        json!({}),
        Err(
            "The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{}'",
        ),
    );
    let to_json = "States.StringToJson($.FunctionInput)";
    check(to_json, json!({"FunctionInput": ""}), Ok(json!(null)));
    check(to_json, json!({"FunctionInput": " "}), Ok(json!(null)));
    check(to_json, json!({"FunctionInput": "-0"}), Ok(json!(0)));
    check(to_json, json!({"FunctionInput": "1.1"}), Ok(json!(1.1)));
    check(
        to_json,
        json!({"FunctionInput": "\"HelloWorld\""}),
        Ok(json!("HelloWorld")),
    );
    check(
        to_json,
        json!({"FunctionInput": "[1, 2, \"HelloWorld\"]"}),
        Ok(json!([1, 2, "HelloWorld"])),
    );
    check(
        to_json,
        json!({"FunctionInput": " {\"a\":1} "}),
        Ok(json!({"a": 1})),
    );
    for bad in [
        json!("{bad json}"),
        json!("{\"a\":1"),
        json!("undefined"),
        json!(123),
        json!({"a": 1}),
    ] {
        check(
            to_json,
            json!({"FunctionInput": bad}),
            Err("Invalid arguments in States.StringToJson"),
        );
    }
    check(
        "States.StringToJson()",
        json!({}),
        Err("Invalid arguments in States.StringToJson"),
    );
}

#[test]
fn math_add_rounds_like_java() {
    for (fst, snd, sum) in [
        (json!(-9), json!(3), -6),
        (json!(1.49), json!(1.5), 3),
        (json!(1.5), json!(1.51), 4),
        (json!(-1.5), json!(-1.51), -3),
        (json!(-1.51), json!(0), -2),
        (json!(0.5), json!(0), 1),
        (json!(2.5), json!(0), 3),
        (json!(-0.5), json!(0.5), 1),
        (json!(-0.5), json!(0), 0),
        (json!(-2.5), json!(0), -2),
        (json!(-3.5), json!(0), -3),
    ] {
        check(MATH_ADD, fi(fst, snd), Ok(json!(sum)));
    }
    check(
        "States.MathAdd(2147483646, 1)",
        json!({}),
        Ok(json!(2_147_483_647)),
    );
    check(
        "States.MathAdd(-2147483647, -1)",
        json!({}),
        Ok(json!(-2_147_483_648_i64)),
    );
    for bad in [
        "States.MathAdd(2147483647, 1)",
        "States.MathAdd(-2147483648, -1)",
        "States.MathAdd(3000000000, 1)",
        "States.MathAdd('1', 2)",
        "States.MathAdd(null, 1)",
        "States.MathAdd(true, 1)",
        "States.MathAdd(1)",
        "States.MathAdd(1, 2, 3)",
    ] {
        check(bad, json!({}), Err("Invalid arguments in States.MathAdd"));
    }
}

#[test]
fn math_random() {
    // The fixed entropy's first draw is 1, so an unseeded draw is `start + 1 % (end - start)`.
    check(
        "States.MathRandom($.FunctionInput.fst, $.FunctionInput.snd)",
        fi(json!(9999), json!(99999)),
        Ok(json!(10000)),
    );
    check(
        "States.MathRandom($.FunctionInput.fst, $.FunctionInput.snd)",
        fi(json!(-99999), json!(-9999)),
        Ok(json!(-99998)),
    );
    check("States.MathRandom(1.6, 5.4)", json!({}), Ok(json!(2)));
    // A seed makes the draw come from `java.util.Random`: `new Random(42).nextInt(99)` is 62.
    check("States.MathRandom(1, 100, 42)", json!({}), Ok(json!(63)));
    check("States.MathRandom(0, 10, 42)", json!({}), Ok(json!(0)));
    for bad in [
        "States.MathRandom(1, 1)",
        "States.MathRandom(10, 5)",
        "States.MathRandom(1.4, 1.6)",
        "States.MathRandom('a', 10)",
        "States.MathRandom(1, 10, null)",
        "States.MathRandom(1)",
    ] {
        check(
            bad,
            json!({}),
            Err("Invalid arguments in States.MathRandom"),
        );
    }
}

#[test]
fn string_split_drops_empty_tokens() {
    check(SPLIT, fi(json!(" , "), json!(",")), Ok(json!([" ", " "])));
    check(SPLIT, fi(json!(", , ,"), json!(",")), Ok(json!([" ", " "])));
    check(
        SPLIT,
        fi(json!("1,2,3,4,5"), json!(",")),
        Ok(json!(["1", "2", "3", "4", "5"])),
    );
    check(
        SPLIT,
        fi(json!("This.is+a,test=string"), json!(".+,=")),
        Ok(json!(["This", "is", "a", "test", "string"])),
    );
    check(SPLIT, fi(json!("a,,b"), json!(",")), Ok(json!(["a", "b"])));
    check(SPLIT, fi(json!(""), json!(",")), Ok(json!([])));
    check(
        SPLIT,
        fi(json!(123), json!(",")),
        Err("Invalid arguments in States.StringSplit"),
    );
    check(
        SPLIT,
        fi(json!("a,b"), json!(null)),
        Err("Invalid arguments in States.StringSplit"),
    );
}

#[test]
fn uuid_ignores_its_arguments() {
    check(
        "States.UUID()",
        json!({}),
        Ok(json!("b6f1d3a7-e5c5-4507-a9f5-1592ff5c5245")),
    );
    check(
        "States.UUID( )",
        json!({}),
        Ok(json!("b6f1d3a7-e5c5-4507-a9f5-1592ff5c5245")),
    );
    check(
        "States.UUID($.missing, 1, null)",
        json!({}),
        Ok(json!("b6f1d3a7-e5c5-4507-a9f5-1592ff5c5245")),
    );
}

#[test]
fn variables_in_arguments() {
    let variables = serde_json::Map::from_iter([
        ("AnswerTemplate".to_owned(), json!("It's {}!")),
        ("bias".to_owned(), json!(4.3)),
    ]);
    let intrinsic = Intrinsic::parse(
        "States.Format($AnswerTemplate, States.MathAdd($$.Map.Item.Value, $bias))",
    )
    .expect("parses");
    let input = json!({});
    let context = json!({"Map": {"Item": {"Value": 2, "Index": 0}}});
    let scope = Scope::new(&input, &context).with_variables(&variables);
    assert_eq!(
        intrinsic.evaluate_in(&scope, "x.$", &mut Fixed(0)),
        Ok(json!("It's 6!"))
    );
}
