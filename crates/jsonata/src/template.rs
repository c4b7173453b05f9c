//! Recognition of the `"{% expr %}"` string form that marks a JSONata expression in ASL.

/// Returns the expression inside a whole-string JSONata template, or `None` for a literal string.
///
/// AWS treats a string as an expression when it starts with `{%` and ends with `%}`; the text between is trimmed.
///
/// # Example
///
/// ```
/// assert_eq!(jsonata::template_expression("{% 1 + 1 %}"), Some("1 + 1"));
/// assert_eq!(jsonata::template_expression(" {% 1 %}"), None);
/// ```
pub fn template_expression(s: &str) -> Option<&str> {
    let inner = s.strip_prefix("{%")?.strip_suffix("%}")?;
    Some(inner.trim())
}

#[cfg(test)]
mod tests {
    use super::template_expression;

    #[test]
    fn recognises_only_whole_templates() {
        assert_eq!(template_expression("{%$x%}"), Some("$x"));
        assert_eq!(template_expression("{%  a.b \n %}"), Some("a.b"));
        assert_eq!(template_expression("{%%}"), Some(""));
        assert_eq!(template_expression("{%"), None);
        assert_eq!(template_expression("x {% 1 %}"), None);
        assert_eq!(template_expression("{% 1 %} "), None);
        assert_eq!(template_expression("plain"), None);
    }
}
