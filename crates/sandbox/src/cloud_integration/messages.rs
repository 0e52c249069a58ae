//! The message processing log: one message about every 30 seconds over the last 7 days of
//! the sandbox clock (about 20,000), newer ones arriving as time passes. Nothing per message
//! is stored: its index determines everything (flow, status, times, ids, error text,
//! attachments, headers, runs), and its GUID encodes the index, so a lookup is arithmetic.

use std::sync::OnceLock;

use base64::Engine as _;

use super::filter::{Field, Record};
use super::seed::{self, Deployed, FlowSeed};

const WEEK_MS: i64 = 7 * 86_400_000;
/// Messages of the last seconds are still running.
const PROCESSING_WINDOW_MS: i64 = 90_000;

pub(crate) struct MessageLog {
    /// Epoch ms of the log's origin: message `k` starts after `origin + k * interval`.
    origin_ms: i64,
    interval_ms: i64,
}

/// The status of a message (final: COMPLETED, FAILED; the others may still change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Status {
    Completed,
    Failed,
    Retry,
    Escalated,
    Processing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "COMPLETED",
            Status::Failed => "FAILED",
            Status::Retry => "RETRY",
            Status::Escalated => "ESCALATED",
            Status::Processing => "PROCESSING",
        }
    }

    pub fn has_error(self) -> bool {
        matches!(self, Status::Failed | Status::Retry | Status::Escalated)
    }
}

/// One message, derived from its index. Its texts (GUID, ids) are made when asked for: a
/// scan of the week compares times and statuses of 20,000 messages and builds few strings.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    index: u64,
    pub flow: &'static FlowSeed,
    pub package_name: &'static str,
    pub status: Status,
    pub start_ms: i64,
    pub end_ms: i64,
    hash: u64,
}

/// SplitMix64: a well-mixed 64-bit hash of an index.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in bytes {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// 28 characters like the tenant's GUIDs (`AGW0x2Kq…`): `AG` and 19 bytes in base64url,
/// the last 4 the index masked by a hash of the first 15.
pub(crate) fn guid_of(index: u64, salt: u64) -> String {
    let mut bytes = [0u8; 19];
    bytes[..8].copy_from_slice(&mix(index ^ salt).to_be_bytes());
    bytes[8..15].copy_from_slice(&mix(index.wrapping_add(salt).rotate_left(7)).to_be_bytes()[..7]);
    let mask = fnv(&bytes[..15]);
    let index32 = u32::try_from(index).unwrap_or(u32::MAX);
    bytes[15..].copy_from_slice(&(index32 ^ mask).to_be_bytes());
    format!(
        "AG{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

const GUID_SALT: u64 = 0x6d70_6c5f_6775_6964;
const CORRELATION_SALT: u64 = 0x636f_7272_656c_6174;

fn index_of(guid: &str) -> Option<u64> {
    let encoded = guid.strip_prefix("AG")?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .ok()?;
    if bytes.len() != 19 {
        return None;
    }
    let tail = u32::from_be_bytes([bytes[15], bytes[16], bytes[17], bytes[18]]);
    let index = u64::from(tail ^ fnv(&bytes[..15]));
    (guid_of(index, GUID_SALT) == guid).then_some(index)
}

/// The deployed, running flows that process messages, with a weight each (timers run less),
/// as cumulative weights for a lookup by hash.
fn flows() -> &'static [(&'static FlowSeed, u64)] {
    static TABLE: OnceLock<Vec<(&'static FlowSeed, u64)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut total = 0;
        seed::FLOWS
            .iter()
            .filter(|flow| flow.deployed == Some(Deployed::Started))
            .map(|flow| {
                total += match flow.id {
                    "Replicate_SalesOrders_SFDC_to_S4" => 30,
                    "Send_Delivery_Updates_to_SFDC" => 18,
                    "PurchaseOrder_S4_to_Ariba" => 16,
                    "OrderConfirmation_Ariba_to_S4" => 10,
                    "SupplierInvoice_Ariba_to_S4" => 9,
                    "Employee_Replication_EC_to_S4" => 6,
                    "Payment_Files_to_Bank_EBICS" => 3,
                    "BankStatements_SFTP_to_S4" => 3,
                    "ExchangeRates_ECB_to_S4" => 1,
                    _ => 4,
                };
                (flow, total)
            })
            .collect()
    })
}

fn pick_flow(hash: u64) -> &'static FlowSeed {
    let table = flows();
    let total = table.last().map_or(1, |(_, cumulative)| *cumulative);
    let point = hash % total.max(1);
    table
        .iter()
        .find(|(_, cumulative)| point < *cumulative)
        .map_or(&seed::FLOWS[0], |(flow, _)| flow)
}

fn package_name(id: &str) -> &'static str {
    seed::PACKAGES
        .iter()
        .find(|p| p.id == id)
        .map_or("", |p| p.name)
}

/// The business document a flow carries: its type and an id made from the message's hash.
fn application_id(flow: &FlowSeed, hash: u64) -> (Option<&'static str>, Option<String>) {
    let n = (hash >> 20) % 1_000_000;
    match flow.id {
        "Replicate_SalesOrders_SFDC_to_S4" => (Some("SalesOrder"), Some(format!("{n:08}"))),
        "Send_Delivery_Updates_to_SFDC" => (Some("Delivery"), Some(format!("8000{n:06}"))),
        "PurchaseOrder_S4_to_Ariba" => (Some("PurchaseOrder"), Some(format!("4500{n:06}"))),
        "OrderConfirmation_Ariba_to_S4" => (Some("OrderConfirmation"), Some(format!("4500{n:06}"))),
        "SupplierInvoice_Ariba_to_S4" => (
            Some("SupplierInvoice"),
            Some(format!("INV-2026-{:05}", n % 100_000)),
        ),
        "Employee_Replication_EC_to_S4" => {
            (Some("Employee"), Some(format!("EMP{:07}", n % 10_000_000)))
        }
        "Payment_Files_to_Bank_EBICS" => {
            (Some("PaymentRun"), Some(format!("F110-{:04}", n % 10_000)))
        }
        "BankStatements_SFTP_to_S4" => (Some("BankStatement"), Some(format!("CAMT053-{:06}", n))),
        _ => (None, None),
    }
}

impl MessageLog {
    /// About `count` messages over the week that ends at `end_ms`.
    pub(crate) fn new(end_ms: i64, count: usize) -> Self {
        let interval_ms = (WEEK_MS / i64::try_from(count.max(1)).unwrap_or(1)).max(1);
        Self {
            origin_ms: end_ms - WEEK_MS,
            interval_ms,
        }
    }

    fn start_of(&self, index: u64) -> i64 {
        let jitter =
            i64::try_from(mix(index ^ 0x5117) % (self.interval_ms as u64 / 2 + 1)).unwrap_or(0);
        self.origin_ms + i64::try_from(index).unwrap_or(i64::MAX) * self.interval_ms + jitter
    }

    /// The indexes of the messages visible at `now_ms`: started within the last 7 days.
    pub(crate) fn visible(&self, now_ms: i64) -> std::ops::Range<u64> {
        let index_at = |ms: i64| -> u64 {
            u64::try_from((ms - self.origin_ms).max(0) / self.interval_ms).unwrap_or(0)
        };
        let first = index_at(now_ms - WEEK_MS);
        // The message of the current interval may or may not have started yet.
        let mut last = index_at(now_ms) + 1;
        while last > first && self.start_of(last - 1) > now_ms {
            last -= 1;
        }
        first..last
    }

    pub(crate) fn message(&self, index: u64, now_ms: i64) -> Message {
        let hash = mix(index);
        let flow = pick_flow(hash);
        let start_ms = self.start_of(index);
        let roll = (hash >> 40) % 1000;
        let status = if now_ms - start_ms < PROCESSING_WINDOW_MS {
            Status::Processing
        } else if roll < 24 {
            Status::Failed
        } else if roll < 32 {
            Status::Retry
        } else if roll < 37 {
            Status::Escalated
        } else if roll < 39 {
            Status::Processing
        } else {
            Status::Completed
        };
        let duration = match status {
            Status::Processing => (now_ms - start_ms).max(0),
            Status::Retry => 60_000 + i64::try_from((hash >> 8) % 240_000).unwrap_or(0),
            _ => 180 + i64::try_from((hash >> 8) % 6_500).unwrap_or(0),
        };
        Message {
            index,
            flow,
            package_name: package_name(flow.package),
            status,
            start_ms,
            end_ms: start_ms + duration,
            hash,
        }
    }

    /// The message with this GUID, if it is visible now.
    pub(crate) fn find(&self, guid: &str, now_ms: i64) -> Option<Message> {
        let index = index_of(guid)?;
        self.visible(now_ms)
            .contains(&index)
            .then(|| self.message(index, now_ms))
    }
}

impl Message {
    pub fn guid(&self) -> String {
        guid_of(self.index, GUID_SALT)
    }

    pub fn correlation_id(&self) -> String {
        // Confirmations share the correlation of their purchase order's flow run.
        let index = if self.flow.id == "OrderConfirmation_Ariba_to_S4" {
            self.index.saturating_sub(1 + (self.hash >> 3) % 5)
        } else {
            self.index
        };
        guid_of(index, CORRELATION_SALT)
    }

    pub fn application_type(&self) -> Option<&'static str> {
        application_id(self.flow, self.hash).0
    }

    pub fn application_id(&self) -> Option<String> {
        application_id(self.flow, self.hash).1
    }

    pub fn roll(&self, salt: u64) -> u64 {
        mix(self.hash ^ salt)
    }

    pub fn transaction_id(&self) -> String {
        format!("{:016x}{:016x}", mix(self.hash ^ 1), mix(self.hash ^ 2))
    }

    /// The custom header properties the flow's script sets.
    pub fn custom_headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if let (Some(kind), Some(id)) = application_id(self.flow, self.hash) {
            headers.push((kind, id));
        }
        let customer = format!("10{:05}", self.roll(3) % 100_000);
        match self.flow.receiver {
            "S4HANA_CLOUD" => headers.push((
                "CompanyCode",
                ["1010", "1710", "2910"][(self.roll(4) % 3) as usize].to_owned(),
            )),
            "SFDC" => headers.push(("Customer", customer)),
            "ARIBA_NETWORK" => {
                headers.push(("Supplier", format!("17{:06}", self.roll(5) % 1_000_000)))
            }
            _ => {}
        }
        headers.push(("SAP_Sender", self.flow.sender.to_owned()));
        headers
    }

    /// The text of `ErrorInformation/$value` (messages with an error only).
    pub fn error_text(&self) -> Option<String> {
        if !self.status.has_error() {
            return None;
        }
        let choice = self.roll(11) % 4;
        let text = match (self.flow.receiver, choice) {
            ("S4HANA_CLOUD", 0) => format!(
                "com.sap.gateway.core.ip.component.odata.exception.OsciException: Bad Request : 400 : HTTP/1.1 , \
                 {{\"error\":{{\"code\":\"SD_SLS/102\",\"message\":{{\"lang\":\"en\",\"value\":\"Sold-to party 10{:05} is blocked for sales orders\"}}}}}}",
                self.roll(3) % 100_000
            ),
            ("S4HANA_CLOUD", 1) => "com.sap.it.rt.adapter.http.api.exception.HttpResponseException: An internal server error occured: \
                 HTTP operation failed invoking https://my401234-api.s4hana.ondemand.com/sap/bc/srt/idoc with statusCode: 503"
                .to_owned(),
            ("SFDC", 0) => "com.sap.it.rt.adapter.http.api.exception.HttpResponseException: An internal server error occured: \
                 HTTP operation failed invoking https://acme.my.salesforce.com/services/data/v59.0/sobjects/Order with statusCode: 401"
                .to_owned(),
            ("SFDC", _) if choice == 1 => "com.sap.it.rt.adapter.http.api.exception.HttpResponseException: An internal server error occured: \
                 HTTP operation failed invoking https://acme.my.salesforce.com/services/data/v59.0/composite with statusCode: 400\n\
                 The error details are: [{\"message\":\"Required fields are missing: [Pricebook2Id]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"Pricebook2Id\"]}]"
                .to_owned(),
            ("ARIBA_NETWORK", 0) => "com.sap.it.rt.adapter.http.api.exception.HttpResponseException: An internal server error occured: \
                 HTTP operation failed invoking https://service.ariba.com/service/transaction/cxml.asp with statusCode: 400\n\
                 <Status code=\"400\" text=\"Bad Request\">Invalid From credential AN01012345678</Status>"
                .to_owned(),
            ("ARIBA_NETWORK", 1) => "com.sap.xi.mapping.camel.XiMappingException: com.sap.aii.mappingtool.tf7.IllegalInstanceException: \
                 Cannot create target element /cXML/Request/OrderRequest/OrderRequestHeader/@orderID. Values missing in queue context. \
                 Target XSD requires a value for this element, but the target-field mapping does not create one."
                .to_owned(),
            ("BANK_DEUTSCHE", _) => "javax.net.ssl.SSLHandshakeException: PKIX path building failed: \
                 sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target"
                .to_owned(),
            (_, 2) => "javax.script.ScriptException: java.lang.Exception: java.lang.NullPointerException: \
                 Cannot invoke method getText() on null object@ line 14 in script1.groovy"
                .to_owned(),
            _ if self.flow.sender == "BANK_SFTP" => "com.jcraft.jsch.JSchException: Auth fail for methods 'publickey'".to_owned(),
            _ => "java.net.SocketTimeoutException: Read timed out".to_owned(),
        };
        Some(text)
    }

    /// The step the error happened in.
    pub fn error_step(&self) -> &'static str {
        match self.roll(11) % 4 {
            1 if self.flow.receiver == "ARIBA_NETWORK" => "MessageMapping_1",
            2 => "CallActivity_3",
            _ => "ServiceTask_1",
        }
    }

    /// Attachments: (name, content type) — payloads logged by the flow's script on errors
    /// and for some successful messages.
    pub fn attachments(&self) -> Vec<(&'static str, &'static str)> {
        let mut attachments = Vec::new();
        let logged = self.status.has_error() || self.roll(21) % 10 < 2;
        if logged {
            let (name, content_type) = match self.flow.sender {
                "SFDC" => ("Payload before mapping", "application/json"),
                "BANK_SFTP" => ("camt.053 statement", "text/xml"),
                _ => ("Payload before mapping", "text/xml"),
            };
            attachments.push((name, content_type));
        }
        if self.status.has_error() {
            attachments.push(("Error response", "text/plain"));
        }
        if self.flow.id == "SupplierInvoice_Ariba_to_S4" && self.roll(22) % 3 == 0 {
            attachments.push(("Invoice image", "application/pdf"));
        }
        attachments
    }

    /// Whether a Persist step stored the message.
    pub fn stored(&self) -> bool {
        matches!(
            self.flow.id,
            "PurchaseOrder_S4_to_Ariba"
                | "SupplierInvoice_Ariba_to_S4"
                | "Payment_Files_to_Bank_EBICS"
        )
    }

    /// Runs: one, and one more per retry so far.
    pub fn runs(&self) -> u64 {
        match self.status {
            Status::Retry => 2 + self.roll(31) % 3,
            Status::Escalated => 2,
            _ => 1,
        }
    }
}

impl Record for Message {
    fn field(&self, property: &str) -> Field<'_> {
        use std::borrow::Cow::{Borrowed, Owned};
        match property {
            "MessageGuid" => Field::Str(Owned(self.guid())),
            "CorrelationId" => Field::Str(Owned(self.correlation_id())),
            "ApplicationMessageId" => self
                .application_id()
                .map_or(Field::Null, |id| Field::Str(Owned(id))),
            "ApplicationMessageType" => self
                .application_type()
                .map_or(Field::Null, |kind| Field::Str(Borrowed(kind))),
            "LogStart" => Field::Date(self.start_ms),
            "LogEnd" => Field::Date(self.end_ms),
            "Sender" => Field::Str(Borrowed(self.flow.sender)),
            "Receiver" => Field::Str(Borrowed(self.flow.receiver)),
            // Deprecated: the tenant maps it to the artifact's id.
            "IntegrationFlowName" | "IntegrationArtifact/Id" => Field::Str(Borrowed(self.flow.id)),
            "IntegrationArtifact/Name" => Field::Str(Borrowed(self.flow.name)),
            "IntegrationArtifact/PackageId" => Field::Str(Borrowed(self.flow.package)),
            "Status" | "CustomStatus" => Field::Str(Borrowed(self.status.as_str())),
            "LogLevel" => Field::Str(Borrowed("INFO")),
            "TransactionId" => Field::Str(Owned(self.transaction_id())),
            _ => Field::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_encode_their_index_and_nothing_else_decodes() {
        for index in [0, 1, 17, 19_999, 123_456] {
            let guid = guid_of(index, GUID_SALT);
            assert_eq!(guid.len(), 28, "{guid}");
            assert_eq!(index_of(&guid), Some(index));
        }
        assert_eq!(index_of("AGW0x2Kq9rT1bYxvXZ3m0c8QeF1a"), None);
        assert_eq!(index_of("nonsense"), None);
    }

    #[test]
    fn a_week_holds_the_seeded_count_and_new_messages_arrive() {
        let end = 1_800_000_000_000;
        let log = MessageLog::new(end, 20_000);
        let visible = log.visible(end);
        let count = visible.end - visible.start;
        assert!((19_990..=20_001).contains(&count), "{count}");
        let later = log.visible(end + 3_600_000);
        assert!(later.end > visible.end && later.start > visible.start);
    }

    #[test]
    fn statuses_are_mostly_completed_with_some_of_each_other() {
        let end = 1_800_000_000_000;
        let log = MessageLog::new(end, 20_000);
        let mut counts = std::collections::HashMap::new();
        for index in log.visible(end) {
            *counts.entry(log.message(index, end).status).or_insert(0) += 1;
        }
        assert!(counts[&Status::Completed] > 18_000);
        for status in [
            Status::Failed,
            Status::Retry,
            Status::Escalated,
            Status::Processing,
        ] {
            assert!(counts[&status] > 20, "{status:?}: {counts:?}");
        }
    }
}
