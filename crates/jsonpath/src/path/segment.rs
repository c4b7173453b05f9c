//! The compiled steps of a JSONPath and their Jayway normalized spelling (`$['a'][0]`).

use std::fmt::Write;

use super::filter::Filter;

/// Where a path starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Root {
    /// `$`: the state input.
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
}

/// One step of a path.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Segment {
    /// `.name` or `['name']`.
    Property(String),
    /// `['a','b']`, which Jayway merges into one object when it ends the path.
    Properties(Vec<String>),
    /// `[0]` or `[-1]`.
    Index(i64),
    /// `[0,2]`.
    Indexes(Vec<i64>),
    /// `[1:3]`, `[:2]`, `[-2:]`.
    Slice { from: Option<i64>, to: Option<i64> },
    /// `.*` or `[*]`.
    Wildcard,
    /// `..`, which applies the following segment at every depth.
    Scan,
    /// `[?(...)]`.
    Filter(Box<Filter>),
    /// `.length()` and friends, which AWS parses but never resolves.
    Function(String),
}

impl Segment {
    /// Whether this step selects at most one value, in Jayway's sense.
    pub(crate) fn is_definite(&self) -> bool {
        matches!(
            self,
            Segment::Property(_)
                | Segment::Properties(_)
                | Segment::Index(_)
                | Segment::Function(_)
        )
    }

    /// Appends the Jayway path fragment for this step.
    pub(crate) fn write_normalized(&self, out: &mut String) {
        match self {
            Segment::Property(name) => {
                let _ = write!(out, "['{name}']");
            }
            Segment::Properties(names) => {
                out.push('[');
                for (idx, name) in names.iter().enumerate() {
                    if idx > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "'{name}'");
                }
                out.push(']');
            }
            Segment::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
            Segment::Indexes(indexes) => {
                out.push('[');
                for (idx, index) in indexes.iter().enumerate() {
                    if idx > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "{index}");
                }
                out.push(']');
            }
            Segment::Slice { from, to } => {
                out.push('[');
                if let Some(from) = from {
                    let _ = write!(out, "{from}");
                }
                out.push(':');
                if let Some(to) = to {
                    let _ = write!(out, "{to}");
                }
                out.push(']');
            }
            Segment::Wildcard => out.push_str("[*]"),
            Segment::Scan => out.push_str(".."),
            Segment::Filter(_) => out.push_str("[?]"),
            Segment::Function(name) => {
                let _ = write!(out, ".{name}()");
            }
        }
    }
}

/// The Jayway spelling of a root followed by `segments`.
pub(crate) fn normalized(root: &Root, segments: &[Segment]) -> String {
    let mut out = String::new();
    match root {
        Root::Input | Root::Context => out.push('$'),
        Root::Variable(name) => {
            out.push('$');
            out.push_str(name);
        }
    }
    write_segments(&mut out, segments);
    out
}

/// Appends the fragments of `segments`.
pub(crate) fn write_segments(out: &mut String, segments: &[Segment]) {
    for segment in segments {
        segment.write_normalized(out);
    }
}
