//! Sizes: how wide text is likely to be, and how big each kind of node is drawn.
//!
//! The layout runs without fonts, so text widths are estimates from typical proportions of
//! a sans-serif face; boxes leave some room, and the SVG renderer cuts names that would not
//! fit.

use crate::model::{Node, NodeKind};

/// The font size of state names.
pub(crate) const NAME_FONT: f64 = 13.0;
/// The font size of the type label under a state name.
pub(crate) const TYPE_FONT: f64 = 10.5;
/// The font size of edge labels.
pub(crate) const LABEL_FONT: f64 = 11.0;
/// The font size of scope titles.
pub(crate) const TITLE_FONT: f64 = 10.5;

/// The horizontal padding inside a state's box.
pub(crate) const NODE_PADDING: f64 = 14.0;
/// The narrowest a state's box is drawn.
pub(crate) const NODE_MIN_WIDTH: f64 = 104.0;
/// The widest a state's box is drawn; longer names are cut.
pub(crate) const NODE_MAX_WIDTH: f64 = 240.0;
/// The height of a state's box.
pub(crate) const NODE_HEIGHT: f64 = 44.0;
/// The diameter of a start or end marker.
pub(crate) const MARKER_SIZE: f64 = 18.0;
/// The height of an edge label's box.
pub(crate) const LABEL_HEIGHT: f64 = 16.0;
/// The horizontal padding around an edge label's text.
pub(crate) const LABEL_PADDING: f64 = 4.0;

/// The font size at which regular text is as wide as a (bold) state name.
pub(crate) const NAME_WIDTH_FONT: f64 = NAME_FONT * 1.08;

/// The estimated width of `text` at `font_size`.
pub(crate) fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * font_size
}

/// The width of one character, as a fraction of the font size: close to DejaVu Sans, the
/// widest of the common sans-serif faces, so that text fits in whatever face draws it.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | 'J' | '\'' => 0.28,
        '.' | ',' | ':' | ';' | '|' | '!' => 0.34,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 0.4,
        '"' | '`' | '_' | '?' => 0.52,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.97,
        '=' | '<' | '>' | '+' | '~' => 0.84,
        '…' => 1.0,
        'A'..='Z' => 0.72,
        c if c.is_ascii() => 0.62,
        // Wide scripts (CJK) are about a full em.
        c if c > '\u{2e80}' => 1.0,
        _ => 0.66,
    }
}

/// `text` cut with a trailing `…` so that it fits in `max_width` at `font_size`.
pub(crate) fn fit(text: &str, max_width: f64, font_size: f64) -> String {
    if text_width(text, font_size) <= max_width {
        return text.to_owned();
    }
    let budget = max_width - char_width('…') * font_size;
    let mut res = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        width += char_width(c) * font_size;
        if width > budget {
            break;
        }
        res.push(c);
    }
    res.truncate(res.trim_end().len());
    res.push('…');
    res
}

/// The text under a node's name: its type, or `missing` for a placeholder.
pub(crate) fn type_label(node: &Node) -> &str {
    match &node.kind {
        NodeKind::State(state_type) => state_type.name(),
        NodeKind::Missing => "missing state",
        NodeKind::Start | NodeKind::End => "",
    }
}

/// The size of a node that is not a container: `(width, height)`.
pub(crate) fn node_size(node: &Node) -> (f64, f64) {
    match node.kind {
        NodeKind::Start | NodeKind::End => (MARKER_SIZE, MARKER_SIZE),
        NodeKind::State(_) | NodeKind::Missing => {
            let text = text_width(&node.name, NAME_WIDTH_FONT)
                .max(text_width(type_label(node), TYPE_FONT));
            let width = (text + 2.0 * NODE_PADDING).clamp(NODE_MIN_WIDTH, NODE_MAX_WIDTH);
            (width.ceil(), NODE_HEIGHT)
        }
    }
}

/// The size of an edge label's box: `(width, height)`.
pub(crate) fn label_size(text: &str) -> (f64, f64) {
    (
        (text_width(text, LABEL_FONT) + 2.0 * LABEL_PADDING).ceil(),
        LABEL_HEIGHT,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting() {
        assert_eq!(fit("Short", 200.0, NAME_FONT), "Short");
        let cut = fit(&"Long name ".repeat(10), 100.0, NAME_FONT);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, NAME_FONT) <= 100.0 + 1e-9, "{cut}");
    }
}
