//! Opening a data directory: the lock that keeps a second server out, the database file in
//! WAL mode, and the schema migrations.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// The database file inside the data directory.
pub const DATABASE_FILE: &str = "statewright.db";

/// The lock file that one server holds while it uses the directory.
pub const LOCK_FILE: &str = "statewright.lock";

/// Why a data directory could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The directory cannot be created or written.
    #[error("cannot use the data directory {path}: {reason}")]
    Unwritable {
        /// The directory.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// Another server holds the directory.
    #[error("the data directory {path} is in use by another statewright server")]
    InUse {
        /// The directory.
        path: PathBuf,
    },
    /// The database was written by a newer version of statewright.
    #[error(
        "the database {path} was written by a newer version of statewright (it has schema version {found}; this version knows up to {known})"
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// The newest schema version the file has.
        found: i64,
        /// The newest schema version this binary knows.
        known: i64,
    },
    /// The database could not be opened or migrated.
    #[error("cannot open the database {path}: {reason}")]
    Database {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
}

/// An opened data directory.
pub(crate) struct Opened {
    pub(crate) pool: SqlitePool,
    pub(crate) options: SqliteConnectOptions,
    pub(crate) lock: File,
    pub(crate) path: PathBuf,
}

pub(crate) async fn open(dir: &Path) -> Result<Opened, OpenError> {
    let unwritable = |err: std::io::Error| OpenError::Unwritable {
        path: dir.to_owned(),
        reason: err.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(unwritable)?;
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .map_err(unwritable)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(OpenError::InUse {
                path: dir.to_owned(),
            });
        }
        Err(TryLockError::Error(err)) => return Err(unwritable(err)),
    }
    let path = dir.join(DATABASE_FILE);
    let database = |err: sqlx::Error| OpenError::Database {
        path: path.clone(),
        reason: err.to_string(),
    };
    let url = format!("sqlite://{}", path.display());
    // Every commit is synced before it is acknowledged: `synchronous=FULL` in WAL mode makes
    // an acknowledged transition survive a power cut, and group commit pays one sync for
    // many transitions.
    let options = SqliteConnectOptions::from_str(&url)
        .map_err(database)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(30))
        .pragma("foreign_keys", "ON");
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options.clone())
        .await
        .map_err(database)?;
    let migrator = sqlx::migrate!();
    let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
    match migrator.run(&pool).await {
        Ok(()) => {}
        Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
            return Err(OpenError::NewerSchema { path, found, known });
        }
        Err(err) => {
            return Err(OpenError::Database {
                path,
                reason: err.to_string(),
            });
        }
    }
    Ok(Opened {
        pool,
        options,
        lock,
        path,
    })
}
