//! Path selection: values, arrays of matches, and AWS's (Jayway's) messages when nothing is found.
//!
//! Cases come from the conformance corpus (`cases/base`, `cases/jsonpath_escapes`,
//! `cases/context_object`) and from Jayway 2.4's documented behaviour.

use jsonpath::{Path, Scope};
use serde_json::{Value, json};

/// The document most cases select from.
fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "items": [0, 1, 2, 3, 4],
        "empty": [],
        "nothing": null,
        "text": "abc"
    })
}

fn context() -> Value {
    json!({
        "Execution": {"Id": "arn:execution", "Input": {"message": "TestMessage"}, "Name": "exec-1"},
        "State": {"Name": "QueryValues1", "EnteredTime": "2024-01-01T00:00:00Z"},
        "Map": {"Item": {"Index": 2, "Value": {"x": 1}}}
    })
}

/// Selects `path` from `input`; `Err` holds the expected `invalid_path_cause`.
fn check(path: &str, input: Value, expected: Result<Value, &str>) {
    let compiled = Path::parse(path).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    let context = context();
    match (compiled.select(&input, &context), expected) {
        (Ok(actual), Ok(expected)) => assert_eq!(actual, expected, "{path}"),
        (Err(miss), Err(cause)) => assert_eq!(miss.invalid_path_cause(), cause, "{path}"),
        (actual, expected) => panic!("{path}: expected {expected:?}, got {actual:?}"),
    }
}

#[test]
fn definite_paths_select_a_value() {
    check("$", json!({"a": 1}), Ok(json!({"a": 1})));
    check("$.store.bicycle.color", store(), Ok(json!("red")));
    check("$['store']['bicycle']['color']", store(), Ok(json!("red")));
    check(
        "$[\"store\"].bicycle",
        store(),
        Ok(json!({"color": "red", "price": 19.95})),
    );
    check("$.items[0]", store(), Ok(json!(0)));
    check("$.items[-1]", store(), Ok(json!(4)));
    check("$.store.book[2].isbn", store(), Ok(json!("0-553-21311-3")));
    check("$.int-literal", json!({"int-literal": 0}), Ok(json!(0)));
    check("$.sub-values", json!({"sub-values": [1]}), Ok(json!([1])));
    check(
        "$['Test\\\"\"Name\"']",
        json!({"Test\\\"\"Name\"": "Value\"\\"}),
        Ok(json!("Value\"\\")),
    );
    check(
        "$['store']['bicycle', 'missing']",
        store(),
        Ok(json!({"bicycle": {"color": "red", "price": 19.95}})),
    );
    check(
        "$.store.bicycle['price','color']",
        store(),
        Ok(json!({"price": 19.95, "color": "red"})),
    );
}

#[test]
fn items_by_index_as_in_the_conformance_cases() {
    let items: Vec<Value> = (0..11).map(|key| json!({"item_key": key})).collect();
    let input = json!({"items": items});
    check("$.items[0]", input.clone(), Ok(json!({"item_key": 0})));
    check("$.items[10]", input, Ok(json!({"item_key": 10})));
}

#[test]
fn indefinite_paths_select_an_array() {
    check("$.items[*]", store(), Ok(json!([0, 1, 2, 3, 4])));
    check("$.items[1:3]", store(), Ok(json!([1, 2])));
    check("$.items[:2]", store(), Ok(json!([0, 1])));
    check("$.items[-2:]", store(), Ok(json!([3, 4])));
    check("$.items[3:]", store(), Ok(json!([3, 4])));
    check("$.items[:-3]", store(), Ok(json!([0, 1])));
    check("$.items[0,2]", store(), Ok(json!([0, 2])));
    check("$.items[1:100]", store(), Ok(json!([1, 2, 3, 4])));
    check(
        "$.store.book[*].author",
        store(),
        Ok(json!(["Nigel Rees", "Evelyn Waugh", "Herman Melville"])),
    );
    check("$.store.*.color", store(), Ok(json!(["red"])));
    check("$..price", store(), Ok(json!([8.95, 12.99, 8.99, 19.95])));
    check("$..book[0].title", store(), Ok(json!(["Sayings"])));
    check("$..isbn", store(), Ok(json!(["0-553-21311-3"])));
    check("$.store..color", store(), Ok(json!(["red"])));
    check(
        "$..*",
        json!({"a": {"b": 1}, "c": [2]}),
        Ok(json!([{"b": 1}, [2], 1, 2])),
    );
}

#[test]
fn indefinite_paths_over_missing_data_select_nothing() {
    // The conformance cases `json_path_array_wildcard_or_slice_with_no_input`.
    for path in [
        "$[*]",
        "$.items[*]",
        "$.item.items[*]",
        "$.item.items[:1]",
        "$.item.items[1:5]",
        "$.item.items[1:5].itemValue",
        "$.items[*].itemValue",
        "$.items[1:].itemValue",
    ] {
        check(path, json!({}), Ok(json!([])));
    }
    check("$.text[*]", store(), Ok(json!([])));
    check("$.empty[0,1]", store(), Ok(json!([])));
}

#[test]
fn missing_definite_paths_fail_with_jayways_message() {
    check(
        "$.NoSuchInputPath",
        json!({"int-literal": 0}),
        Err("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"),
    );
    check(
        "$.items[9]",
        store(),
        Err("Invalid path '$.items[9]' : No results for path: $['items'][9]"),
    );
    check(
        "$.a.b",
        json!({}),
        Err("Invalid path '$.a.b' : Missing property in path $['a']"),
    );
    check(
        "$.text.b",
        store(),
        Err(
            "Invalid path '$.text.b' : Expected to find an object with property ['b'] in path $['text'] but found 'java.lang.String'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.",
        ),
    );
    check(
        "$.nothing[0]",
        store(),
        Err("Invalid path '$.nothing[0]' : The path $['nothing'] is null"),
    );
    check(
        "$.store.bicycle[0].x",
        store(),
        Err(
            "Invalid path '$.store.bicycle[0].x' : Filter: [0]['x'] can only be applied to arrays. Current context is: {color=red, price=19.95}",
        ),
    );
    check(
        "$['a', 'b'].v",
        json!({"a": {"v": 1}, "b": {"v": 2}}),
        Err(
            "Invalid path '$['a', 'b'].v' : Multi properties can only be used as path leafs: $['a', 'b']",
        ),
    );
    // AWS accepts functions in paths but never resolves them.
    check(
        "$.items.length()",
        store(),
        Err("Invalid path '$.items.length()' : No results for path: $['items'].length()"),
    );
}

#[test]
fn context_paths_read_the_context_object() {
    check("$$", json!({}), Ok(context()));
    check(
        "$$.Execution.Input",
        json!({}),
        Ok(json!({"message": "TestMessage"})),
    );
    check("$$.Map.Item.Value.x", json!({}), Ok(json!(1)));
    check(
        "$$.Execution.Input.no_such_jsonpath",
        json!({}),
        Err(
            "Invalid path '$$.Execution.Input.no_such_jsonpath' : No results for path: $['Execution']['Input']['no_such_jsonpath']",
        ),
    );
}

#[test]
fn variable_paths_read_variables() {
    let variables = serde_json::Map::from_iter([("theAnswer".to_owned(), json!({"deep": [42]}))]);
    let input = json!({});
    let context = context();
    let scope = Scope::new(&input, &context).with_variables(&variables);
    let select = |text: &str| Path::parse(text).expect("parses").select_in(&scope);
    assert_eq!(select("$theAnswer"), Ok(json!({"deep": [42]})));
    assert_eq!(select("$theAnswer.deep[0]"), Ok(json!(42)));
    assert_eq!(
        select("$noSuchVar").map_err(|miss| miss.detail()),
        Err("The variable '$noSuchVar' is not defined".to_owned())
    );
}

#[test]
fn path_properties() {
    let cases = [
        ("$", true, false, "$"),
        ("$.a.b", true, false, "$['a']['b']"),
        ("$['a'][0]", true, false, "$['a'][0]"),
        ("$.a[-1]", true, false, "$['a'][-1]"),
        ("$.a[*]", false, false, "$['a'][*]"),
        ("$..x", false, false, "$..['x']"),
        ("$.a[1:3]", false, false, "$['a'][1:3]"),
        ("$.a[0,1]", false, false, "$['a'][0,1]"),
        ("$.a[?(@.x > 1)]", false, false, "$['a'][?]"),
        ("$.a.length()", true, false, "$['a'].length()"),
        ("$['a','b']", true, false, "$['a','b']"),
        ("$$.Execution.Id", true, true, "$['Execution']['Id']"),
    ];
    for (text, definite, context, normalized) in cases {
        let path = Path::parse(text).expect("parses");
        assert_eq!(path.text(), text);
        assert_eq!(path.is_definite(), definite, "{text} definite");
        assert_eq!(path.is_context(), context, "{text} context");
        assert_eq!(path.normalized(), normalized, "{text} normalized");
    }
}

#[test]
fn field_cause_quotes_the_input_as_compact_json() {
    let path = Path::parse("$.application.address").expect("parses");
    let input = json!({"flagged": false});
    let miss = path.select(&input, &json!({})).expect_err("misses");
    assert_eq!(
        miss.field_cause("address.$", &input),
        "The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input '{\"flagged\":false}'"
    );
}
