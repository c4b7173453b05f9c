//! EventBridge's operations, one per file, and the table that maps `X-Amz-Target` names to
//! them. Each reads and checks every member first (`Members::finish`), then acts.

mod delete_rule;
mod describe_event_bus;
mod describe_rule;
mod disable_rule;
mod enable_rule;
mod list_event_buses;
mod list_rule_names_by_target;
mod list_rules;
mod list_tags_for_resource;
mod list_targets_by_rule;
mod put_events;
mod put_rule;
mod put_targets;
mod remove_targets;
mod tag_resource;
mod test_event_pattern;
mod untag_resource;

use serde_json::Value;
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

/// An EventBridge operation this server implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operation {
    DeleteRule,
    DescribeEventBus,
    DescribeRule,
    DisableRule,
    EnableRule,
    ListEventBuses,
    ListRuleNamesByTarget,
    ListRules,
    ListTagsForResource,
    ListTargetsByRule,
    PutEvents,
    PutRule,
    PutTargets,
    RemoveTargets,
    TagResource,
    TestEventPattern,
    UntagResource,
}

impl Operation {
    /// The operation with this name, if this server implements it.
    pub(crate) fn parse(name: &str) -> Option<Self> {
        use Operation as O;
        Some(match name {
            "DeleteRule" => O::DeleteRule,
            "DescribeEventBus" => O::DescribeEventBus,
            "DescribeRule" => O::DescribeRule,
            "DisableRule" => O::DisableRule,
            "EnableRule" => O::EnableRule,
            "ListEventBuses" => O::ListEventBuses,
            "ListRuleNamesByTarget" => O::ListRuleNamesByTarget,
            "ListRules" => O::ListRules,
            "ListTagsForResource" => O::ListTagsForResource,
            "ListTargetsByRule" => O::ListTargetsByRule,
            "PutEvents" => O::PutEvents,
            "PutRule" => O::PutRule,
            "PutTargets" => O::PutTargets,
            "RemoveTargets" => O::RemoveTargets,
            "TagResource" => O::TagResource,
            "TestEventPattern" => O::TestEventPattern,
            "UntagResource" => O::UntagResource,
            _ => return None,
        })
    }

    /// Runs the operation on a request's members.
    pub(crate) async fn handle(
        self,
        triggers: &Triggers,
        members: Members,
    ) -> Result<Value, ApiError> {
        use Operation as O;
        match self {
            O::DeleteRule => delete_rule::handle(triggers, members).await,
            O::DescribeEventBus => describe_event_bus::handle(triggers, members),
            O::DescribeRule => describe_rule::handle(triggers, members).await,
            O::DisableRule => disable_rule::handle(triggers, members).await,
            O::EnableRule => enable_rule::handle(triggers, members).await,
            O::ListEventBuses => list_event_buses::handle(triggers, members),
            O::ListRuleNamesByTarget => list_rule_names_by_target::handle(triggers, members).await,
            O::ListRules => list_rules::handle(triggers, members).await,
            O::ListTagsForResource => list_tags_for_resource::handle(triggers, members).await,
            O::ListTargetsByRule => list_targets_by_rule::handle(triggers, members).await,
            O::PutEvents => put_events::handle(triggers, members).await,
            O::PutRule => put_rule::handle(triggers, members).await,
            O::PutTargets => put_targets::handle(triggers, members).await,
            O::RemoveTargets => remove_targets::handle(triggers, members).await,
            O::TagResource => tag_resource::handle(triggers, members).await,
            O::TestEventPattern => test_event_pattern::handle(members),
            O::UntagResource => untag_resource::handle(triggers, members).await,
        }
    }
}

/// `Tags`: a list of `{Key, Value}`.
fn read_tags(members: &mut Members) -> Result<Vec<store::Tag>, ApiError> {
    let mut res = Vec::new();
    for mut tag in members.structure_list("Tags")?.unwrap_or_default() {
        let key = tag.required_text("Key", shapes::TAG_KEY)?;
        let value = tag.required_text("Value", shapes::TAG_VALUE)?;
        members.absorb(tag);
        res.push(store::Tag { key, value });
    }
    Ok(res)
}

/// `Name` (or `Rule`) and `EventBusName`, as most operations name a rule.
struct RuleName {
    name: String,
    bus: Option<String>,
}

impl RuleName {
    fn read(members: &mut Members, member: &str) -> Result<Self, ApiError> {
        let name = members.required_text(member, shapes::RULE_NAME)?;
        shapes::check_id(members, member, &name);
        let bus = members.text("EventBusName", shapes::EVENT_BUS)?;
        Ok(RuleName { name, bus })
    }
}
