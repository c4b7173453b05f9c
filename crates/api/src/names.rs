//! The character rules for state machine and execution names.
//!
//! Lengths (1 to 80) are checked with the other constraints, as `ValidationException`s; these
//! rules come after and fail with `InvalidName`. A name must not contain white space, brackets
//! `< > { } [ ]`, wildcards `? *`, the characters `" # % \ ^ | ~ ` $ & , ; : /`, control
//! characters (U+0000–001F, U+007F–009F) or the non-characters U+FFFE and U+FFFF.

use crate::error::ApiError;

fn is_forbidden(c: char) -> bool {
    c.is_whitespace()
        || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c)
        || matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Checks a name against the character rules.
///
/// # Errors
/// `InvalidName` when it breaks one.
pub(crate) fn check(name: &str) -> Result<(), ApiError> {
    if name.chars().any(is_forbidden) {
        return Err(ApiError::invalid_name(name));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_names_and_rejects_forbidden_characters() {
        for name in [
            "a",
            "my-machine_1.2",
            "ÉtatMachine",
            "名前",
            "x".repeat(80).as_str(),
        ] {
            assert!(check(name).is_ok(), "{name:?} is a valid name");
        }
        for name in [
            "with space",
            "tab\there",
            "a<b",
            "a}",
            "a?",
            "a*",
            "a\"",
            "a#",
            "a%",
            "a\\b",
            "a^",
            "a|",
            "a~",
            "a`",
            "a$",
            "a&",
            "a,",
            "a;",
            "a:b",
            "a/b",
            "a\u{0}",
            "a\u{85}",
            "a\u{ffff}",
            "a\u{3000}",
        ] {
            let err = check(name).unwrap_err();
            assert_eq!(err.message, format!("Invalid Name: '{name}'"));
        }
    }
}
