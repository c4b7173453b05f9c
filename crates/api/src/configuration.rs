//! The logging, tracing and encryption configurations of state machines.
//!
//! Logging and tracing are stored and described back (with AWS's defaults filled in); nothing
//! is shipped to CloudWatch or X-Ray. Encryption configurations are checked and ignored.

use serde_json::{Map, Value};

use crate::error::{ApiError, ErrorCode};
use crate::request::Members;
use crate::shapes;

/// `{"level": "OFF", "includeExecutionData": false}`, what AWS describes when none was given.
pub(crate) fn default_logging() -> Value {
    logging_value("OFF", false, None)
}

/// `{"enabled": false}`.
pub(crate) fn default_tracing() -> Value {
    let mut res = Map::new();
    res.insert("enabled".to_owned(), Value::Bool(false));
    Value::Object(res)
}

fn logging_value(level: &str, include_execution_data: bool, destinations: Option<Value>) -> Value {
    let mut res = Map::new();
    res.insert("level".to_owned(), Value::from(level));
    res.insert(
        "includeExecutionData".to_owned(),
        Value::Bool(include_execution_data),
    );
    if let Some(destinations) = destinations {
        res.insert("destinations".to_owned(), destinations);
    }
    Value::Object(res)
}

/// A `loggingConfiguration` as read, checked by `check` once the constraints passed.
#[derive(Debug)]
pub(crate) struct Logging {
    level: Option<String>,
    include_execution_data: bool,
    log_group_arns: Option<Vec<Option<String>>>,
}

impl Logging {
    /// Reads the `loggingConfiguration` member.
    pub(crate) fn read(members: &mut Members) -> Result<Option<Logging>, ApiError> {
        let Some(mut config) = members.structure("loggingConfiguration")? else {
            return Ok(None);
        };
        let level = config.enumeration("level", shapes::LOG_LEVELS)?;
        let include_execution_data = config.boolean("includeExecutionData")?.unwrap_or(false);
        let mut log_group_arns = None;
        if let Some(destinations) = config.structure_list("destinations")? {
            let mut arns = Vec::new();
            for mut destination in destinations {
                let mut arn = None;
                if let Some(mut group) = destination.structure("cloudWatchLogsLogGroup")? {
                    arn = group.text("logGroupArn", shapes::ARN)?;
                    destination.absorb(group);
                }
                arns.push(arn);
                config.absorb(destination);
            }
            log_group_arns = Some(arns);
        }
        members.absorb(config);
        Ok(Some(Logging {
            level,
            include_execution_data,
            log_group_arns,
        }))
    }

    /// The configuration to store, with defaults filled in.
    ///
    /// # Errors
    /// `InvalidLoggingConfiguration` when a level other than OFF comes without exactly one
    /// destination, or more than one destination is given.
    pub(crate) fn check(self) -> Result<Value, ApiError> {
        let level = self.level.unwrap_or_else(|| "OFF".to_owned());
        let n_destinations = self.log_group_arns.as_ref().map_or(0, Vec::len);
        if n_destinations > 1 || (level != "OFF" && n_destinations != 1) {
            return Err(ApiError::new(
                ErrorCode::InvalidLoggingConfiguration,
                "Invalid Logging Configuration: Must specify exactly one Log Destination.",
            ));
        }
        let destinations = self.log_group_arns.map(|arns| {
            Value::Array(
                arns.into_iter()
                    .map(|arn| {
                        let mut group = Map::new();
                        if let Some(arn) = arn {
                            group.insert("logGroupArn".to_owned(), Value::from(arn));
                        }
                        let mut destination = Map::new();
                        destination
                            .insert("cloudWatchLogsLogGroup".to_owned(), Value::Object(group));
                        Value::Object(destination)
                    })
                    .collect(),
            )
        });
        Ok(logging_value(
            &level,
            self.include_execution_data,
            destinations,
        ))
    }
}

/// Reads the `tracingConfiguration` member as the value to store.
pub(crate) fn read_tracing(members: &mut Members) -> Result<Option<Value>, ApiError> {
    let Some(mut config) = members.structure("tracingConfiguration")? else {
        return Ok(None);
    };
    let enabled = config.boolean("enabled")?.unwrap_or(false);
    members.absorb(config);
    let mut res = Map::new();
    res.insert("enabled".to_owned(), Value::Bool(enabled));
    Ok(Some(Value::Object(res)))
}

/// Reads the `encryptionConfiguration` member for its constraints only.
///
/// FIXME: customer-managed keys are accepted and ignored; data is stored as it is.
pub(crate) fn read_encryption(members: &mut Members) -> Result<(), ApiError> {
    let Some(mut config) = members.structure("encryptionConfiguration")? else {
        return Ok(());
    };
    config.text("kmsKeyId", shapes::KMS_KEY_ID)?;
    config.integer("kmsDataKeyReusePeriodSeconds", 60, 900)?;
    if config
        .enumeration("type", shapes::ENCRYPTION_TYPES)?
        .is_none()
    {
        config.missing("type");
    }
    members.absorb(config);
    Ok(())
}
