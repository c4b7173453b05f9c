//! RFC 3339 timestamps as Wait states and Choice rules accept them:
//! `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, with real calendar dates.

/// Whether `text` is an RFC 3339 date-time.
pub(crate) fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 20 {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(
            part.iter()
                .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0')),
        )
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return false;
    };
    if bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return false;
    }
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }
    let mut pos = 19;
    if bytes[pos] == b'.' {
        let fraction = bytes[pos + 1..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if fraction == 0 {
            return false;
        }
        pos += 1 + fraction;
    }
    match bytes.get(pos) {
        Some(b'Z' | b'z') => pos + 1 == bytes.len(),
        Some(b'+' | b'-') => {
            let (Some(offset_hour), Some(offset_minute)) =
                (digits(pos + 1..pos + 3), digits(pos + 4..pos + 6))
            else {
                return false;
            };
            bytes.get(pos + 3) == Some(&b':')
                && pos + 6 == bytes.len()
                && offset_hour <= 23
                && offset_minute <= 59
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::is_timestamp;

    #[test]
    fn timestamps() {
        for text in [
            "2016-03-14T01:59:00Z",
            "2016-03-05T21:29:29.243167252Z",
            "2016-02-29T00:00:00+01:00",
            "2016-12-31T23:59:60-05:30",
        ] {
            assert!(is_timestamp(text), "{text}");
        }
        for text in [
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "2016-12-05 21:29:29Z",
            "2016-12-05T21:29:29",
            "2015-02-29T00:00:00Z",
            "2016-12-05T21:29:29.Z",
            "2016-12-05T21:29:29+0100",
            "{% '2016-03-14T01:59:00Z' %}",
            "",
            "2016-12-05T21:29:29Zjunk",
            "２０16-12-05T21:29:29Z",
        ] {
            assert!(!is_timestamp(text), "{text}");
        }
    }
}
