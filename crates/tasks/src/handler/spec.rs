//! A `handler = "FILE:FUNCTION"` value: the handler file, the function it exports, and the
//! language the extension names.

use std::path::Path;

/// The languages a handler file can be written in, known by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// `.py`, run with `python3`.
    Python,
    /// `.mjs`, `.js` or `.cjs`, run with `node` (ES modules or CommonJS, as Node.js decides).
    Node,
}

impl Language {
    /// The language of a file with this extension.
    fn of(path: &str) -> Option<Language> {
        match Path::new(path).extension()?.to_str()? {
            "py" => Some(Language::Python),
            "mjs" | "js" | "cjs" => Some(Language::Node),
            _ => None,
        }
    }
}

/// A parsed `handler` field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlerSpec {
    /// The file, relative to the function's working directory (or absolute).
    pub file: String,
    /// The function the file defines or exports.
    pub function: String,
    /// The file's language.
    pub language: Language,
}

impl HandlerSpec {
    /// Parses `FILE:FUNCTION`.
    ///
    /// # Errors
    /// What is wrong with the text, worded for a configuration error.
    ///
    /// # Example
    /// ```
    /// use tasks::{HandlerSpec, Language};
    /// let spec = HandlerSpec::parse("handlers/meta.py:lambda_handler").expect("a valid handler");
    /// assert_eq!(spec.file, "handlers/meta.py");
    /// assert_eq!(spec.function, "lambda_handler");
    /// assert_eq!(spec.language, Language::Python);
    /// ```
    pub fn parse(text: &str) -> Result<HandlerSpec, String> {
        let example = "e.g. \"handlers/meta.py:lambda_handler\" or \"handlers/meta.mjs:handler\"";
        let Some((file, function)) = text.rsplit_once(':') else {
            return Err(format!(
                "`handler` must be FILE:FUNCTION, {example}; {text:?} names no function"
            ));
        };
        let identifier = function
            .chars()
            .next()
            .is_some_and(|first| first.is_alphabetic() || first == '_' || first == '$')
            && function
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
        if !identifier {
            return Err(format!(
                "`handler` must be FILE:FUNCTION, {example}; {function:?} is not a function name"
            ));
        }
        if file.is_empty() {
            return Err(format!(
                "`handler` must be FILE:FUNCTION, {example}; {text:?} names no file"
            ));
        }
        let language = Language::of(file).ok_or_else(|| {
            format!(
                "`handler` file {file} has an extension statewright cannot run; use .py \
                 (Python) or .mjs, .js or .cjs (Node.js)"
            )
        })?;
        Ok(HandlerSpec {
            file: file.to_owned(),
            function: function.to_owned(),
            language,
        })
    }

    /// The handler as Lambda's `_HANDLER` variable writes it: the file without its extension,
    /// a dot, and the function (`handlers/meta.lambda_handler`).
    pub fn lambda_name(&self) -> String {
        let stem = Path::new(&self.file).with_extension("");
        format!("{}.{}", stem.to_string_lossy(), self.function)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handlers_parse() {
        let spec = HandlerSpec::parse("src/app.mjs:handler").expect("valid");
        assert_eq!(
            (spec.file.as_str(), spec.function.as_str(), spec.language),
            ("src/app.mjs", "handler", Language::Node)
        );
        assert_eq!(spec.lambda_name(), "src/app.handler");
        for node in ["a.js:h", "a.cjs:h"] {
            assert_eq!(
                HandlerSpec::parse(node).expect("valid").language,
                Language::Node
            );
        }
        for (text, problem) in [
            ("handlers/meta.py", "names no function"),
            ("handlers/meta.py:", "is not a function name"),
            ("handlers/meta.py:lambda handler", "is not a function name"),
            (":handler", "names no file"),
            ("handlers/meta.rb:handler", "cannot run"),
            ("handlers/meta:handler", "cannot run"),
        ] {
            let err = HandlerSpec::parse(text).expect_err(text);
            assert!(err.contains(problem), "{text}: {err}");
        }
    }
}
