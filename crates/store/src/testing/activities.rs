//! Activities: creating, reading, deleting and listing them, and the tags they carry.

use std::sync::Arc;

use super::{activity, machine, ok, page};
use crate::{Page, Store, Tag};

pub(super) async fn round_trip(store: Arc<dyn Store>) {
    let record = activity("alpha");
    ok(
        store.create_activity(record.clone()).await,
        "create_activity",
    );
    let got = ok(store.get_activity(&record.arn).await, "get_activity");
    assert_eq!(
        got.as_ref(),
        Some(&record),
        "a created activity reads back unchanged"
    );
    assert!(
        matches!(
            store.create_activity(record.clone()).await,
            Err(crate::Error::AlreadyExists(_))
        ),
        "creating an activity twice is AlreadyExists"
    );

    // A state machine of the same name is another resource.
    let namesake = machine("alpha");
    ok(
        store.create_state_machine(namesake.clone()).await,
        "create_state_machine",
    );
    assert_eq!(
        ok(store.get_activity(&namesake.arn).await, "get_activity"),
        None,
        "a state machine's ARN names no activity"
    );

    ok(store.delete_activity(&record.arn).await, "delete_activity");
    assert_eq!(
        ok(store.get_activity(&record.arn).await, "get_activity"),
        None,
        "a deleted activity is gone"
    );
    assert_eq!(
        ok(
            store.get_state_machine(&namesake.arn).await,
            "get_state_machine"
        ),
        Some(namesake),
        "deleting an activity leaves the state machine of the same name"
    );
    ok(
        store.delete_activity(&record.arn).await,
        "deleting a missing activity",
    );
    ok(
        store.create_activity(record.clone()).await,
        "create_activity after a delete",
    );
    assert_eq!(
        ok(store.get_activity(&record.arn).await, "get_activity"),
        Some(record),
        "a deleted activity's ARN can be used again"
    );
}

pub(super) async fn list_by_name_in_pages(store: Arc<dyn Store>) {
    let (items, next) = ok(
        store.list_activities(Page::first()).await,
        "list_activities",
    );
    assert!(
        items.is_empty() && next.is_none(),
        "an empty store lists no activities"
    );

    // Created out of order; listed by name. State machines are not activities.
    for name in ["a3", "a1", "a10", "a2", "a0"] {
        ok(
            store.create_activity(activity(name)).await,
            "create_activity",
        );
    }
    ok(
        store.create_state_machine(machine("a00")).await,
        "create_state_machine",
    );
    let mut names = Vec::new();
    let mut token = None;
    let mut n_pages = 0;
    loop {
        let (items, next) = ok(
            store.list_activities(page(2, token)).await,
            "list_activities",
        );
        assert!(items.len() <= 2, "a page holds at most max_results items");
        names.extend(items.into_iter().map(|item| item.name));
        n_pages += 1;
        match next {
            Some(next) => token = Some(next),
            None => break,
        }
        assert!(n_pages < 10, "pagination ends");
    }
    assert_eq!(
        names,
        ["a0", "a1", "a10", "a2", "a3"],
        "activities are listed by name"
    );
    assert_eq!(n_pages, 3, "five items in pages of two take three pages");

    let (items, next) = ok(
        store.list_activities(page(5, None)).await,
        "list_activities",
    );
    assert_eq!(items.len(), 5);
    assert_eq!(next, None, "no token when the page holds the rest exactly");

    // A page's token survives deletions: the next page starts after the last name returned.
    let (first, token) = ok(
        store.list_activities(page(2, None)).await,
        "list_activities",
    );
    assert_eq!(first.len(), 2);
    ok(
        store.delete_activity(&activity("a10").arn).await,
        "delete_activity",
    );
    let (rest, last) = ok(
        store.list_activities(page(5, token)).await,
        "list_activities",
    );
    let rest: Vec<String> = rest.into_iter().map(|item| item.name).collect();
    assert_eq!(
        rest,
        ["a2", "a3"],
        "the next page resumes after the last name returned"
    );
    assert_eq!(last, None);

    // 0 means the default page size of 100.
    for n in 0..100 {
        ok(
            store.create_activity(activity(&format!("x{n:03}"))).await,
            "create_activity",
        );
    }
    let (items, next) = ok(
        store.list_activities(page(0, None)).await,
        "list_activities",
    );
    assert_eq!(items.len(), 100, "max_results 0 means pages of 100");
    let (rest, last) = ok(
        store.list_activities(page(0, next)).await,
        "list_activities",
    );
    assert_eq!(rest.len(), 4);
    assert_eq!(last, None);

    ok(
        store.create_state_machine(machine("a01")).await,
        "create_state_machine",
    );
    let (_, machines_token) = ok(
        store.list_state_machines(page(1, None)).await,
        "list_state_machines",
    );
    let (_, activities_token) = ok(
        store.list_activities(page(1, None)).await,
        "list_activities",
    );
    assert!(machines_token.is_some() && activities_token.is_some());
    assert!(
        matches!(
            store.list_activities(page(1, machines_token)).await,
            Err(crate::Error::InvalidToken)
        ),
        "a state machines token for activities is InvalidToken"
    );
    assert!(
        matches!(
            store.list_state_machines(page(1, activities_token)).await,
            Err(crate::Error::InvalidToken)
        ),
        "an activities token for state machines is InvalidToken"
    );
    assert!(
        matches!(
            store
                .list_activities(page(1, Some("garbage".to_owned())))
                .await,
            Err(crate::Error::InvalidToken)
        ),
        "a token the store did not issue is InvalidToken"
    );
}

pub(super) async fn carry_tags(store: Arc<dyn Store>) {
    let record = activity("tagged");
    let tag = |key: &str, value: &str| Tag {
        key: key.to_owned(),
        value: value.to_owned(),
    };
    assert!(
        matches!(
            store.tag_resource(&record.arn, vec![tag("a", "1")]).await,
            Err(crate::Error::NotFound(_))
        ),
        "tagging an unknown activity is NotFound"
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
        store.create_activity(record.clone()).await,
        "create_activity",
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
    ok(
        store
            .untag_resource(&record.arn, vec!["b".to_owned(), "nope".to_owned()])
            .await,
        "untag_resource",
    );
    assert_eq!(
        ok(store.list_tags(&record.arn).await, "list_tags"),
        [tag("a", "9"), tag("c", "3")],
        "an activity's tags behave as a state machine's"
    );

    ok(store.delete_activity(&record.arn).await, "delete_activity");
    assert!(
        matches!(
            store.list_tags(&record.arn).await,
            Err(crate::Error::NotFound(_))
        ),
        "a deleted activity has no tags to list"
    );
    ok(
        store.create_activity(record.clone()).await,
        "create_activity",
    );
    assert_eq!(
        ok(store.list_tags(&record.arn).await, "list_tags"),
        [],
        "deleting an activity deletes its tags"
    );
}
