use actix_web::{
    HttpRequest, HttpResponse,
    http::header::{self, ContentType},
    web,
};
use async_graphql::{Request, Response, ServerError, http::GraphiQLSource};
use sea_orm::DatabaseConnection;
use serde_json::json;
use tracing::Instrument;

use std::sync::Arc;

use super::request::{self, Body, Rejection};
use crate::{
    auth::{
        account::AuthContext,
        principal::{ClientAddress, Principal, load_user},
        tokens::Subject,
    },
    graphql::{StrideSchema, loader::new_loader},
    settings::GraphqlLimits,
};

/// What every handler shares.
pub struct AppState {
    pub schema: StrideSchema,
    pub db: DatabaseConnection,
    pub auth: Arc<AuthContext>,
    pub limits: GraphqlLimits,
}

/// Who sent the request, decided once for all its operations.
struct Caller {
    principal: Principal,
    address: ClientAddress,
}

pub async fn post(state: web::Data<AppState>, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let caller = match authenticate(&state, &req).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    match request::parse_body(&body, state.limits.max_batch_size) {
        Ok(Body::Single(single)) => json_response(&execute(&state, &caller, *single).await),
        Ok(Body::Batch(batch)) => {
            // One after another, as a single operation's mutations run: operations that
            // race each other could otherwise slip past per-attempt limits together.
            let mut responses = Vec::with_capacity(batch.len());
            for request in batch {
                responses.push(execute(&state, &caller, request).await);
            }
            json_response(&responses)
        }
        Err(reason) => rejection(reason),
    }
}

/// GraphiQL for a browser; otherwise a read-only query from the query string.
pub async fn get(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    if req.query_string().is_empty() && accepts_html(&req) {
        let page = GraphiQLSource::build().endpoint("/graphql").finish();
        return HttpResponse::Ok()
            .content_type(ContentType::html())
            .body(page);
    }
    let caller = match authenticate(&state, &req).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    match request::parse_query_string(req.query_string()) {
        Ok(single) => json_response(&execute(&state, &caller, single).await),
        Err(reason) => rejection(reason),
    }
}

/// No `Authorization` header: anonymous. A header that does not carry a valid token is
/// refused outright, never treated as anonymous.
async fn authenticate(state: &AppState, req: &HttpRequest) -> Result<Caller, HttpResponse> {
    let address = ClientAddress(
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into()),
    );
    let Some(header) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(Caller {
            principal: Principal::Anonymous,
            address,
        });
    };
    let token = header
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(unauthenticated)?;
    let Subject::User(user_id) = state
        .auth
        .tokens
        .verify(token)
        .map_err(|_| unauthenticated())?;
    match load_user(&state.db, user_id).await {
        Ok(Some(principal)) => Ok(Caller { principal, address }),
        Ok(None) => Err(unauthenticated()),
        Err(error) => {
            let error = async_graphql::Error::from(error);
            Err(HttpResponse::ServiceUnavailable()
                .content_type(ContentType::json())
                .json(json!({ "errors": [{ "message": error.message, "extensions": { "code": "INTERNAL" } }] })))
        }
    }
}

fn unauthenticated() -> HttpResponse {
    HttpResponse::Unauthorized()
        .insert_header((header::WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#))
        .content_type(ContentType::json())
        .json(json!({ "errors": [{ "message": "the access token is invalid or expired", "extensions": { "code": "UNAUTHENTICATED" } }] }))
}

/// Runs one operation with its own batch loader, so a cache never spans operations.
async fn execute(state: &AppState, caller: &Caller, request: Request) -> Response {
    let operation = request.operation_name.clone().unwrap_or_default();
    let request = request
        .data(new_loader(state.db.clone()))
        .data(caller.principal.clone())
        .data(caller.address.clone());
    let mut response = state
        .schema
        .execute(request)
        .instrument(tracing::info_span!("graphql", operation = %operation))
        .await;
    for error in &mut response.errors {
        tag_request_error(error);
    }
    response
}

/// Resolver errors carry their code already; the rest are async-graphql's verdicts on the
/// request itself (syntax, unknown fields, bad variables, depth and complexity limits).
fn tag_request_error(error: &mut ServerError) {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", "VALIDATION");
    }
}

fn json_response(body: &impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .json(body)
}

fn rejection(reason: Rejection) -> HttpResponse {
    match reason {
        Rejection::BadRequest(message) => HttpResponse::BadRequest()
            .content_type(ContentType::json())
            .json(json!({ "errors": [{ "message": message, "extensions": { "code": "VALIDATION" } }] })),
        Rejection::MutationOverGet => HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "POST"))
            .content_type(ContentType::json())
            .json(json!({ "errors": [{ "message": "mutations must be sent with POST", "extensions": { "code": "VALIDATION" } }] })),
    }
}

fn accepts_html(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}
