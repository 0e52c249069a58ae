use std::collections::BTreeSet;

use abapgit_agent::{DropRequest, InspectRequest};

use crate::support::{start, DIALECTS};

/// abapGit names the server's own parser rejects reach the right object.
#[tokio::test]
async fn inspect_resolves_every_file_name_convention() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let cases = [
            (
                "./src/zcl_flight_pricing.clas.testclasses.abap",
                "CLAS",
                "ZCL_FLIGHT_PRICING",
            ),
            (
                "src/zcl_flight_pricing.clas.locals_imp.abap",
                "CLAS",
                "ZCL_FLIGHT_PRICING",
            ),
            (
                "C:\\repo\\src\\ZFLIGHT_REPORT.PROG.ABAP",
                "PROG",
                "ZFLIGHT_REPORT",
            ),
            (
                "src/zif_flight_repository.intf.xml",
                "INTF",
                "ZIF_FLIGHT_REPOSITORY",
            ),
            (
                "src/zflight_api.fugr.lzflight_apitop.abap",
                "FUGR",
                "ZFLIGHT_API",
            ),
            (
                "src/zflight_api.fugr.saplzflight_api.abap",
                "FUGR",
                "ZFLIGHT_API",
            ),
            (
                "src/zflight_api.fugr.z_flight_get_list.abap",
                "FUGR",
                "ZFLIGHT_API",
            ),
        ];
        for (file, object_type, object_name) in cases {
            let request = InspectRequest {
                files: vec![file.to_owned()],
                variant: None,
            };
            let result = fixture.client.inspect(&request).await.expect("inspect");
            let found: BTreeSet<(&str, &str)> = result
                .objects
                .iter()
                .map(|o| (o.object_type.as_str(), o.object_name.as_str()))
                .collect();
            assert_eq!(
                found,
                BTreeSet::from([(object_type, object_name)]),
                "{dialect:?}: {file}"
            );
        }
    }
}

#[tokio::test]
async fn drop_resolves_dcls_source_and_enhancement_hook_files() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        for (file, object_type, object_name) in [
            ("src/zi_flight.dcls.asdcls", "DCLS", "ZI_FLIGHT"),
            (
                "src/zflight_enh_pricing.enho.1a2b3c4d.abap",
                "ENHO",
                "ZFLIGHT_ENH_PRICING",
            ),
        ] {
            let request = DropRequest {
                file: file.into(),
                transport_request: None,
            };
            let dropped = fixture
                .client
                .drop_object(&request)
                .await
                .unwrap_or_else(|e| panic!("{dialect:?} {file}: {e}"));
            assert_eq!(
                (dropped.object_type.as_str(), dropped.object_name.as_str()),
                (object_type, object_name),
                "{dialect:?}"
            );
        }
    }
}
