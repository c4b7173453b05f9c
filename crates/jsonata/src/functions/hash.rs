//! `$hash(value, algorithm)`: the lowercase hex digest of a string with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.

use jsonata_core::evaluator::EvaluatorError;
use jsonata_core::value::JValue;
use sha2::Digest;

use super::{arity, bad_argument, coded};

pub(super) fn hash(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity(args, 2, 2, "hash")?;
    let input = match &args[0] {
        JValue::Undefined => return Ok(JValue::Undefined),
        JValue::String(s) => s.as_bytes(),
        _ => return Err(bad_argument(1, "hash")),
    };
    let Some(algorithm) = args[1].as_str() else {
        return Err(bad_argument(2, "hash"));
    };
    let digest = match algorithm {
        "MD5" => hex::encode(md5::Md5::digest(input)),
        "SHA-1" => hex::encode(sha1::Sha1::digest(input)),
        "SHA-256" => hex::encode(sha2::Sha256::digest(input)),
        "SHA-384" => hex::encode(sha2::Sha384::digest(input)),
        "SHA-512" => hex::encode(sha2::Sha512::digest(input)),
        other => {
            return Err(coded(
                "D3050",
                &format!(
                    "The hashing algorithm '{other}' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
                ),
            ));
        }
    };
    Ok(JValue::from(digest))
}
