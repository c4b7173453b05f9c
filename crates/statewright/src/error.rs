//! The CLI's failures and exit codes: `error: …`, then a blank line and `hint: …` when there is
//! something useful to suggest, on stderr (`STYLE.md` §3).

use std::fmt::Write as _;
use std::io;
use std::path::Path;
use std::process::ExitCode;

/// The exit code of a command that did its work and found it failed: an execution that did
/// not succeed, an invalid definition given to `validate`, a server that stopped with an error.
pub(crate) const FAILURE: u8 = 1;

/// The exit code of a usage or input problem: a missing file, input that is not JSON, a
/// definition `run` cannot run (clap's own usage errors exit 2 too).
pub(crate) const USAGE: u8 = 2;

/// A failure to report, with its exit code.
#[derive(Debug)]
pub(crate) struct Error {
    message: String,
    hint: Option<String>,
    exit_code: u8,
}

impl Error {
    /// A usage or input problem (exit code 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            exit_code: USAGE,
        }
    }

    /// A failure of the work itself (exit code 1).
    pub(crate) fn failure(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            exit_code: FAILURE,
        }
    }

    /// The same failure, with what the user could do about it.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Prints the failure on stderr and returns its exit code.
    pub(crate) fn report(&self) -> ExitCode {
        #[expect(clippy::print_stderr, reason = "the CLI reports its own failures")]
        {
            eprint!("{}", self.render());
        }
        ExitCode::from(self.exit_code)
    }

    /// `error: …`, and `hint: …` after a blank line.
    fn render(&self) -> String {
        let mut res = format!("error: {}\n", self.message);
        if let Some(hint) = &self.hint {
            // Writing to a String cannot fail.
            let _ = write!(res, "\nhint: {hint}\n");
        }
        res
    }
}

/// Reads a file the user named; a missing or unreadable file is a usage problem.
pub(crate) fn read_file(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|err| {
        let error = Error::usage(format!(
            "could not read {}: {}",
            path.display(),
            lowercase_first(&err.to_string())
        ));
        match err.kind() {
            io::ErrorKind::NotFound => {
                error.with_hint("check the path; a relative path starts from the current directory")
            }
            _ => error,
        }
    })
}

/// `text` with its first letter in lowercase, for messages written by others (the OS's
/// "No such file or directory").
pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` as one shell word, for commands in hints that the user may copy.
pub(crate) fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '+'));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_error_then_hint() {
        assert_eq!(Error::usage("it broke").render(), "error: it broke\n");
        assert_eq!(
            Error::failure("it broke").with_hint("mend it").render(),
            "error: it broke\n\nhint: mend it\n"
        );
    }

    #[test]
    fn words() {
        assert_eq!(lowercase_first("No such file"), "no such file");
        assert_eq!(lowercase_first(""), "");
        assert_eq!(shell_word("dir/a.asl.json"), "dir/a.asl.json");
        assert_eq!(shell_word("my machine.json"), "'my machine.json'");
        assert_eq!(shell_word("it's.json"), r"'it'\''s.json'");
        assert_eq!(shell_word(""), "''");
    }
}
