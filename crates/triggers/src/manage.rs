//! Rules and targets as the EventBridge API manages them: put, describe, list, enable,
//! disable, delete; put, list and remove targets.

use schedules::Schedule;
use store::{RuleRecord, TargetRecord};

use crate::rules::{DEFAULT_BUS, rule_arn};
use crate::{Error, Triggers};

/// The most targets a rule can have (EventBridge's quota).
const MAX_TARGETS: usize = 5;

/// What `PutRule` asks for.
#[derive(Clone, Debug, Default)]
pub struct RuleSpec {
    /// `Name`.
    pub name: String,
    /// `EventBusName` (a name or an ARN).
    pub event_bus_name: Option<String>,
    /// `EventPattern`.
    pub event_pattern: Option<String>,
    /// `ScheduleExpression`.
    pub schedule_expression: Option<String>,
    /// `State` (default `ENABLED`).
    pub state: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `RoleArn`.
    pub role_arn: Option<String>,
    /// `Tags`: kept when the rule is created, ignored when it is replaced, as EventBridge
    /// does (`TagResource` changes them).
    pub tags: Vec<store::Tag>,
}

/// A target that `PutTargets` or `RemoveTargets` did not take: an entry of `FailedEntries`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetFailure {
    /// `TargetId`.
    pub target_id: String,
    /// `ErrorCode`.
    pub code: String,
    /// `ErrorMessage`.
    pub message: String,
}

fn check_bus(given: Option<&str>) -> Result<&str, Error> {
    let bus = crate::bus_name(given);
    if bus == DEFAULT_BUS {
        Ok(bus)
    } else {
        Err(Error::ResourceNotFound(format!(
            "Event bus {bus} does not exist."
        )))
    }
}

fn rule_not_found(name: &str, bus: &str) -> Error {
    Error::ResourceNotFound(format!("Rule {name} does not exist on EventBus {bus}."))
}

/// Checks a target as `PutTargets` takes it.
fn check_target(target: &TargetRecord) -> Result<(), Error> {
    let id = &target.id;
    let choices = [
        target.input.is_some(),
        target.input_path.is_some(),
        target.input_transformer.is_some(),
    ];
    if choices.iter().filter(|given| **given).count() > 1 {
        return Err(Error::Validation(format!(
            "Target {id}: only one of Input, InputPath and InputTransformer may be given."
        )));
    }
    if let Some(input) = &target.input
        && serde_json::from_str::<serde_json::Value>(input).is_err()
    {
        return Err(Error::Validation(format!(
            "Target {id}: Input is not valid JSON text."
        )));
    }
    let paths = target.input_path.iter().chain(
        target
            .input_transformer
            .iter()
            .flat_map(|transformer| transformer.input_paths_map.iter().map(|(_, path)| path)),
    );
    for path in paths {
        if jsonpath::Path::parse(path).is_err() || !path.starts_with('$') {
            return Err(Error::Validation(format!(
                "Target {id}: '{path}' is not a valid JSONPath."
            )));
        }
    }
    if !target.arn.starts_with("arn:aws:states:") || !target.arn.contains(":stateMachine:") {
        return Err(Error::Validation(format!(
            "Target {id}: the target '{}' is not a state machine; Statewright delivers events to state machines only.",
            target.arn
        )));
    }
    if let Some(queue) = &target.dead_letter_arn
        && (!queue.starts_with("arn:aws:sqs:") || crate::dead_letter::queue_name(queue).is_none())
    {
        return Err(Error::Validation(format!(
            "Target {id}: the dead-letter queue '{queue}' is not an SQS queue ARN."
        )));
    }
    Ok(())
}

impl Triggers {
    fn arn_of(&self, bus: &str, name: &str) -> String {
        let config = self.inner.runtime.config();
        rule_arn(&config.region, &config.account, bus, name)
    }

    async fn existing(&self, name: &str, given_bus: Option<&str>) -> Result<RuleRecord, Error> {
        let bus = check_bus(given_bus)?;
        self.store()
            .get_rule(&self.arn_of(bus, name))
            .await?
            .ok_or_else(|| rule_not_found(name, bus))
    }

    /// `PutRule`: creates a rule, or replaces everything but the targets of an existing one.
    /// Returns its ARN.
    ///
    /// # Errors
    /// `Validation` for a rule with neither or a bad schedule, `InvalidEventPattern`,
    /// `ResourceNotFound` for an unknown bus.
    pub async fn put_rule(&self, spec: RuleSpec) -> Result<String, Error> {
        let bus = check_bus(spec.event_bus_name.as_deref())?;
        if spec.event_pattern.is_none() && spec.schedule_expression.is_none() {
            return Err(Error::Validation(
                "Parameter(s) ScheduleExpression or EventPattern must be specified.".to_owned(),
            ));
        }
        if let Some(pattern) = &spec.event_pattern {
            events::Pattern::parse(pattern)
                .map_err(|err| Error::InvalidEventPattern(err.to_string()))?;
        }
        if let Some(expression) = &spec.schedule_expression {
            if bus != DEFAULT_BUS {
                return Err(Error::Validation(
                    "ScheduleExpression is supported only on the default event bus.".to_owned(),
                ));
            }
            // Rules take rate() and cron(); at() is EventBridge Scheduler's.
            let parsed = Schedule::parse(expression, None)
                .map_err(|err| Error::Validation(err.to_string()))?;
            if matches!(parsed, Schedule::At { .. }) {
                return Err(Error::Validation(
                    "Parameter ScheduleExpression is not valid. Rules take rate(...) or cron(...); at(...) belongs to EventBridge Scheduler".to_owned(),
                ));
            }
        }
        let arn = self.arn_of(bus, &spec.name);
        let _guard = self.inner.changes.lock().await;
        let existing = self.store().get_rule(&arn).await?;
        let now = self.inner.runtime.now_ms();
        let state = spec.state.unwrap_or_else(|| "ENABLED".to_owned());
        let (schedule_since_ms, last_fired_ms) = match &existing {
            // A schedule that stays and keeps running keeps its count.
            Some(old)
                if old.schedule_expression == spec.schedule_expression
                    && old.is_enabled()
                    && state != "DISABLED" =>
            {
                (old.schedule_since_ms, old.last_fired_ms)
            }
            _ => (now, now),
        };
        let record = RuleRecord {
            arn: arn.clone(),
            name: spec.name,
            event_bus_name: bus.to_owned(),
            event_pattern: spec.event_pattern,
            schedule_expression: spec.schedule_expression,
            state,
            description: spec.description,
            role_arn: spec.role_arn,
            schedule_since_ms,
            last_fired_ms,
            tags: match &existing {
                Some(old) => old.tags.clone(),
                None => spec.tags,
            },
            targets: existing.map(|old| old.targets).unwrap_or_default(),
        };
        self.store().put_rule(record).await?;
        self.reload().await?;
        Ok(arn)
    }

    /// `DescribeRule`.
    ///
    /// # Errors
    /// `ResourceNotFound` for an unknown rule or bus.
    pub async fn describe_rule(&self, name: &str, bus: Option<&str>) -> Result<RuleRecord, Error> {
        self.existing(name, bus).await
    }

    /// `ListRules`: the rules of a bus whose name starts with `prefix`, by name.
    ///
    /// # Errors
    /// `ResourceNotFound` for an unknown bus.
    pub async fn list_rules(
        &self,
        bus: Option<&str>,
        prefix: Option<&str>,
    ) -> Result<Vec<RuleRecord>, Error> {
        let bus = check_bus(bus)?;
        let mut rules: Vec<RuleRecord> = self
            .store()
            .list_rules()
            .await?
            .into_iter()
            .filter(|rule| {
                rule.event_bus_name == bus
                    && prefix.is_none_or(|prefix| rule.name.starts_with(prefix))
            })
            .collect();
        rules.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(rules)
    }

    /// `ListRuleNamesByTarget`: the names of the rules of a bus with a target of this ARN.
    ///
    /// # Errors
    /// `ResourceNotFound` for an unknown bus.
    pub async fn rule_names_by_target(
        &self,
        bus: Option<&str>,
        target_arn: &str,
    ) -> Result<Vec<String>, Error> {
        let rules = self.list_rules(bus, None).await?;
        Ok(rules
            .into_iter()
            .filter(|rule| rule.targets.iter().any(|target| target.arn == target_arn))
            .map(|rule| rule.name)
            .collect())
    }

    /// `DeleteRule`: a rule that does not exist is already deleted.
    ///
    /// # Errors
    /// `Validation` for a rule that still has targets.
    pub async fn delete_rule(&self, name: &str, bus: Option<&str>) -> Result<(), Error> {
        let bus = check_bus(bus)?;
        let arn = self.arn_of(bus, name);
        let _guard = self.inner.changes.lock().await;
        if let Some(rule) = self.store().get_rule(&arn).await? {
            if !rule.targets.is_empty() {
                return Err(Error::Validation(
                    "Rule can't be deleted since it has targets.".to_owned(),
                ));
            }
            self.store().delete_rule(&arn).await?;
            self.reload().await?;
        }
        Ok(())
    }

    /// `EnableRule` and `DisableRule`. A schedule that is enabled again counts from now: what
    /// it would have fired while disabled is not fired.
    ///
    /// # Errors
    /// `ResourceNotFound` for an unknown rule or bus.
    pub async fn set_enabled(
        &self,
        name: &str,
        bus: Option<&str>,
        enabled: bool,
    ) -> Result<(), Error> {
        let _guard = self.inner.changes.lock().await;
        let mut rule = self.existing(name, bus).await?;
        if rule.is_enabled() == enabled {
            return Ok(());
        }
        rule.state = if enabled { "ENABLED" } else { "DISABLED" }.to_owned();
        if enabled {
            rule.last_fired_ms = self.inner.runtime.now_ms().max(rule.last_fired_ms);
        }
        self.store().put_rule(rule).await?;
        self.reload().await
    }

    /// `PutTargets`: adds targets to a rule, or replaces those with the same ids.
    ///
    /// # Errors
    /// `ResourceNotFound` for an unknown rule, `Validation` for a target that cannot be
    /// taken, `LimitExceeded` past five targets.
    pub async fn put_targets(
        &self,
        name: &str,
        bus: Option<&str>,
        targets: Vec<TargetRecord>,
    ) -> Result<Vec<TargetFailure>, Error> {
        for target in &targets {
            check_target(target)?;
        }
        let _guard = self.inner.changes.lock().await;
        let mut rule = self.existing(name, bus).await?;
        for target in targets {
            match rule.targets.iter_mut().find(|old| old.id == target.id) {
                Some(old) => *old = target,
                None => rule.targets.push(target),
            }
        }
        if rule.targets.len() > MAX_TARGETS {
            return Err(Error::LimitExceeded(
                "The requested resource exceeds the maximum number allowed.".to_owned(),
            ));
        }
        self.store().put_rule(rule).await?;
        self.reload().await?;
        Ok(Vec::new())
    }

    /// `RemoveTargets`: ids the rule does not have are ignored.
    ///
    /// # Errors
    /// `ResourceNotFound` for an unknown rule or bus.
    pub async fn remove_targets(
        &self,
        name: &str,
        bus: Option<&str>,
        ids: &[String],
    ) -> Result<Vec<TargetFailure>, Error> {
        let _guard = self.inner.changes.lock().await;
        let mut rule = self.existing(name, bus).await?;
        rule.targets.retain(|target| !ids.contains(&target.id));
        self.store().put_rule(rule).await?;
        self.reload().await?;
        Ok(Vec::new())
    }

    /// The rule an ARN names (`TagResource` and friends name rules by ARN).
    async fn by_arn(&self, arn: &str) -> Result<RuleRecord, Error> {
        let config = self.inner.runtime.config();
        let prefix = format!("arn:aws:events:{}:{}:rule/", config.region, config.account);
        let Some(path) = arn.strip_prefix(&prefix) else {
            return Err(Error::ResourceNotFound(format!(
                "Resource {arn} does not exist."
            )));
        };
        let (bus, name) = path.split_once('/').unwrap_or((DEFAULT_BUS, path));
        self.existing(name, Some(bus)).await
    }

    /// `TagResource` on a rule: adds tags, replacing the values of keys it has.
    ///
    /// # Errors
    /// `ResourceNotFound` for an ARN that names no rule.
    pub async fn tag_rule(&self, arn: &str, tags: Vec<store::Tag>) -> Result<(), Error> {
        let _guard = self.inner.changes.lock().await;
        let mut rule = self.by_arn(arn).await?;
        for tag in tags {
            match rule.tags.iter_mut().find(|old| old.key == tag.key) {
                Some(old) => old.value = tag.value,
                None => rule.tags.push(tag),
            }
        }
        self.store().put_rule(rule).await?;
        self.reload().await
    }

    /// `UntagResource` on a rule: keys it does not have are ignored.
    ///
    /// # Errors
    /// `ResourceNotFound` for an ARN that names no rule.
    pub async fn untag_rule(&self, arn: &str, keys: &[String]) -> Result<(), Error> {
        let _guard = self.inner.changes.lock().await;
        let mut rule = self.by_arn(arn).await?;
        rule.tags.retain(|tag| !keys.contains(&tag.key));
        self.store().put_rule(rule).await?;
        self.reload().await
    }

    /// `ListTagsForResource` on a rule.
    ///
    /// # Errors
    /// `ResourceNotFound` for an ARN that names no rule.
    pub async fn rule_tags(&self, arn: &str) -> Result<Vec<store::Tag>, Error> {
        Ok(self.by_arn(arn).await?.tags)
    }

    /// The default event bus's ARN.
    pub fn default_bus_arn(&self) -> String {
        let config = self.inner.runtime.config();
        format!(
            "arn:aws:events:{}:{}:event-bus/{DEFAULT_BUS}",
            config.region, config.account
        )
    }

    /// `DescribeEventBus`: the bus a request names, which must be the default one.
    ///
    /// # Errors
    /// `ResourceNotFound` for any other bus.
    pub fn describe_bus(&self, name: Option<&str>) -> Result<String, Error> {
        check_bus(name)?;
        Ok(self.default_bus_arn())
    }

    /// `ListTargetsByRule`.
    ///
    /// # Errors
    /// `ResourceNotFound` for an unknown rule or bus.
    pub async fn list_targets(
        &self,
        name: &str,
        bus: Option<&str>,
    ) -> Result<Vec<TargetRecord>, Error> {
        Ok(self.existing(name, bus).await?.targets)
    }
}
