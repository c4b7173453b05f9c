//! `Path`: a JSONPath compiled once at definition load time and evaluated cheaply at run time.

mod eval;
mod filter;
mod not_found;
mod parse;
mod pattern;
mod segment;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use crate::error::ParseError;
use crate::scope::Scope;

pub use not_found::NotFound;
pub(crate) use parse::Cursor;
pub(crate) use segment::{Root, Segment};

use eval::{Miss, select_all, select_definite};

/// A JSONPath in the dialect AWS uses (Jayway JsonPath 2.4), compiled.
///
/// It accepts `$` (the input), `$$` (the context object) and `$name` (a variable) roots,
/// followed by `.name`, `['name']`, `['a','b']`, `[0]`, `[-1]`, `[0,1]`, `[1:3]`, `[*]`, `.*`,
/// `..name` and `[?(@.x > 1)]` steps. Functions such as `.length()` parse but, as on AWS,
/// never select anything.
///
/// # Example
///
/// ```
/// use jsonpath::Path;
/// use serde_json::json;
///
/// let path = Path::parse("$.items[*].id").expect("valid path");
/// let input = json!({"items": [{"id": 1}, {"id": 2}]});
/// assert_eq!(path.select(&input, &json!({})).expect("selects"), json!([1, 2]));
/// ```
#[derive(Clone)]
pub struct Path {
    inner: Arc<Inner>,
}

/// The compiled form, shared with the `NotFound` values it produces.
#[derive(Debug, PartialEq)]
pub(crate) struct Inner {
    pub(crate) text: String,
    pub(crate) root: Root,
    pub(crate) segments: Vec<Segment>,
    pub(crate) definite: bool,
}

impl Path {
    /// Compiles `text`.
    ///
    /// # Errors
    ///
    /// Returns a `ParseError` when `text` does not start with `$`, has an unclosed bracket,
    /// ends with `.`, has a filter regular expression the `regex` crate cannot express with Java's
    /// meaning (backreferences, look-around), or is otherwise not a JSONPath.
    pub fn parse(text: &str) -> Result<Path, ParseError> {
        let parsed = parse::parse_path(text)
            .map_err(|reason| ParseError::new(format!("invalid JSONPath '{text}': {reason}")))?;
        let definite = is_definite(&parsed.segments);
        Ok(Path {
            inner: Arc::new(Inner {
                text: text.to_owned(),
                root: parsed.root,
                segments: parsed.segments,
                definite,
            }),
        })
    }

    /// The path as written.
    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// Whether the path selects at most one value: it has no wildcard, deep scan, slice,
    /// index list or filter. Definite paths select a value; the others select an array of matches.
    pub fn is_definite(&self) -> bool {
        self.inner.definite
    }

    /// Whether the path reads the context object (it starts with `$$`).
    pub fn is_context(&self) -> bool {
        self.inner.root == Root::Context
    }

    /// The variable the path reads, for `$name...` paths.
    pub fn variable(&self) -> Option<&str> {
        match &self.inner.root {
            Root::Variable(name) => Some(name),
            Root::Input | Root::Context => None,
        }
    }

    /// Selects from `input`, or from `context` for a `$$` path.
    ///
    /// A definite path gives its value; an indefinite one gives a JSON array of every match,
    /// which may be empty.
    ///
    /// # Errors
    ///
    /// Returns `NotFound` when a definite path points at nothing, and for variable paths,
    /// which need [`Path::select_in`] with the variables in scope.
    pub fn select(&self, input: &Value, context: &Value) -> Result<Value, NotFound> {
        self.select_in(&Scope::new(input, context))
    }

    /// Selects within `scope`, which also resolves `$name` variables.
    ///
    /// # Errors
    ///
    /// Returns `NotFound` as [`Path::select`] does, and when the variable is not bound.
    pub fn select_in(&self, scope: &Scope<'_>) -> Result<Value, NotFound> {
        self.select_ref(scope).map(Cow::into_owned)
    }

    /// Selects within `scope`, borrowing the result when the path is definite.
    ///
    /// # Errors
    ///
    /// Returns `NotFound` as [`Path::select_in`] does.
    pub fn select_ref<'a>(&self, scope: &Scope<'a>) -> Result<Cow<'a, Value>, NotFound> {
        let inner = &self.inner;
        let document = match &inner.root {
            Root::Input => scope.input(),
            Root::Context => scope.context(),
            Root::Variable(name) => match scope.variable(name) {
                Some(value) => value,
                None => return Err(self.not_found(Miss::UndefinedVariable)),
            },
        };
        if inner.definite {
            select_definite(&inner.segments, document).map_err(|miss| self.not_found(miss))
        } else {
            let matches =
                select_all(&inner.segments, document).map_err(|miss| self.not_found(miss))?;
            Ok(Cow::Owned(Value::Array(
                matches.into_iter().map(Cow::into_owned).collect(),
            )))
        }
    }

    /// Jayway's normalized form, which AWS prints in its messages: `$['a'][0]` for `$.a[0]`.
    pub fn normalized(&self) -> String {
        segment::normalized(&self.inner.root, &self.inner.segments)
    }

    fn not_found(&self, miss: Miss) -> NotFound {
        NotFound::new(Arc::clone(&self.inner), miss)
    }

    pub(crate) fn segments(&self) -> &[Segment] {
        &self.inner.segments
    }

    pub(crate) fn root(&self) -> &Root {
        &self.inner.root
    }
}

/// A path is definite when every step selects one value and a `['a','b']` merge, if any, comes last.
fn is_definite(segments: &[Segment]) -> bool {
    let last = segments.len().saturating_sub(1);
    segments
        .iter()
        .enumerate()
        .all(|(idx, segment)| match segment {
            Segment::Properties(_) => idx == last,
            other => other.is_definite(),
        })
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Path").field(&self.inner.text).finish()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.text)
    }
}

impl PartialEq for Path {
    fn eq(&self, other: &Self) -> bool {
        self.inner.text == other.inner.text
    }
}

impl Eq for Path {}
