//! Media types of GraphQL over HTTP: what a POST body may be, and which response type the
//! client accepts. `application/json` answers every GraphQL result with 200 (the legacy
//! behaviour clients rely on); `application/graphql-response+json` answers a request that
//! never ran (unparsable, invalid, over a limit) with 400 and no `data` entry.

use actix_web::{HttpMessage, HttpRequest, http::header, mime};

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
pub const JSON: &str = "application/json";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Media {
    Json,
    GraphqlResponse,
}

impl Media {
    pub fn content_type(self) -> &'static str {
        match self {
            Media::Json => "application/json",
            Media::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
        }
    }
}

/// A POST body must say it is JSON (UTF-8); forms and `text/plain`, which any web page
/// can make a browser send without a preflight, are refused.
pub fn body_is_json(req: &HttpRequest) -> bool {
    let Ok(Some(mime)) = req.mime_type() else {
        return false;
    };
    let essence = mime.essence_str();
    let charset_ok = mime
        .get_param(mime::CHARSET)
        .is_none_or(|charset| charset.as_str().eq_ignore_ascii_case("utf-8"));
    (essence == JSON || essence == GRAPHQL_RESPONSE_JSON) && charset_ok
}

/// The response type for the request's `Accept`; `None` when it accepts neither.
/// No `Accept`, or only wildcards, means `application/json`.
pub fn negotiate(req: &HttpRequest) -> Option<Media> {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
    else {
        return Some(Media::Json);
    };
    // The most specific range that names a type decides its quality.
    let mut graphql_response: Option<f32> = None;
    let mut json: Option<f32> = None;
    let mut wildcard: Option<f32> = None;
    for item in accept.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let range = parts.next().unwrap_or_default().to_ascii_lowercase();
        let quality = parts
            .find_map(|p| {
                let (name, value) = p.split_once('=')?;
                (name.trim().eq_ignore_ascii_case("q"))
                    .then(|| value.trim().parse::<f32>().ok())
                    .flatten()
            })
            .unwrap_or(1.0);
        let slot = match range.as_str() {
            GRAPHQL_RESPONSE_JSON => &mut graphql_response,
            JSON => &mut json,
            "application/*" | "*/*" => &mut wildcard,
            _ => continue,
        };
        *slot = Some(slot.map_or(quality, |q| q.max(quality)));
    }
    // A bare wildcard keeps the legacy type: only a client that names the new one gets
    // it on a tie.
    let named = graphql_response.is_some();
    let graphql_response = graphql_response.or(wildcard).unwrap_or(0.0);
    let json = json.or(wildcard).unwrap_or(0.0);
    if graphql_response > 0.0 && (graphql_response > json || (named && graphql_response == json)) {
        Some(Media::GraphqlResponse)
    } else if json > 0.0 {
        Some(Media::Json)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn accept(value: &str) -> Option<Media> {
        negotiate(
            &TestRequest::default()
                .insert_header((header::ACCEPT, value))
                .to_http_request(),
        )
    }

    fn content(value: Option<&str>) -> bool {
        let mut request = TestRequest::post();
        if let Some(value) = value {
            request = request.insert_header((header::CONTENT_TYPE, value));
        }
        body_is_json(&request.to_http_request())
    }

    #[test]
    fn the_response_type_follows_accept() {
        assert_eq!(
            negotiate(&TestRequest::default().to_http_request()),
            Some(Media::Json)
        );
        assert_eq!(accept("application/json"), Some(Media::Json));
        assert_eq!(accept("*/*"), Some(Media::Json));
        assert_eq!(accept(GRAPHQL_RESPONSE_JSON), Some(Media::GraphqlResponse));
        assert_eq!(
            accept("application/graphql-response+json, application/json;q=0.9"),
            Some(Media::GraphqlResponse)
        );
        assert_eq!(
            accept("application/graphql-response+json;q=0.5, application/json"),
            Some(Media::Json)
        );
        assert_eq!(accept("text/html"), None);
        assert_eq!(
            accept("application/json;q=0, */*"),
            Some(Media::GraphqlResponse),
            "json refused by name, anything else welcome"
        );
        assert_eq!(
            accept("application/json;Q=0.1, application/graphql-response+json;Q=0.2"),
            Some(Media::GraphqlResponse)
        );
        assert_eq!(
            accept("application/graphql-response+json;q=0, */*"),
            Some(Media::Json)
        );
        assert_eq!(accept("application/graphql-response+json;q=0"), None);
    }

    #[test]
    fn only_json_bodies_are_read() {
        assert!(content(Some("application/json")));
        assert!(content(Some("application/json; charset=UTF-8")));
        assert!(content(Some(GRAPHQL_RESPONSE_JSON)));
        assert!(!content(Some("application/json; charset=latin1")));
        assert!(!content(Some("text/plain")));
        assert!(!content(Some("application/x-www-form-urlencoded")));
        assert!(!content(Some("multipart/form-data; boundary=x")));
        assert!(!content(None));
    }
}
