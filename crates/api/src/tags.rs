//! Tag lists: reading them from requests, and the limit on how many a resource may carry.

use store::Tag;

use crate::error::{ApiError, ErrorCode};
use crate::request::Members;
use crate::{arn, shapes};

/// The most tags one resource may carry.
pub(crate) const MAX_TAGS: usize = 50;

/// Reads a `TagList` member.
pub(crate) fn read(members: &mut Members, name: &str) -> Result<Option<Vec<Tag>>, ApiError> {
    let Some(items) = members.structure_list(name)? else {
        return Ok(None);
    };
    let mut tags = Vec::with_capacity(items.len());
    for mut item in items {
        let key = item.required_text("key", shapes::TAG_KEY)?;
        let value = item.text("value", shapes::TAG_VALUE)?.unwrap_or_default();
        members.absorb(item);
        tags.push(Tag { key, value });
    }
    Ok(Some(tags))
}

/// How many distinct keys a resource ends up with after adding `new` to `existing`.
pub(crate) fn count_after(existing: &[Tag], new: &[Tag]) -> usize {
    let mut keys: Vec<&str> = existing.iter().map(|tag| tag.key.as_str()).collect();
    for tag in new {
        if !keys.contains(&tag.key.as_str()) {
            keys.push(&tag.key);
        }
    }
    keys.len()
}

/// `TooManyTags` for a resource.
pub(crate) fn too_many(arn: &str) -> ApiError {
    ApiError {
        resource_name: Some(arn.to_owned()),
        ..ApiError::new(
            ErrorCode::TooManyTags,
            format!("Too many tags on resource: '{arn}' (the limit is {MAX_TAGS})"),
        )
    }
}

/// Checks that an ARN names something that can carry tags: a state machine (or one of its
/// versions or aliases) or an activity.
///
/// # Errors
/// `InvalidArn` otherwise.
pub(crate) fn check_resource_arn(resource_arn: &str) -> Result<(), ApiError> {
    let parsed = arn::parse(resource_arn)?;
    match parsed.resource_type {
        "stateMachine" | "activity" if parsed.service == "states" => Ok(()),
        other => Err(ApiError::invalid_arn(format_args!(
            "Resource type not valid in this context: {}",
            other.to_lowercase()
        ))),
    }
}

/// Maps a store failure on a tagged resource: an unknown one is `ResourceNotFound`.
pub(crate) fn resource_error(err: store::Error, resource_arn: &str) -> ApiError {
    match err {
        store::Error::NotFound(_) => ApiError::resource_not_found(resource_arn),
        other => other.into(),
    }
}
