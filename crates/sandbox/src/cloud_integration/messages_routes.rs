//! Message processing logs and what hangs off them: error information, attachments, custom
//! header properties, adapter attributes, runs and their steps, message store entries.

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::Value;

use super::errors::ApiError;
use super::filter::{Kind, Logical, Rules, ALL, EQ, EQ_NE};
use super::messages::{Message, MessageLog};
use super::metadata;
use super::odata::{
    collection_response, date, entity_response, media_response, quoted, results, text_response,
    Call, EntityBuilder,
};
use super::query::{self, ListQuery, SetRules};
use super::routes::{string_keys, Segment};

const LOG_FILTER: Rules = Rules {
    type_name: "com.sap.hci.api.MessageProcessingLog",
    properties: &[
        ("MessageGuid", Kind::Str, EQ),
        ("CorrelationId", Kind::Str, EQ),
        ("ApplicationMessageId", Kind::Str, EQ),
        ("TransactionId", Kind::Str, EQ),
        ("IntegrationFlowName", Kind::Str, EQ),
        ("IntegrationArtifact/Id", Kind::Str, EQ),
        ("IntegrationArtifact/PackageId", Kind::Str, EQ),
        ("ApplicationMessageType", Kind::Str, EQ_NE),
        ("Status", Kind::Str, EQ_NE),
        ("CustomStatus", Kind::Str, EQ_NE),
        ("LogLevel", Kind::Str, EQ_NE),
        ("Sender", Kind::Str, EQ_NE),
        ("Receiver", Kind::Str, EQ_NE),
        ("LogStart", Kind::Date, ALL),
        ("LogEnd", Kind::Date, ALL),
    ],
    not_filterable: &["AlternateWebLink", "ArchivingStatus", "IntegrationArtifact"],
    functions: false,
    logical: Logical::AndOr,
};

const LOG_RULES: SetRules = SetRules {
    filter: Some(&LOG_FILTER),
    orderby: &[
        "LogEnd",
        "LogEnd desc",
        "LogStart",
        "LogStart desc",
        "Status,LogEnd desc",
        "ApplicationMessageId",
    ],
    ..SetRules::plain("MessageProcessingLogs")
};

/// Custom header properties of one message.
const HEADER_RULES: SetRules = SetRules {
    orderby: &["Name", "Name desc", "Name,Value", "Value desc"],
    ..SetRules::plain("CustomHeaderProperties")
};

const HEADER_FILTER: Rules = Rules {
    type_name: "com.sap.hci.api.MessageProcessingLogCustomHeaderProperty",
    properties: &[("Name", Kind::Str, EQ), ("Value", Kind::Str, EQ)],
    not_filterable: &["Id"],
    functions: false,
    logical: Logical::AndOr,
};

/// `MessageProcessingLogCustomHeaderProperties?$filter=Name eq '…' and Value eq '…'`.
const HEADER_SEARCH_RULES: SetRules = SetRules {
    filter: Some(&HEADER_FILTER),
    orderby: &["Name,Value", "Name desc,Value desc"],
    expand: &["Log"],
    ..SetRules::plain("MessageProcessingLogCustomHeaderProperties")
};

const DETAIL_RULES: SetRules = SetRules {
    paging: false,
    ..SetRules::plain("MessageProcessingLogs")
};

const SINGLE_LOG_RULES: SetRules = SetRules {
    expand: &["AdapterAttributes", "CustomHeaderProperties"],
    paging: false,
    ..SetRules::plain("MessageProcessingLogs")
};

pub(crate) fn route(
    log: &MessageLog,
    call: &Call,
    first: &Segment<'_>,
    rest: &[&str],
) -> Result<Option<Response>, ApiError> {
    let sets = [
        "MessageProcessingLogs",
        "MessageProcessingLogAttachments",
        "MessageProcessingLogRuns",
        "MessageProcessingLogCustomHeaderProperties",
        "MessageStoreEntries",
        "MessageProcessingLogErrorInformations",
        "MessageProcessingLogAdapterAttributes",
        "MessageProcessingLogRunSteps",
    ];
    if !sets.contains(&first.name) {
        return Ok(None);
    }
    if call.method != Method::GET && call.method != Method::HEAD {
        return Err(ApiError::method_not_allowed(
            call.method.as_str(),
            first.name,
        ));
    }
    let response = match (first.name, first.key, rest) {
        ("MessageProcessingLogs", None, []) => list(log, call)?,
        ("MessageProcessingLogs", None, ["$count"]) => {
            let query = query::parse(call, &LOG_RULES)?;
            let header = custom_header_filter(call)?;
            let count = matching(log, call, &query, header.as_ref()).len();
            text_response(StatusCode::OK, count.to_string())
        }
        ("MessageProcessingLogs", Some(key), rest) => {
            let message = find(log, call, key, &["MessageGuid"])?;
            log_resource(call, &message, rest)?
        }
        ("MessageProcessingLogAttachments", Some(key), rest) => {
            let [id] = one_key(key, "Id")?;
            let (message, number) = attachment_of(log, call, &id)?;
            match rest {
                [] => entity_response(
                    call,
                    StatusCode::OK,
                    attachment_entity(call, &message, number),
                ),
                ["$value"] => {
                    let (name, content_type) = message.attachments()[number];
                    media_response(
                        attachment_bytes(&message, name, content_type),
                        content_type,
                        None,
                    )
                }
                [other, ..] => return Err(ApiError::unknown_segment(other)),
            }
        }
        ("MessageProcessingLogRuns", Some(key), rest) => {
            let [id] = one_key(key, "Id")?;
            let (message, run) = run_of(log, call, &id)?;
            match rest {
                [] => entity_response(call, StatusCode::OK, run_entity(call, &message, run)),
                ["RunSteps"] => {
                    let steps = run_steps(call, &message, run);
                    let path = format!("MessageProcessingLogRuns({})/RunSteps", quoted(&id));
                    collection_response(call, &path, steps, None, None)
                }
                [other, ..] => return Err(ApiError::unknown_segment(other)),
            }
        }
        ("MessageProcessingLogCustomHeaderProperties", None, []) => header_search(log, call)?,
        ("MessageProcessingLogCustomHeaderProperties", Some(key), rest) => {
            let [id] = one_key(key, "Id")?;
            let (message, number) = header_of(log, call, &id)?;
            match rest {
                [] => entity_response(call, StatusCode::OK, header_entity(call, &message, number)),
                ["Log"] => entity_response(call, StatusCode::OK, log_entity(call, &message, &[])),
                [other, ..] => return Err(ApiError::unknown_segment(other)),
            }
        }
        ("MessageStoreEntries", Some(key), rest) => {
            let [id] = one_key(key, "Id")?;
            let message = id
                .strip_prefix("sap-it-res:msg:")
                .and_then(|rest| rest.strip_suffix(":Persist_1"))
                .and_then(|guid| log.find(guid, call.now_ms))
                .filter(Message::stored)
                .ok_or_else(|| {
                    ApiError::not_found(format!("Message store entry '{id}' does not exist."))
                })?;
            match rest {
                [] => entity_response(call, StatusCode::OK, store_entry(call, &message)),
                ["$value"] => media_response(
                    payload(&message, "text/xml").into_bytes(),
                    "application/octet-stream",
                    None,
                ),
                ["Properties"] => {
                    let properties = store_properties(call, &message);
                    collection_response(
                        call,
                        &format!("MessageStoreEntries({})/Properties", quoted(&id)),
                        properties,
                        None,
                        None,
                    )
                }
                ["Attachments"] => collection_response(
                    call,
                    &format!("MessageStoreEntries({})/Attachments", quoted(&id)),
                    Vec::new(),
                    None,
                    None,
                ),
                [other, ..] => return Err(ApiError::unknown_segment(other)),
            }
        }
        (set, _, _) => return Err(ApiError::method_not_allowed(call.method.as_str(), set)),
    };
    Ok(Some(response))
}

fn one_key(key: &str, name: &str) -> Result<[String; 1], ApiError> {
    <[String; 1]>::try_from(string_keys(key, &[name])?)
        .map_err(|_| ApiError::bad_request(format!("Invalid key predicate ({key})")))
}

fn not_found(guid: &str) -> ApiError {
    ApiError::not_found(format!(
        "Message processing log with MessageGuid '{guid}' does not exist."
    ))
}

fn find(log: &MessageLog, call: &Call, key: &str, names: &[&str]) -> Result<Message, ApiError> {
    let [guid] = <[String; 1]>::try_from(string_keys(key, names)?)
        .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
    log.find(&guid, call.now_ms).ok_or_else(|| not_found(&guid))
}

/// The custom query option `filterCustomHeaderProperties='Name' eq 'Value'` (several joined
/// with `and`).
fn custom_header_filter(call: &Call) -> Result<Option<Vec<(String, String)>>, ApiError> {
    let Some(text) = call.param("filterCustomHeaderProperties") else {
        return Ok(None);
    };
    let invalid = || {
        ApiError::bad_request(format!(
            "Invalid value for filterCustomHeaderProperties: '{text}' (use 'name' eq 'value')."
        ))
    };
    let mut conditions = Vec::new();
    for condition in text.split(" and ") {
        let (name, value) = condition.trim().split_once(" eq ").ok_or_else(invalid)?;
        let unquote = |part: &str| {
            part.trim()
                .strip_prefix('\'')
                .and_then(|p| p.strip_suffix('\''))
                .map(|p| p.replace("''", "'"))
        };
        conditions.push((
            unquote(name).ok_or_else(invalid)?,
            unquote(value).ok_or_else(invalid)?,
        ));
    }
    Ok(Some(conditions))
}

fn matching(
    log: &MessageLog,
    call: &Call,
    query: &ListQuery,
    header: Option<&Vec<(String, String)>>,
) -> Vec<Message> {
    // An eq on the GUID names one message: no need to go through the week.
    if let Some(guid) = query
        .filter
        .as_ref()
        .and_then(|f| f.required_eq("MessageGuid"))
    {
        return log
            .find(guid, call.now_ms)
            .into_iter()
            .filter(|m| query.keep(m))
            .collect();
    }
    log.visible(call.now_ms)
        .map(|index| log.message(index, call.now_ms))
        .filter(|message| query.keep(message))
        .filter(|message| {
            header.is_none_or(|conditions| {
                let headers = message.custom_headers();
                conditions
                    .iter()
                    .all(|(name, value)| headers.iter().any(|(n, v)| n == name && v == value))
            })
        })
        .collect()
}

fn list(log: &MessageLog, call: &Call) -> Result<Response, ApiError> {
    let query = query::parse(call, &LOG_RULES)?;
    let header = custom_header_filter(call)?;
    let mut messages = matching(log, call, &query, header.as_ref());
    query.sort(&mut messages);
    let total = messages.len();
    let (range, next) = query.page(total, LOG_RULES.page_size);
    let entities = messages[range]
        .iter()
        .map(|m| log_entity(call, m, &[]))
        .collect();
    let next = next.map(|token| query::next_link(call, "MessageProcessingLogs", token));
    Ok(collection_response(
        call,
        "MessageProcessingLogs",
        entities,
        query.inlinecount.then_some(total),
        next,
    ))
}

fn log_key(message: &Message) -> String {
    format!("MessageProcessingLogs({})", quoted(&message.guid()))
}

fn log_entity(call: &Call, message: &Message, expand: &[String]) -> Value {
    let web_root = call
        .root
        .trim_end_matches('/')
        .trim_end_matches(super::API_PATH);
    let link = format!(
        "{web_root}/itspaces/shell/monitoring/MessageDetails/%7B%22messageGuid%22:%22{}%22%7D",
        message.guid()
    );
    let flow = message.flow;
    let mut builder = EntityBuilder::new(
        &call.root,
        metadata::of_set("MessageProcessingLogs"),
        log_key(message),
    )
    .prop("MessageGuid", message.guid())
    .prop("CorrelationId", message.correlation_id())
    .prop("ApplicationMessageId", message.application_id())
    .prop("ApplicationMessageType", message.application_type())
    .prop("LogStart", date(message.start_ms))
    .prop("LogEnd", date(message.end_ms))
    .prop("Sender", flow.sender)
    .prop("Receiver", flow.receiver)
    .prop("IntegrationFlowName", flow.id)
    .prop("Status", message.status.as_str())
    .prop("AlternateWebLink", link)
    .prop(
        "IntegrationArtifact",
        serde_json::json!({
            "__metadata": {"type": "com.sap.hci.api.IntegrationArtifact"},
            "Id": flow.id, "Name": flow.name, "Type": "INTEGRATION_FLOW",
            "PackageId": flow.package, "PackageName": message.package_name,
        }),
    )
    .prop("LogLevel", "INFO")
    .prop("CustomStatus", message.status.as_str())
    .prop("ArchivingStatus", "NOT_RELEVANT")
    // Booleans as strings, as the tenant sends them.
    .prop("ArchivingSenderChannelMessages", "false")
    .prop("ArchivingReceiverChannelMessages", "false")
    .prop("ArchivingLogAttachments", "false")
    .prop("ArchivingPersistedMessages", "false")
    .prop("TransactionId", message.transaction_id())
    .prop("PreviousComponentName", flow.sender)
    .prop("LocalComponentName", "CPI_acme-dev")
    .prop("OriginComponentName", "CPI_acme-dev");
    if expand.iter().any(|e| e == "CustomHeaderProperties") {
        builder = builder.expand("CustomHeaderProperties", results(headers(call, message)));
    }
    if expand.iter().any(|e| e == "AdapterAttributes") {
        builder = builder.expand(
            "AdapterAttributes",
            results(adapter_attributes(call, message)),
        );
    }
    builder.build()
}

fn log_resource(call: &Call, message: &Message, rest: &[&str]) -> Result<Response, ApiError> {
    let base = log_key(message);
    let list = |path: &str, entities: Vec<Value>| {
        let query = query::parse(call, &DETAIL_RULES)?;
        let count = query.inlinecount.then_some(entities.len());
        Ok::<_, ApiError>(collection_response(
            call,
            &format!("{base}/{path}"),
            entities,
            count,
            None,
        ))
    };
    Ok(match rest {
        [] => {
            let query = query::parse(call, &SINGLE_LOG_RULES)?;
            entity_response(
                call,
                StatusCode::OK,
                log_entity(call, message, &query.expand),
            )
        }
        ["ErrorInformation"] => match message.error_text() {
            Some(_) => {
                let entity = EntityBuilder::new(
                    &call.root,
                    metadata::of_set("MessageProcessingLogErrorInformations"),
                    format!(
                        "MessageProcessingLogErrorInformations({})",
                        quoted(&message.guid())
                    ),
                )
                .media_type("text/plain")
                .prop("MessageGuid", message.guid())
                .prop("Type", "text/plain")
                .prop("LastErrorModelStepId", message.error_step())
                .build();
                entity_response(call, StatusCode::OK, entity)
            }
            None => return Err(no_error(message)),
        },
        ["ErrorInformation", "$value"] => match message.error_text() {
            Some(text) => text_response(StatusCode::OK, text),
            None => return Err(no_error(message)),
        },
        ["Attachments"] => list(
            "Attachments",
            (0..message.attachments().len())
                .map(|n| attachment_entity(call, message, n))
                .collect(),
        )?,
        ["CustomHeaderProperties"] => {
            let query = query::parse(call, &HEADER_RULES)?;
            let mut entities = headers(call, message);
            query.sort(&mut entities);
            let count = query.inlinecount.then_some(entities.len());
            let (range, _) = query.page(entities.len(), HEADER_RULES.page_size);
            let page: Vec<Value> = entities.drain(range).collect();
            collection_response(
                call,
                &format!("{base}/CustomHeaderProperties"),
                page,
                count,
                None,
            )
        }
        ["AdapterAttributes"] => list("AdapterAttributes", adapter_attributes(call, message))?,
        ["Runs"] => list(
            "Runs",
            (0..message.runs())
                .map(|run| run_entity(call, message, run))
                .collect(),
        )?,
        ["MessageStoreEntries"] => list(
            "MessageStoreEntries",
            if message.stored() && message.status != super::messages::Status::Processing {
                vec![store_entry(call, message)]
            } else {
                Vec::new()
            },
        )?,
        [other, ..] => return Err(ApiError::unknown_segment(other)),
    })
}

fn no_error(message: &Message) -> ApiError {
    ApiError::not_found(format!(
        "No error information found for message processing log '{}'.",
        message.guid()
    ))
}

fn attachment_id(message: &Message, number: usize) -> String {
    format!("sap-it-res:msg:{}:{}", message.guid(), 4711 + number)
}

fn attachment_of(log: &MessageLog, call: &Call, id: &str) -> Result<(Message, usize), ApiError> {
    let missing = || ApiError::not_found(format!("Attachment '{id}' does not exist."));
    let (guid, number) = id
        .strip_prefix("sap-it-res:msg:")
        .and_then(|rest| rest.rsplit_once(':'))
        .ok_or_else(missing)?;
    let number = number
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(4711))
        .ok_or_else(missing)?;
    let message = log.find(guid, call.now_ms).ok_or_else(missing)?;
    if number >= message.attachments().len() {
        return Err(missing());
    }
    Ok((message, number))
}

fn attachment_entity(call: &Call, message: &Message, number: usize) -> Value {
    let (name, content_type) = message.attachments()[number];
    let id = attachment_id(message, number);
    let size = attachment_bytes(message, name, content_type).len();
    EntityBuilder::new(
        &call.root,
        metadata::of_set("MessageProcessingLogAttachments"),
        format!("MessageProcessingLogAttachments({})", quoted(&id)),
    )
    .media_type(content_type)
    .prop("Id", id)
    .prop("MessageGuid", message.guid())
    .prop(
        "TimeStamp",
        date(message.start_ms + 40 + number as i64 * 15),
    )
    .prop("Name", name)
    .prop("ContentType", content_type)
    // Edm.Int64 as a string.
    .prop("PayloadSize", size.to_string())
    .build()
}

/// The business document a message carried, as XML or JSON.
fn payload(message: &Message, content_type: &str) -> String {
    let id = message.application_id().unwrap_or_default();
    let kind = message.application_type().unwrap_or("Message");
    let amount = 100 + message.roll(41) % 90_000;
    if content_type == "application/json" {
        format!(
            "{{\n  \"{kind}\": {{\n    \"Id\": \"{id}\",\n    \"Sender\": \"{}\",\n    \"Amount\": {}.{:02},\n    \"Currency\": \"EUR\",\n    \"Items\": [{{\"Material\": \"TG-{:04}\", \"Quantity\": {}}}]\n  }}\n}}\n",
            message.flow.sender,
            amount,
            message.roll(42) % 100,
            message.roll(43) % 10_000,
            1 + message.roll(44) % 20
        )
    } else {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{kind}>\n  <Id>{id}</Id>\n  <Sender>{}</Sender>\n  <Receiver>{}</Receiver>\n  <Amount currency=\"EUR\">{}.{:02}</Amount>\n  <Item><Material>TG-{:04}</Material><Quantity>{}</Quantity></Item>\n</{kind}>\n",
            message.flow.sender,
            message.flow.receiver,
            amount,
            message.roll(42) % 100,
            message.roll(43) % 10_000,
            1 + message.roll(44) % 20
        )
    }
}

fn attachment_bytes(message: &Message, name: &str, content_type: &str) -> Vec<u8> {
    match content_type {
        "text/plain" if name == "Error response" => {
            message.error_text().unwrap_or_default().into_bytes()
        }
        "application/pdf" => {
            let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
            pdf.extend_from_slice(
                format!(
                    "% invoice {}\n",
                    message.application_id().as_deref().unwrap_or("")
                )
                .as_bytes(),
            );
            pdf.extend((0..512u64).map(|i| (message.roll(50 + i) & 0xff) as u8));
            pdf.extend_from_slice(b"\n%%EOF\n");
            pdf
        }
        other => payload(message, other).into_bytes(),
    }
}

fn header_id(message: &Message, number: usize) -> String {
    format!("{}-H{number}", message.guid())
}

fn header_of(log: &MessageLog, call: &Call, id: &str) -> Result<(Message, usize), ApiError> {
    let missing = || ApiError::not_found(format!("Custom header property '{id}' does not exist."));
    let (guid, number) = id.rsplit_once("-H").ok_or_else(missing)?;
    let number = number.parse::<usize>().map_err(|_| missing())?;
    let message = log.find(guid, call.now_ms).ok_or_else(missing)?;
    if number >= message.custom_headers().len() {
        return Err(missing());
    }
    Ok((message, number))
}

fn header_entity(call: &Call, message: &Message, number: usize) -> Value {
    let headers = message.custom_headers();
    let (name, value) = &headers[number];
    let id = header_id(message, number);
    EntityBuilder::new(
        &call.root,
        metadata::of_set("MessageProcessingLogCustomHeaderProperties"),
        format!(
            "MessageProcessingLogCustomHeaderProperties({})",
            quoted(&id)
        ),
    )
    .prop("Id", id)
    .prop("Name", *name)
    .prop("Value", value.clone())
    .build()
}

fn headers(call: &Call, message: &Message) -> Vec<Value> {
    (0..message.custom_headers().len())
        .map(|n| header_entity(call, message, n))
        .collect()
}

/// `MessageProcessingLogCustomHeaderProperties?$filter=Name eq 'x' and Value eq 'y'`.
fn header_search(log: &MessageLog, call: &Call) -> Result<Response, ApiError> {
    let query = query::parse(call, &HEADER_SEARCH_RULES)?;
    let expand_log = query.expands("Log");
    let mut entities = Vec::new();
    let mut total = 0;
    for index in log.visible(call.now_ms) {
        let message = log.message(index, call.now_ms);
        for (number, (name, value)) in message.custom_headers().iter().enumerate() {
            let row = serde_json::json!({"Name": name, "Value": value});
            if !query.keep(&row) {
                continue;
            }
            total += 1;
            let mut entity = header_entity(call, &message, number);
            if expand_log {
                entity["Log"] = log_entity(call, &message, &[]);
            }
            entities.push(entity);
        }
    }
    query.sort(&mut entities);
    let (range, next) = query.page(total, HEADER_SEARCH_RULES.page_size);
    let page: Vec<Value> = entities.drain(range).collect();
    let next = next
        .map(|token| query::next_link(call, "MessageProcessingLogCustomHeaderProperties", token));
    Ok(collection_response(
        call,
        "MessageProcessingLogCustomHeaderProperties",
        page,
        query.inlinecount.then_some(total),
        next,
    ))
}

fn adapter_attributes(call: &Call, message: &Message) -> Vec<Value> {
    let adapter = match message.flow.sender {
        "S4HANA_CLOUD" => "IDoc",
        "BANK_SFTP" => "SFTP",
        _ => "HTTPS",
    };
    let id = format!("{}-A0", message.guid());
    vec![EntityBuilder::new(
        &call.root,
        metadata::of_set("MessageProcessingLogAdapterAttributes"),
        format!("MessageProcessingLogAdapterAttributes({})", quoted(&id)),
    )
    .prop("Id", id)
    .prop("AdapterId", format!("{adapter}_Sender"))
    .prop("AdapterMessageId", message.transaction_id())
    .prop("Name", "Sender Channel")
    .prop("Value", format!("{}_{adapter}", message.flow.sender))
    .build()]
}

fn run_id(message: &Message, run: u64) -> String {
    format!("{}-R{run}", message.guid())
}

fn run_of(log: &MessageLog, call: &Call, id: &str) -> Result<(Message, u64), ApiError> {
    let missing = || ApiError::not_found(format!("Run '{id}' does not exist."));
    let (guid, run) = id.rsplit_once("-R").ok_or_else(missing)?;
    let run = run.parse::<u64>().map_err(|_| missing())?;
    let message = log.find(guid, call.now_ms).ok_or_else(missing)?;
    if run >= message.runs() {
        return Err(missing());
    }
    Ok((message, run))
}

/// Start and end of a run: retries come a minute apart.
fn run_window(message: &Message, run: u64) -> (i64, i64) {
    let runs = message.runs() as i64;
    let span = (message.end_ms - message.start_ms).max(1);
    let each = span / runs;
    let start = message.start_ms + each * run as i64;
    (start, start + each.clamp(50, 8_000))
}

fn run_state(message: &Message, run: u64) -> &'static str {
    let last = run + 1 == message.runs();
    match message.status.as_str() {
        "COMPLETED" => "COMPLETED",
        "PROCESSING" => "PROCESSING",
        _ if !last => "FAILED",
        "RETRY" => "RETRY",
        "ESCALATED" => "ESCALATED",
        _ => "FAILED",
    }
}

fn run_entity(call: &Call, message: &Message, run: u64) -> Value {
    let id = run_id(message, run);
    let (start, stop) = run_window(message, run);
    EntityBuilder::new(
        &call.root,
        metadata::of_set("MessageProcessingLogRuns"),
        format!("MessageProcessingLogRuns({})", quoted(&id)),
    )
    .prop("Id", id)
    .prop("RunStart", date(start))
    .prop("RunStop", date(stop))
    .prop("LogLevel", "INFO")
    .prop("OverallState", run_state(message, run))
    .prop("ProcessId", "Process_1")
    .build()
}

/// The steps of a run, the last one failing for runs that failed.
fn run_steps(call: &Call, message: &Message, run: u64) -> Vec<Value> {
    let steps: &[(&str, &str, &str)] = &[
        ("StartEvent_2", "StartEvent", "Start"),
        ("CallActivity_1", "ContentModifier", "Set Headers"),
        ("MessageMapping_1", "Mapping", "Map Payload"),
        ("CallActivity_3", "Script", "Log Payload"),
        ("ServiceTask_1", "ExternalCall", "Request Reply"),
        ("EndEvent_2", "EndEvent", "End"),
    ];
    let id = run_id(message, run);
    let (start, stop) = run_window(message, run);
    let state = run_state(message, run);
    let failing_at = if state == "COMPLETED" || state == "PROCESSING" {
        None
    } else {
        steps
            .iter()
            .position(|(model, _, _)| *model == message.error_step())
    };
    let shown = failing_at.map_or(steps.len(), |at| at + 1);
    let each = ((stop - start) / steps.len() as i64).max(1);
    (0..shown)
        .map(|n| {
            let (model, activity, _) = steps[n];
            let failed = Some(n) == failing_at;
            let error = if failed { message.error_text() } else { None };
            EntityBuilder::new(
                &call.root,
                metadata::of_set("MessageProcessingLogRunSteps"),
                format!(
                    "MessageProcessingLogRunSteps(RunId={},ChildCount={})",
                    quoted(&id),
                    n + 1
                ),
            )
            .prop("RunId", id.clone())
            .prop("ChildCount", n + 1)
            .prop("StepStart", date(start + each * n as i64))
            .prop("StepStop", date(start + each * (n as i64 + 1)))
            .prop("StepId", format!("{model}_{}", n + 1))
            .prop("ModelStepId", model)
            .prop("BranchId", "1")
            .prop("Status", if failed { "FAILED" } else { "COMPLETED" })
            .prop("Error", error)
            .prop("Activity", activity)
            .build()
        })
        .collect()
}

fn store_entry(call: &Call, message: &Message) -> Value {
    let id = format!("sap-it-res:msg:{}:Persist_1", message.guid());
    EntityBuilder::new(
        &call.root,
        metadata::of_set("MessageStoreEntries"),
        format!("MessageStoreEntries({})", quoted(&id)),
    )
    .prop("Id", id)
    .prop("MessageGuid", message.guid())
    .prop("MessageStoreId", "Persist_1")
    .prop("TimeStamp", date(message.start_ms + 120))
    .prop("HasAttachments", false)
    .build()
}

fn store_properties(call: &Call, message: &Message) -> Vec<Value> {
    let id = format!("sap-it-res:msg:{}:Persist_1", message.guid());
    let mut properties = vec![
        ("SAP_MessageProcessingLogID", message.guid()),
        ("SAP_Sender", message.flow.sender.to_owned()),
        ("SAP_Receiver", message.flow.receiver.to_owned()),
        ("Content-Type", "text/xml".to_owned()),
    ];
    if let Some(application_id) = message.application_id() {
        properties.push(("SAP_ApplicationID", application_id));
    }
    properties
        .into_iter()
        .map(|(name, value)| {
            EntityBuilder::new(
                &call.root,
                metadata::of_set("MessageStoreEntryProperties"),
                format!(
                    "MessageStoreEntryProperties(MessageId={},Name={})",
                    quoted(&id),
                    quoted(name)
                ),
            )
            .prop("MessageId", id.clone())
            .prop("Name", name)
            .prop("Value", value)
            .build()
        })
        .collect()
}
