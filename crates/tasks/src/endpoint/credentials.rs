//! Where the Lambda endpoint's credentials come from: the first link of the AWS SDKs' chain
//! that has static keys.
//!
//! 1. `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN`, if set).
//! 2. The profile `AWS_PROFILE` (default `default`) in the shared credentials file
//!    (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`), then in the config file
//!    (`AWS_CONFIG_FILE`, default `~/.aws/config`, where it is `[profile NAME]`), keys
//!    `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token`.
//!
//! Not supported: IAM Identity Center (SSO), assumed roles (`role_arn`, web identity),
//! `credential_process`, and container or instance metadata credentials.
//! A profile that relies on one of these is reported as such.

use std::path::PathBuf;

use super::sigv4::Credentials;

/// Profile keys that need a credential provider statewright does not have.
const UNSUPPORTED_KEYS: [&str; 6] = [
    "sso_session",
    "sso_start_url",
    "role_arn",
    "credential_process",
    "web_identity_token_file",
    "credential_source",
];

/// Credentials, and where they were found (for the log: never the secret).
#[derive(Debug)]
pub(crate) struct Found {
    /// The credentials.
    pub(crate) credentials: Credentials,
    /// `the environment`, or `profile NAME in FILE`.
    pub(crate) source: String,
}

/// Looks credentials up, reading variables through `var` (the process's environment, or a
/// test's) and the shared files from disk.
///
/// # Errors
/// Why no credentials were found.
pub(crate) fn find(var: &dyn Fn(&str) -> Option<String>) -> Result<Found, String> {
    let var = |name: &str| var(name).filter(|value| !value.is_empty());
    if let (Some(access_key_id), Some(secret_access_key)) =
        (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY"))
    {
        return Ok(Found {
            credentials: Credentials {
                access_key_id,
                secret_access_key,
                session_token: var("AWS_SESSION_TOKEN"),
            },
            source: "the environment (AWS_ACCESS_KEY_ID)".to_owned(),
        });
    }
    let profile = var("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
    let home = var("HOME").map(PathBuf::from);
    let file = |variable: &str, name: &str| {
        var(variable)
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|home| home.join(".aws").join(name)))
    };
    let config_section = if profile == "default" {
        "default".to_owned()
    } else {
        format!("profile {profile}")
    };
    let places = [
        (
            file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
            profile.clone(),
        ),
        (file("AWS_CONFIG_FILE", "config"), config_section),
    ];
    let mut searched = Vec::new();
    for (path, section) in places {
        let Some(path) = path else { continue };
        searched.push(path.display().to_string());
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some(keys) = section_keys(&text, &section) else {
            continue;
        };
        let key = |name: &str| {
            keys.iter()
                .find(|(key, value)| key == name && !value.is_empty())
                .map(|(_, value)| value.clone())
        };
        if let (Some(access_key_id), Some(secret_access_key)) =
            (key("aws_access_key_id"), key("aws_secret_access_key"))
        {
            return Ok(Found {
                credentials: Credentials {
                    access_key_id,
                    secret_access_key,
                    session_token: key("aws_session_token"),
                },
                source: format!("profile {profile} in {}", path.display()),
            });
        }
        if let Some(unsupported) = UNSUPPORTED_KEYS.iter().find(|name| key(name).is_some()) {
            return Err(format!(
                "profile {profile} in {} uses `{unsupported}`, which statewright cannot use; \
                 give the profile static keys or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                path.display()
            ));
        }
    }
    Err(format!(
        "no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, and \
         profile {profile} has no aws_access_key_id and aws_secret_access_key in {} \
         (SSO, assumed roles, credential_process and instance or container credentials are \
         not supported)",
        if searched.is_empty() {
            "any file (HOME is not set)".to_owned()
        } else {
            searched.join(" or ")
        }
    ))
}

/// The `key = value` lines of `[section]` in an INI-style AWS file, `None` without the
/// section; nested (indented) settings and comments are skipped.
fn section_keys(text: &str, section: &str) -> Option<Vec<(String, String)>> {
    let mut res: Option<Vec<(String, String)>> = None;
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            inside = name.split_whitespace().collect::<Vec<_>>().join(" ") == section;
            if inside && res.is_none() {
                res = Some(Vec::new());
            }
            continue;
        }
        if let (true, Some(keys), Some((key, value))) = (inside, res.as_mut(), line.split_once('='))
        {
            keys.push((key.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn scratch(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "statewright-credentials-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
        let path = dir.join(name);
        std::fs::write(&path, text).expect("the temporary directory is writable");
        path
    }

    fn check(vars: &[(&str, &str)]) -> Result<(Credentials, String), String> {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        find(&|name| vars.get(name).cloned()).map(|found| (found.credentials, found.source))
    }

    fn keys(id: &str, secret: &str, token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: id.to_owned(),
            secret_access_key: secret.to_owned(),
            session_token: token.map(str::to_owned),
        }
    }

    #[test]
    fn the_environment_comes_first() {
        let credentials = scratch(
            "env-first",
            "[default]\naws_access_key_id = FILE\naws_secret_access_key = S\n",
        );
        let credentials = credentials.to_string_lossy();
        let (found, source) = check(&[
            ("AWS_ACCESS_KEY_ID", "ENV"),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SESSION_TOKEN", "TOKEN"),
            ("AWS_SHARED_CREDENTIALS_FILE", &credentials),
        ])
        .expect("credentials");
        assert_eq!(found, keys("ENV", "SECRET", Some("TOKEN")));
        assert!(source.contains("environment"));
        // An empty variable is no variable.
        let (found, _) = check(&[
            ("AWS_ACCESS_KEY_ID", ""),
            ("AWS_SECRET_ACCESS_KEY", "SECRET"),
            ("AWS_SHARED_CREDENTIALS_FILE", &credentials),
        ])
        .expect("credentials");
        assert_eq!(found, keys("FILE", "S", None));
    }

    #[test]
    fn profiles_come_from_the_credentials_file_then_the_config_file() {
        let credentials = scratch(
            "credentials",
            "# comment\n[default]\naws_access_key_id = D\naws_secret_access_key = DS\n\n\
             [dev]\naws_access_key_id=DEV\naws_secret_access_key=DEVS\naws_session_token = T\n\
             s3 =\n  max_concurrent_requests = 2\n",
        );
        let config = scratch(
            "config",
            "[default]\nregion = us-east-1\n[profile ops]\naws_access_key_id = OPS\n\
             aws_secret_access_key = OPSS\n[profile sso]\nsso_session = corp\n",
        );
        let (credentials, config) = (credentials.to_string_lossy(), config.to_string_lossy());
        let files = [
            ("AWS_SHARED_CREDENTIALS_FILE", credentials.as_ref()),
            ("AWS_CONFIG_FILE", config.as_ref()),
        ];
        let with = |profile: Option<&str>| {
            let mut vars = files.to_vec();
            if let Some(profile) = profile {
                vars.push(("AWS_PROFILE", profile));
            }
            check(&vars)
        };
        assert_eq!(with(None).expect("default").0, keys("D", "DS", None));
        let (found, source) = with(Some("dev")).expect("dev");
        assert_eq!(found, keys("DEV", "DEVS", Some("T")));
        assert_eq!(source, format!("profile dev in {credentials}"));
        assert_eq!(with(Some("ops")).expect("ops").0, keys("OPS", "OPSS", None));
        let err = with(Some("sso")).expect_err("SSO is not supported");
        assert!(err.contains("uses `sso_session`"), "{err}");
        let err = with(Some("nobody")).expect_err("no such profile");
        assert!(
            err.contains("profile nobody has no aws_access_key_id"),
            "{err}"
        );
    }

    #[test]
    fn home_holds_the_default_files() {
        let credentials = scratch(
            "home-credentials",
            "[default]\naws_access_key_id = H\naws_secret_access_key = HS\n",
        );
        let home = credentials.parent().expect("a directory").join("home");
        std::fs::create_dir_all(home.join(".aws")).expect("writable");
        std::fs::copy(&credentials, home.join(".aws").join("credentials")).expect("writable");
        let (found, _) = check(&[("HOME", &home.to_string_lossy())]).expect("credentials");
        assert_eq!(found, keys("H", "HS", None));
        let err = check(&[]).expect_err("nothing to read");
        assert!(err.contains("HOME is not set"), "{err}");
    }
}
