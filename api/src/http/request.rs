//! Turning HTTP requests into GraphQL requests, per the GraphQL-over-HTTP spec: a body that
//! is not a GraphQL request is a 400, never an executed (and failed) operation.

use actix_web::web;
use async_graphql::{
    Request, Variables,
    parser::{parse_query, types::OperationType},
};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, PartialEq, Eq)]
pub enum Rejection {
    /// 400: not a GraphQL request at all.
    BadRequest(String),
    /// 405: a GET that would change data.
    MutationOverGet,
}

/// What a POST body held; a batch is answered with an array even when it has one item.
#[derive(Debug)]
pub enum Body {
    Single(Box<Request>),
    Batch(Vec<Request>),
}

/// A POST body: one request object or a non-empty batch of at most `max_batch` objects.
pub fn parse_body(body: &[u8], max_batch: usize) -> Result<Body, Rejection> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| Rejection::BadRequest("the body is not valid JSON".into()))?;
    match value {
        Value::Array(items) if items.is_empty() => {
            Err(Rejection::BadRequest("the batch is empty".into()))
        }
        Value::Array(items) if items.len() > max_batch => Err(Rejection::BadRequest(format!(
            "a batch holds at most {max_batch} operations"
        ))),
        Value::Array(items) => items
            .into_iter()
            .map(parse_one)
            .collect::<Result<_, _>>()
            .map(Body::Batch),
        single => parse_one(single).map(|r| Body::Single(Box::new(r))),
    }
}

fn parse_one(item: Value) -> Result<Request, Rejection> {
    let Value::Object(fields) = &item else {
        return Err(Rejection::BadRequest(
            "a request must be a JSON object".into(),
        ));
    };
    match fields.get("query") {
        Some(Value::String(query)) if !query.trim().is_empty() => {}
        _ => return Err(Rejection::BadRequest("the request has no query".into())),
    }
    if let Some(variables) = fields.get("variables")
        && !matches!(variables, Value::Object(_) | Value::Null)
    {
        return Err(Rejection::BadRequest("variables must be an object".into()));
    }
    serde_json::from_value(item)
        .map_err(|_| Rejection::BadRequest("the request is not a GraphQL request".into()))
}

/// The GET parameters of the GraphQL-over-HTTP spec. (async-graphql's own parser expects
/// `operation_name`, so a spec client's `operationName` would be ignored.)
#[derive(Deserialize)]
struct GetParams {
    query: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<String>,
}

/// A GET query string; it may only read.
pub fn parse_query_string(query_string: &str) -> Result<Request, Rejection> {
    let bad = |message: &str| Rejection::BadRequest(message.into());
    let params = web::Query::<GetParams>::from_query(query_string)
        .map_err(|_| bad("the query string is not a GraphQL request"))?
        .into_inner();
    let query = params
        .query
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| bad("the request has no query"))?;
    let mut request = Request::new(query);
    if let Some(name) = params.operation_name.filter(|n| !n.is_empty()) {
        request = request.operation_name(name);
    }
    if let Some(raw) = params.variables {
        match serde_json::from_str::<Value>(&raw) {
            Ok(value @ Value::Object(_)) => {
                request = request.variables(Variables::from_json(value))
            }
            Ok(Value::Null) => {}
            _ => return Err(bad("variables must be a JSON object")),
        }
    }
    if selects_mutation(&request) {
        return Err(Rejection::MutationOverGet);
    }
    Ok(request)
}

/// Whether the operation the request would run is a mutation. A document that does not
/// parse runs nothing, so it is left to the executor to report.
fn selects_mutation(request: &Request) -> bool {
    let Ok(document) = parse_query(&request.query) else {
        return false;
    };
    let mut operations = document.operations.iter();
    let selected = match &request.operation_name {
        Some(name) => {
            operations.find(|(op_name, _)| op_name.map(|n| n.as_str()) == Some(name.as_str()))
        }
        None => operations.next(),
    };
    selected.is_some_and(|(_, op)| op.node.ty == OperationType::Mutation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_batched_bodies_parse() {
        assert!(matches!(
            parse_body(br#"{"query":"{ a }"}"#, 5),
            Ok(Body::Single(_))
        ));
        assert!(matches!(
            parse_body(br#"[{"query":"{ a }"}]"#, 5),
            Ok(Body::Batch(ref items)) if items.len() == 1
        ));
        assert!(matches!(
            parse_body(br#"[{"query":"{ a }"},{"query":"{ b }","variables":null}]"#, 5),
            Ok(Body::Batch(ref items)) if items.len() == 2
        ));
    }

    #[test]
    fn bodies_that_are_not_graphql_requests_are_rejected() {
        for body in [
            &b"{not json"[..],
            b"",
            b"{}",
            br#"{"query":""}"#,
            br#"{"query":42}"#,
            br#"{"query":"{ a }","variables":[1]}"#,
            b"[]",
            b"[1]",
            b"\"{ a }\"",
        ] {
            assert!(
                matches!(parse_body(body, 5), Err(Rejection::BadRequest(_))),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn batches_over_the_cap_are_rejected_whole() {
        let body = format!("[{}]", [r#"{"query":"{ a }"}"#; 6].join(","));
        assert!(matches!(
            parse_body(body.as_bytes(), 5),
            Err(Rejection::BadRequest(_))
        ));
    }

    #[test]
    fn get_runs_queries_but_never_mutations() {
        assert!(parse_query_string("query=%7B%20a%20%7D").is_ok());
        assert_eq!(
            parse_query_string("query=mutation%20%7B%20a%20%7D").err(),
            Some(Rejection::MutationOverGet)
        );
        // The named operation decides, not the first one.
        let two = "query=query%20Q%20%7B%20a%20%7D%20mutation%20M%20%7B%20b%20%7D";
        assert!(parse_query_string(&format!("{two}&operationName=Q")).is_ok());
        assert_eq!(
            parse_query_string(&format!("{two}&operationName=M")).err(),
            Some(Rejection::MutationOverGet)
        );
        assert!(matches!(
            parse_query_string(""),
            Err(Rejection::BadRequest(_))
        ));
        assert!(matches!(
            parse_query_string("query=%7B%20a%20%7D&variables=%5B1%5D"),
            Err(Rejection::BadRequest(_))
        ));
        let with_variables = parse_query_string("query=%7B%20a%20%7D&variables=%7B%22x%22%3A1%7D")
            .expect("variables are accepted");
        assert_eq!(
            with_variables.variables.get(&async_graphql::Name::new("x")),
            Some(&async_graphql::Value::from(1))
        );
    }
}
