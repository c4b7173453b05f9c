//! Task tokens: what a worker (`GetActivityTask`) or a callback (`$$.Task.Token`) quotes to
//! report on a task, and how the runtime finds the task again from one.
//!
//! A token names its execution and task, plus a random nonce drawn from the step's entropy,
//! so it is unguessable, needs no index to resolve, and stays valid across restarts (the
//! execution stores it with the task).

/// Builds a task's token.
pub(crate) fn make(execution_arn: &str, task: u64, nonce: &str) -> String {
    let arn: String = execution_arn
        .bytes()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{arn}.{task}.{nonce}")
}

/// The execution ARN and task id a token names, or `None` for text that is not a token.
///
/// # Example
/// ```
/// let token = "61726e.7.0f0f";
/// assert_eq!(engine::token::parse(token), Some(("arn".to_owned(), engine::TaskId(7))));
/// assert_eq!(engine::token::parse("not a token"), None);
/// ```
pub fn parse(token: &str) -> Option<(String, crate::TaskId)> {
    let mut parts = token.split('.');
    let (arn, task, nonce) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || nonce.is_empty() || arn.len() % 2 != 0 {
        return None;
    }
    let bytes = (0..arn.len())
        .step_by(2)
        .map(|idx| u8::from_str_radix(arn.get(idx..idx + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let arn = String::from_utf8(bytes).ok()?;
    Some((arn, crate::TaskId(task.parse().ok()?)))
}

/// Whether a resource is an activity: `arn:aws:states:REGION:ACCOUNT:activity:NAME`.
pub fn is_activity(resource: &str) -> bool {
    let mut parts = resource.splitn(7, ':');
    matches!(
        (parts.next(), parts.nth(1), parts.nth(2), parts.next()),
        (Some("arn"), Some("states"), Some("activity"), Some(name)) if !name.is_empty()
    )
}

/// Whether a resource waits for its task token (`...waitForTaskToken`): its result comes
/// with `SendTaskSuccess`, after the service call has taken the token.
pub fn is_callback(resource: &str) -> bool {
    resource.ends_with(".waitForTaskToken")
}

/// Whether a resource names a Lambda function directly:
/// `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`, whose tasks record
/// `LambdaFunction*` events.
pub fn is_lambda_function(resource: &str) -> bool {
    let mut parts = resource.splitn(7, ':');
    matches!(
        (parts.next(), parts.nth(1), parts.nth(2), parts.next()),
        (Some("arn"), Some("lambda"), Some("function"), Some(name)) if !name.is_empty()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        let arn = "arn:aws:states:us-east-1:123456789012:execution:m:e";
        let token = make(arn, 42, "abc");
        assert_eq!(parse(&token), Some((arn.to_owned(), crate::TaskId(42))));
        assert_eq!(parse("zz.1.x"), None);
        assert_eq!(parse("61.1"), None);
        assert_eq!(parse("61.x.n"), None);
    }

    #[test]
    fn lambda_functions_are_recognised() {
        assert!(is_lambda_function(
            "arn:aws:lambda:us-east-1:123456789012:function:f"
        ));
        assert!(is_lambda_function(
            "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST"
        ));
        assert!(!is_lambda_function("arn:aws:states:::lambda:invoke"));
    }

    #[test]
    fn activities_are_recognised() {
        assert!(is_activity(
            "arn:aws:states:us-east-1:123456789012:activity:work"
        ));
        assert!(!is_activity("arn:aws:states:::lambda:invoke"));
        assert!(!is_activity(
            "arn:aws:states:us-east-1:123456789012:activity:"
        ));
        assert!(!is_activity(
            "arn:aws:lambda:us-east-1:123456789012:function:f"
        ));
    }
}
