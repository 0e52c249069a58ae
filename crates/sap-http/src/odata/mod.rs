//! OData V2 as SAP's services speak it (SAP Gateway, Cloud Integration's `/api/v1`), shared
//! by every OData client:
//! - [`envelope`]: verbose JSON, `{"d": {...}}` and `{"d": {"results": [...], "__count",
//!   "__next"}}`, `__metadata`, `__deferred` and expanded navigation, lenient [`Fields`];
//! - [`dates`]: `/Date(ms)/`, `/Date(ms+0060)/` and the plain ISO spellings;
//! - [`error`]: the error body in its variants (Gateway JSON with `innererror`, `value: null`,
//!   the XML-to-JSON `#text` form, XML `<error>`), and [`check_response`];
//! - [`atom`]: the Atom XML default (feed and entry) read into the verbose JSON shape, so one
//!   set of decoders serves both formats ([`data_body`] picks by the answer).
//!
//! Decoding is lenient: property names are matched case-insensitively and numbers and
//! booleans may arrive as JSON strings (Int64/Decimal are strings in verbose JSON, and Cloud
//! Integration sends some booleans as `"false"`), because property lists vary by release.
//! Nothing here panics on any input.

pub mod atom;
pub mod dates;
pub mod envelope;
pub mod error;
mod xml;

use serde_json::Value;

use crate::{text_excerpt, HttpResponse, SapError};

pub use dates::{format_date, parse_date};
pub use envelope::{
    collection_body, collection_page, entity_body, expanded_many, expanded_one, skiptoken_of,
    Fields, Page,
};
pub use error::{check_response, gateway_error, GatewayError};

/// Parses a JSON body, reporting what arrived when it is not JSON.
pub fn json_body(response: &HttpResponse) -> Result<Value, SapError> {
    serde_json::from_slice(&response.body).map_err(|error| SapError::Decode {
        message: format!("expected OData JSON: {error}"),
        excerpt: text_excerpt(&response.text(), 300),
    })
}

/// A data answer as verbose JSON: JSON as it came, or an Atom feed or entry (the default
/// format, and the only one some entity sets offer) read into the same shape.
pub fn data_body(response: &HttpResponse) -> Result<Value, SapError> {
    let declares_xml = response.content_type().is_some_and(|content_type| {
        let mime = content_type.to_ascii_lowercase();
        mime.contains("xml") && !mime.contains("json")
    });
    let starts_with_tag = response
        .body
        .iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|byte| *byte == b'<');
    if !(declares_xml || starts_with_tag) {
        return json_body(response);
    }
    atom::to_verbose_json(&response.text()).map_err(|message| SapError::Decode {
        message: format!("expected OData Atom XML: {message}"),
        excerpt: text_excerpt(&response.text(), 300),
    })
}

/// The answer lacks what the caller needs (`what`: "a work item", "the results array").
pub fn shape_error(what: &str, body: &Value) -> SapError {
    SapError::Decode {
        message: format!("the answer does not contain {what}"),
        excerpt: text_excerpt(&body.to_string(), 300),
    }
}

/// An OData string literal: `'…'` with embedded quotes doubled.
pub fn string_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};

    fn answer(content_type: &str, body: &str) -> HttpResponse {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
        HttpResponse {
            status: 200,
            headers,
            body: Bytes::from(body.to_owned()),
        }
    }

    #[test]
    fn string_literals_double_quotes() {
        assert_eq!(string_literal("O'Brien"), "'O''Brien'");
    }

    #[test]
    fn data_bodies_in_json_and_atom_read_alike() {
        let json = answer(
            "application/json",
            r#"{"d":{"results":[{"Id":"Orders"}],"__count":"1"}}"#,
        );
        let atom = answer(
            "application/atom+xml;type=feed;charset=utf-8",
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"><m:count>1</m:count><entry><content type="application/xml"><m:properties><d:Id>Orders</d:Id></m:properties></content></entry></feed>"#,
        );
        for response in [json, atom] {
            let body = data_body(&response).unwrap();
            let page = collection_page(&body).unwrap();
            assert_eq!(page.count, Some(1));
            assert_eq!(
                Fields(page.entries[0]).text("Id").as_deref(),
                Some("Orders")
            );
        }
        let broken = answer("application/json", "<html>oops");
        assert!(matches!(data_body(&broken), Err(SapError::Decode { .. })));
        let not_json = answer("application/json", "oops");
        assert!(matches!(data_body(&not_json), Err(SapError::Decode { .. })));
    }
}
