//! The 18 intrinsic functions by name, how many arguments each takes, and the dispatch to each one.

use std::borrow::Cow;

use serde_json::Value;

use super::Call;
use crate::entropy::Entropy;
use crate::error::Failure;

/// An intrinsic function of the `States.` namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    Format,
    StringToJson,
    JsonToString,
    Array,
    ArrayPartition,
    ArrayContains,
    ArrayRange,
    ArrayGetItem,
    ArrayLength,
    ArrayUnique,
    Base64Encode,
    Base64Decode,
    Hash,
    JsonMerge,
    MathRandom,
    MathAdd,
    StringSplit,
    Uuid,
}

impl Function {
    /// The function called `States.{name}`, if there is one.
    pub(crate) fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "Format" => Function::Format,
            "StringToJson" => Function::StringToJson,
            "JsonToString" => Function::JsonToString,
            "Array" => Function::Array,
            "ArrayPartition" => Function::ArrayPartition,
            "ArrayContains" => Function::ArrayContains,
            "ArrayRange" => Function::ArrayRange,
            "ArrayGetItem" => Function::ArrayGetItem,
            "ArrayLength" => Function::ArrayLength,
            "ArrayUnique" => Function::ArrayUnique,
            "Base64Encode" => Function::Base64Encode,
            "Base64Decode" => Function::Base64Decode,
            "Hash" => Function::Hash,
            "JsonMerge" => Function::JsonMerge,
            "MathRandom" => Function::MathRandom,
            "MathAdd" => Function::MathAdd,
            "StringSplit" => Function::StringSplit,
            "UUID" => Function::Uuid,
            _ => return None,
        })
    }

    /// The full name, as AWS writes it in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Function::Format => "States.Format",
            Function::StringToJson => "States.StringToJson",
            Function::JsonToString => "States.JsonToString",
            Function::Array => "States.Array",
            Function::ArrayPartition => "States.ArrayPartition",
            Function::ArrayContains => "States.ArrayContains",
            Function::ArrayRange => "States.ArrayRange",
            Function::ArrayGetItem => "States.ArrayGetItem",
            Function::ArrayLength => "States.ArrayLength",
            Function::ArrayUnique => "States.ArrayUnique",
            Function::Base64Encode => "States.Base64Encode",
            Function::Base64Decode => "States.Base64Decode",
            Function::Hash => "States.Hash",
            Function::JsonMerge => "States.JsonMerge",
            Function::MathRandom => "States.MathRandom",
            Function::MathAdd => "States.MathAdd",
            Function::StringSplit => "States.StringSplit",
            Function::Uuid => "States.UUID",
        }
    }

    /// Whether the function takes `count` arguments.
    ///
    /// AWS accepts a definition with the wrong number of arguments and fails when the call runs,
    /// so this is checked at run time. `States.UUID` ignores whatever it is given.
    pub(crate) fn accepts(self, count: usize) -> bool {
        match self {
            Function::Array | Function::Uuid => true,
            Function::Format => count >= 1,
            Function::MathRandom => count == 2 || count == 3,
            Function::ArrayRange | Function::JsonMerge => count == 3,
            Function::ArrayPartition
            | Function::ArrayContains
            | Function::ArrayGetItem
            | Function::Hash
            | Function::MathAdd
            | Function::StringSplit => count == 2,
            Function::StringToJson
            | Function::JsonToString
            | Function::ArrayLength
            | Function::ArrayUnique
            | Function::Base64Encode
            | Function::Base64Decode => count == 1,
        }
    }
}

/// Runs `call` on its evaluated arguments, whose count the caller has checked with [`Function::accepts`].
pub(crate) fn apply(
    call: &Call,
    args: Vec<Cow<'_, Value>>,
    entropy: &mut dyn Entropy,
) -> Result<Value, Failure> {
    use super::{
        array, array_contains, array_get_item, array_length, array_partition, array_range,
        array_unique, base64_decode, base64_encode, format, hash, json_merge, json_to_string,
        math_add, math_random, string_split, string_to_json, uuid,
    };
    match call.function {
        Function::Format => format::call(call, args),
        Function::StringToJson => string_to_json::call(args),
        Function::JsonToString => json_to_string::call(args),
        Function::Array => Ok(array::call(args)),
        Function::ArrayPartition => array_partition::call(args),
        Function::ArrayContains => array_contains::call(args),
        Function::ArrayRange => array_range::call(args),
        Function::ArrayGetItem => array_get_item::call(args),
        Function::ArrayLength => array_length::call(args),
        Function::ArrayUnique => array_unique::call(args),
        Function::Base64Encode => base64_encode::call(args),
        Function::Base64Decode => base64_decode::call(args),
        Function::Hash => hash::call(args),
        Function::JsonMerge => json_merge::call(args),
        Function::MathRandom => math_random::call(args, entropy),
        Function::MathAdd => math_add::call(args),
        Function::StringSplit => string_split::call(args),
        Function::Uuid => Ok(uuid::call(entropy)),
    }
}
