//! Opaque pagination tokens, shared by the backends.
//!
//! A token carries a backend's position in a listing (the last key it returned, say) and a
//! fingerprint of the listing's arguments. Clients see only base64 text. Decoding checks the
//! fingerprint, so a token replayed with other arguments is rejected as `InvalidToken`, which is
//! what AWS answers when a client does not "keep all other arguments unchanged".

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::Error;

/// Encodes a position in the listing described by `query`.
///
/// `query` is any text that identifies the listing and its arguments; `position` is whatever the
/// backend needs to resume after the last item it returned.
///
/// # Example
/// ```
/// let token = store::token::encode("executions|all", "42");
/// assert_eq!(store::token::decode(&token, "executions|all").ok().as_deref(), Some("42"));
/// assert!(store::token::decode(&token, "executions|other").is_err());
/// ```
pub fn encode(query: &str, position: &str) -> String {
    STANDARD.encode(format!("{:016x}|{position}", fingerprint(query)))
}

/// Decodes a token that `encode` issued for the same `query` and returns its position.
///
/// # Errors
/// `InvalidToken` when the text is not such a token or was issued for another query.
pub fn decode(token: &str, query: &str) -> Result<String, Error> {
    let bytes = STANDARD.decode(token).map_err(|_| Error::InvalidToken)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::InvalidToken)?;
    let (hash, position) = text.split_once('|').ok_or(Error::InvalidToken)?;
    if hash != format!("{:016x}", fingerprint(query)) {
        return Err(Error::InvalidToken);
    }
    Ok(position.to_owned())
}

/// FNV-1a: stable across runs and platforms, unlike `std`'s hasher, so tokens outlive restarts.
fn fingerprint(query: &str) -> u64 {
    query.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_foreign_tokens() {
        let token = encode("history|arn|false", "7");
        assert_eq!(decode(&token, "history|arn|false").unwrap(), "7");
        assert!(matches!(
            decode(&token, "history|arn|true"),
            Err(Error::InvalidToken)
        ));
        assert!(matches!(
            decode("not base64!", "q"),
            Err(Error::InvalidToken)
        ));
        assert!(matches!(
            decode(&STANDARD.encode("no separator"), "q"),
            Err(Error::InvalidToken)
        ));
    }
}
