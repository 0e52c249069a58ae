//! The work items a fresh sandbox holds: normal, urgent and general changes in most
//! statuses, assigned to three releases, with texts, attachments and categories.

use super::store::{dashed, Attachment, Category, Release, Text, WorkItem};

/// 2025-01-06T08:00:00Z: the seeded items were created in the weeks after.
const BASE_MS: i64 = 1_736_150_400_000;
const HOUR_MS: i64 = 3_600_000;

/// A GUID as `GUID_CREATE` on a VMware-hosted Solution Manager makes them (MAC prefix,
/// time-based version nibble), derived from `n` so every run has the same ones.
pub(crate) fn guid_hex(n: u64) -> String {
    let a = splitmix(n);
    let b = splitmix(a);
    format!(
        "0050568b{:04x}1ee{:01x}{:04x}{:012x}",
        a & 0xffff,
        (a >> 16) & 0xf,
        0x8000 | ((a >> 20) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

struct Seed {
    process_type: &'static str,
    description: &'static str,
    status: &'static str,
    priority: &'static str,
    release: Option<usize>,
    categories: [usize; 2],
    description_text: &'static str,
}

const RELEASES: &[(&str, &str, &str, &str, i64)] = &[
    (
        "REL-2025-03",
        "Release 2025.03 Finance and Logistics",
        "8000000811",
        "Build",
        1_743_408_000_000,
    ),
    (
        "REL-2025-06",
        "Release 2025.06 Order to Cash",
        "8000000812",
        "Test",
        1_751_328_000_000,
    ),
    (
        "HF-2025-Q1",
        "Hotfix Release Q1/2025",
        "8000000815",
        "Deploy",
        1_740_787_200_000,
    ),
];

const CATEGORY_SCHEMA: &str = "ZFB_WI_CAT";
const CATEGORIES: &[(&str, &str, u32)] = &[
    ("FIN", "Finance", 1),
    ("FIN_AP", "Accounts Payable", 2),
    ("FIN_GL", "General Ledger", 2),
    ("SD", "Sales and Distribution", 1),
    ("SD_BIL", "Billing", 2),
    ("MM", "Procurement", 1),
    ("LE_WM", "Warehouse Management", 2),
    ("TECH", "Technical", 1),
    ("TECH_BAS", "Basis and Security", 2),
    ("SD_ORD", "Sales Order Processing", 2),
    ("MM_PUR", "Purchasing", 2),
];

const SEEDS: &[Seed] = &[
    Seed { process_type: "S1MJ", description: "Pricing report ZSD_PRICING: add customer group filter", status: "E0002", priority: "3", release: Some(1), categories: [3, 9], description_text: "Sales controllers need to restrict ZSD_PRICING to one or more customer groups (KNVV-KDGRP). Add a select-option on the selection screen and pass it to the price determination read." },
    Seed { process_type: "S1MJ", description: "Vendor invoice workflow: route invoices above 50,000 EUR to the CFO", status: "E0004", priority: "2", release: Some(0), categories: [0, 1], description_text: "Extend workflow WS90000012 with an approval step for gross amounts above 50,000 EUR. Threshold maintained in table ZFI_WF_LIMITS." },
    Seed { process_type: "S1MJ", description: "Credit memo output: replace SAPscript form with Adobe form", status: "E0009", priority: "3", release: Some(0), categories: [3, 4], description_text: "Migrate output type ZKRE from SAPscript ZSD_CREDIT_MEMO to the Adobe form ZAF_CREDIT_MEMO, layout per corporate design 2025." },
    Seed { process_type: "S1MJ", description: "ATP check: respect plant-specific safety stock", status: "E0015", priority: "2", release: Some(0), categories: [5, 6], description_text: "Availability check group Z1 must subtract the plant-specific safety stock (MARC-EISBE) for plants 1010 and 1710." },
    Seed { process_type: "S1MJ", description: "Material master BAdI: validate EAN for ZFRT materials", status: "E0014", priority: "3", release: Some(0), categories: [5, 10], description_text: "Implement BADI_MATERIAL_CHECK to reject invalid GTIN-13 check digits for material type ZFRT." },
    Seed { process_type: "S1MJ", description: "Bank statement import: support camt.053 version 8", status: "E0016", priority: "2", release: Some(0), categories: [0, 2], description_text: "The house banks switch to camt.053.001.08 in March. Adapt the XML mapping of the electronic bank statement import (FF_5 / FEBAN)." },
    Seed { process_type: "S1MJ", description: "Intercompany billing: correct tax code determination", status: "E0017", priority: "1", release: Some(1), categories: [3, 4], description_text: "Intercompany invoices between company codes 1010 and 1710 get tax code A0 instead of I0. Correct the condition record access sequence ZMWI." },
    Seed { process_type: "S1MJ", description: "Purchase requisition Fiori app: default the requester's cost center", status: "E0002", priority: "4", release: Some(1), categories: [5, 10], description_text: "Default the cost center from the requester's HR master (infotype 0001) in the Create Purchase Requisition app." },
    Seed { process_type: "S1MJ", description: "Warehouse task confirmation: scanner dialog timeout", status: "E0011", priority: "2", release: Some(1), categories: [5, 6], description_text: "RF transaction /SCWM/RFUI ends the confirmation dialog after 60 s of inactivity; raise the timeout to 300 s for queue ZPICK." },
    Seed { process_type: "S1MJ", description: "General ledger account mapping for IFRS 17 reporting", status: "E0012", priority: "2", release: Some(1), categories: [0, 2], description_text: "Map the insurance contract accounts to the IFRS 17 financial statement version ZIFRS17." },
    Seed { process_type: "S1MJ", description: "Delivery due list: performance fix for large sales orders", status: "E0013", priority: "2", release: Some(1), categories: [3, 9], description_text: "VL10A runs over 20 minutes for orders with more than 2,000 items. Replace the nested SELECT in ZLE_DUE_LIST_EXIT with a FOR ALL ENTRIES read." },
    Seed { process_type: "S1MJ", description: "Travel expense report: mileage rates 2025", status: "E0010", priority: "4", release: None, categories: [0, 1], description_text: "Update the mileage rates. Withdrawn: the rates are maintained by HR in production as current settings." },
    Seed { process_type: "S1MJ", description: "Asset under construction: check settlement rule before capitalisation", status: "E0004", priority: "3", release: Some(0), categories: [0, 2], description_text: "Block transaction AIBU when the settlement rule of the asset under construction has no receiver with 100 %." },
    Seed { process_type: "S1MJ", description: "Sales order API: expose Incoterms location 2", status: "E0009", priority: "3", release: Some(1), categories: [3, 9], description_text: "Add IncotermsLocation2 to the custom CDS view ZI_SALESORDERHEADER and the OData service ZAPI_SALES_ORDER." },
    Seed { process_type: "S1HF", description: "Hot fix: payment run F110 dumps on blocked vendors", status: "E0004", priority: "1", release: Some(2), categories: [0, 1], description_text: "F110 proposal ends with dump GETWA_NOT_ASSIGNED in ZFI_F110_EXIT when a vendor is blocked for payment in one company code only." },
    Seed { process_type: "S1HF", description: "Hot fix: EDI ORDERS05 inbound fails on empty partner function", status: "E0002", priority: "1", release: Some(2), categories: [3, 9], description_text: "IDocs with an empty E1EDKA1-PARVW stop in status 51. Skip the segment instead of raising an error." },
    Seed { process_type: "S1HF", description: "Hot fix: tax rounding difference on Italian invoices", status: "E0014", priority: "1", release: Some(2), categories: [0, 2], description_text: "Invoices for company code 1410 show a 0.01 EUR rounding difference between header and item tax. Round per document, not per item." },
    Seed { process_type: "S1HF", description: "Hot fix: MRP run hangs on BOM with phantom assemblies", status: "E0016", priority: "1", release: Some(2), categories: [5, 6], description_text: "MRP Live (MD01N) loops on BOMs with a phantom assembly referencing itself through an alternative item group." },
    Seed { process_type: "S1HF", description: "Hot fix: duplicate goods receipt postings from RF devices", status: "E0017", priority: "1", release: Some(2), categories: [5, 6], description_text: "Double-tapping the confirm key on the RF device posts the goods receipt twice. Add an enqueue on the inbound delivery." },
    Seed { process_type: "S1CG", description: "Transport cleanup: remove obsolete Z tables from DEV", status: "E0001", priority: "4", release: Some(1), categories: [7, 8], description_text: "Delete the tables ZMM_OLD_PRICES and ZSD_TMP_2019 and their maintenance views; no where-used hits outside the tables themselves." },
    Seed { process_type: "S1CG", description: "Number range intervals for FI documents 2025", status: "E0014", priority: "2", release: Some(0), categories: [0, 2], description_text: "Create the 2025 intervals of number range object RF_BELEG for company codes 1010, 1410 and 1710." },
    Seed { process_type: "S1CG", description: "Role adjustment: SAP_OST_FB_DEVOPS_INT for the CI service user", status: "E0012", priority: "3", release: Some(1), categories: [7, 8], description_text: "Copy the delivered role SAP_OST_FB_DEVOPS_INT to Z_OST_FB_DEVOPS_INT and assign it to the service user CI_PIPELINE." },
    Seed { process_type: "S1CG", description: "Customizing: storage locations for new plant 1720", status: "E0003", priority: "3", release: Some(0), categories: [5, 6], description_text: "Create storage locations 0001 to 0004 for plant 1720 and assign them to warehouse number 1720." },
    Seed { process_type: "S1MJ", description: "Output management: send order confirmations as PDF by e-mail", status: "E0002", priority: "3", release: Some(1), categories: [3, 9], description_text: "Output type BA00 with e-mail channel; recipient from the sold-to party's contact person with function 'Order confirmation'." },
    Seed { process_type: "S1MJ", description: "Cost center planning upload from spreadsheet", status: "E0004", priority: "3", release: Some(1), categories: [0, 2], description_text: "Upload plan costs per cost center and cost element from an XLSX template into plan version 1 (transaction ZKP06_UPLOAD)." },
];

/// A 1×1 PNG, as a screenshot stand-in.
const PNG_PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
    0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The developer of the seeded items is the sandbox's default user.
const DEVELOPER: &str = "DEVELOPER";
const TESTER: &str = "TESTER01";
const CHANGE_MANAGER: &str = "CHANGEMGR";

/// Statuses after which a tester has written something.
fn tested(status: &str) -> bool {
    matches!(
        status,
        "E0009" | "E0011" | "E0012" | "E0013" | "E0014" | "E0015" | "E0016" | "E0003"
    )
}

/// How many work items a fresh sandbox holds unless told otherwise.
pub const SEEDED_WORK_ITEMS: usize = SEEDS.len();

/// `count` work items: the seeded ones, then (for a larger worklist) the same changes again
/// for the next rollout waves, each with its own GUID, number, texts and attachments.
pub(crate) fn work_items(count: usize) -> Vec<WorkItem> {
    (0..count)
        .map(|index| {
            let seed = &SEEDS[index % SEEDS.len()];
            let wave = index / SEEDS.len() + 1;
            let description = if wave == 1 {
                seed.description.to_owned()
            } else {
                format!("{} (rollout wave {wave})", seed.description)
            };
            let n = index as u64 + 1;
            // The first wave keeps its GUIDs; later waves draw theirs from another range,
            // so that no item shares a GUID with a text or document of another.
            let key = if wave == 1 { n } else { 1_000_000 + n };
            let created_ms = BASE_MS + index as i64 * 41 * HOUR_MS;
            let object_id = format!("{}", 8_000_001_400u64 + n);
            let mut ids = (0..).map(|k| guid_hex(key * 100 + k));
            let mut next_id = || ids.next().unwrap_or_default();
            let mut texts = vec![Text {
                text_id: dashed(&next_id()),
                text_type: "S115".into(),
                content: seed.description_text.into(),
                is_rich_text: false,
                created_by: CHANGE_MANAGER.into(),
                created_ms,
            }];
            let mut attachments = Vec::new();
            if seed.status != "E0001" && seed.status != "E0010" {
                texts.push(Text {
                    text_id: dashed(&next_id()),
                    text_type: "S105".into(),
                    content: format!(
                        "Transport DEVK9{:05} created; development started.",
                        20_400 + n * 7
                    ),
                    is_rich_text: false,
                    created_by: DEVELOPER.into(),
                    created_ms: created_ms + 20 * HOUR_MS,
                });
            }
            if matches!(seed.status, "E0017") {
                texts.push(Text {
                    text_id: dashed(&next_id()),
                    text_type: "S105".into(),
                    content: "<p>Test <b>failed</b> in QAS client 300: see the attached test evidence.</p>".into(),
                    is_rich_text: true,
                    created_by: TESTER.into(),
                    created_ms: created_ms + 60 * HOUR_MS,
                });
            }
            if tested(seed.status) {
                texts.push(Text {
                    text_id: dashed(&next_id()),
                    text_type: "S105".into(),
                    content: format!("Pipeline build {} passed: ABAP Unit 48/48, ATC 0 errors.", 500 + n * 3),
                    is_rich_text: false,
                    created_by: "CI_PIPELINE".into(),
                    created_ms: created_ms + 50 * HOUR_MS,
                });
                attachments.push(Attachment {
                    document_id: next_id().to_ascii_uppercase(),
                    file_name: "test-evidence.txt".into(),
                    mime_type: "text/plain".into(),
                    content: format!(
                        "Test case TC-{:04}: {}\nResult: passed\nTester: {TESTER}\n",
                        100 + n,
                        description
                    )
                    .into_bytes(),
                    created_by: TESTER.into(),
                    created_ms: created_ms + 52 * HOUR_MS,
                });
            }
            if matches!(seed.status, "E0017") {
                attachments.push(Attachment {
                    document_id: next_id().to_ascii_uppercase(),
                    file_name: "screenshot-error.png".into(),
                    mime_type: "image/png".into(),
                    content: PNG_PIXEL.to_vec(),
                    created_by: TESTER.into(),
                    created_ms: created_ms + 60 * HOUR_MS,
                });
            }
            if index % 4 == 1 {
                attachments.push(Attachment {
                    document_id: next_id().to_ascii_uppercase(),
                    file_name: "field-mapping.csv".into(),
                    mime_type: "text/csv".into(),
                    content: b"source_field;target_field;rule\nKUNNR;CustomerID;alpha conversion\nVKORG;SalesOrg;1:1\n".to_vec(),
                    created_by: DEVELOPER.into(),
                    created_ms: created_ms + 24 * HOUR_MS,
                });
            }
            let changed_ms = texts
                .iter()
                .map(|t| t.created_ms)
                .chain(attachments.iter().map(|a| a.created_ms))
                .max()
                .unwrap_or(created_ms);
            WorkItem {
                guid: dashed(&guid_hex(key)),
                object_id,
                process_type: seed.process_type.into(),
                description,
                user_status: seed.status.into(),
                priority: seed.priority.into(),
                work_package_id: format!("{}", 8_000_001_200u64 + n / 3),
                project_id: "FB_S4_ROLLOUT".into(),
                created_by: CHANGE_MANAGER.into(),
                created_ms,
                changed_by: DEVELOPER.into(),
                changed_ms,
                release: seed.release.and_then(|r| RELEASES.get(r)).map(
                    |(release_id, description, cycle, phase, go_live_ms)| Release {
                        release_id: (*release_id).into(),
                        description: (*description).into(),
                        change_cycle_id: (*cycle).into(),
                        phase: (*phase).into(),
                        go_live_ms: *go_live_ms,
                    },
                ),
                texts,
                attachments,
                categories: seed
                    .categories
                    .iter()
                    .filter_map(|c| CATEGORIES.get(*c))
                    .map(|(id, description, level)| Category {
                        cat_id: (*id).into(),
                        description: (*description).into(),
                        schema_id: CATEGORY_SCHEMA.into(),
                        level: *level,
                    })
                    .collect(),
            }
        })
        .collect()
}
