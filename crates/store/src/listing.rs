//! What every backend's listings share: the identity of a listing (for its tokens), typed
//! positions inside tokens, and the window of a history page.
//!
//! State machines and activities are both listed by `(name, arn)`, and a page's token carries
//! the last pair it returned.

use crate::{Error, ExecutionStatus, Page, token};

/// The listing of state machines, as its tokens name it.
pub const STATE_MACHINES_QUERY: &str = "state-machines";

/// The listing of activities, as its tokens name it.
pub const ACTIVITIES_QUERY: &str = "activities";

/// The listing of executions with these filters, as its tokens name it.
pub fn executions_query(
    state_machine_arn: Option<&str>,
    status: Option<ExecutionStatus>,
) -> String {
    format!(
        "executions|{}|{}",
        state_machine_arn.unwrap_or("*"),
        status.map_or("*", ExecutionStatus::as_str)
    )
}

/// The listing of one execution's history in one direction, as its tokens name it.
pub fn history_query(execution_arn: &str, reverse: bool) -> String {
    format!("history|{execution_arn}|{reverse}")
}

/// The position a page's token carries, or `None` on the first page.
///
/// # Errors
/// `InvalidToken` for a token of another listing, or one whose position does not read back.
pub fn decode_position<T: serde::de::DeserializeOwned>(
    page: &Page,
    query: &str,
) -> Result<Option<T>, Error> {
    let Some(text) = &page.next_token else {
        return Ok(None);
    };
    let position = token::decode(text, query)?;
    serde_json::from_str(&position)
        .map(Some)
        .map_err(|_| Error::InvalidToken)
}

/// A token for the listing `query` that resumes after `position`.
pub fn encode_position<T: serde::Serialize>(query: &str, position: &T) -> String {
    // Tuples of strings and integers always serialize.
    token::encode(query, &serde_json::to_string(position).unwrap_or_default())
}

/// Which events of a history of `count` events a page holds: indexes `start..end` (ids
/// `start + 1 ..= end`), newest first when `reverse`, and the token of the next page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryWindow {
    /// The first index.
    pub start: usize,
    /// One past the last index.
    pub end: usize,
    /// The next page's token, when there is one.
    pub next: Option<String>,
}

/// The window of the history page `page` asks for.
///
/// The cursor is an index into the history, which only ever grows at the end: forward pages
/// resume at it, reverse pages end just before it.
///
/// # Errors
/// `InvalidToken` for a token of another listing or past the end.
pub fn history_window(
    execution_arn: &str,
    count: usize,
    reverse: bool,
    page: &Page,
) -> Result<HistoryWindow, Error> {
    let query = history_query(execution_arn, reverse);
    let cursor: Option<usize> = decode_position(page, &query)?;
    if cursor.is_some_and(|cursor| cursor > count) {
        return Err(Error::InvalidToken);
    }
    let size = page.size();
    Ok(if reverse {
        let end = cursor.unwrap_or(count);
        let start = end.saturating_sub(size);
        let next = (start > 0).then(|| encode_position(&query, &start));
        HistoryWindow { start, end, next }
    } else {
        let start = cursor.unwrap_or(0);
        let end = start.saturating_add(size).min(count);
        let next = (end < count).then(|| encode_position(&query, &end));
        HistoryWindow { start, end, next }
    })
}
