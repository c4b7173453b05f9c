//! Events as EventBridge writes them: the envelope (`version`, `id`, `detail-type`, `source`,
//! `account`, `time`, `region`, `resources`, `detail`) around what a producer sent.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

/// One entry of `PutEvents`, as the client sent it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// `Source`.
    pub source: Option<String>,
    /// `DetailType`.
    pub detail_type: Option<String>,
    /// `Detail`: JSON text of an object.
    pub detail: Option<String>,
    /// `Resources`.
    pub resources: Vec<String>,
    /// `Time`, epoch milliseconds (the time of the call when absent).
    pub time_ms: Option<i64>,
    /// `EventBusName`: a name or an ARN (the default bus when absent).
    pub event_bus_name: Option<String>,
}

/// Why one entry of `PutEvents` was refused: `ErrorCode` and `ErrorMessage` of its result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    /// `ErrorCode`.
    pub code: &'static str,
    /// `ErrorMessage`.
    pub message: String,
}

impl EntryError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        EntryError {
            code,
            message: message.into(),
        }
    }
}

/// Where an event is raised: the account and region of the envelope.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Origin<'a> {
    pub(crate) account: &'a str,
    pub(crate) region: &'a str,
}

/// An event in EventBridge's envelope, ready to be matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Its id.
    pub id: String,
    /// The whole event.
    pub value: Value,
}

impl Event {
    /// Wraps a producer's detail in the envelope.
    pub(crate) fn new(
        origin: Origin<'_>,
        id: String,
        source: &str,
        detail_type: &str,
        time_ms: i64,
        resources: Vec<String>,
        detail: Value,
    ) -> Event {
        let value = json!({
            "version": "0",
            "id": id,
            "detail-type": detail_type,
            "source": source,
            "account": origin.account,
            "time": time_text(time_ms),
            "region": origin.region,
            "resources": resources,
            "detail": detail,
        });
        Event { id, value }
    }

    /// An event that arrived whole (an API destination forwards events as they are): its
    /// envelope is kept and completed where it lacks a member.
    pub(crate) fn forwarded(
        origin: Origin<'_>,
        mut event: Map<String, Value>,
        now_ms: i64,
    ) -> Event {
        let id = match event.get("id").and_then(Value::as_str) {
            Some(id) if !id.is_empty() => id.to_owned(),
            _ => uuid::Uuid::new_v4().to_string(),
        };
        let defaults = [
            ("version", json!("0")),
            ("id", json!(id)),
            ("account", json!(origin.account)),
            ("time", json!(time_text(now_ms))),
            ("region", json!(origin.region)),
            ("resources", json!([])),
            ("detail", json!({})),
        ];
        for (name, value) in defaults {
            event.entry(name).or_insert(value);
        }
        Event {
            id,
            value: Value::Object(event),
        }
    }

    /// The event as JSON text.
    pub(crate) fn text(&self) -> String {
        self.value.to_string()
    }
}

/// Checks a `PutEvents` entry as EventBridge does and builds its event.
pub(crate) fn from_entry(
    origin: Origin<'_>,
    entry: &Entry,
    now_ms: i64,
) -> Result<Event, EntryError> {
    let required = |value: &Option<String>, name: &str| match value {
        Some(text) if !text.is_empty() => Ok(text.clone()),
        _ => Err(EntryError::new(
            "InvalidArgument",
            format!("Parameter {name} is not valid. Reason: {name} is a required argument."),
        )),
    };
    let source = required(&entry.source, "Source")?;
    let detail_type = required(&entry.detail_type, "DetailType")?;
    let detail_text = required(&entry.detail, "Detail")?;
    let detail = match serde_json::from_str::<Value>(&detail_text) {
        Ok(detail @ Value::Object(_)) => detail,
        _ => return Err(EntryError::new("MalformedDetail", "Detail is malformed.")),
    };
    Ok(Event::new(
        origin,
        uuid::Uuid::new_v4().to_string(),
        &source,
        &detail_type,
        entry.time_ms.unwrap_or(now_ms),
        entry.resources.clone(),
        detail,
    ))
}

/// A time as events write it: RFC 3339 in UTC, to the second.
pub(crate) fn time_text(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    jiff::Timestamp::from_second(seconds)
        .map(|time| time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

/// A UUID-shaped name that depends only on `seed`: the same delivery always names the same
/// execution.
pub(crate) fn stable_uuid(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: Origin<'static> = Origin {
        account: "000000000000",
        region: "us-east-1",
    };

    fn entry(source: &str, detail_type: &str, detail: &str) -> Entry {
        Entry {
            source: Some(source.to_owned()),
            detail_type: Some(detail_type.to_owned()),
            detail: Some(detail.to_owned()),
            ..Entry::default()
        }
    }

    #[test]
    fn an_entry_becomes_an_event_in_its_envelope() {
        let mut with_time = entry("app", "Order Placed", r#"{"n": 1}"#);
        with_time.time_ms = Some(1_700_000_000_999);
        with_time.resources = vec!["arn:aws:s3:::b".to_owned()];
        let event = from_entry(ORIGIN, &with_time, 0).expect("valid");
        let mut value = event.value.clone();
        assert_eq!(value["id"], json!(event.id));
        value["id"] = json!("ID");
        assert_eq!(
            value,
            json!({"version": "0", "id": "ID", "detail-type": "Order Placed", "source": "app",
                   "account": "000000000000", "time": "2023-11-14T22:13:20Z", "region": "us-east-1",
                   "resources": ["arn:aws:s3:::b"], "detail": {"n": 1}})
        );
    }

    #[test]
    fn entries_missing_a_member_or_with_a_bad_detail_are_refused() {
        let cases = [
            (
                entry("", "t", "{}"),
                "InvalidArgument",
                "Parameter Source is not valid. Reason: Source is a required argument.",
            ),
            (
                entry("s", "", "{}"),
                "InvalidArgument",
                "Parameter DetailType is not valid. Reason: DetailType is a required argument.",
            ),
            (
                entry("s", "t", ""),
                "InvalidArgument",
                "Parameter Detail is not valid. Reason: Detail is a required argument.",
            ),
            (
                entry("s", "t", "[1]"),
                "MalformedDetail",
                "Detail is malformed.",
            ),
            (
                entry("s", "t", "{"),
                "MalformedDetail",
                "Detail is malformed.",
            ),
        ];
        for (entry, code, message) in cases {
            let err = from_entry(ORIGIN, &entry, 0).expect_err("refused");
            assert_eq!(
                (err.code, err.message.as_str()),
                (code, message),
                "{entry:?}"
            );
        }
    }

    #[test]
    fn a_forwarded_event_keeps_its_envelope() {
        let Value::Object(map) =
            json!({"id": "e-1", "source": "x", "detail-type": "y", "account": "111"})
        else {
            unreachable!()
        };
        let event = Event::forwarded(ORIGIN, map, 0);
        assert_eq!(event.id, "e-1");
        assert_eq!(event.value["account"], json!("111"));
        assert_eq!(event.value["region"], json!("us-east-1"));
        assert_eq!(event.value["detail"], json!({}));
    }

    #[test]
    fn stable_names_are_uuids_that_depend_on_their_seed_alone() {
        let a = stable_uuid("a");
        assert_eq!(a, stable_uuid("a"));
        assert_ne!(a, stable_uuid("b"));
        assert!(uuid::Uuid::parse_str(&a).is_ok(), "{a}");
    }
}
