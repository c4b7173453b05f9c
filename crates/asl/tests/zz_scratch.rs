#[test]
fn bless() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let mut fixture: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in fixture["cases"].as_array_mut().unwrap() {
            let text = match (&case["text"], &case["definition"]) {
                (serde_json::Value::String(t), _) => t.clone(),
                (_, d) => serde_json::to_string_pretty(d).unwrap(),
            };
            let ty = if case["type"] == "EXPRESS" {
                asl::validate::StateMachineType::Express
            } else {
                asl::validate::StateMachineType::Standard
            };
            let diags = match asl::validate::parse_definition(&text) {
                Ok(d) => asl::validate::validate_for(&d, ty),
                Err(d) => vec![d],
            };
            case["diagnostics"] = diags
                .iter()
                .map(|d| {
                    serde_json::Value::String(format!("{} {}: {}", d.code, d.location, d.message))
                })
                .collect();
        }
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&fixture).unwrap() + "\n",
        )
        .unwrap();
    }
}
