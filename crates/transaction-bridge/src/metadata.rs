//! An app's `$metadata` (CSDL 4.0 XML) turned into typed operations: one action or
//! function per recorded sequence plus the generic `Login`, `Logout` and `Home`.
//!
//! Structural problems (not XML, no schema) fail the whole document. A problem inside one
//! operation (an unknown `Edm` type, a return type that is not declared) leaves that
//! operation listed with its [`Operation::problem`] and not runnable: the others still work.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::edm::{EdmType, InputKind};
use crate::error::{BridgeError, BridgeFailure, FailureReason, Remedy};

/// The generic operations every app has.
pub const GENERIC_OPERATIONS: [&str; 3] = ["Login", "Logout", "Home"];

/// How deep output structures may nest (a cycle in the metadata stops here).
const MAX_DEPTH: usize = 12;

/// The metadata as a whole could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[error("the app's $metadata cannot be used: {message}")]
pub struct MetadataError {
    pub message: String,
}

impl MetadataError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// POST with a JSON body; may change data in the back end, so never repeated on its own.
    Action,
    /// GET with the parameters in the URL; read-only.
    Function,
}

/// One input field of an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Parameter {
    pub name: String,
    pub edm_type: EdmType,
    /// How a form shows it (text, number, date, yes/no).
    pub input_kind: InputKind,
    /// `Nullable="false"`: the field must be filled.
    pub required: bool,
    /// `MaxLength` of a string, when declared.
    pub max_length: Option<u32>,
}

/// One field of an operation's `Output`: a scalar, a structure or a table (collection).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutputField {
    pub name: String,
    /// The primitive type of a scalar (or of a table of scalars); `null` for structures.
    pub edm_type: Option<EdmType>,
    /// A collection: shown as a table.
    pub collection: bool,
    /// The fields of a structure, or the columns of a table of structures.
    pub fields: Vec<OutputField>,
}

/// One operation of an app, ready for a generated form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Operation {
    /// The name in the URL (the action or function import's name).
    pub name: String,
    pub kind: OperationKind,
    /// `Login`, `Logout` or `Home`: the session's own operations.
    pub generic: bool,
    pub parameters: Vec<Parameter>,
    /// The fields of the `Output` complex type (empty when the operation has none).
    pub output: Vec<OutputField>,
    /// Why this operation cannot be run (an unsupported type in its metadata).
    pub problem: Option<String>,
}

impl Operation {
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

/// Every operation of one app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AppMetadata {
    /// The schema's namespace.
    pub namespace: String,
    /// Recorded sequences first in document order, then `Login`, `Logout`, `Home`.
    pub operations: Vec<Operation>,
}

impl AppMetadata {
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.name == name)
    }

    /// The operation `name` if it can be run for rows: declared, without a problem in the
    /// metadata, and not one of the session's own operations (`Login`, `Logout`, `Home`).
    pub fn runnable_for_rows(&self, name: &str) -> Result<&Operation, BridgeError> {
        let operation = self.operation(name).ok_or_else(|| {
            BridgeError::from(
                BridgeFailure::new(
                    FailureReason::SequenceNotFound,
                    Remedy::CheckRecording,
                    format!("The app's metadata declares no operation {name}."),
                )
                .operation(name),
            )
        })?;
        let refused = match (&operation.problem, operation.generic) {
            (Some(problem), _) => format!("{name} cannot be run: {problem}"),
            (None, true) => {
                format!("{name} is the session's own operation and is not run for rows")
            }
            (None, false) => return Ok(operation),
        };
        Err(BridgeFailure::metadata(refused).operation(name).into())
    }
}

/// A declared type: a complex type's properties (name, type text, nullable).
struct ComplexType {
    properties: Vec<(String, String)>,
}

struct Schema<'a> {
    /// Namespace and alias: both may qualify a type name.
    qualifiers: Vec<&'a str>,
    complex: BTreeMap<String, ComplexType>,
}

/// Parses CSDL 4.0 XML.
pub fn parse_metadata(xml: &str) -> Result<AppMetadata, MetadataError> {
    let document = roxmltree::Document::parse(xml)
        .map_err(|error| MetadataError::new(format!("not well-formed XML ({error})")))?;
    let root = document.root_element();
    if root.tag_name().name() != "Edmx" {
        return Err(MetadataError::new(format!(
            "expected an edmx:Edmx document, found <{}>",
            root.tag_name().name()
        )));
    }
    if let Some(version) = root.attribute("Version") {
        if !version.starts_with('4') {
            return Err(MetadataError::new(format!(
                "this is OData version {version} metadata; the transaction bridge serves OData 4.0"
            )));
        }
    }
    let schemas: Vec<roxmltree::Node> = root
        .descendants()
        .filter(|node| node.is_element() && node.tag_name().name() == "Schema")
        .collect();
    let Some(first) = schemas.first() else {
        return Err(MetadataError::new("it declares no Schema"));
    };
    let namespace = first
        .attribute("Namespace")
        .ok_or_else(|| MetadataError::new("the Schema has no Namespace"))?
        .to_owned();

    let mut schema = Schema {
        qualifiers: Vec::new(),
        complex: BTreeMap::new(),
    };
    for node in &schemas {
        schema.qualifiers.extend(node.attribute("Namespace"));
        schema.qualifiers.extend(node.attribute("Alias"));
        for complex in children(*node, "ComplexType") {
            let Some(name) = complex.attribute("Name") else {
                continue;
            };
            let properties = children(complex, "Property")
                .filter_map(|p| {
                    Some((
                        p.attribute("Name")?.to_owned(),
                        p.attribute("Type")?.to_owned(),
                    ))
                })
                .collect();
            schema
                .complex
                .insert(name.to_owned(), ComplexType { properties });
        }
    }

    // Import names by the action/function they expose (the URL uses the import's name).
    let mut imports: BTreeMap<String, String> = BTreeMap::new();
    for node in &schemas {
        for container in children(*node, "EntityContainer") {
            for import in container.children().filter(|n| n.is_element()) {
                let target = match import.tag_name().name() {
                    "ActionImport" => import.attribute("Action"),
                    "FunctionImport" => import.attribute("Function"),
                    _ => None,
                };
                if let (Some(target), Some(name)) = (target, import.attribute("Name")) {
                    imports
                        .entry(schema.local_name(target).to_owned())
                        .or_insert_with(|| name.to_owned());
                }
            }
        }
    }

    let mut operations = Vec::new();
    let mut seen = HashSet::new();
    for node in &schemas {
        for element in node.children().filter(|n| n.is_element()) {
            let kind = match element.tag_name().name() {
                "Action" => OperationKind::Action,
                "Function" => OperationKind::Function,
                _ => continue,
            };
            if element.attribute("IsBound") == Some("true") {
                continue; // bound to an entity: not a recorded sequence
            }
            let Some(declared) = element.attribute("Name") else {
                continue;
            };
            let name = imports
                .get(declared)
                .cloned()
                .unwrap_or_else(|| declared.to_owned());
            if !seen.insert(name.clone()) {
                continue; // an overload: recordings have none, the first one is used
            }
            operations.push(schema.operation(element, name, kind));
        }
    }
    // Recorded sequences first, the session's own operations after them.
    operations.sort_by_key(|op| op.generic);
    Ok(AppMetadata {
        namespace,
        operations,
    })
}

fn children<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

impl Schema<'_> {
    /// `Self.RESPONSE_Find` -> `RESPONSE_Find` when `Self` is this schema's alias or namespace.
    fn local_name<'t>(&self, qualified: &'t str) -> &'t str {
        self.qualifiers
            .iter()
            .find_map(|q| qualified.strip_prefix(q)?.strip_prefix('.'))
            .unwrap_or(qualified)
    }

    fn operation(&self, element: roxmltree::Node, name: String, kind: OperationKind) -> Operation {
        let generic = GENERIC_OPERATIONS.contains(&name.as_str());
        let mut problems = Vec::new();
        let mut parameters = Vec::new();
        for parameter in children(element, "Parameter") {
            match self.parameter(parameter) {
                Ok(parameter) => parameters.push(parameter),
                Err(problem) => problems.push(problem),
            }
        }
        let output = match children(element, "ReturnType").next() {
            None => Vec::new(),
            Some(return_type) => {
                match self.output_of(return_type.attribute("Type").unwrap_or("")) {
                    Ok(output) => output,
                    Err(problem) => {
                        problems.push(format!("return type: {problem}"));
                        Vec::new()
                    }
                }
            }
        };
        Operation {
            name,
            kind,
            generic,
            parameters,
            output,
            problem: (!problems.is_empty()).then(|| problems.join("; ")),
        }
    }

    fn parameter(&self, node: roxmltree::Node) -> Result<Parameter, String> {
        let name = node
            .attribute("Name")
            .ok_or_else(|| "a parameter without a Name".to_owned())?;
        let type_text = node.attribute("Type").unwrap_or("");
        let edm_type = EdmType::parse(type_text).ok_or_else(|| {
            format!("parameter {name} has the type '{type_text}', which this client cannot fill in (supported: Edm.String, Edm.Boolean, Edm.Int16/32/64, Edm.Decimal, Edm.Double, Edm.Date, Edm.DateTimeOffset, Edm.TimeOfDay, Edm.Guid, ...)")
        })?;
        Ok(Parameter {
            name: name.to_owned(),
            edm_type,
            input_kind: edm_type.input_kind(),
            // CSDL: parameters are nullable unless Nullable="false".
            required: node.attribute("Nullable") == Some("false"),
            max_length: node.attribute("MaxLength").and_then(|m| m.parse().ok()),
        })
    }

    /// The fields of the return type's `Output` property (none for `Self.Response`).
    fn output_of(&self, type_text: &str) -> Result<Vec<OutputField>, String> {
        let response = self.complex(type_text)?;
        match response
            .properties
            .iter()
            .find(|(name, _)| name == "Output")
        {
            None => Ok(Vec::new()),
            Some((_, output_type)) => {
                let (inner, collection) = unwrap_collection(output_type);
                if collection {
                    return Err(format!("Output is a collection ({output_type})"));
                }
                self.fields(self.complex(inner)?, 0)
            }
        }
    }

    fn complex(&self, type_text: &str) -> Result<&ComplexType, String> {
        if type_text.is_empty() {
            return Err("no type given".into());
        }
        self.complex
            .get(self.local_name(type_text))
            .ok_or_else(|| format!("the type '{type_text}' is not declared"))
    }

    fn fields(&self, complex: &ComplexType, depth: usize) -> Result<Vec<OutputField>, String> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "output structures nest deeper than {MAX_DEPTH} levels (a cycle?)"
            ));
        }
        complex
            .properties
            .iter()
            .map(|(name, type_text)| {
                let (inner, collection) = unwrap_collection(type_text);
                if let Some(edm_type) = EdmType::parse(inner) {
                    return Ok(OutputField {
                        name: name.clone(),
                        edm_type: Some(edm_type),
                        collection,
                        fields: Vec::new(),
                    });
                }
                if inner.starts_with("Edm.") {
                    return Err(format!(
                        "output field {name} has the unsupported type '{inner}'"
                    ));
                }
                Ok(OutputField {
                    name: name.clone(),
                    edm_type: None,
                    collection,
                    fields: self.fields(self.complex(inner)?, depth + 1)?,
                })
            })
            .collect()
    }
}

/// `Collection(Self.User)` -> (`Self.User`, true).
fn unwrap_collection(type_text: &str) -> (&str, bool) {
    match type_text
        .strip_prefix("Collection(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(inner) => (inner.trim(), true),
        None => (type_text.trim(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
  <edmx:DataServices>
    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="com.sap.mtb.su01" Alias="Self">
      <ComplexType Name="State">
        <Property Name="ErrorCode" Type="Edm.Int32" Nullable="false"/>
        <Property Name="StatusBarMessage" Type="Edm.String"/>
        <Property Name="SubsequentActions" Type="Collection(Edm.String)"/>
        <Property Name="PrecedingActions" Type="Collection(Edm.String)"/>
      </ComplexType>
      <ComplexType Name="Response"><Property Name="State" Type="Self.State" Nullable="false"/></ComplexType>
      <ComplexType Name="User">
        <Property Name="UserName" Type="Edm.String"/>
        <Property Name="ValidTo" Type="Edm.Date"/>
      </ComplexType>
      <ComplexType Name="OUTPUT_Find">
        <Property Name="Count" Type="Edm.Int32"/>
        <Property Name="Users" Type="Collection(Self.User)"/>
      </ComplexType>
      <ComplexType Name="RESPONSE_Find">
        <Property Name="State" Type="Self.State" Nullable="false"/>
        <Property Name="Output" Type="Self.OUTPUT_Find"/>
      </ComplexType>
      <Action Name="Login"><ReturnType Type="Self.Response" Nullable="false"/></Action>
      <Action Name="Logout"><ReturnType Type="Self.Response" Nullable="false"/></Action>
      <Action Name="Home"><ReturnType Type="Self.Response" Nullable="false"/></Action>
      <Function Name="Find">
        <Parameter Name="FirstName" Type="Edm.String" Nullable="false" MaxLength="40"/>
        <Parameter Name="Limit" Type="Edm.Int16"/>
        <ReturnType Type="Self.RESPONSE_Find" Nullable="false"/>
      </Function>
      <Action Name="Lock">
        <Parameter Name="Where" Type="Edm.GeographyPoint" Nullable="false"/>
        <ReturnType Type="Self.Response"/>
      </Action>
      <EntityContainer Name="Container">
        <ActionImport Name="Login" Action="Self.Login"/>
        <FunctionImport Name="Find" Function="com.sap.mtb.su01.Find"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    #[test]
    fn operations_parameters_and_nested_outputs() {
        let metadata = parse_metadata(SAMPLE).unwrap();
        let names: Vec<&str> = metadata
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(names, ["Find", "Lock", "Login", "Logout", "Home"]);
        let find = metadata.operation("Find").unwrap();
        assert_eq!(find.kind, OperationKind::Function);
        assert!(!find.generic);
        assert_eq!(find.problem, None);
        let first = find.parameter("FirstName").unwrap();
        assert!(first.required);
        assert_eq!(first.max_length, Some(40));
        assert!(!find.parameter("Limit").unwrap().required);
        assert_eq!(
            find.parameter("Limit").unwrap().input_kind,
            InputKind::Integer
        );
        assert_eq!(find.output.len(), 2);
        let users = &find.output[1];
        assert!(users.collection && users.edm_type.is_none());
        assert_eq!(users.fields[1].edm_type, Some(EdmType::Date));
        assert!(metadata.operation("Login").unwrap().generic);
        assert!(metadata.operation("Login").unwrap().output.is_empty());
    }

    #[test]
    fn an_unknown_edm_type_disables_only_its_operation() {
        let metadata = parse_metadata(SAMPLE).unwrap();
        let lock = metadata.operation("Lock").unwrap();
        let problem = lock.problem.as_deref().unwrap();
        assert!(
            problem.contains("Where") && problem.contains("Edm.GeographyPoint"),
            "{problem}"
        );
    }

    #[test]
    fn only_declared_sound_recorded_operations_run_for_rows() {
        let metadata = parse_metadata(SAMPLE).unwrap();
        let refusal = |name: &str| match metadata.runnable_for_rows(name) {
            Err(BridgeError::Bridge(failure)) => *failure,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(metadata.runnable_for_rows("Find").unwrap().name, "Find");
        let lock = refusal("Lock");
        assert!(
            lock.message.starts_with("Lock cannot be run: "),
            "{}",
            lock.message
        );
        let login = refusal("Login");
        assert!(
            login.message.contains("session's own operation"),
            "{}",
            login.message
        );
        let missing = refusal("Nope");
        assert_eq!(missing.reason, FailureReason::SequenceNotFound);
        assert_eq!(missing.operation.as_deref(), Some("Nope"));
    }

    #[test]
    fn malformed_documents_are_clear_errors() {
        for (xml, expected) in [
            ("", "not well-formed XML"),
            ("<edmx:Edmx", "not well-formed XML"),
            ("{\"error\":{}}", "not well-formed XML"),
            ("<html><body>Logon</body></html>", "expected an edmx:Edmx"),
            (
                r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="1.0"/>"#,
                "OData version 1.0",
            ),
            (
                r#"<edmx:Edmx xmlns:edmx="x" Version="4.0"><edmx:DataServices/></edmx:Edmx>"#,
                "no Schema",
            ),
        ] {
            let error = parse_metadata(xml).unwrap_err();
            assert!(error.message.contains(expected), "{xml}: {error}");
        }
    }

    #[test]
    fn undeclared_and_cyclic_return_types_are_problems_not_panics() {
        let xml = r#"<edmx:Edmx xmlns:edmx="x" Version="4.0"><edmx:DataServices>
            <Schema Namespace="n" Alias="Self">
              <ComplexType Name="Loop"><Property Name="Again" Type="Self.Loop"/></ComplexType>
              <ComplexType Name="R"><Property Name="Output" Type="Self.Loop"/></ComplexType>
              <Action Name="A"><ReturnType Type="Self.Missing"/></Action>
              <Action Name="B"><ReturnType Type="Self.R"/></Action>
              <Action Name="C"><Parameter Type="Edm.String"/></Action>
            </Schema></edmx:DataServices></edmx:Edmx>"#;
        let metadata = parse_metadata(xml).unwrap();
        assert!(metadata
            .operation("A")
            .unwrap()
            .problem
            .as_deref()
            .unwrap()
            .contains("not declared"));
        assert!(metadata
            .operation("B")
            .unwrap()
            .problem
            .as_deref()
            .unwrap()
            .contains("nest deeper"));
        assert!(metadata
            .operation("C")
            .unwrap()
            .problem
            .as_deref()
            .unwrap()
            .contains("without a Name"));
    }
}
