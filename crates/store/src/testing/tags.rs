//! Tags: adding, replacing, removing and listing them, and their life with their resource.

use std::sync::Arc;

use super::{machine, ok};
use crate::{Store, Tag};

pub(super) async fn follow_their_resource(store: Arc<dyn Store>) {
    let record = machine("tagged");
    let tag = |key: &str, value: &str| Tag {
        key: key.to_owned(),
        value: value.to_owned(),
    };
    assert!(
        matches!(
            store.tag_resource(&record.arn, vec![tag("a", "1")]).await,
            Err(crate::Error::NotFound(_))
        ),
        "tagging an unknown resource is NotFound"
    );
    assert!(matches!(
        store.list_tags(&record.arn).await,
        Err(crate::Error::NotFound(_))
    ));
    assert!(matches!(
        store
            .untag_resource(&record.arn, vec!["a".to_owned()])
            .await,
        Err(crate::Error::NotFound(_))
    ));

    ok(
        store.create_state_machine(record.clone()).await,
        "create_state_machine",
    );
    assert_eq!(ok(store.list_tags(&record.arn).await, "list_tags"), []);
    ok(
        store
            .tag_resource(&record.arn, vec![tag("a", "1"), tag("b", "2")])
            .await,
        "tag_resource",
    );
    ok(
        store
            .tag_resource(&record.arn, vec![tag("c", "3"), tag("a", "9")])
            .await,
        "tag_resource",
    );
    assert_eq!(
        ok(store.list_tags(&record.arn).await, "list_tags"),
        [tag("a", "9"), tag("b", "2"), tag("c", "3")],
        "tagging replaces values and keeps first-added order"
    );
    ok(
        store
            .untag_resource(&record.arn, vec!["b".to_owned(), "nope".to_owned()])
            .await,
        "untag_resource",
    );
    assert_eq!(
        ok(store.list_tags(&record.arn).await, "list_tags"),
        [tag("a", "9"), tag("c", "3")],
        "untagging removes the keys and ignores unknown ones"
    );

    ok(
        store.delete_state_machine(&record.arn).await,
        "delete_state_machine",
    );
    ok(
        store.create_state_machine(record.clone()).await,
        "create_state_machine",
    );
    assert_eq!(
        ok(store.list_tags(&record.arn).await, "list_tags"),
        [],
        "deleting a resource deletes its tags"
    );
}
