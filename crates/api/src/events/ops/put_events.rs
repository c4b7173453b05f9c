//! `PutEvents`: up to ten events; each gets its id, or the reason it was refused. The answer
//! comes once every delivery the events made is stored.

use serde_json::{Value, json};
use triggers::{Entry, Triggers};

use crate::error::{ApiError, ErrorCode};
use crate::events::shapes;
use crate::request::Members;

/// The most a request's entries may weigh together, as EventBridge counts them.
const MAX_REQUEST_BYTES: usize = 256 * 1024;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let mut entries = Vec::new();
    match members.structure_list("Entries")? {
        None => members.missing("Entries"),
        Some(items) if items.is_empty() || items.len() > 10 => {
            let constraint = if items.is_empty() {
                "Member must have length greater than or equal to 1"
            } else {
                "Member must have length less than or equal to 10"
            };
            members.violate("Entries", None, constraint);
        }
        Some(items) => {
            for mut item in items {
                entries.push(Entry {
                    time_ms: item.timestamp("Time")?,
                    source: item.text("Source", shapes::ENTRY_TEXT)?,
                    resources: item
                        .text_list("Resources", shapes::ARN)?
                        .unwrap_or_default(),
                    detail_type: item.text("DetailType", shapes::ENTRY_TEXT)?,
                    detail: item.text("Detail", shapes::ENTRY_TEXT)?,
                    event_bus_name: item.text("EventBusName", shapes::EVENT_BUS)?,
                });
                item.text("TraceHeader", shapes::ENTRY_TEXT)?;
                members.absorb(item);
            }
        }
    }
    members.text("EndpointId", shapes::ENTRY_TEXT)?;
    members.finish()?;
    if entries.iter().map(entry_size).sum::<usize>() > MAX_REQUEST_BYTES {
        return Err(ApiError::new(
            ErrorCode::ValidationException,
            "Total size of the entries in the request is over the limit.",
        ));
    }
    let results = triggers.put_events(entries).await?;
    let n_failed = results.iter().filter(|res| res.is_err()).count();
    let entries: Vec<Value> = results
        .into_iter()
        .map(|res| match res {
            Ok(id) => json!({"EventId": id}),
            Err(err) => json!({"ErrorCode": err.code, "ErrorMessage": err.message}),
        })
        .collect();
    Ok(json!({"FailedEntryCount": n_failed, "Entries": entries}))
}

/// An entry's size as EventBridge's quota counts it.
fn entry_size(entry: &Entry) -> usize {
    let text = |value: &Option<String>| value.as_ref().map_or(0, String::len);
    14 + text(&entry.source)
        + text(&entry.detail_type)
        + text(&entry.detail)
        + entry.resources.iter().map(String::len).sum::<usize>()
}
