//! The checks a request passes before async-graphql validates or runs it: it parses, its
//! text holds no control characters, and its operations stay within the field and
//! sign-in limits once their fragments are expanded. Refusals are request errors
//! (nothing runs) with `code: VALIDATION` and a `reason`.

use async_graphql::{
    ErrorExtensionValues, Request, ServerError,
    parser::{parse_query, types::ExecutableDocument},
};

use super::{
    cost::{self, Unmeasurable},
    text_input,
};
use crate::settings::GraphqlLimits;

/// Parses the request's document (kept on the request, so it is not parsed again) and
/// checks it; `Err` holds the one error to answer with.
pub fn admit(request: &mut Request, limits: &GraphqlLimits) -> Result<(), ServerError> {
    let document = parse_query(&request.query).map_err(ServerError::from)?;
    text_input::check(&document, &request.variables).map_err(|bad| {
        refusal(
            "CONTROL_CHARACTER",
            "text must not contain control characters",
            Some(&bad.field),
        )
    })?;
    check_cost(&document, limits)?;
    request.set_parsed_query(document);
    Ok(())
}

/// Every operation of the document, not only the one that will run: validation walks
/// them all, expanding their fragments as it goes.
fn check_cost(document: &ExecutableDocument, limits: &GraphqlLimits) -> Result<(), ServerError> {
    let too_many = |fields: u64| {
        refusal(
            "TOO_MANY_FIELDS",
            &format!(
                "the operation selects {fields} fields and fragments once fragments are expanded; the limit is {}",
                limits.max_fields
            ),
            None,
        )
    };
    let unmeasurable = |why| match why {
        Unmeasurable::FragmentCycle => refusal(
            "FRAGMENT_CYCLE",
            "fragments must not spread each other in a cycle",
            None,
        ),
        Unmeasurable::TooDeep => refusal("TOO_DEEP", "the query is nested too deep", None),
        Unmeasurable::UnknownFragment => refusal(
            "UNKNOWN_FRAGMENT",
            "the document spreads a fragment it does not define",
            None,
        ),
    };
    let fragment_fields = cost::largest_fragment(document).map_err(unmeasurable)?;
    if fragment_fields > limits.max_fields {
        return Err(too_many(fragment_fields));
    }
    for (_, operation) in document.operations.iter() {
        let cost = cost::measure(document, &operation.node).map_err(unmeasurable)?;
        if cost.selections > limits.max_fields {
            return Err(too_many(cost.selections));
        }
        if cost.auth_mutations > limits.max_auth_mutations {
            return Err(refusal(
                "TOO_MANY_SIGN_IN_ATTEMPTS",
                &format!(
                    "an operation may hold at most {} of login, register, refreshToken, partnerToken and changePassword",
                    limits.max_auth_mutations
                ),
                None,
            ));
        }
    }
    Ok(())
}

fn refusal(reason: &str, message: &str, field: Option<&str>) -> ServerError {
    let mut error = ServerError::new(message, None);
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", "VALIDATION");
    extensions.set("reason", reason);
    if let Some(field) = field {
        extensions.set("field", field);
    }
    error.extensions = Some(extensions);
    error
}
