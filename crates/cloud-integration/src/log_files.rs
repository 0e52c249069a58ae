//! The tenant's log files (`LogFiles`: HTTP access and trace logs, where the tenant offers them).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::wire::{date_text, number, Fields};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LogFile {
    pub name: String,
    pub application: String,
    pub last_modified: Option<String>,
    /// `application/gzip` usually.
    pub content_type: Option<String>,
    /// `http` or `trace`.
    pub log_file_type: Option<String>,
    pub node_scope: Option<String>,
    pub size_bytes: Option<f64>,
}

pub(crate) fn decode_log_file(entity: &Map<String, Value>) -> Option<LogFile> {
    let fields = Fields(entity);
    Some(LogFile {
        name: fields.text("Name")?,
        application: fields.text("Application")?,
        last_modified: date_text(fields, "LastModified"),
        content_type: fields.text("ContentType"),
        log_file_type: fields.text("LogFileType"),
        node_scope: fields.text("NodeScope"),
        size_bytes: number(fields, "Size"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn log_file_of_the_openapi_example() {
        let entity = json!({"Name": "http_access_04766fd_2018-07-09.log", "Application": "test",
            "LastModified": "/Date(1531180822000)/", "ContentType": "application/gzip",
            "LogFileType": "http", "NodeScope": "worker", "Size": "6961"});
        let file = decode_log_file(entity.as_object().unwrap()).unwrap();
        assert_eq!(file.size_bytes, Some(6961.0));
        assert_eq!(
            file.last_modified.as_deref(),
            Some("2018-07-10T00:00:22.000Z")
        );
    }
}
