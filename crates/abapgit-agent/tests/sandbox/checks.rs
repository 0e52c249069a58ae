use std::path::PathBuf;

use abapgit_agent::checkout::syntax_request_for;
use abapgit_agent::{
    InspectRequest, Severity, SyntaxObject, SyntaxRequest, UnicodeCheck, UnitRequest,
};

use crate::support::{sap_message, start, DIALECTS};

fn program(source: &str) -> SyntaxRequest {
    SyntaxRequest {
        objects: vec![SyntaxObject {
            object_type: "prog".into(),
            object_name: "zcheck_me".into(),
            source: source.into(),
            ..SyntaxObject::default()
        }],
        unicode_check: Some(UnicodeCheck::Standard),
    }
}

#[tokio::test]
async fn syntax_errors_are_a_result_with_lines_and_columns() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let result = fixture
            .client
            .syntax(&program(
                "REPORT zcheck_me.\nDATA lv TYPE i.\nlv = lv_unknown + 1.\nFOO BAR.",
            ))
            .await
            .expect("a failed check is Ok");
        assert!(!result.success, "{dialect:?}");
        let object = &result.objects[0];
        assert_eq!(
            (object.object_type.as_str(), object.object_name.as_str()),
            ("PROG", "ZCHECK_ME")
        );
        // A real check stops at the first error and knows no column; the reference lists all.
        let (count, column) = match dialect {
            sandbox::Dialect::AsImplemented => (1, None),
            sandbox::Dialect::Documented => (2, Some(6)),
        };
        assert_eq!(object.error_count, count, "{dialect:?}");
        let first = &object.errors[0];
        assert_eq!(
            (first.line, first.column),
            (Some(3), column),
            "{dialect:?}: {first:?}"
        );
        assert_eq!(first.severity, Severity::Error);
        assert!(first.text.contains("LV_UNKNOWN"), "{first:?}");

        let clean = fixture
            .client
            .syntax(&program("REPORT zcheck_me.\nWRITE 'hi'."))
            .await
            .expect("clean");
        assert!(
            clean.success && clean.objects[0].errors.is_empty(),
            "{dialect:?}: {clean:?}"
        );
    }
}

#[tokio::test]
async fn syntax_validation_errors_are_http_400() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let (status, message) = sap_message(fixture.client.syntax(&SyntaxRequest::default()).await);
        assert_eq!(status, 400, "{dialect:?}");
        assert!(
            message.to_ascii_lowercase().contains("objects"),
            "{dialect:?}: {message}"
        );
        let nameless = SyntaxRequest {
            objects: vec![SyntaxObject {
                object_type: "PROG".into(),
                source: "REPORT x.".into(),
                ..SyntaxObject::default()
            }],
            unicode_check: None,
        };
        let (status, message) = sap_message(fixture.client.syntax(&nameless).await);
        assert_eq!(status, 400, "{dialect:?}");
        assert!(message.contains("name"), "{dialect:?}: {message}");
    }
}

#[tokio::test]
async fn huge_source_is_checked_without_trouble() {
    let fixture = start(sandbox::Dialect::AsImplemented).await;
    let mut source = String::from("REPORT zcheck_me.\nDATA lv TYPE i.\n");
    for n in 0..40_000 {
        source.push_str(&format!("lv = lv + {n}.\n"));
    }
    assert!(source.len() > 500_000);
    let result = fixture
        .client
        .syntax(&program(&source))
        .await
        .expect("large check");
    assert!(result.success, "{result:?}");
}

struct Checkout(PathBuf);

impl Checkout {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("agent-it-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("src")).expect("temp dir");
        Self(path)
    }
    fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.0.join("src").join(name);
        std::fs::write(&path, content).expect("write");
        path
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn checkout_class_errors_map_back_to_the_companion_file() {
    for dialect in DIALECTS {
        let checkout = Checkout::new(&format!("{dialect:?}"));
        let main = checkout.write(
            "zcl_it_demo.clas.abap",
            "CLASS zcl_it_demo DEFINITION PUBLIC.\r\n  PUBLIC SECTION.\r\n    METHODS run.\r\nENDCLASS.\r\nCLASS zcl_it_demo IMPLEMENTATION.\r\n  METHOD run.\r\n  ENDMETHOD.\r\nENDCLASS.\r\n",
        );
        let locals = checkout.write(
            "zcl_it_demo.clas.locals_imp.abap",
            "CLASS lcl DEFINITION.\nENDCLASS.\nCLASS lcl IMPLEMENTATION.\n  METHOD x.\n    lv_y = 1.\n  ENDMETHOD.\nENDCLASS.\n",
        );
        checkout.write(
            "zcl_it_demo.clas.xml",
            "<VSEOCLASS><CLSNAME>ZCL_IT_DEMO</CLSNAME><FIXPT>X</FIXPT></VSEOCLASS>",
        );
        let (request, map) = syntax_request_for(&[main], None).expect("request from files");
        assert!(request.objects[0].fixpt);
        let fixture = start(dialect).await;
        let result = fixture.client.syntax(&request).await.expect("check");
        let object = &result.objects[0];
        assert!(!object.success, "{dialect:?}: {object:?}");
        let error = &object.errors[0];
        let location = map
            .locate(&object.object_type, &object.object_name, error)
            .expect("mapped to a file");
        assert_eq!(
            location.path,
            locals.to_string_lossy(),
            "{dialect:?}: {error:?}"
        );
        assert_eq!(location.line, Some(5), "{dialect:?}");
    }
}

#[tokio::test]
async fn inspect_reads_the_array_and_the_single_object() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = InspectRequest {
            files: vec!["src/zcl_flight_pricing.clas.abap".into()],
            variant: None,
        };
        let result = fixture.client.inspect(&request).await.expect("inspect");
        assert_eq!(result.objects.len(), 1, "{dialect:?}");
        assert_eq!(result.objects[0].object_name, "ZCL_FLIGHT_PRICING");
        assert!(result.success, "{dialect:?}: {result:?}");

        let unknown_variant = InspectRequest {
            files: vec!["zcl_flight_pricing.clas.abap".into()],
            variant: Some("NOPE".into()),
        };
        let result = fixture
            .client
            .inspect(&unknown_variant)
            .await
            .expect("inspect");
        assert!(!result.success);
        let object = &result.objects[0];
        assert_eq!(object.object_type, "VARIANT", "{dialect:?}");
        assert_eq!(object.errors[0].line, None, "line \"0\" means no line");
        assert!(object.errors[0].text.contains("NOPE"));

        // Files that name no object: an error that says so, not an empty failed result.
        let nothing = InspectRequest {
            files: vec!["README.md".into()],
            variant: None,
        };
        let (status, message) = sap_message(fixture.client.inspect(&nothing).await);
        assert_eq!(status, 200, "{dialect:?}");
        assert!(message.contains("names an ABAP object"), "{message}");
    }
}

#[tokio::test]
async fn unit_without_results_is_a_result_not_an_error() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = UnitRequest {
            files: vec!["src/zcl_demo_calculator.clas.testclasses.abap".into()],
            package: None,
            coverage: true,
        };
        let result = fixture.client.unit(&request).await.expect("unit");
        assert_eq!(
            result.passed_count + result.failed_count,
            result.test_count,
            "{dialect:?}: {result:?}"
        );
        assert_eq!(
            result.success,
            result.failed_count == 0 && result.test_count > 0,
            "{dialect:?}: {result:?}"
        );
        assert!(!result.message.is_empty());

        let (status, message) = sap_message(fixture.client.unit(&UnitRequest::default()).await);
        assert_eq!(
            (status, message.as_str()),
            (400, "Package or files required"),
            "{dialect:?}"
        );
    }
}

/// The handler sends COVERAGE_STATS (zeros) also when nobody asked to measure: the result
/// carries coverage only when the request asked for it.
#[tokio::test]
async fn unit_coverage_only_when_requested() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let mut request = UnitRequest {
            files: vec!["src/zcl_flight_pricing.clas.abap".into()],
            package: None,
            coverage: false,
        };
        let unasked = fixture.client.unit(&request).await.expect("unit");
        assert!(unasked.test_count > 0, "{dialect:?}: {unasked:?}");
        assert_eq!(unasked.coverage, None, "{dialect:?}");
        request.coverage = true;
        let asked = fixture.client.unit(&request).await.expect("unit");
        let coverage = asked.coverage.expect("coverage measured");
        assert!(coverage.total_lines > 0, "{dialect:?}: {coverage:?}");
    }
}

/// The unit command reports no line; the client finds the failed method in the system's
/// test classes (the class's CCAU section) and keeps a location the caller already gave.
#[tokio::test]
async fn unit_failures_get_the_line_of_their_method_in_the_systems_test_classes() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = UnitRequest {
            files: vec!["src/zcl_flight_pricing.clas.abap".into()],
            package: None,
            coverage: false,
        };
        let mut result = fixture.client.unit(&request).await.expect("unit");
        assert!(result.failures.iter().all(|f| f.location.is_none()));
        fixture.client.locate_unit_failures(&mut result).await;
        let failure = result
            .failures
            .iter()
            .find(|f| f.method_name == "DISCOUNT_IS_CAPPED")
            .unwrap_or_else(|| panic!("{dialect:?}: {result:?}"));
        let location = failure.location.clone().expect("located");
        assert_eq!(location.test_class, "LTCL_PRICING", "{dialect:?}");
        assert_eq!(location.file, None);
        let viewed = fixture
            .client
            .view(&abapgit_agent::ViewRequest {
                objects: vec!["ZCL_FLIGHT_PRICING".into()],
                object_type: Some("CLAS".into()),
                full: true,
                function_module: None,
            })
            .await
            .expect("view");
        let section = viewed.objects[0]
            .sections
            .iter()
            .find(|s| s.suffix == "CCAU")
            .expect("test classes");
        assert_eq!(
            section.lines[location.line as usize - 1].trim(),
            "METHOD discount_is_capped.",
            "{dialect:?}"
        );
    }
}

/// The handler checks `INTERFACE-POOL.` + the file and reports that line; the client gives
/// the file's line for both shapes.
#[tokio::test]
async fn interface_errors_point_at_the_line_of_the_file() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = SyntaxRequest {
            objects: vec![SyntaxObject {
                object_type: "INTF".into(),
                object_name: "zif_check_me".into(),
                source: "INTERFACE zif_check_me PUBLIC.\n  METHODS run.\n  FOO BAR.\nENDINTERFACE."
                    .into(),
                ..SyntaxObject::default()
            }],
            unicode_check: Some(UnicodeCheck::Standard),
        };
        let result = fixture.client.syntax(&request).await.expect("a result");
        let first = &result.objects[0].errors[0];
        assert_eq!(first.line, Some(3), "{dialect:?}: {first:?}");
    }
}
