//! The Partner Directory: partners and their string and binary parameters, keyed
//! `(Pid='…',Id='…')`, binary values in base64, pages of 30 binary parameters.

use axum::http::{Method, StatusCode};
use axum::response::Response;
use base64::Engine as _;
use serde_json::{Map, Value};

use super::errors::ApiError;
use super::filter::{Kind, Logical, Rules, EQ};
use super::metadata;
use super::odata::{
    collection_response, date, entity_response, quoted, text_response, Call, EntityBuilder,
};
use super::query::{self, SetRules};
use super::routes::{string_keys, Segment};

/// Longest string value the tenant stores.
const MAX_STRING_VALUE: usize = 4000;
/// Largest binary value (decoded), about what the tenant accepts.
const MAX_BINARY_VALUE: usize = 1_500_000;
/// Longest partner id.
const MAX_PID: usize = 60;
/// Binary parameters come 30 to a page.
const BINARY_PAGE_SIZE: usize = 30;
const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone)]
pub(crate) struct Parameter {
    pub pid: String,
    pub id: String,
    /// `None` for string parameters.
    pub content_type: Option<String>,
    pub value: Vec<u8>,
    pub created_by: String,
    pub created_ms: i64,
    pub modified_by: String,
    pub modified_ms: i64,
}

#[derive(Default)]
pub(crate) struct Directory {
    pub strings: Vec<Parameter>,
    pub binaries: Vec<Parameter>,
}

const PARAMETER_FILTER: Rules = Rules {
    type_name: "pd.Parameter",
    properties: &[("Pid", Kind::Str, EQ), ("Id", Kind::Str, EQ)],
    not_filterable: &["Value", "ContentType", "LastModifiedTime", "CreatedTime"],
    functions: false,
    logical: Logical::AndOr,
};

const STRING_RULES: SetRules = SetRules {
    filter: Some(&PARAMETER_FILTER),
    orderby: &["Value", "Value desc"],
    ..SetRules::plain("StringParameters")
};

const BINARY_RULES: SetRules = SetRules {
    filter: Some(&PARAMETER_FILTER),
    orderby: &["ContentType", "ContentType desc", "Value", "Value desc"],
    page_size: BINARY_PAGE_SIZE,
    ..SetRules::plain("BinaryParameters")
};

const PARTNER_RULES: SetRules = SetRules::plain("Partners");

const SUPPLIERS: &[(&str, &str, &str)] = &[
    (
        "SUPPLIER_1710001",
        "Bolt & Nut Industrial GmbH",
        "AN01000000101",
    ),
    ("SUPPLIER_1710002", "Nordic Packaging AB", "AN01000000102"),
    (
        "SUPPLIER_1710003",
        "Iberia Components S.L.",
        "AN01000000103",
    ),
    (
        "SUPPLIER_1710004",
        "Lakeside Electronics Inc.",
        "AN01000000104",
    ),
    (
        "SUPPLIER_1710005",
        "Polska Metal Sp. z o.o.",
        "AN01000000105",
    ),
    ("SUPPLIER_1710006", "Alpine Plastics AG", "AN01000000106"),
    ("SUPPLIER_1710007", "Danube Logistics Kft.", "AN01000000107"),
    ("SUPPLIER_1710008", "Rhone Chemicals SAS", "AN01000000108"),
    (
        "SUPPLIER_1710009",
        "Thames Office Supplies Ltd",
        "AN01000000109",
    ),
    ("SUPPLIER_1710010", "Baltic Timber UAB", "AN01000000110"),
    (
        "SUPPLIER_1710011",
        "Adriatic Textiles d.o.o.",
        "AN01000000111",
    ),
    ("SUPPLIER_1710012", "Benelux Tools B.V.", "AN01000000112"),
];

fn string(pid: &str, id: &str, value: &str, by: &str, ms: i64) -> Parameter {
    Parameter {
        pid: pid.to_owned(),
        id: id.to_owned(),
        content_type: None,
        value: value.as_bytes().to_vec(),
        created_by: by.to_owned(),
        created_ms: ms - 90 * DAY_MS,
        modified_by: by.to_owned(),
        modified_ms: ms,
    }
}

fn binary(pid: &str, id: &str, content_type: &str, value: String, by: &str, ms: i64) -> Parameter {
    Parameter {
        content_type: Some(content_type.to_owned()),
        ..string(pid, id, &value, by, ms)
    }
}

impl Directory {
    pub(crate) fn seeded(now_ms: i64) -> Self {
        let by = "marco.rossi@example.com";
        let mut strings = Vec::new();
        let mut binaries = Vec::new();
        for (n, (pid, name, anid)) in SUPPLIERS.iter().enumerate() {
            let ms = now_ms - (n as i64 * 3 + 2) * DAY_MS;
            let slug: String = name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            strings.push(string(pid, "PartnerName", name, by, ms));
            strings.push(string(pid, "AribaNetworkId", anid, by, ms));
            strings.push(string(
                pid,
                "ReceiverAddress",
                &format!("https://b2b.{slug}.example/cxml/orders"),
                by,
                ms,
            ));
            strings.push(string(
                pid,
                "OrderCurrency",
                ["EUR", "SEK", "EUR", "USD", "PLN", "CHF"][n % 6],
                by,
                ms,
            ));
            binaries.push(binary(
                pid,
                "OrderMapping",
                "xsl",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsl:stylesheet version=\"2.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n  <!-- Partner-specific adjustments for {name} -->\n  <xsl:template match=\"@*|node()\"><xsl:copy><xsl:apply-templates select=\"@*|node()\"/></xsl:copy></xsl:template>\n  <xsl:template match=\"OrderRequestHeader/@orderType\"><xsl:attribute name=\"orderType\">regular</xsl:attribute></xsl:template>\n</xsl:stylesheet>\n"
                ),
                by,
                ms,
            ));
            binaries.push(binary(
                pid,
                "UnitCodes",
                "xml;encoding=UTF-8",
                format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<codes partner=\"{pid}\"><code sap=\"ST\" partner=\"EA\"/><code sap=\"KG\" partner=\"KGM\"/><code sap=\"M\" partner=\"MTR\"/></codes>\n"),
                by,
                ms,
            ));
            binaries.push(binary(
                pid,
                "SigningCertificate",
                "crt",
                format!(
                    "-----BEGIN CERTIFICATE-----\nMIIC{}\n-----END CERTIFICATE-----\n",
                    base64::engine::general_purpose::STANDARD
                        .encode(format!("CN={name}, O={name}, C=EU serial {n:04}"))
                ),
                by,
                ms,
            ));
        }
        let finance = "thomas.weber@example.com";
        for (id, value) in [
            ("EBICS_URL", "https://ebics.db.example/ebicsweb/ebicsweb"),
            ("EBICS_HostId", "DEUTDEFFXXX"),
            ("EBICS_PartnerId", "ACME0001"),
            ("EBICS_UserId", "ACMEUSR1"),
        ] {
            strings.push(string(
                "BANK_DEUTSCHE",
                id,
                value,
                finance,
                now_ms - 15 * DAY_MS,
            ));
        }
        strings.push(string(
            "CUSTOMER_SFDC",
            "OrgId",
            "00D5g000004ABCD",
            "anna.keller@example.com",
            now_ms - 12 * DAY_MS,
        ));
        strings.push(string(
            "CUSTOMER_SFDC",
            "ApiVersion",
            "v59.0",
            "anna.keller@example.com",
            now_ms - 12 * DAY_MS,
        ));
        Self { strings, binaries }
    }

    fn list(&self, binary: bool) -> &Vec<Parameter> {
        if binary {
            &self.binaries
        } else {
            &self.strings
        }
    }

    fn list_mut(&mut self, binary: bool) -> &mut Vec<Parameter> {
        if binary {
            &mut self.binaries
        } else {
            &mut self.strings
        }
    }
}

fn set_name(binary: bool) -> &'static str {
    if binary {
        "BinaryParameters"
    } else {
        "StringParameters"
    }
}

fn key_path(binary: bool, pid: &str, id: &str) -> String {
    format!(
        "{}(Pid={},Id={})",
        set_name(binary),
        quoted(pid),
        quoted(id)
    )
}

fn entity(call: &Call, parameter: &Parameter) -> Value {
    let binary = parameter.content_type.is_some();
    let mut builder = EntityBuilder::new(
        &call.root,
        metadata::of_set(set_name(binary)),
        key_path(binary, &parameter.pid, &parameter.id),
    )
    .prop("Pid", parameter.pid.clone())
    .prop("Id", parameter.id.clone())
    .prop("LastModifiedBy", parameter.modified_by.clone())
    .prop("LastModifiedTime", date(parameter.modified_ms))
    .prop("CreatedBy", parameter.created_by.clone())
    .prop("CreatedTime", date(parameter.created_ms));
    builder = match &parameter.content_type {
        Some(content_type) => builder.prop("ContentType", content_type.clone()).prop(
            "Value",
            base64::engine::general_purpose::STANDARD.encode(&parameter.value),
        ),
        None => builder.prop(
            "Value",
            String::from_utf8_lossy(&parameter.value).into_owned(),
        ),
    };
    builder.build()
}

/// The modifier: the `user` query option if given (integration flows write for users), else
/// the caller.
fn modifier(call: &Call) -> String {
    call.param("user")
        .filter(|user| !user.is_empty())
        .map_or_else(|| call.principal.clone(), str::to_owned)
}

fn valid_key_part(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '@'))
}

fn not_found(binary: bool, pid: &str, id: &str) -> ApiError {
    ApiError::not_found(format!(
        "{} parameter with Pid '{pid}' and Id '{id}' does not exist.",
        if binary { "Binary" } else { "String" }
    ))
}

/// Value (and content type) of a create or update body, checked.
fn value_of(
    body: &Map<String, Value>,
    binary: bool,
) -> Result<(Vec<u8>, Option<String>), ApiError> {
    let value = match body.get("Value") {
        Some(Value::String(value)) => value,
        Some(_) => return Err(ApiError::bad_request("Property 'Value' must be a string.")),
        None => {
            return Err(ApiError::bad_request(
                "Mandatory property 'Value' is missing.",
            ))
        }
    };
    if !binary {
        if value.chars().count() > MAX_STRING_VALUE {
            return Err(ApiError::bad_request(format!(
                "The value is too long: at most {MAX_STRING_VALUE} characters are allowed."
            )));
        }
        return Ok((value.as_bytes().to_vec(), None));
    }
    let content_type = match body.get("ContentType") {
        Some(Value::String(content_type)) if !content_type.trim().is_empty() => {
            content_type.clone()
        }
        _ => {
            return Err(ApiError::bad_request(
                "Mandatory property 'ContentType' is missing.",
            ))
        }
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .map_err(|_| ApiError::bad_request("Property 'Value' is not valid base64."))?;
    if bytes.len() > MAX_BINARY_VALUE {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The binary value is too large: at most {MAX_BINARY_VALUE} bytes are allowed."),
        ));
    }
    Ok((bytes, Some(content_type)))
}

pub(crate) fn route(
    directory: &mut Directory,
    call: &Call,
    first: &Segment<'_>,
    rest: &[&str],
) -> Result<Option<Response>, ApiError> {
    let binary = match first.name {
        "StringParameters" => false,
        "BinaryParameters" => true,
        "Partners" => return partners(directory, call, first.key, rest).map(Some),
        _ => return Ok(None),
    };
    let set = set_name(binary);
    let response = match (&call.method, first.key, rest) {
        (&Method::GET | &Method::HEAD, None, []) => {
            let rules = if binary { &BINARY_RULES } else { &STRING_RULES };
            let query = query::parse(call, rules)?;
            let mut entities: Vec<Value> = directory
                .list(binary)
                .iter()
                .map(|p| entity(call, p))
                .filter(|e| query.keep(e))
                .collect();
            query.sort(&mut entities);
            let total = entities.len();
            let (range, next) = query.page(total, rules.page_size);
            let page: Vec<Value> = entities.drain(range).collect();
            let next = next.map(|token| query::next_link(call, set, token));
            collection_response(call, set, page, query.inlinecount.then_some(total), next)
        }
        (&Method::POST, None, []) => {
            let body = call.json_body()?;
            let pid = body
                .get("Pid")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let id = body
                .get("Id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            if !valid_key_part(&pid) || pid.len() > MAX_PID || !valid_key_part(&id) {
                return Err(ApiError::bad_request(format!(
                    "Invalid Pid '{pid}' or Id '{id}': use up to {MAX_PID} characters of A-Z, a-z, 0-9, '-', '.', '_', '~' and '@'."
                )));
            }
            if directory
                .list(binary)
                .iter()
                .any(|p| p.pid == pid && p.id == id)
            {
                return Err(ApiError::conflict(format!(
                    "Parameter with Pid '{pid}' and Id '{id}' already exists."
                )));
            }
            let (value, content_type) = value_of(&body, binary)?;
            let by = modifier(call);
            let parameter = Parameter {
                pid,
                id,
                content_type,
                value,
                created_by: by.clone(),
                created_ms: call.now_ms,
                modified_by: by,
                modified_ms: call.now_ms,
            };
            let created = entity(call, &parameter);
            directory.list_mut(binary).push(parameter);
            entity_response(call, StatusCode::CREATED, created)
        }
        (method, Some(key), []) => {
            let keys = string_keys(key, &["Pid", "Id"])?;
            let (pid, id) = (keys[0].clone(), keys[1].clone());
            let position = directory
                .list(binary)
                .iter()
                .position(|p| p.pid == pid && p.id == id)
                .ok_or_else(|| not_found(binary, &pid, &id))?;
            match *method {
                Method::GET | Method::HEAD => entity_response(
                    call,
                    StatusCode::OK,
                    entity(call, &directory.list(binary)[position]),
                ),
                Method::PUT => {
                    let body = call.json_body()?;
                    let (value, content_type) = value_of(&body, binary)?;
                    let parameter = &mut directory.list_mut(binary)[position];
                    parameter.value = value;
                    if content_type.is_some() {
                        parameter.content_type = content_type;
                    }
                    parameter.modified_by = modifier(call);
                    parameter.modified_ms = call.now_ms;
                    text_response(StatusCode::NO_CONTENT, "")
                }
                Method::DELETE => {
                    directory.list_mut(binary).remove(position);
                    text_response(StatusCode::NO_CONTENT, "")
                }
                _ => return Err(ApiError::method_not_allowed(method.as_str(), set)),
            }
        }
        (_, _, [other, ..]) => return Err(ApiError::unknown_segment(other)),
        (method, None, []) => return Err(ApiError::method_not_allowed(method.as_str(), set)),
    };
    Ok(Some(response))
}

/// Partners are the Pids that have parameters; deleting one deletes its parameters.
fn partners(
    directory: &mut Directory,
    call: &Call,
    key: Option<&str>,
    rest: &[&str],
) -> Result<Response, ApiError> {
    let mut pids: Vec<String> = directory
        .strings
        .iter()
        .chain(&directory.binaries)
        .map(|p| p.pid.clone())
        .collect();
    pids.sort();
    pids.dedup();
    let partner = |pid: &str| {
        EntityBuilder::new(
            &call.root,
            metadata::of_set("Partners"),
            format!("Partners({})", quoted(pid)),
        )
        .prop("Pid", pid)
        .build()
    };
    match (&call.method, key, rest) {
        (&Method::GET | &Method::HEAD, None, []) => {
            let query = query::parse(call, &PARTNER_RULES)?;
            let total = pids.len();
            let (range, next) = query.page(total, PARTNER_RULES.page_size);
            let page = pids[range].iter().map(|pid| partner(pid)).collect();
            let next = next.map(|token| query::next_link(call, "Partners", token));
            Ok(collection_response(
                call,
                "Partners",
                page,
                query.inlinecount.then_some(total),
                next,
            ))
        }
        (method, Some(key), []) => {
            let [pid] = <[String; 1]>::try_from(string_keys(key, &["Pid"])?)
                .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
            if !pids.contains(&pid) {
                return Err(ApiError::not_found(format!(
                    "Partner '{pid}' does not exist."
                )));
            }
            match *method {
                Method::GET | Method::HEAD => {
                    Ok(entity_response(call, StatusCode::OK, partner(&pid)))
                }
                Method::DELETE => {
                    directory.strings.retain(|p| p.pid != pid);
                    directory.binaries.retain(|p| p.pid != pid);
                    Ok(text_response(StatusCode::NO_CONTENT, ""))
                }
                _ => Err(ApiError::method_not_allowed(method.as_str(), "Partners")),
            }
        }
        (_, _, [other, ..]) => Err(ApiError::unknown_segment(other)),
        (method, None, []) => Err(ApiError::method_not_allowed(method.as_str(), "Partners")),
    }
}
