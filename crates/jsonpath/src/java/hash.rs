//! `java.util.HashSet` iteration order, which is the order AWS returns `States.ArrayUnique` results in.
//!
//! AWS maps the array to Java objects and builds `new HashSet<>(list)`, so the result is ordered by
//! hash bucket: `[true, false, true]` comes back as `[false, true]`, and `[[1, 2], [2, 1]]` as
//! `[[2, 1], [1, 2]]`. Reproducing that needs Java's `hashCode` for each kind of value.

use std::collections::HashMap;

use serde_json::{Number, Value};

/// The distinct values of `items`, in the order a `HashSet` built from them iterates.
pub(crate) fn unique_in_hash_set_order(items: Vec<Value>) -> Vec<Value> {
    let capacity = table_capacity(items.len());
    let mut seen: HashMap<i32, Vec<usize>> = HashMap::with_capacity(items.len());
    let mut unique: Vec<(usize, Value)> = Vec::with_capacity(items.len());
    for item in items {
        let hash = java_hash(&item);
        let same_hash = seen.entry(hash).or_default();
        if same_hash.iter().any(|&idx| unique[idx].1 == item) {
            continue;
        }
        same_hash.push(unique.len());
        unique.push((bucket(hash, capacity), item));
    }
    // Within a bucket Java keeps insertion order, which a stable sort preserves.
    unique.sort_by_key(|(bucket, _)| *bucket);
    unique.into_iter().map(|(_, item)| item).collect()
}

/// The table size of `new HashMap<>(Math.max((int) (n / .75f) + 1, 16))`, which never resizes while filling.
fn table_capacity(len: usize) -> usize {
    let wanted = ((len as f32 / 0.75) as usize + 1).max(16);
    wanted
        .checked_next_power_of_two()
        .unwrap_or(1 << 30)
        .min(1 << 30)
}

fn bucket(hash: i32, capacity: usize) -> usize {
    let h = hash as u32;
    // `HashMap.hash` spreads the high bits down before masking.
    ((h ^ (h >> 16)) as usize) & (capacity - 1)
}

/// `hashCode()` of the Java object Jackson maps `value` to.
fn java_hash(value: &Value) -> i32 {
    match value {
        Value::Null => 0,
        Value::Bool(true) => 1231,
        Value::Bool(false) => 1237,
        Value::Number(number) => number_hash(number),
        Value::String(text) => string_hash(text),
        Value::Array(items) => items.iter().fold(1i32, |h, item| {
            h.wrapping_mul(31).wrapping_add(java_hash(item))
        }),
        Value::Object(map) => map.iter().fold(0i32, |h, (key, item)| {
            h.wrapping_add(string_hash(key) ^ java_hash(item))
        }),
    }
}

fn number_hash(number: &Number) -> i32 {
    if let Some(int) = number.as_i64() {
        if let Ok(small) = i32::try_from(int) {
            // `Integer.hashCode`.
            return small;
        }
        // `Long.hashCode`.
        return (int ^ ((int as u64) >> 32) as i64) as i32;
    }
    if let Some(big) = number.as_u64() {
        // `BigInteger.hashCode` over its two 32-bit magnitude words.
        let high = (big >> 32) as i32;
        let low = big as u32 as i32;
        return high.wrapping_mul(31).wrapping_add(low);
    }
    let bits = number.as_f64().map_or(0, f64::to_bits);
    // `Double.hashCode`.
    (bits ^ (bits >> 32)) as i32
}

fn string_hash(text: &str) -> i32 {
    text.encode_utf16().fold(0i32, |h, unit| {
        h.wrapping_mul(31).wrapping_add(i32::from(unit))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::unique_in_hash_set_order;

    fn check(input: Value, expected: Value) {
        let Value::Array(items) = input else {
            panic!("input must be an array")
        };
        assert_eq!(Value::Array(unique_in_hash_set_order(items)), expected);
    }

    #[test]
    fn orders_like_a_java_hash_set() {
        check(json!([true, false, true, false]), json!([false, true]));
        check(json!([[1, 2], [1, 2], [2, 1]]), json!([[2, 1], [1, 2]]));
        check(json!([null, null, 1, null]), json!([null, 1]));
        check(json!([1, "1", 1, "01"]), json!([1, "1", "01"]));
        check(json!(["a", "b", "a", "c", "b"]), json!(["a", "b", "c"]));
        check(
            json!([{"a": 1, "b": 2}, {"b": 2, "a": 1}]),
            json!([{"a": 1, "b": 2}]),
        );
        check(json!([1, 2, 3, 3, 3, 4]), json!([1, 2, 3, 4]));
    }
}
