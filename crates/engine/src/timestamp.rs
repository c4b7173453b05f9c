//! Strict RFC 3339 timestamps, as ASL compares and waits for them.
//!
//! jiff alone is more lenient than AWS (it takes a lowercase `t`, a space, a missing seconds
//! field), so a strict shape check runs first.

/// Parses a timestamp into nanoseconds since the Unix epoch.
pub(crate) fn parse(text: &str) -> Option<i128> {
    if !strict_shape(text) {
        return None;
    }
    let timestamp: jiff::Timestamp = text.parse().ok()?;
    Some(timestamp.as_nanosecond())
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`.
fn strict_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    if !(digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10)
        && bytes.get(10) == Some(&b'T')
        && digits(11..13)
        && bytes.get(13) == Some(&b':')
        && digits(14..16)
        && bytes.get(16) == Some(&b':')
        && digits(17..19))
    {
        return false;
    }
    let mut idx = 19;
    if bytes.get(idx) == Some(&b'.') {
        idx += 1;
        let start = idx;
        while bytes.get(idx).is_some_and(u8::is_ascii_digit) {
            idx += 1;
        }
        if idx == start {
            return false;
        }
    }
    match bytes.get(idx) {
        Some(b'Z') => idx + 1 == bytes.len(),
        Some(b'+' | b'-') => {
            digits(idx + 1..idx + 3)
                && bytes.get(idx + 3) == Some(&b':')
                && digits(idx + 4..idx + 6)
                && idx + 6 == bytes.len()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn strictness() {
        let check = |text: &str, valid: bool| assert_eq!(parse(text).is_some(), valid, "{text}");
        check("2016-03-14T01:59:00Z", true);
        check("2016-03-14T01:59:00.123Z", true);
        check("2016-03-14T01:59:00+02:00", true);
        check("2016-03-14t01:59:00Z", false);
        check("2016-03-14 01:59:00Z", false);
        check("2016-03-14T01:59Z", false);
        check("2016-12-05T25:29:29Z", false);
        check("2016-12-05T21:29:29", false);
        check("05-12-2016T21:29:29Z", false);
    }

    #[test]
    fn ordering() {
        assert!(parse("2016-03-14T01:59:00Z") < parse("2016-03-14T02:59:00+00:00"));
        assert_eq!(
            parse("2016-03-14T01:59:00Z"),
            parse("2016-03-14T03:59:00+02:00")
        );
    }
}
