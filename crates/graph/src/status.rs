//! What an execution has done with a state, as the SVG draws it.

use std::fmt;
use std::str::FromStr;

/// The status of a state in one execution; each maps to a CSS class of the state's `<g>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The execution has not entered the state.
    NotStarted,
    /// The state has been entered and not yet exited.
    Running,
    /// The state exited normally.
    Succeeded,
    /// The state failed, and nothing caught the failure.
    Failed,
    /// The state failed, and a Catcher caught the failure.
    Caught,
    /// The execution was stopped, or a sibling branch failed, while the state ran.
    Cancelled,
}

impl Status {
    /// Every status, in the order above.
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::Running,
        Status::Succeeded,
        Status::Failed,
        Status::Caught,
        Status::Cancelled,
    ];

    /// The status in kebab case: `not-started`, `running`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::Running => "running",
            Status::Succeeded => "succeeded",
            Status::Failed => "failed",
            Status::Caught => "caught",
            Status::Cancelled => "cancelled",
        }
    }

    /// The CSS class the SVG gives a state with this status: `sw-status-running`, ...
    pub fn class(self) -> String {
        format!("sw-status-{}", self.as_str())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`Status`] from text that names none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStatus(pub String);

impl fmt::Display for UnknownStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown state status `{}`", self.0)
    }
}

impl std::error::Error for UnknownStatus {}

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Parses the kebab-case name [`Status::as_str`] gives.
    ///
    /// # Errors
    ///
    /// [`UnknownStatus`] for any other text.
    fn from_str(text: &str) -> Result<Status, UnknownStatus> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| UnknownStatus(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse(), Ok(status));
        }
        assert_eq!(Status::Caught.class(), "sw-status-caught");
        assert!("done".parse::<Status>().is_err());
    }
}
