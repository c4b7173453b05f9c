//! Properties that hold for every input: the algebra of reference paths and of the JSON intrinsics.

use jsonpath::{Entropy, Intrinsic, Path, ReferencePath};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

struct Fixed;

impl Entropy for Fixed {
    fn uuid_v4(&mut self) -> String {
        String::new()
    }

    fn next_u64(&mut self) -> u64 {
        0
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-c]{1,2}", inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn field_path() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-c]{1,2}", 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn writing_then_reading_returns_the_value(input in json_value(), fields in field_path(), result in json_value()) {
        let path = ReferencePath::parse(&format!("$.{}", fields.join("."))).expect("a reference path");
        if let Ok(output) = path.set(input.clone(), result.clone()) {
            prop_assert_eq!(path.get(&output), Some(&result));
        }
    }

    #[test]
    fn writing_into_an_object_of_objects_always_succeeds(fields in field_path(), result in json_value()) {
        let path = ReferencePath::parse(&format!("$.{}", fields.join("."))).expect("a reference path");
        let output = path.set(json!({}), result.clone()).expect("objects are created on the way");
        prop_assert_eq!(path.get(&output), Some(&result));
    }

    #[test]
    fn result_path_dollar_replaces_and_input_path_dollar_is_identity(input in json_value(), result in json_value()) {
        prop_assert_eq!(ReferencePath::parse("$").expect("parses").set(input.clone(), result.clone()), Ok(result));
        prop_assert_eq!(Path::parse("$").expect("parses").select(&input, &json!({})), Ok(input));
    }

    #[test]
    fn json_to_string_undoes_string_to_json(value in json_value()) {
        let input = json!({"value": value});
        let text = Intrinsic::parse("States.JsonToString($.value)").expect("parses")
            .evaluate(&input, &json!({}), &mut Fixed).expect("serializes");
        let back = Intrinsic::parse("States.StringToJson($.text)").expect("parses")
            .evaluate(&json!({"text": text.clone()}), &json!({}), &mut Fixed).expect("parses back");
        let again = Intrinsic::parse("States.JsonToString(States.StringToJson($.text))").expect("parses")
            .evaluate(&json!({"text": text.clone()}), &json!({}), &mut Fixed).expect("round-trips");
        prop_assert_eq!(again, text);
        prop_assert_eq!(&back, &input["value"]);
    }
}

fn path_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(".".to_owned()),
        Just("..".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("*".to_owned()),
        Just("'".to_owned()),
        Just("?(".to_owned()),
        Just(")".to_owned()),
        Just("@".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("-1".to_owned()),
        Just(" == ".to_owned()),
        Just("\\".to_owned()),
        "[a-c0-2é]{1,2}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| format!("${}", pieces.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn paths_never_panic(text in path_like(), input in json_value()) {
        if let Ok(path) = Path::parse(&text) {
            let selected = path.select(&input, &json!({}));
            if let Err(miss) = selected {
                let _ = miss.invalid_path_cause();
            }
        }
        let _ = ReferencePath::parse(&text);
    }

    #[test]
    fn intrinsic_calls_never_panic(args in prop::collection::vec(prop_oneof![
        Just("$.a".to_owned()), Just("$.b[0]".to_owned()), Just("'x{}'".to_owned()), Just("'\\\\{'".to_owned()),
        Just("1.5".to_owned()), Just("-3".to_owned()), Just("null".to_owned()), Just("true".to_owned()),
        Just("States.Array($.a)".to_owned()), Just("'SHA-256'".to_owned()),
    ], 0..4), function in prop::sample::select(vec![
        "Format", "StringToJson", "JsonToString", "Array", "ArrayPartition", "ArrayContains", "ArrayRange",
        "ArrayGetItem", "ArrayLength", "ArrayUnique", "Base64Encode", "Base64Decode", "Hash", "JsonMerge",
        "MathRandom", "MathAdd", "StringSplit", "UUID",
    ]), a in json_value(), b in json_value()) {
        let text = format!("States.{function}({})", args.join(", "));
        let intrinsic = Intrinsic::parse(&text).expect("well-formed calls parse");
        let _ = intrinsic.evaluate(&json!({"a": a, "b": [b]}), &json!({}), &mut Fixed);
    }
}
