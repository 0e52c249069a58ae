//! Security content: user credentials, secure parameters and OAuth2 client credentials
//! (their secrets are written, never read back: `null`), and the keystore's entries with
//! their validity (some expire within 30 days, one has expired).

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::errors::ApiError;
use super::metadata;
use super::odata::{
    collection_response, date, entity_response, media_response, quoted, results, text_response,
    Call, EntityBuilder,
};
use super::query::{self, SetRules};
use super::routes::{string_keys, Segment};

const DAY_MS: i64 = 86_400_000;

/// A deployed credential or parameter: its properties as the API shows them (secrets null).
#[derive(Debug, Clone)]
pub(crate) struct Artifact {
    pub set: &'static str,
    pub name: String,
    pub properties: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct KeystoreEntry {
    pub alias: String,
    pub key_type: &'static str,
    pub kind: &'static str,
    pub subject: String,
    pub issuer: String,
    pub not_before_ms: i64,
    pub not_after_ms: i64,
    pub owner: &'static str,
}

pub(crate) struct SecurityContent {
    pub artifacts: Vec<Artifact>,
    pub keystore: Vec<KeystoreEntry>,
}

/// Properties that hold secrets: accepted on write, `null` on read.
const SECRETS: &[&str] = &["Password", "SecureParam", "ClientSecret"];

const SETS: &[&str] = &[
    "UserCredentials",
    "SecureParameters",
    "OAuth2ClientCredentials",
];

fn descriptor(kind: &str, by: &str, on_ms: i64) -> Value {
    json!({"Type": kind, "DeployedBy": by, "DeployedOn": date(on_ms), "Status": "DEPLOYED"})
}

fn user_credential(
    name: &str,
    kind: &str,
    user: &str,
    description: &str,
    company: Option<&str>,
    by: &str,
    on_ms: i64,
) -> Artifact {
    let mut properties = Map::new();
    properties.insert("Name".into(), json!(name));
    properties.insert("Kind".into(), json!(kind));
    properties.insert("Description".into(), json!(description));
    properties.insert("User".into(), json!(user));
    properties.insert("Password".into(), Value::Null);
    properties.insert("CompanyId".into(), json!(company));
    properties.insert(
        "SecurityArtifactDescriptor".into(),
        descriptor(kind, by, on_ms),
    );
    Artifact {
        set: "UserCredentials",
        name: name.to_owned(),
        properties,
    }
}

fn secure_parameter(name: &str, description: &str, by: &str, on_ms: i64) -> Artifact {
    let mut properties = Map::new();
    properties.insert("Name".into(), json!(name));
    properties.insert("Description".into(), json!(description));
    properties.insert("SecureParam".into(), Value::Null);
    properties.insert("DeployedBy".into(), json!(by));
    properties.insert("DeployedOn".into(), date(on_ms));
    properties.insert("Status".into(), json!("DEPLOYED"));
    Artifact {
        set: "SecureParameters",
        name: name.to_owned(),
        properties,
    }
}

fn oauth_client(
    name: &str,
    description: &str,
    token_url: &str,
    client_id: &str,
    scope: &str,
    by: &str,
    on_ms: i64,
) -> Artifact {
    let mut properties = Map::new();
    properties.insert("Name".into(), json!(name));
    properties.insert("Description".into(), json!(description));
    properties.insert("TokenServiceUrl".into(), json!(token_url));
    properties.insert("ClientId".into(), json!(client_id));
    properties.insert("ClientSecret".into(), Value::Null);
    properties.insert("ClientAuthentication".into(), json!("body"));
    properties.insert("Scope".into(), json!(scope));
    properties.insert("ScopeContentType".into(), json!("urlencoded"));
    properties.insert("Resource".into(), json!(""));
    properties.insert("Audience".into(), json!(""));
    properties.insert(
        "SecurityArtifactDescriptor".into(),
        descriptor("OAuth2ClientCredentials", by, on_ms),
    );
    Artifact {
        set: "OAuth2ClientCredentials",
        name: name.to_owned(),
        properties,
    }
}

impl SecurityContent {
    pub(crate) fn seeded(now_ms: i64) -> Self {
        let admin = "anna.keller@example.com";
        let days = |n: i64| now_ms - n * DAY_MS;
        let artifacts = vec![
            user_credential(
                "S4_COMM_USER_SALES",
                "default",
                "COMM_USER_SALES",
                "S/4HANA communication user for sales orders",
                None,
                admin,
                days(40),
            ),
            user_credential(
                "S4_COMM_USER_P2P",
                "default",
                "COMM_USER_P2P",
                "S/4HANA communication user for procurement",
                None,
                "marco.rossi@example.com",
                days(65),
            ),
            user_credential(
                "SFSF_TECH_USER",
                "successfactors",
                "sfapi_integration",
                "SuccessFactors API user",
                Some("ACMECORPT1"),
                "lena.schmidt@example.com",
                days(33),
            ),
            user_credential(
                "BANK_SFTP_USER",
                "default",
                "acme_sftp",
                "SFTP account at the house bank",
                None,
                "thomas.weber@example.com",
                days(120),
            ),
            secure_parameter(
                "ARIBA_SHARED_SECRET",
                "Shared secret for SAP Business Network",
                "marco.rossi@example.com",
                days(21),
            ),
            secure_parameter(
                "SLACK_WEBHOOK_TOKEN",
                "Token of the support channel's webhook",
                admin,
                days(8),
            ),
            oauth_client(
                "SFDC_OAUTH_CLIENT",
                "Salesforce connected app",
                "https://acme.my.salesforce.com/services/oauth2/token",
                "3MVG9fe4g9fhX0E5h2nPq8",
                "api refresh_token",
                admin,
                days(40),
            ),
            oauth_client(
                "CONCUR_OAUTH",
                "SAP Concur company app",
                "https://us.api.concursolutions.com/oauth2/v0/token",
                "5b2c9a1e-44f0-4d3a-9b8e-2f6c7d8e9a10",
                "expense.report.read",
                "SAP",
                days(220),
            ),
        ];
        let keystore = vec![
            KeystoreEntry { alias: "sap_cloudintegrationcertificate".into(), key_type: "RSA", kind: "Key Pair", subject: "CN=acme-dev.it-cpi018.cfapps.eu10-002.hana.ondemand.com, OU=SAP Cloud Platform Clients, O=SAP SE, L=Walldorf, C=DE".into(), issuer: "CN=SAP Cloud Root CA, O=SAP SE, L=Walldorf, C=DE".into(), not_before_ms: days(200), not_after_ms: now_ms + 165 * DAY_MS, owner: "SAP" },
            KeystoreEntry { alias: "digicert global root g2".into(), key_type: "RSA", kind: "Certificate", subject: "CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US".into(), issuer: "CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US".into(), not_before_ms: 1_375_315_200_000, not_after_ms: 2_146_737_600_000, owner: "SAP" },
            KeystoreEntry { alias: "digicert global root ca".into(), key_type: "RSA", kind: "Certificate", subject: "CN=DigiCert Global Root CA, OU=www.digicert.com, O=DigiCert Inc, C=US".into(), issuer: "CN=DigiCert Global Root CA, OU=www.digicert.com, O=DigiCert Inc, C=US".into(), not_before_ms: 1_163_116_800_000, not_after_ms: 1_951_776_000_000, owner: "SAP" },
            KeystoreEntry { alias: "ariba_network_2026".into(), key_type: "RSA", kind: "Certificate", subject: "CN=service.ariba.com, O=SAP Ariba, C=US".into(), issuer: "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US".into(), not_before_ms: days(340), not_after_ms: now_ms + 12 * DAY_MS, owner: "Tenant Administrator" },
            KeystoreEntry { alias: "bank_deutsche_ebics_x002".into(), key_type: "RSA", kind: "Certificate", subject: "CN=EBICS X002 DEUTDEFF, O=Deutsche Bank AG, C=DE".into(), issuer: "CN=EBICS X002 DEUTDEFF, O=Deutsche Bank AG, C=DE".into(), not_before_ms: days(700), not_after_ms: now_ms + 26 * DAY_MS, owner: "Tenant Administrator" },
            KeystoreEntry { alias: "acme_sftp_client".into(), key_type: "RSA", kind: "Key Pair", subject: "CN=acme_sftp, O=ACME Corp, C=DE".into(), issuer: "CN=acme_sftp, O=ACME Corp, C=DE".into(), not_before_ms: days(400), not_after_ms: now_ms + 330 * DAY_MS, owner: "Tenant Administrator" },
            KeystoreEntry { alias: "salesforce_2025".into(), key_type: "RSA", kind: "Certificate", subject: "CN=*.my.salesforce.com, O=Salesforce, Inc., C=US".into(), issuer: "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US".into(), not_before_ms: days(370), not_after_ms: days(5), owner: "Tenant Administrator" },
            KeystoreEntry { alias: "sftp.bank.example".into(), key_type: "EC", kind: "Certificate", subject: "CN=sftp.bank.example".into(), issuer: "CN=R11, O=Let's Encrypt, C=US".into(), not_before_ms: days(45), not_after_ms: now_ms + 45 * DAY_MS, owner: "Tenant Administrator" },
        ];
        Self {
            artifacts,
            keystore,
        }
    }
}

fn hex(alias: &str) -> String {
    alias.bytes().map(|b| format!("{b:02X}")).collect()
}

fn fingerprint(alias: &str, bytes: usize) -> String {
    (0..bytes)
        .map(|n| {
            let byte = super::messages::mix(
                alias.len() as u64 * 131
                    + n as u64
                    + u64::from(alias.bytes().map(u32::from).sum::<u32>()),
            ) as u8;
            format!("{byte:02X}")
        })
        .collect::<Vec<_>>()
        .join(":")
}

fn artifact_entity(call: &Call, artifact: &Artifact, expand: bool) -> Value {
    let mut builder = EntityBuilder::new(
        &call.root,
        metadata::of_set(artifact.set),
        format!("{}({})", artifact.set, quoted(&artifact.name)),
    );
    for (name, value) in &artifact.properties {
        let value = if SECRETS.contains(&name.as_str()) {
            Value::Null
        } else {
            value.clone()
        };
        builder = builder.prop(name, value);
    }
    if artifact.set == "OAuth2ClientCredentials" && expand {
        builder = builder.expand("CustomParameters", results(Vec::new()));
    }
    builder.build()
}

fn keystore_entity(call: &Call, entry: &KeystoreEntry, now_ms: i64) -> Value {
    let hexalias = hex(&entry.alias);
    EntityBuilder::new(
        &call.root,
        metadata::of_set("KeystoreEntries"),
        format!("KeystoreEntries({})", quoted(&hexalias)),
    )
    .prop("Hexalias", hexalias)
    .prop("Alias", entry.alias.clone())
    .prop("KeyType", entry.key_type)
    .prop("KeySize", if entry.key_type == "EC" { 256 } else { 2048 })
    .prop("ValidNotBefore", date(entry.not_before_ms))
    .prop("ValidNotAfter", date(entry.not_after_ms))
    .prop(
        "SerialNumber",
        fingerprint(&entry.alias, 16)
            .replace(':', "")
            .to_ascii_lowercase(),
    )
    .prop(
        "SignatureAlgorithm",
        if entry.key_type == "EC" {
            "SHA256withECDSA"
        } else {
            "SHA256withRSA"
        },
    )
    .prop(
        "EllipticCurve",
        if entry.key_type == "EC" {
            Value::from("secp256r1")
        } else {
            Value::Null
        },
    )
    .prop(
        "Validity",
        if entry.not_after_ms < now_ms {
            "Expired"
        } else {
            "Valid"
        },
    )
    .prop("SubjectDN", entry.subject.clone())
    .prop("IssuerDN", entry.issuer.clone())
    .prop("Version", 3)
    .prop("FingerprintSha1", fingerprint(&entry.alias, 20))
    .prop("FingerprintSha256", fingerprint(&entry.alias, 32))
    .prop("FingerprintSha512", fingerprint(&entry.alias, 64))
    .prop("Type", entry.kind)
    .prop("Owner", entry.owner)
    .prop("LastModifiedBy", "anna.keller@example.com")
    .prop("LastModifiedTime", date(entry.not_before_ms + DAY_MS))
    .prop("CreatedBy", "anna.keller@example.com")
    .prop("CreatedTime", date(entry.not_before_ms + DAY_MS))
    .prop("Status", "")
    .build()
}

/// What a write may set: the set's properties; secrets kept only as "set".
fn apply(
    properties: &mut Map<String, Value>,
    body: &Map<String, Value>,
    set: &str,
) -> Result<(), ApiError> {
    let entity_type = metadata::of_set(set);
    for (name, value) in body {
        if name == "Name" || name == "CustomParameters" || name == "SecurityArtifactDescriptor" {
            continue;
        }
        if entity_type.property_type(name).is_none() {
            return Err(ApiError::bad_request(format!(
                "Property '{name}' is not defined for {}.",
                entity_type.name
            )));
        }
        properties.insert(
            name.clone(),
            if SECRETS.contains(&name.as_str()) {
                json!("********")
            } else {
                value.clone()
            },
        );
    }
    Ok(())
}

pub(crate) fn route(
    security: &mut SecurityContent,
    call: &Call,
    first: &Segment<'_>,
    rest: &[&str],
) -> Result<Option<Response>, ApiError> {
    if first.name == "KeystoreEntries" {
        return keystore(security, call, first.key, rest).map(Some);
    }
    if !SETS.contains(&first.name) {
        return Ok(None);
    }
    let set = SETS
        .iter()
        .copied()
        .find(|s| *s == first.name)
        .unwrap_or(SETS[0]);
    let rules = SetRules {
        expand: if set == "OAuth2ClientCredentials" {
            &["CustomParameters"]
        } else {
            &[]
        },
        paging: false,
        ..SetRules::plain(set)
    };
    let response = match (&call.method, first.key, rest) {
        (&Method::GET | &Method::HEAD, None, []) => {
            let query = query::parse(call, &rules)?;
            let entities = security
                .artifacts
                .iter()
                .filter(|a| a.set == set)
                .map(|a| artifact_entity(call, a, query.expands("CustomParameters")))
                .collect();
            collection_response(call, set, entities, None, None)
        }
        (&Method::POST, None, []) => {
            let body = call.json_body()?;
            let name = body
                .get("Name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            if name.is_empty() {
                return Err(ApiError::bad_request(
                    "Mandatory property 'Name' is missing.",
                ));
            }
            if security
                .artifacts
                .iter()
                .any(|a| a.set == set && a.name == name)
            {
                return Err(ApiError::conflict(format!(
                    "Security artifact '{name}' already exists."
                )));
            }
            let mut artifact = match set {
                "UserCredentials" => {
                    user_credential(&name, "default", "", "", None, &call.principal, call.now_ms)
                }
                "SecureParameters" => secure_parameter(&name, "", &call.principal, call.now_ms),
                _ => oauth_client(&name, "", "", "", "", &call.principal, call.now_ms),
            };
            apply(&mut artifact.properties, &body, set)?;
            let entity = artifact_entity(call, &artifact, false);
            security.artifacts.push(artifact);
            entity_response(call, StatusCode::ACCEPTED, entity)
        }
        (method, Some(key), []) => {
            let [name] = <[String; 1]>::try_from(string_keys(key, &["Name"])?)
                .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
            let position = security
                .artifacts
                .iter()
                .position(|a| a.set == set && a.name == name)
                .ok_or_else(|| {
                    ApiError::not_found(format!("Security artifact '{name}' does not exist."))
                })?;
            match *method {
                Method::GET | Method::HEAD => {
                    let query = query::parse(call, &rules)?;
                    entity_response(
                        call,
                        StatusCode::OK,
                        artifact_entity(
                            call,
                            &security.artifacts[position],
                            query.expands("CustomParameters"),
                        ),
                    )
                }
                Method::PUT => {
                    let body = call.json_body()?;
                    apply(&mut security.artifacts[position].properties, &body, set)?;
                    text_response(StatusCode::ACCEPTED, "")
                }
                Method::DELETE => {
                    security.artifacts.remove(position);
                    text_response(StatusCode::ACCEPTED, "")
                }
                _ => return Err(ApiError::method_not_allowed(method.as_str(), set)),
            }
        }
        (_, _, [other, ..]) => return Err(ApiError::unknown_segment(other)),
        (method, None, []) => return Err(ApiError::method_not_allowed(method.as_str(), set)),
    };
    Ok(Some(response))
}

fn keystore(
    security: &mut SecurityContent,
    call: &Call,
    key: Option<&str>,
    rest: &[&str],
) -> Result<Response, ApiError> {
    if let Some(name) = call.param("keystoreName") {
        if !matches!(name, "system" | "backup_admin_system" | "KeyRenewal") {
            return Err(ApiError::bad_request(format!(
                "Keystore '{name}' does not exist."
            )));
        }
    }
    let rules = SetRules {
        paging: false,
        ..SetRules::plain("KeystoreEntries")
    };
    let backup = call
        .param("keystoreName")
        .is_some_and(|name| name != "system");
    match (&call.method, key, rest) {
        (&Method::GET | &Method::HEAD, None, []) => {
            query::parse(call, &rules)?;
            let entities = if backup {
                Vec::new()
            } else {
                security
                    .keystore
                    .iter()
                    .map(|e| keystore_entity(call, e, call.now_ms))
                    .collect()
            };
            Ok(collection_response(
                call,
                "KeystoreEntries",
                entities,
                None,
                None,
            ))
        }
        (method, Some(key), rest) => {
            let [hexalias] = <[String; 1]>::try_from(string_keys(key, &["Hexalias"])?)
                .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
            let position = security
                .keystore
                .iter()
                .position(|e| hex(&e.alias).eq_ignore_ascii_case(&hexalias))
                .ok_or_else(|| {
                    ApiError::not_found(format!(
                        "Keystore entry with Hexalias '{hexalias}' does not exist."
                    ))
                })?;
            let entry = security.keystore[position].clone();
            match (method, rest) {
                (&Method::GET | &Method::HEAD, []) => Ok(entity_response(
                    call,
                    StatusCode::OK,
                    keystore_entity(call, &entry, call.now_ms),
                )),
                (&Method::DELETE, []) if entry.owner != "SAP" => {
                    security.keystore.remove(position);
                    Ok(text_response(StatusCode::OK, ""))
                }
                (&Method::DELETE, []) => Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    format!(
                        "Keystore entry '{}' is owned by SAP and cannot be deleted.",
                        entry.alias
                    ),
                )),
                (&Method::GET | &Method::HEAD, ["Certificate", "$value"]) => {
                    let body = format!(
                        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                        base64::Engine::encode(
                            &base64::engine::general_purpose::STANDARD,
                            format!(
                                "{} / {} / {}",
                                entry.subject,
                                entry.issuer,
                                fingerprint(&entry.alias, 32)
                            )
                        )
                    );
                    Ok(media_response(
                        body.into_bytes(),
                        "application/pkix-cert",
                        Some(&format!("{}.cer", entry.alias.replace(' ', "_"))),
                    ))
                }
                (&Method::GET | &Method::HEAD, ["ChainCertificates"]) => Ok(collection_response(
                    call,
                    &format!("KeystoreEntries({})/ChainCertificates", quoted(&hexalias)),
                    Vec::new(),
                    None,
                    None,
                )),
                (_, [other, ..]) => Err(ApiError::unknown_segment(other)),
                (method, []) => Err(ApiError::method_not_allowed(
                    method.as_str(),
                    "KeystoreEntries",
                )),
            }
        }
        (_, None, [other, ..]) => Err(ApiError::unknown_segment(other)),
        (method, None, []) => Err(ApiError::method_not_allowed(
            method.as_str(),
            "KeystoreEntries",
        )),
    }
}
