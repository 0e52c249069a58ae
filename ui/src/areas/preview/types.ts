// The types of `POST /preview`, from the generated bindings (crate abapgit-agent, module preview).
export type { CellValue, Pagination, PreviewColumn, PreviewRequest, PreviewResult, PreviewTable } from '../../bindings';
