//! The `InvalidDefinition` message that `CreateStateMachine` returns for a set of
//! diagnostics.

use asl::Diagnostic;
use asl::validate::invalid_definition_message;

fn check(diagnostics: &[Diagnostic]) -> String {
    invalid_definition_message(diagnostics)
}

fn schema(message: &str, location: &str) -> Diagnostic {
    Diagnostic::error("SCHEMA_VALIDATION_FAILED", message, location)
}

#[test]
fn messages() {
    let cases: Vec<(Vec<Diagnostic>, &str)> = vec![
        (
            vec![schema("These fields are required: [States]", "/")],
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
        ),
        // Several errors are joined with a comma.
        (
            vec![
                Diagnostic::error(
                    "MISSING_TRANSITION_TARGET",
                    "Missing 'Next' target: B",
                    "/States/A/Next",
                ),
                Diagnostic::error(
                    "MISSING_TRANSITION_TARGET",
                    "State \"B2\" is not reachable.",
                    "/States/B2",
                ),
            ],
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, MISSING_TRANSITION_TARGET: State \"B2\" is not reachable. at /States/B2'",
        ),
        // No location, and a parser's message that already ends with its location.
        (
            vec![schema("Definition must be a valid JSON object", "")],
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object'",
        ),
        (
            vec![Diagnostic::error(
                "INVALID_JSON_DESCRIPTION",
                "Unexpected end-of-input\n at [Source: (String)\"{\"; line: 1, column: 2]",
                "[Source: (String)\"{\"; line: 1, column: 2]",
            )],
            "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unexpected end-of-input\n at [Source: (String)\"{\"; line: 1, column: 2]'",
        ),
        // Warnings never count.
        (
            vec![
                Diagnostic::warning("SOME_WARNING", "a warning", "/States/A"),
                schema(
                    "String does not match RFC3339 timestamp",
                    "/States/W/Timestamp",
                ),
            ],
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/W/Timestamp'",
        ),
    ];
    for (diagnostics, expected) in cases {
        assert_eq!(check(&diagnostics), expected);
    }
}
