use actix_web::{
    HttpRequest, HttpResponse,
    http::{StatusCode, header},
    web,
};
use async_graphql::{Request, Response, ServerError, http::GraphiQLSource};
use ipnet::IpNet;
use sea_orm::DatabaseConnection;
use serde_json::json;
use tracing::Instrument;

use std::sync::Arc;

use super::{
    client_address,
    media::{self, Media},
    request::{self, Body, Rejection},
};
use crate::{
    auth::{
        account::AuthContext,
        principal::{ClientAddress, Principal, load_user},
        tokens::Subject,
    },
    graphql::{StrideSchema, admission, executed::Executed, loader::new_loader},
    settings::GraphqlLimits,
};

/// What every handler shares.
pub struct AppState {
    pub schema: StrideSchema,
    pub db: DatabaseConnection,
    pub auth: Arc<AuthContext>,
    pub limits: GraphqlLimits,
    pub trusted_proxies: Vec<IpNet>,
}

/// Who sent the request, decided once for all its operations.
struct Caller {
    principal: Principal,
    address: ClientAddress,
}

/// One operation's result, and whether it ran at all.
struct Outcome {
    response: Response,
    executed: bool,
}

pub async fn post(state: web::Data<AppState>, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    if !media::body_is_json(&req) {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as application/json",
        );
    }
    let Some(media) = media::negotiate(&req) else {
        return not_acceptable();
    };
    let caller = match authenticate(&state, &req).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    match request::parse_body(&body, state.limits.max_batch_size) {
        Ok(Body::Single(single)) => single_response(media, execute(&state, &caller, *single).await),
        Ok(Body::Batch(batch)) => {
            // One after another, as a single operation's mutations run: operations that
            // race each other could otherwise slip past per-attempt limits together.
            let mut bodies = Vec::with_capacity(batch.len());
            for request in batch {
                bodies.push(render(media, execute(&state, &caller, request).await));
            }
            HttpResponse::Ok()
                .content_type(media.content_type())
                .json(bodies)
        }
        Err(reason) => rejection(reason),
    }
}

/// GraphiQL for a browser (when enabled); otherwise a read-only query from the query
/// string.
pub async fn get(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    if state.limits.graphiql && req.query_string().is_empty() && accepts_html(&req) {
        let page = GraphiQLSource::build().endpoint("/graphql").finish();
        return HttpResponse::Ok()
            .content_type(header::ContentType::html())
            .body(page);
    }
    let Some(media) = media::negotiate(&req) else {
        return not_acceptable();
    };
    let caller = match authenticate(&state, &req).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    match request::parse_query_string(req.query_string()) {
        Ok(single) => single_response(media, execute(&state, &caller, single).await),
        Err(reason) => rejection(reason),
    }
}

/// No `Authorization` header: anonymous. A header that does not carry a valid token is
/// refused outright, never treated as anonymous.
async fn authenticate(state: &AppState, req: &HttpRequest) -> Result<Caller, HttpResponse> {
    let forwarded_for: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .collect();
    let address = ClientAddress(client_address::resolve(
        req.peer_addr().map(|a| a.ip()),
        &forwarded_for,
        &state.trusted_proxies,
    ));
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
    let verified = state
        .auth
        .tokens
        .verify(token)
        .map_err(|_| unauthenticated())?;
    let Subject::User(user_id) = verified.subject;
    match load_user(&state.db, user_id, verified.session_epoch).await {
        Ok(Some(principal)) => Ok(Caller { principal, address }),
        Ok(None) => Err(unauthenticated()),
        Err(error) => {
            let error = async_graphql::Error::from(error);
            Err(HttpResponse::ServiceUnavailable()
                .content_type(header::ContentType::json())
                .json(json!({ "errors": [{ "message": error.message, "extensions": { "code": "INTERNAL" } }] })))
        }
    }
}

fn unauthenticated() -> HttpResponse {
    HttpResponse::Unauthorized()
        .insert_header((header::WWW_AUTHENTICATE, r#"Bearer error="invalid_token""#))
        .content_type(header::ContentType::json())
        .json(json!({ "errors": [{ "message": "the access token is invalid or expired", "extensions": { "code": "UNAUTHENTICATED" } }] }))
}

/// Runs one operation with its own batch loader, so a cache never spans operations. It is
/// admitted first: parsed, and measured against the limits before anything runs.
async fn execute(state: &AppState, caller: &Caller, mut request: Request) -> Outcome {
    if let Err(refused) = admission::admit(&mut request, &state.limits) {
        return Outcome {
            response: tagged(Response::from_errors(vec![refused])),
            executed: false,
        };
    }
    let operation = request.operation_name.clone().unwrap_or_default();
    let executed = Executed::default();
    let request = request
        .data(new_loader(state.db.clone()))
        .data(caller.principal.clone())
        .data(caller.address.clone())
        .data(executed.clone());
    let response = state
        .schema
        .execute(request)
        .instrument(tracing::info_span!("graphql", operation = %operation))
        .await;
    Outcome {
        response: tagged(response),
        executed: executed.get(),
    }
}

/// Resolver errors carry their code already; the rest are verdicts on the request itself
/// (syntax, unknown fields, bad variables, depth and complexity limits).
fn tagged(mut response: Response) -> Response {
    for error in &mut response.errors {
        tag_request_error(error);
    }
    response
}

fn tag_request_error(error: &mut ServerError) {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", "VALIDATION");
    }
}

/// One result as it is sent: serialised straight from the response, never through an
/// intermediate JSON tree.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Rendered {
    Ran(Response),
    /// A request that never ran, under `application/graphql-response+json`: no `data`.
    Refused {
        errors: Vec<ServerError>,
    },
}

fn render(media: Media, outcome: Outcome) -> Rendered {
    if media == Media::GraphqlResponse && !outcome.executed {
        Rendered::Refused {
            errors: outcome.response.errors,
        }
    } else {
        Rendered::Ran(outcome.response)
    }
}

fn single_response(media: Media, outcome: Outcome) -> HttpResponse {
    let status = if media == Media::GraphqlResponse && !outcome.executed {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    HttpResponse::build(status)
        .content_type(media.content_type())
        .json(render(media, outcome))
}

fn error(status: StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(header::ContentType::json())
        .json(json!({ "errors": [{ "message": message, "extensions": { "code": "VALIDATION" } }] }))
}

fn not_acceptable() -> HttpResponse {
    error(
        StatusCode::NOT_ACCEPTABLE,
        "accept application/graphql-response+json or application/json",
    )
}

fn rejection(reason: Rejection) -> HttpResponse {
    match reason {
        Rejection::BadRequest(message) => error(StatusCode::BAD_REQUEST, &message),
        Rejection::MutationOverGet => {
            let mut response = error(
                StatusCode::METHOD_NOT_ALLOWED,
                "mutations must be sent with POST",
            );
            response
                .headers_mut()
                .insert(header::ALLOW, header::HeaderValue::from_static("POST"));
            response
        }
    }
}

fn accepts_html(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}
