//! Fresh identifiers: default execution names, revision ids, EXPRESS execution ids and request
//! ids, all UUID v4 as AWS's are.

/// A new random UUID in its hyphenated lowercase form.
pub(crate) fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}
