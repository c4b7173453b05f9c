//! The error returned for an expression or time zone that AWS would reject.

/// Why a schedule expression or its time zone was rejected.
///
/// `Display` gives AWS's wording followed by a precise reason; [`ScheduleError::aws_message`]
/// gives AWS's wording alone, for API responses that must match AWS.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The schedule expression is malformed.
    #[error("Parameter ScheduleExpression is not valid. {0}")]
    Expression(String),
    /// The time zone is not a known IANA name.
    #[error("Invalid time zone: {0}")]
    TimeZone(String),
}

impl ScheduleError {
    /// AWS's own message for this error, without our reason.
    pub fn aws_message(&self) -> &'static str {
        match self {
            ScheduleError::Expression(_) => "Parameter ScheduleExpression is not valid.",
            ScheduleError::TimeZone(_) => "Invalid time zone.",
        }
    }

    /// Our precise reason: which part of the expression or zone is wrong.
    pub fn reason(&self) -> &str {
        match self {
            ScheduleError::Expression(reason) | ScheduleError::TimeZone(reason) => reason,
        }
    }

    pub(crate) fn expression(reason: impl Into<String>) -> Self {
        ScheduleError::Expression(reason.into())
    }
}
