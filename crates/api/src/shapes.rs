//! The string shapes and enums of the service model (botocore's `stepfunctions/2016-11-23`)
//! that requests use, with their constraints.

use crate::request::Text;

/// `Name`: state machine and execution names.
pub(crate) const NAME: Text = Text::new(1, 80);
/// `Arn`.
pub(crate) const ARN: Text = Text::new(1, 256);
/// `LongArn` (Map Run ARNs).
pub(crate) const LONG_ARN: Text = Text::new(1, 2000);
/// `Definition`.
pub(crate) const DEFINITION: Text = Text::new(1, 1_048_576).sensitive();
/// `SensitiveData`: execution input. Its limit is documented in UTF-8 bytes.
pub(crate) const SENSITIVE_DATA: Text = Text::new(0, engine::history::MAX_PAYLOAD_BYTES)
    .sensitive()
    .in_bytes();
/// `SensitiveError`.
pub(crate) const SENSITIVE_ERROR: Text = Text::new(0, 256).sensitive();
/// `SensitiveCause`.
pub(crate) const SENSITIVE_CAUSE: Text = Text::new(0, 32_768).sensitive();
/// `TraceHeader`.
pub(crate) const TRACE_HEADER: Text = Text::new(0, 256);
/// `VersionDescription`.
pub(crate) const VERSION_DESCRIPTION: Text = Text::new(0, 256).sensitive();
/// `PageToken`.
pub(crate) const PAGE_TOKEN: Text = Text::new(1, 1024);
/// `taskToken`.
pub(crate) const TASK_TOKEN: Text = Text::new(1, 2048);
/// `ListExecutionsPageToken`.
pub(crate) const LIST_EXECUTIONS_PAGE_TOKEN: Text = Text::new(1, 3096);
/// `TagKey`.
pub(crate) const TAG_KEY: Text = Text::new(1, 128);
/// `TagValue`.
pub(crate) const TAG_VALUE: Text = Text::new(0, 256);
/// `KmsKeyId`.
pub(crate) const KMS_KEY_ID: Text = Text::new(1, 2048);

/// `PageSize`: `maxResults` of the listings.
pub(crate) const PAGE_SIZE: (i64, i64) = (0, 1000);

/// `StateMachineType`.
pub(crate) const STATE_MACHINE_TYPES: &[&str] = &["STANDARD", "EXPRESS"];
/// `ExecutionStatus`, in the order AWS lists it in its messages.
pub(crate) const EXECUTION_STATUSES: &[&str] = &[
    "SUCCEEDED",
    "TIMED_OUT",
    "PENDING_REDRIVE",
    "ABORTED",
    "FAILED",
    "RUNNING",
];
/// `ExecutionRedriveFilter`.
pub(crate) const REDRIVE_FILTERS: &[&str] = &["REDRIVEN", "NOT_REDRIVEN"];
/// `IncludedData`.
pub(crate) const INCLUDED_DATA: &[&str] = &["ALL_DATA", "METADATA_ONLY"];
/// `LogLevel`.
pub(crate) const LOG_LEVELS: &[&str] = &["ALL", "ERROR", "FATAL", "OFF"];
/// `EncryptionType`.
pub(crate) const ENCRYPTION_TYPES: &[&str] = &["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"];
/// `ValidateStateMachineDefinitionSeverity`.
pub(crate) const SEVERITIES: &[&str] = &["ERROR", "WARNING"];
