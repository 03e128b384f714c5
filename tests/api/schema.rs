use std::path::Path;

#[test]
fn the_committed_schema_matches_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let committed = std::fs::read_to_string(&path).expect("schema.graphql is committed");
    let generated = stride_api::graphql::sdl();
    assert!(
        committed == generated,
        "schema.graphql is stale: run `cargo run -p stride-api -- export-schema`"
    );
}
