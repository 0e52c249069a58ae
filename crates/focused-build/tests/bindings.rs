//! The types the UI receives export to TypeScript as the app exports them (specta-serde).
#![cfg(feature = "specta")]

use focused_build::{
    Attachment, AttachmentContent, NewAttachment, NewText, StatusCatalogue, StatusChange,
    StatusChangeOutcome, StatusChangeRequest, TextTypeInfo, WorkItem, WorkItemText,
};
use specta::Types;
use specta_typescript::Typescript;

#[test]
fn ui_types_export_to_typescript() {
    let types = Types::default()
        .register::<WorkItem>()
        .register::<WorkItemText>()
        .register::<Attachment>()
        .register::<AttachmentContent>()
        .register::<NewText>()
        .register::<NewAttachment>()
        .register::<StatusChange>()
        .register::<StatusChangeRequest>()
        .register::<StatusChangeOutcome>()
        .register::<StatusCatalogue>()
        .register::<TextTypeInfo>();
    let typescript = Typescript::default()
        .export(&types, specta_serde::Format)
        .expect("exportable");
    for expected in [
        "export type WorkItem",
        "export type WorkItemGuid = string",
        "object_id: string | null",
        "outcome: \"refused\"",
        "content: number[]",
    ] {
        assert!(
            typescript.contains(expected),
            "{expected} missing in:\n{typescript}"
        );
    }
}
