//! Property tests of the OData V2 decoders: whatever a server sends, they never panic, and
//! what they read back is what was written.

use proptest::prelude::*;
use sap_http::odata::{
    atom, collection_page, format_date, gateway_error, parse_date, skiptoken_of, Fields,
};
use serde_json::{json, Value};

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const NAMESPACES: &str = r#"xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices""#;

/// Text XML 1.0 carries unchanged: no control characters but tab and line feed (a carriage
/// return is line-end normalisation's business), no noncharacters.
const XML_TEXT: &str = "[^\u{0}-\u{8}\u{b}-\u{1f}\u{fffe}\u{ffff}]{0,40}";

proptest! {
    #[test]
    fn dates_round_trip_in_every_spelling(millis in -2_000_000_000_000i64..4_000_000_000_000i64) {
        let from_json = parse_date(&format!("/Date({millis})/")).unwrap();
        prop_assert_eq!(from_json.timestamp_millis(), millis);
        let with_offset = parse_date(&format!("/Date({millis}+0060)/")).unwrap();
        prop_assert_eq!(with_offset, from_json);
        let iso = from_json.format("%Y-%m-%dT%H:%M:%S%.3f").to_string();
        prop_assert_eq!(parse_date(&iso).unwrap(), from_json);
        prop_assert_eq!(parse_date(&format_date(&from_json)).unwrap().timestamp(), from_json.timestamp());
        if millis >= 1_000_000_000 {
            prop_assert_eq!(parse_date(&millis.to_string()).unwrap(), from_json);
        }
    }

    #[test]
    fn no_input_makes_a_decoder_panic(text in any::<String>()) {
        let _ = parse_date(&text);
        let _ = gateway_error(&text);
        let _ = atom::to_verbose_json(&text);
        let _ = skiptoken_of(&text);
        let wrapped = format!("<feed {NAMESPACES}><entry><m:properties>{text}</m:properties></entry></feed>");
        let _ = atom::to_verbose_json(&wrapped);
        let error = format!("<error><code>{text}</code><message>{text}</message></error>");
        let _ = gateway_error(&error);
        let _ = gateway_error(&format!("{{\"error\":{text}}}"));
    }

    #[test]
    fn damaged_documents_never_panic(cut in 0usize..2000, byte in any::<u8>(), at in 0usize..2000) {
        let document = format!(
            "<feed {NAMESPACES}><m:count>3</m:count><entry><id>x</id><content type=\"application/xml\"><m:properties><d:Id>A &amp; B</d:Id><d:N m:type=\"Edm.Int32\">5</d:N></m:properties></content></entry><link rel=\"next\" href=\"X?$skiptoken=1\"/></feed>"
        );
        let mut bytes = document.into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.min(bytes.len()));
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(body) = atom::to_verbose_json(&text) {
            let _ = collection_page(&body);
        }
    }

    #[test]
    fn error_messages_come_through_every_variant(message in "[^\u{0}-\u{1f}]{1,80}") {
        prop_assume!(!message.trim().is_empty());
        let verbose = json!({"error": {"code": "Bad Request", "message": {"lang": "en", "value": message}}});
        prop_assert_eq!(gateway_error(&verbose.to_string()).unwrap().message, message.trim());
        let converted = json!({"error": {"code": "Not Found", "message": {"@lang": "en", "#text": message}}});
        prop_assert_eq!(gateway_error(&converted.to_string()).unwrap().message, message.trim());
        let null_value = json!({"error": {"code": message, "message": {"lang": "en", "value": null}}});
        prop_assert_eq!(gateway_error(&null_value.to_string()).unwrap().message, message.trim());
        let xml = format!("<error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\"><code>X</code><message xml:lang=\"en\">{}</message></error>", escape_xml(&message));
        prop_assert_eq!(gateway_error(&xml).unwrap().message, message.trim());
    }

    #[test]
    fn int64_and_booleans_as_strings_read_as_values(number in any::<u64>(), signed in any::<i64>(), flag in any::<bool>()) {
        let entity = json!({"Size": number.to_string(), "Active": flag.to_string(), "N": number, "Delta": signed.to_string()});
        let fields = Fields(entity.as_object().unwrap());
        prop_assert_eq!(fields.unsigned("size"), Some(number));
        prop_assert_eq!(fields.unsigned("N"), Some(number));
        prop_assert_eq!(fields.signed("delta"), Some(signed));
        prop_assert_eq!(fields.flag("active"), Some(flag));
    }

    #[test]
    fn atom_properties_read_back_as_written(
        values in proptest::collection::vec(XML_TEXT, 1..6),
        count in 0u32..100_000,
    ) {
        let entries: String = values
            .iter()
            .map(|value| format!(
                "<entry><content type=\"application/xml\"><m:properties><d:Value>{}</d:Value><d:Size m:type=\"Edm.Int64\">{count}</d:Size></m:properties></content></entry>",
                escape_xml(value)
            ))
            .collect();
        let document = format!(
            "<feed {NAMESPACES}><m:count>{count}</m:count>{entries}<link rel=\"next\" href=\"X?$skiptoken={count}\"/></feed>"
        );
        let body = atom::to_verbose_json(&document).unwrap();
        let page = collection_page(&body).unwrap();
        prop_assert_eq!(page.count, Some(u64::from(count)));
        prop_assert_eq!(skiptoken_of(page.next.as_deref().unwrap()), Some(count.to_string()));
        prop_assert_eq!(page.entries.len(), values.len());
        for (entry, value) in page.entries.iter().zip(&values) {
            prop_assert_eq!(&entry["Value"], &Value::String(value.clone()));
            prop_assert_eq!(&entry["Size"], &Value::String(count.to_string()));
        }
    }
}
