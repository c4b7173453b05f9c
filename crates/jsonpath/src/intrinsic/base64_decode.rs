//! `States.Base64Decode(text)`: decodes Base64 text of up to 10,000 characters into a UTF-8 string.
//!
//! AWS decodes leniently, as Apache Commons Codec does: characters outside the alphabet are
//! skipped, decoding stops at the first `=`, and a dangling final character is dropped.
//! So `!!!invalid!!!`, `abc` and `ab==cd` all decode rather than fail.
//! Bytes that are not UTF-8 become U+FFFD, as Java's `new String(bytes, UTF_8)` makes them.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{MAX_INPUT_CHARS, fixed, invalid, java_length, string};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::Base64Decode;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [text] = fixed(args, F)?;
    let text = string(&text, F)?;
    if java_length(text) > MAX_INPUT_CHARS {
        return Err(invalid(F));
    }
    let bytes = decode_lenient(text);
    Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

fn sextet(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        // Commons Codec reads both the standard and the URL-safe alphabet.
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

fn decode_lenient(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut bits = 0u32;
    let mut count = 0;
    for byte in text.bytes() {
        if byte == b'=' {
            break;
        }
        let Some(value) = sextet(byte) else {
            continue;
        };
        bits = (bits << 6) | value;
        count += 1;
        if count == 4 {
            out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
            bits = 0;
            count = 0;
        }
    }
    match count {
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::decode_lenient;

    #[test]
    fn decodes_leniently_like_commons_codec() {
        assert_eq!(decode_lenient("aGVsbG8="), b"hello");
        assert_eq!(decode_lenient(" YWJjZA== "), b"abcd");
        assert_eq!(decode_lenient("abc"), [0x69, 0xb7]);
        assert_eq!(decode_lenient("ab==cd"), [0x69]);
        assert_eq!(decode_lenient("!!!invalid!!!"), decode_lenient("invalid"));
        assert_eq!(decode_lenient(""), b"");
    }
}
