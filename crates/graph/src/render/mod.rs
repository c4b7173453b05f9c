//! Renderers: [`svg`] draws a [`Layout`](crate::Layout); [`dot`] and [`mermaid`] write
//! source text for Graphviz and Mermaid, which lay the graph out themselves.

pub mod dot;
pub mod mermaid;
pub mod svg;

/// `text` with the five XML special characters escaped, for text and attribute values.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => res.push_str("&amp;"),
            '<' => res.push_str("&lt;"),
            '>' => res.push_str("&gt;"),
            '"' => res.push_str("&quot;"),
            '\'' => res.push_str("&apos;"),
            // XML 1.0 allows no other control characters than tab, newline and return.
            c if c.is_control() => res.push(' '),
            c => res.push(c),
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            escape_xml("a < b & \"c\" > 'd'\u{1}"),
            "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos; "
        );
    }
}
