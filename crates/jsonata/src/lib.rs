//! JSONata for the Amazon States Language: the `jsonata-core` evaluator behind a facade that adds what AWS adds and forbids what AWS forbids.
//!
//! AWS Step Functions runs JSONata 2.0.6 with six extra functions (`$partition`, `$range`, `$hash`, `$random([seed])`, `$uuid`, `$parse`), without `$eval`, and without the 2.1 operators `?:` and `??`.
//! Expressions are parsed once into an [`Expression`] and evaluated against `serde_json` values.
//! Randomness comes from the caller's [`Entropy`], so an evaluation is a pure function of its arguments.
//!
//! # Example
//!
//! ```
//! use jsonata::{Bindings, Expression, SplitMix64, template_expression};
//! use serde_json::json;
//!
//! let field = "{% $states.input.items[price > 10].name %}";
//! let expression = Expression::parse(template_expression(field).expect("a template"))?;
//! let bindings = Bindings::new().with("states", json!({"input": {"items": [
//!     {"name": "a", "price": 5}, {"name": "b", "price": 20}]}}));
//! let res = expression.evaluate(&json!({}), &bindings, &mut SplitMix64::new(7))?;
//! assert_eq!(res, Some(json!("b")));
//! # Ok::<(), jsonata::Error>(())
//! ```

mod bindings;
mod entropy;
mod error;
mod expression;
mod functions;
mod limits;
mod restrict;
mod session;
mod template;
mod unsupported_references;
mod value;
mod variables;

pub use bindings::Bindings;
pub use entropy::{Entropy, SplitMix64};
pub use error::Error;
pub use expression::Expression;
pub use limits::Limits;
pub use session::Session;
pub use template::template_expression;
pub use unsupported_references::UnsupportedReference;
