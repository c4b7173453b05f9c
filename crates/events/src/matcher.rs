//! The operators of a pattern's leaf arrays, each tested against one scalar of the event.

use std::net::IpAddr;

use ipnet::IpNet;
use serde_json::Value;

use crate::numeric::Range;
use crate::wildcard::Wildcard;

/// One element of a pattern's leaf array.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Matcher {
    /// A literal: `"x"`, `3`, `true`, `null`.
    Exact(Literal),
    /// `{"prefix": "x"}`, or `{"prefix": {"equals-ignore-case": "x"}}`.
    Prefix(Affix),
    /// `{"suffix": "x"}`, or `{"suffix": {"equals-ignore-case": "x"}}`.
    Suffix(Affix),
    /// `{"equals-ignore-case": "x"}`.
    EqualsIgnoreCase(Folded),
    /// `{"wildcard": "a*b"}`.
    Wildcard(Wildcard),
    /// `{"anything-but": ...}`.
    AnythingBut(AnythingBut),
    /// `{"numeric": [">", 0, "<=", 5]}`.
    Numeric(Range),
    /// `{"exists": true}`; tested by the caller, since it concerns the field, not a value.
    Exists(bool),
    /// `{"cidr": "10.0.0.0/24"}`.
    Cidr(IpNet),
}

/// A literal value of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    String(String),
    /// Numbers compare as numbers: `300` matches `300.0` and `3e2`.
    Number(f64),
    Bool(bool),
    Null,
}

/// The text of a `prefix` or `suffix`, and whether case is ignored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Affix {
    Exact(String),
    IgnoreCase(Folded),
}

/// A string folded to lower case once, when the pattern is parsed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Folded(String);

/// The forms of `anything-but`: the value matches unless it is one of these.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AnythingBut {
    Values(Vec<Literal>),
    Prefix(String),
    Suffix(String),
    EqualsIgnoreCase(Vec<Folded>),
    Wildcard(Vec<Wildcard>),
}

impl Matcher {
    /// Whether the scalar `value` (never an array or object) matches.
    pub(crate) fn matches(&self, value: &Value) -> bool {
        match self {
            Matcher::Exact(literal) => literal.matches(value),
            Matcher::Prefix(affix) => value
                .as_str()
                .is_some_and(|text| affix.test(text, |text, affix| text.starts_with(affix))),
            Matcher::Suffix(affix) => value
                .as_str()
                .is_some_and(|text| affix.test(text, |text, affix| text.ends_with(affix))),
            Matcher::EqualsIgnoreCase(folded) => {
                value.as_str().is_some_and(|text| folded.equals(text))
            }
            Matcher::Wildcard(wildcard) => {
                value.as_str().is_some_and(|text| wildcard.matches(text))
            }
            Matcher::AnythingBut(anything_but) => anything_but.matches(value),
            Matcher::Numeric(range) => value.as_f64().is_some_and(|number| range.contains(number)),
            Matcher::Exists(_) => false,
            Matcher::Cidr(network) => value
                .as_str()
                .and_then(|text| text.parse::<IpAddr>().ok())
                .is_some_and(|address| network.contains(&address)),
        }
    }
}

impl Literal {
    fn matches(&self, value: &Value) -> bool {
        match (self, value) {
            (Literal::String(literal), Value::String(text)) => literal == text,
            (Literal::Number(literal), Value::Number(number)) => {
                number.as_f64().is_some_and(|number| number == *literal)
            }
            (Literal::Bool(literal), Value::Bool(boolean)) => literal == boolean,
            (Literal::Null, Value::Null) => true,
            _ => false,
        }
    }
}

impl Affix {
    fn test(&self, text: &str, test: impl Fn(&str, &str) -> bool) -> bool {
        match self {
            Affix::Exact(affix) => test(text, affix),
            Affix::IgnoreCase(Folded(affix)) => test(&text.to_lowercase(), affix),
        }
    }
}

impl Folded {
    pub(crate) fn new(text: &str) -> Folded {
        Folded(text.to_lowercase())
    }

    fn equals(&self, text: &str) -> bool {
        text.to_lowercase() == self.0
    }
}

impl AnythingBut {
    /// `anything-but` matches any value of the field that is not excluded; string forms
    /// exclude only strings.
    fn matches(&self, value: &Value) -> bool {
        let text = value.as_str();
        !match self {
            AnythingBut::Values(literals) => literals.iter().any(|literal| literal.matches(value)),
            AnythingBut::Prefix(prefix) => {
                text.is_some_and(|text| text.starts_with(prefix.as_str()))
            }
            AnythingBut::Suffix(suffix) => text.is_some_and(|text| text.ends_with(suffix.as_str())),
            AnythingBut::EqualsIgnoreCase(folded) => {
                text.is_some_and(|text| folded.iter().any(|folded| folded.equals(text)))
            }
            AnythingBut::Wildcard(wildcards) => {
                text.is_some_and(|text| wildcards.iter().any(|wildcard| wildcard.matches(text)))
            }
        }
    }
}
