//! Every text input of every mutation refuses control characters, NUL included: the test
//! walks the schema's mutation arguments down to each String they hold and sends a NUL
//! there, expecting the refusal that names that input.

use std::collections::HashMap;

use serde_json::{Value, json};
use stride_tests::{TestApp, spawn_app_with};

const SCHEMA: &str = "{ __schema { mutationType { fields { name args { name type { ...T } } } }
  types { name kind inputFields { name type { ...T } } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";

/// `[String!]!`-style spelling of an introspected type.
fn spell(ty: &Value) -> String {
    match ty["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", spell(&ty["ofType"])),
        Some("LIST") => format!("[{}]", spell(&ty["ofType"])),
        _ => ty["name"].as_str().unwrap_or_default().to_owned(),
    }
}

/// Each String reachable in `ty`: the value that puts a NUL there, and its path.
fn strings(
    ty: &Value,
    inputs: &HashMap<String, Vec<Value>>,
    path: &str,
    depth: usize,
) -> Vec<(Value, String)> {
    match ty["kind"].as_str() {
        Some("NON_NULL") => strings(&ty["ofType"], inputs, path, depth),
        Some("LIST") => strings(&ty["ofType"], inputs, path, depth)
            .into_iter()
            .map(|(value, path)| (json!([value]), path))
            .collect(),
        Some("SCALAR") if ty["name"] == "String" => vec![(json!("text\u{0}more"), path.to_owned())],
        Some("INPUT_OBJECT") if depth < 4 => {
            let name = ty["name"].as_str().unwrap_or_default();
            inputs
                .get(name)
                .into_iter()
                .flatten()
                .flat_map(|field| {
                    let key = field["name"].as_str().unwrap_or_default();
                    strings(&field["type"], inputs, &format!("{path}.{key}"), depth + 1)
                        .into_iter()
                        .map(move |(value, path)| (json!({ key: value }), path))
                })
                .collect()
        }
        _ => vec![],
    }
}

async fn schema(app: &TestApp) -> Value {
    app.gql_ok(SCHEMA, json!({})).await["__schema"].clone()
}

#[tokio::test]
async fn every_string_a_mutation_takes_refuses_control_characters() {
    let app = spawn_app_with(|s| s.graphql.introspection = true).await;
    let schema = schema(&app).await;
    let inputs: HashMap<String, Vec<Value>> = schema["types"]
        .as_array()
        .expect("types")
        .iter()
        .filter(|t| t["kind"] == "INPUT_OBJECT")
        .map(|t| {
            let fields = t["inputFields"].as_array().cloned().unwrap_or_default();
            (t["name"].as_str().unwrap_or_default().to_owned(), fields)
        })
        .collect();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for field in schema["mutationType"]["fields"]
        .as_array()
        .expect("mutations")
    {
        let mutation = field["name"].as_str().expect("name");
        for arg in field["args"].as_array().expect("args") {
            let arg_name = arg["name"].as_str().expect("name");
            for (value, path) in strings(&arg["type"], &inputs, "v", 0) {
                let query = format!(
                    "mutation($v: {}) {{ {mutation}({arg_name}: $v) {{ __typename }} }}",
                    spell(&arg["type"])
                );
                let body = app.gql(&query, json!({ "v": value })).await;
                let extensions = &body["errors"][0]["extensions"];
                checked += 1;
                if extensions["reason"] != "CONTROL_CHARACTER"
                    || extensions["field"] != path.as_str()
                {
                    wrong.push(format!("{mutation}({arg_name}) at {path}: {body}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Sign-up, sign-in, clinics, locations, therapists, services, roles…
    assert!(checked >= 40, "only {checked} string inputs were found");
}

#[tokio::test]
async fn a_nul_written_into_the_document_is_refused_too() {
    let app = spawn_app_with(|_| {}).await;
    let body = app
        .gql(
            r#"mutation { register(input: { email: "ana@example.com", password: "correct horse battery", name: "Ana\u0000" }) { accessToken } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["reason"], "CONTROL_CHARACTER",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.name");
}
