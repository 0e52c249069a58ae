//! Security content: user credentials, secure parameters, OAuth2 client credentials (their
//! secrets are never read: the API returns null) and keystore entries with their validity.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::wire::{date_text, expanded_one, number, timestamp, unhex, Fields};

/// A certificate expiring within this many days is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Deployment facts of a security artifact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Deployment {
    pub deployed_by: Option<String>,
    pub deployed_on: Option<String>,
    /// `DEPLOYED`, ...
    pub status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UserCredential {
    pub name: String,
    /// `default`, `successfactors`, `openconnectors`.
    pub kind: Option<String>,
    pub description: Option<String>,
    pub user: Option<String>,
    pub company_id: Option<String>,
    pub deployment: Deployment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SecureParameter {
    pub name: String,
    pub description: Option<String>,
    pub deployment: Deployment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OAuth2ClientCredential {
    pub name: String,
    pub description: Option<String>,
    pub token_service_url: Option<String>,
    pub client_id: Option<String>,
    /// `body` or `header`.
    pub client_authentication: Option<String>,
    pub scope: Option<String>,
    pub scope_content_type: Option<String>,
    pub resource: Option<String>,
    pub audience: Option<String>,
    pub deployment: Deployment,
}

/// Where a certificate stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CertificateValidity {
    Valid,
    /// Valid for at most [`EXPIRY_WARNING_DAYS`] more days.
    ExpiresSoon,
    Expired,
    NotYetValid,
    /// The tenant gave no validity dates.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KeystoreEntry {
    /// The key: the alias's UTF-8 bytes in hex.
    pub hex_alias: String,
    pub alias: String,
    /// `Key Pair`, `Certificate`, `SSH Key`, ...
    pub entry_type: Option<String>,
    pub key_type: Option<String>,
    pub key_size: Option<f64>,
    pub valid_not_before: Option<String>,
    pub valid_not_after: Option<String>,
    pub validity: CertificateValidity,
    /// Whole days until `valid_not_after` (negative once expired).
    pub days_left: Option<i32>,
    pub subject_dn: Option<String>,
    pub issuer_dn: Option<String>,
    pub serial_number: Option<String>,
    pub signature_algorithm: Option<String>,
    pub fingerprint_sha256: Option<String>,
    /// `SAP` or `Tenant Administrator`.
    pub owner: Option<String>,
    pub modified_by: Option<String>,
    pub modified_at: Option<String>,
}

/// Classifies a validity period on `now`.
pub fn classify_validity(
    not_before: Option<DateTime<Utc>>,
    not_after: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (CertificateValidity, Option<i32>) {
    let Some(not_after) = not_after else {
        return (CertificateValidity::Unknown, None);
    };
    let remaining = not_after - now;
    let days_left = i32::try_from(remaining.num_days()).ok();
    let validity = if not_after <= now {
        CertificateValidity::Expired
    } else if not_before.is_some_and(|start| start > now) {
        CertificateValidity::NotYetValid
    } else if remaining.num_seconds() <= EXPIRY_WARNING_DAYS * 86_400 {
        CertificateValidity::ExpiresSoon
    } else {
        CertificateValidity::Valid
    };
    (validity, days_left)
}

fn deployment(entity: &Map<String, Value>) -> Deployment {
    // Nested in `SecurityArtifactDescriptor`, or flat on secure parameters.
    let fields = Fields(expanded_one(entity, "SecurityArtifactDescriptor").unwrap_or(entity));
    Deployment {
        deployed_by: fields.text("DeployedBy"),
        deployed_on: date_text(fields, "DeployedOn"),
        status: fields.text("Status"),
    }
}

pub(crate) fn decode_user_credential(entity: &Map<String, Value>) -> Option<UserCredential> {
    let fields = Fields(entity);
    Some(UserCredential {
        name: fields.text("Name")?,
        kind: fields.text("Kind"),
        description: fields.text("Description"),
        user: fields.text("User"),
        company_id: fields.text("CompanyId"),
        deployment: deployment(entity),
    })
}

pub(crate) fn decode_secure_parameter(entity: &Map<String, Value>) -> Option<SecureParameter> {
    let fields = Fields(entity);
    Some(SecureParameter {
        name: fields.text("Name")?,
        description: fields.text("Description"),
        deployment: deployment(entity),
    })
}

pub(crate) fn decode_oauth2_credential(
    entity: &Map<String, Value>,
) -> Option<OAuth2ClientCredential> {
    let fields = Fields(entity);
    Some(OAuth2ClientCredential {
        name: fields.text("Name")?,
        description: fields.text("Description"),
        token_service_url: fields.text("TokenServiceUrl"),
        client_id: fields.text("ClientId"),
        client_authentication: fields.text("ClientAuthentication"),
        scope: fields.text("Scope"),
        scope_content_type: fields.text("ScopeContentType"),
        resource: fields.text("Resource"),
        audience: fields.text("Audience"),
        deployment: deployment(entity),
    })
}

pub(crate) fn decode_keystore_entry(
    entity: &Map<String, Value>,
    now: DateTime<Utc>,
) -> Option<KeystoreEntry> {
    let fields = Fields(entity);
    let hex_alias = fields.text("Hexalias")?;
    let not_before = timestamp(fields, "ValidNotBefore");
    let not_after = timestamp(fields, "ValidNotAfter");
    let (validity, days_left) = classify_validity(not_before, not_after, now);
    Some(KeystoreEntry {
        alias: fields
            .text("Alias")
            .or_else(|| unhex(&hex_alias))
            .unwrap_or_else(|| hex_alias.clone()),
        hex_alias,
        entry_type: fields.text("Type"),
        key_type: fields.text("KeyType"),
        key_size: number(fields, "KeySize"),
        valid_not_before: date_text(fields, "ValidNotBefore"),
        valid_not_after: date_text(fields, "ValidNotAfter"),
        validity,
        days_left,
        subject_dn: fields.text("SubjectDN"),
        issuer_dn: fields.text("IssuerDN"),
        serial_number: fields.text("SerialNumber"),
        signature_algorithm: fields.text("SignatureAlgorithm"),
        fingerprint_sha256: fields.text("FingerprintSha256"),
        owner: fields.text("Owner"),
        modified_by: fields.text("LastModifiedBy"),
        modified_at: date_text(fields, "LastModifiedTime"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use serde_json::json;

    #[test]
    fn validity_on_a_given_day() {
        let now = DateTime::from_timestamp(1_750_000_000, 0).unwrap();
        let day = Duration::days(1);
        let cases = [
            (
                Some(now - day),
                Some(now + day * 400),
                CertificateValidity::Valid,
            ),
            (
                Some(now - day),
                Some(now + day * 30),
                CertificateValidity::ExpiresSoon,
            ),
            (
                Some(now - day),
                Some(now + day * 31),
                CertificateValidity::Valid,
            ),
            (
                Some(now - day * 3),
                Some(now - day),
                CertificateValidity::Expired,
            ),
            (
                Some(now + day),
                Some(now + day * 90),
                CertificateValidity::NotYetValid,
            ),
            (None, None, CertificateValidity::Unknown),
        ];
        for (before, after, expected) in cases {
            assert_eq!(
                classify_validity(before, after, now).0,
                expected,
                "{after:?}"
            );
        }
        assert_eq!(
            classify_validity(None, Some(now - day * 3), now).1,
            Some(-3)
        );
    }

    #[test]
    fn keystore_entry_of_the_openapi_example() {
        let entity = json!({"Hexalias": "313233", "Alias": "123", "KeyType": "RSA", "KeySize": 2048,
            "ValidNotBefore": "/Date(1496732924000)/", "ValidNotAfter": "/Date(1559804924000)/",
            "SerialNumber": "0x11F11", "SignatureAlgorithm": "SHA256withRSA", "Validity": null,
            "SubjectDN": "CN=sandbox.api.sap.com, OU=Hana Cloud Integration, O=SAP, C=DE",
            "Type": "Key Pair", "Owner": "Tenant Administrator", "LastModifiedTime": "/Date(1552296324222)/"});
        let now = DateTime::from_timestamp(1_559_804_924 - 10 * 86_400, 0).unwrap();
        let entry = decode_keystore_entry(entity.as_object().unwrap(), now).unwrap();
        assert_eq!(entry.alias, "123");
        assert_eq!(entry.key_size, Some(2048.0));
        assert_eq!(entry.validity, CertificateValidity::ExpiresSoon);
        assert_eq!(entry.days_left, Some(10));
        let hex_only = json!({"Hexalias": "6D7920616C696173"});
        let entry = decode_keystore_entry(hex_only.as_object().unwrap(), now).unwrap();
        assert_eq!(
            (entry.alias.as_str(), entry.validity),
            ("my alias", CertificateValidity::Unknown)
        );
    }

    #[test]
    fn secrets_are_not_part_of_the_model() {
        let entity = json!({"Name": "smtp_cred", "Kind": "default", "User": "mailer", "Password": null,
            "SecurityArtifactDescriptor": {"Type": "USER_CREDENTIAL", "DeployedBy": "admin",
                "DeployedOn": "/Date(1706692800000)/", "Status": "DEPLOYED"}});
        let credential = decode_user_credential(entity.as_object().unwrap()).unwrap();
        assert_eq!(credential.deployment.status.as_deref(), Some("DEPLOYED"));
        let json = serde_json::to_string(&credential).unwrap();
        assert!(!json.to_lowercase().contains("password"), "{json}");
        let secure = json!({"Name": "api_key", "SecureParam": null, "DeployedBy": "admin", "Status": "DEPLOYED"});
        let parameter = decode_secure_parameter(secure.as_object().unwrap()).unwrap();
        assert_eq!(parameter.deployment.deployed_by.as_deref(), Some("admin"));
    }
}
