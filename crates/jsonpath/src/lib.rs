//! Paths, payload templates and intrinsic functions of the Amazon States Language's JSONPath mode,
//! with AWS's exact outputs and failure messages.
//!
//! Everything is compiled when a definition loads and evaluated cheaply for each state transition.
//! The crate is pure: no I/O, no clock, and randomness only through the caller's [`Entropy`].
//!
//! ```
//! use jsonpath::{Entropy, Path, PayloadTemplate, ReferencePath};
//! use serde_json::json;
//!
//! struct Fixed;
//! impl Entropy for Fixed {
//!     fn uuid_v4(&mut self) -> String { "00000000-0000-4000-8000-000000000000".to_owned() }
//!     fn next_u64(&mut self) -> u64 { 4 }
//! }
//!
//! let context = json!({"Execution": {"Name": "run-1"}});
//! let input = json!({"order": {"items": [{"sku": "a"}, {"sku": "b"}]}});
//!
//! // InputPath.
//! let effective = Path::parse("$.order").expect("path").select(&input, &context).expect("selects");
//! // Parameters.
//! let parameters = PayloadTemplate::compile(&json!({
//!     "count.$": "States.ArrayLength($.items)",
//!     "skus.$": "$.items[*].sku",
//!     "run.$": "$$.Execution.Name"
//! }))
//! .expect("template");
//! let result = parameters.evaluate(&effective, &context, &mut Fixed).expect("evaluates");
//! // ResultPath.
//! let output = ReferencePath::parse("$.summary").expect("reference path").set(input, result).expect("applies");
//! assert_eq!(output["summary"], json!({"count": 2, "skus": ["a", "b"], "run": "run-1"}));
//! ```

mod entropy;
mod error;
mod expression;
mod intrinsic;
mod java;
mod path;
mod reference_path;
mod scope;
mod template;

pub use entropy::Entropy;
pub use error::{Failure, ParseError};
pub use expression::Expression;
pub use intrinsic::Intrinsic;
pub use path::{NotFound, Path};
pub use reference_path::ReferencePath;
pub use scope::{Scope, Variables};
pub use template::PayloadTemplate;

#[cfg(test)]
mod tests {
    use super::{
        Expression, Failure, Intrinsic, NotFound, ParseError, Path, PayloadTemplate, ReferencePath,
    };

    fn assert_shareable<T: Send + Sync + Clone + std::fmt::Debug>() {}

    /// Architecture invariant: compiled definitions are shared between executions on many threads.
    #[test]
    fn compiled_forms_are_shareable_across_threads() {
        assert_shareable::<Path>();
        assert_shareable::<ReferencePath>();
        assert_shareable::<PayloadTemplate>();
        assert_shareable::<Intrinsic>();
        assert_shareable::<Expression>();
        assert_shareable::<NotFound>();
        assert_shareable::<Failure>();
        assert_shareable::<ParseError>();
    }
}
