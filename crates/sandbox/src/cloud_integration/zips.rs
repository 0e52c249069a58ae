//! Downloads as the tenant builds them: an artifact is a zip of its bundle (manifest,
//! `metainfo.prop`, the flow model or mapping, parameters), a package a zip of its
//! metadata and its artifacts' zips. Built on demand, never stored.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use super::content::{Artifact, Kind, Package};
use super::errors::ApiError;

fn write_zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ApiError> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer
            .start_file(name.as_str(), options)
            .and_then(|()| writer.write_all(bytes).map_err(Into::into))
            .map_err(|error| ApiError::internal(format!("Cannot build the zip file: {error}")))?;
    }
    writer
        .finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|error| ApiError::internal(format!("Cannot build the zip file: {error}")))
}

fn manifest(artifact: &Artifact) -> String {
    let bundle_type = match artifact.kind {
        Kind::IntegrationFlow => "IntegrationFlow",
        Kind::ValueMapping => "ValueMapping",
        Kind::MessageMapping => "MessageMapping",
        Kind::ScriptCollection => "ScriptCollection",
    };
    format!(
        "Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-Name: {}\r\n\
         Bundle-SymbolicName: {}; singleton:=true\r\nBundle-Version: {}\r\n\
         SAP-BundleType: {bundle_type}\r\nSAP-NodeType: IFLMAP\r\nSAP-RuntimeProfile: iflmap\r\n\
         Origin-Bundle-Name: {}\r\nOrigin-Bundle-SymbolicName: {}\r\n\r\n",
        artifact.name, artifact.id, artifact.version, artifact.name, artifact.id
    )
}

fn escape(text: &str) -> String {
    super::errors::escape_xml(text)
}

fn flow_model(artifact: &Artifact) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<bpmn2:definitions xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ifl="http:///com.sap.ifl.model/Ifl.xsd" id="Definitions_1">
  <bpmn2:collaboration id="Collaboration_1" name="Default Collaboration">
    <bpmn2:participant id="Participant_1" ifl:type="EndpointSender" name="{sender}"/>
    <bpmn2:participant id="Participant_Process_1" ifl:type="IntegrationProcess" name="Integration Process" processRef="Process_1"/>
    <bpmn2:participant id="Participant_2" ifl:type="EndpointRecevier" name="{receiver}"/>
  </bpmn2:collaboration>
  <bpmn2:process id="Process_1" name="{name}">
    <bpmn2:startEvent id="StartEvent_2" name="Start"/>
    <bpmn2:callActivity id="CallActivity_1" name="Map Payload"/>
    <bpmn2:callActivity id="CallActivity_2" name="Set Headers"/>
    <bpmn2:serviceTask id="ServiceTask_1" name="Request Reply"/>
    <bpmn2:endEvent id="EndEvent_2" name="End"/>
  </bpmn2:process>
</bpmn2:definitions>
"#,
        sender = escape(&artifact.sender),
        receiver = escape(&artifact.receiver),
        name = escape(&artifact.name),
    )
}

fn parameters(artifact: &Artifact) -> String {
    let mut text = String::from("#Store parameters\n");
    for configuration in &artifact.configurations {
        text.push_str(&format!("{}={}\n", configuration.key, configuration.value));
    }
    text
}

/// The artifact's bundle as a zip.
pub(crate) fn artifact_zip(artifact: &Artifact) -> Result<Vec<u8>, ApiError> {
    let mut files = vec![
        (
            "META-INF/MANIFEST.MF".to_owned(),
            manifest(artifact).into_bytes(),
        ),
        (
            "metainfo.prop".to_owned(),
            format!(
                "#Store metainfo properties\ndescription={}\n",
                artifact.description
            )
            .into_bytes(),
        ),
    ];
    match artifact.kind {
        Kind::IntegrationFlow => {
            files.push((
                format!(
                    "src/main/resources/scenarioflows/integrationflow/{}.iflw",
                    artifact.id
                ),
                flow_model(artifact).into_bytes(),
            ));
            files.push((
                "src/main/resources/parameters.prop".to_owned(),
                parameters(artifact).into_bytes(),
            ));
            files.push((
                "src/main/resources/script/processData.groovy".to_owned(),
                b"import com.sap.gateway.ip.core.customdev.util.Message\n\ndef Message processData(Message message) {\n    def body = message.getBody(String)\n    message.setHeader('SAP_ApplicationID', message.getHeaders().get('OrderNumber'))\n    return message\n}\n".to_vec(),
            ));
        }
        Kind::ValueMapping => files.push((
            "value_mapping.xml".to_owned(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><vm version=\"2.0\"><group id=\"{}\">\
                 <entry><agency>ISO</agency><schema>Country</schema><value>DE</value></entry>\
                 <entry><agency>S4</agency><schema>LAND1</schema><value>DE</value></entry></group></vm>\n",
                escape(&artifact.id)
            )
            .into_bytes(),
        )),
        Kind::MessageMapping => files.push((
            format!("src/main/resources/mapping/{}.mmap", artifact.id),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><mappingtool version=\"1.0\" name=\"{}\"/>\n",
                escape(&artifact.name)
            )
            .into_bytes(),
        )),
        Kind::ScriptCollection => files.push((
            "src/main/resources/script/Logging.groovy".to_owned(),
            b"import com.sap.gateway.ip.core.customdev.util.Message\n\ndef Message logPayload(Message message) {\n    def log = messageLogFactory.getMessageLog(message)\n    log?.addAttachmentAsString('Payload', message.getBody(String), 'text/plain')\n    return message\n}\n".to_vec(),
        )),
    }
    write_zip(&files)
}

/// The package export: its metadata and the zip of each artifact.
pub(crate) fn package_zip(package: &Package, artifacts: &[&Artifact]) -> Result<Vec<u8>, ApiError> {
    let mut files = vec![(
        "contentmetadata.md".to_owned(),
        serde_json::json!({
            "Id": package.id, "Name": package.name, "Version": package.version,
            "Vendor": package.vendor, "ShortText": package.short_text,
        })
        .to_string()
        .into_bytes(),
    )];
    let mut resources = Vec::new();
    for artifact in artifacts {
        files.push((format!("{}_content", artifact.id), artifact_zip(artifact)?));
        resources.push(serde_json::json!({
            "id": artifact.id, "name": artifact.name, "version": artifact.version,
            "resourceType": artifact.kind.runtime_type(),
        }));
    }
    files.push((
        "resources.cnt".to_owned(),
        serde_json::json!({"resources": resources})
            .to_string()
            .into_bytes(),
    ));
    write_zip(&files)
}
