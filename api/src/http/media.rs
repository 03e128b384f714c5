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
    let mut graphql_response = 0.0f32;
    let mut json = 0.0f32;
    for item in accept.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let range = parts.next().unwrap_or_default().to_ascii_lowercase();
        let quality = parts
            .find_map(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
            .unwrap_or(1.0);
        match range.as_str() {
            GRAPHQL_RESPONSE_JSON => graphql_response = graphql_response.max(quality),
            JSON | "application/*" | "*/*" => json = json.max(quality),
            _ => {}
        }
    }
    if graphql_response > 0.0 && graphql_response >= json {
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
