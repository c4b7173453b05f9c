//! The `wildcard` operator: `*` stands for any run of characters, `\*` for a star.

/// A wildcard pattern, split at its unescaped stars.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wildcard {
    /// The literal text between stars; one more part than there are stars.
    parts: Vec<String>,
}

impl Wildcard {
    /// Splits `text` at its stars, or gives the reason it is not a valid wildcard.
    pub(crate) fn parse(text: &str) -> Result<Wildcard, String> {
        let mut parts = vec![String::new()];
        let mut chars = text.chars().enumerate().peekable();
        let mut previous_star = false;
        while let Some((position, char)) = chars.next() {
            match char {
                '*' if previous_star => {
                    return Err(format!("Consecutive wildcard characters at pos {position}"));
                }
                '*' => {
                    parts.push(String::new());
                    previous_star = true;
                    continue;
                }
                '\\' => match chars.next() {
                    Some((_, escaped @ ('*' | '\\'))) => push(&mut parts, escaped),
                    _ => return Err(format!("Invalid escape character at pos {position}")),
                },
                char => push(&mut parts, char),
            }
            previous_star = false;
        }
        Ok(Wildcard { parts })
    }

    pub(crate) fn matches(&self, text: &str) -> bool {
        let [first, middle @ .., last] = self.parts.as_slice() else {
            return self.parts.first().is_some_and(|only| only == text);
        };
        if text.len() < first.len() + last.len()
            || !text.starts_with(first.as_str())
            || !text.ends_with(last.as_str())
        {
            return false;
        }
        let mut rest = &text[first.len()..text.len() - last.len()];
        for part in middle {
            match rest.find(part.as_str()) {
                Some(start) => rest = &rest[start + part.len()..],
                None => return false,
            }
        }
        true
    }
}

fn push(parts: &mut [String], char: char) {
    if let Some(last) = parts.last_mut() {
        last.push(char);
    }
}
