//! Watched directories that behave as S3 buckets: a file created or replaced raises the event
//! S3 sends to EventBridge (`Object Created`), a file removed raises `Object Deleted`, and with
//! `cloudtrail` each change also raises the CloudTrail event (`AWS API Call via CloudTrail`,
//! `PutObject` or `DeleteObject`) that older rules match on.
//!
//! The directory is scanned every `interval`. A file is announced once it has kept the same
//! size and modification time across two scans, so a file still being written is announced
//! when it is complete. What the store knows of each file (size, modification time, ETag) is
//! committed in the same transaction as the deliveries of its event: a change is announced
//! once, and a change made while the server was down is announced when it starts. The first
//! scan of a bucket the store has never seen takes the files already there as they are,
//! without events.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use md5::{Digest, Md5};
use serde_json::{Value, json};
use store::{ObjectChange, ObjectRecord};

use crate::Triggers;
use crate::event::Event;

/// A watched directory and the bucket it plays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// The bucket's name, as events and ARNs give it.
    pub name: String,
    /// The directory.
    pub dir: PathBuf,
    /// Whether to raise CloudTrail events too.
    pub cloudtrail: bool,
}

/// What a scan sees of a file: its size and modification time in nanoseconds.
type Seen = (u64, i64);

/// The key under which the store records that a bucket has been scanned: no file has it.
const SCANNED: &str = "";

impl Triggers {
    /// Watches a directory in the background, scanning it every `interval`.
    pub fn watch(&self, bucket: Bucket, interval: Duration) {
        let triggers = self.clone();
        tokio::spawn(async move {
            let mut watcher = match Watcher::load(&triggers, bucket).await {
                Ok(watcher) => watcher,
                Err(err) => {
                    tracing::error!(%err, "a watched directory could not be loaded");
                    return;
                }
            };
            let mut every = tokio::time::interval(interval);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut failing = false;
            loop {
                every.tick().await;
                match watcher.scan(&triggers).await {
                    // A directory that went away is said once, not four times a second.
                    Err(err) if !failing => {
                        tracing::warn!(bucket = %watcher.bucket.name, %err, "a watched directory could not be scanned");
                        failing = true;
                    }
                    Err(_) => {}
                    Ok(_) if failing => {
                        tracing::info!(bucket = %watcher.bucket.name, "a watched directory can be scanned again");
                        failing = false;
                    }
                    Ok(_) => {}
                }
            }
        });
    }

    /// Scans a watched directory once, as the background watcher does, and returns how many
    /// changes it announced (tests call it twice to let files settle).
    ///
    /// # Errors
    /// Store failures and directory read failures.
    pub async fn scan_once(&self, watcher: &mut Watcher) -> Result<usize, crate::Error> {
        watcher.scan(self).await
    }
}

/// The state of one watched directory between scans.
#[derive(Debug)]
pub struct Watcher {
    bucket: Bucket,
    /// What the store knows: the files announced last.
    known: HashMap<String, ObjectRecord>,
    /// What the previous scan saw.
    previous: HashMap<String, Seen>,
    /// Whether the store had seen this bucket before.
    baseline_done: bool,
}

impl Watcher {
    /// Reads what the store knows of a bucket.
    ///
    /// # Errors
    /// Store failures.
    pub async fn load(triggers: &Triggers, bucket: Bucket) -> Result<Watcher, crate::Error> {
        let mut known: HashMap<String, ObjectRecord> = triggers
            .store()
            .bucket_objects(&bucket.name)
            .await?
            .into_iter()
            .map(|object| (object.key.clone(), object))
            .collect();
        let baseline_done = known.remove(SCANNED).is_some();
        Ok(Watcher {
            bucket,
            known,
            previous: HashMap::new(),
            baseline_done,
        })
    }

    async fn scan(&mut self, triggers: &Triggers) -> Result<usize, crate::Error> {
        let dir = self.bucket.dir.clone();
        let seen = tokio::task::spawn_blocking(move || list(&dir))
            .await
            .map_err(|err| crate::Error::Validation(err.to_string()))?
            .map_err(|err| {
                crate::Error::Validation(format!(
                    "cannot read {}: {err}",
                    self.bucket.dir.display()
                ))
            })?;
        if !self.baseline_done {
            return self.take_baseline(triggers, seen).await;
        }
        let mut n_changes = 0;
        for (key, current) in &seen {
            let announced = self
                .known
                .get(key)
                .is_some_and(|object| (object.size, object.modified_ns) == *current);
            let settled = self.previous.get(key) == Some(current);
            if announced || !settled {
                continue;
            }
            let path = self.bucket.dir.join(key);
            let Some(object) = self.read_object(key, path, *current).await else {
                continue;
            };
            let events = self.events(triggers, &object, true);
            triggers
                .raise(&events, None, vec![ObjectChange::Put(object.clone())])
                .await?;
            self.known.insert(key.clone(), object);
            n_changes += 1;
        }
        let gone: Vec<String> = self
            .known
            .keys()
            .filter(|key| !seen.contains_key(*key) && !self.previous.contains_key(*key))
            .cloned()
            .collect();
        for key in gone {
            let Some(object) = self.known.get(&key).cloned() else {
                continue;
            };
            let events = self.events(triggers, &object, false);
            let change = ObjectChange::Delete {
                bucket: self.bucket.name.clone(),
                key: key.clone(),
            };
            triggers.raise(&events, None, vec![change]).await?;
            self.known.remove(&key);
            n_changes += 1;
        }
        self.previous = seen;
        Ok(n_changes)
    }

    /// Records the files of a bucket seen for the first time, without events.
    async fn take_baseline(
        &mut self,
        triggers: &Triggers,
        seen: HashMap<String, Seen>,
    ) -> Result<usize, crate::Error> {
        let mut changes = vec![ObjectChange::Put(ObjectRecord {
            bucket: self.bucket.name.clone(),
            key: SCANNED.to_owned(),
            size: 0,
            modified_ns: 0,
            etag: String::new(),
        })];
        for (key, current) in &seen {
            let path = self.bucket.dir.join(key);
            if let Some(object) = self.read_object(key, path, *current).await {
                self.known.insert(key.clone(), object.clone());
                changes.push(ObjectChange::Put(object));
            }
        }
        triggers.raise(&[], None, changes).await?;
        self.baseline_done = true;
        self.previous = seen;
        Ok(0)
    }

    /// Reads a file's ETag, if it is still as the scan saw it.
    async fn read_object(&self, key: &str, path: PathBuf, seen: Seen) -> Option<ObjectRecord> {
        let etag = tokio::task::spawn_blocking(move || {
            // Read in pieces: a watched file may be far larger than memory should hold.
            let mut file = std::fs::File::open(&path).ok()?;
            let mut hasher = Md5::new();
            let mut buffer = vec![0u8; 64 * 1024];
            loop {
                let n_read = std::io::Read::read(&mut file, &mut buffer).ok()?;
                if n_read == 0 {
                    break;
                }
                hasher.update(&buffer[..n_read]);
            }
            let now = stat(&std::fs::metadata(&path).ok()?);
            (now == seen).then(|| hex::encode(hasher.finalize()))
        })
        .await
        .ok()
        .flatten()?;
        Some(ObjectRecord {
            bucket: self.bucket.name.clone(),
            key: key.to_owned(),
            size: seen.0,
            modified_ns: seen.1,
            etag,
        })
    }

    /// The events of a change: S3's, and CloudTrail's when asked for.
    fn events(&self, triggers: &Triggers, object: &ObjectRecord, created: bool) -> Vec<Event> {
        let origin = triggers.origin();
        let now = triggers.inner.runtime.now_ms();
        let bucket = &self.bucket.name;
        let request_id = uuid::Uuid::new_v4().simple().to_string()[..16].to_uppercase();
        let sequencer = format!("{:016X}", object.modified_ns);
        let mut detail = json!({
            "version": "0",
            "bucket": {"name": bucket},
            "object": {"key": object.key},
            "request-id": request_id,
            "requester": origin.account,
            "source-ip-address": "127.0.0.1",
            "reason": if created { "PutObject" } else { "DeleteObject" },
        });
        if created {
            detail["object"] = json!({
                "key": object.key,
                "size": object.size,
                "etag": object.etag,
                "sequencer": sequencer,
            });
        } else {
            detail["object"]["sequencer"] = json!(sequencer);
            detail["deletion-type"] = json!("Permanently Deleted");
        }
        let mut events = vec![Event::new(
            origin,
            uuid::Uuid::new_v4().to_string(),
            "aws.s3",
            if created {
                "Object Created"
            } else {
                "Object Deleted"
            },
            now,
            vec![format!("arn:aws:s3:::{bucket}")],
            detail,
        )];
        if self.bucket.cloudtrail {
            events.push(cloudtrail_event(
                triggers,
                bucket,
                object,
                created,
                &request_id,
                now,
            ));
        }
        events
    }
}

/// The CloudTrail record of a `PutObject` or `DeleteObject`, as EventBridge receives it.
fn cloudtrail_event(
    triggers: &Triggers,
    bucket: &str,
    object: &ObjectRecord,
    created: bool,
    request_id: &str,
    now_ms: i64,
) -> Event {
    let origin = triggers.origin();
    let event_name = if created { "PutObject" } else { "DeleteObject" };
    let mut additional = json!({"SignatureVersion": "SigV4", "AuthenticationMethod": "AuthHeader"});
    if created {
        additional["bytesTransferredIn"] = json!(object.size);
    }
    let detail = json!({
        "eventVersion": "1.08",
        "userIdentity": {"type": "AWSAccount", "accountId": origin.account},
        "eventTime": crate::event::time_text(now_ms),
        "eventSource": "s3.amazonaws.com",
        "eventName": event_name,
        "awsRegion": origin.region,
        "sourceIPAddress": "127.0.0.1",
        "userAgent": "statewright",
        "requestParameters": {"bucketName": bucket, "key": object.key, "Host": format!("{bucket}.s3.amazonaws.com")},
        "responseElements": if created { json!({"ETag": object.etag}) } else { Value::Null },
        "additionalEventData": additional,
        "requestID": request_id,
        "eventID": uuid::Uuid::new_v4().to_string(),
        "readOnly": false,
        "resources": [
            {"type": "AWS::S3::Object", "ARN": format!("arn:aws:s3:::{bucket}/{}", object.key)},
            {"accountId": origin.account, "type": "AWS::S3::Bucket", "ARN": format!("arn:aws:s3:::{bucket}")},
        ],
        "eventType": "AwsApiCall",
        "managementEvent": false,
        "recipientAccountId": origin.account,
        "eventCategory": "Data",
    });
    Event::new(
        origin,
        uuid::Uuid::new_v4().to_string(),
        "aws.s3",
        "AWS API Call via CloudTrail",
        now_ms,
        Vec::new(),
        detail,
    )
}

fn stat(metadata: &std::fs::Metadata) -> Seen {
    let modified_ns = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos() as i64);
    (metadata.len(), modified_ns)
}

/// Every file under `dir` (not hidden, not in hidden directories), by key.
fn list(dir: &Path) -> std::io::Result<HashMap<String, Seen>> {
    let mut files = HashMap::new();
    let mut todo = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = todo.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            // Editors and copy tools write hidden temporary files before renaming them.
            if name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            let key = format!("{prefix}{name}");
            let Ok(metadata) = entry.metadata() else {
                continue;
            };
            if metadata.is_dir() {
                todo.push((entry.path(), format!("{key}/")));
            } else if metadata.is_file() {
                files.insert(key, stat(&metadata));
            }
        }
    }
    Ok(files)
}
