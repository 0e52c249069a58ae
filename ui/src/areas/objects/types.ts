// The types of `POST /drop` and `POST /customize`, from the generated bindings (crate abapgit-agent, module admin).
export type { CustomizeRequest, CustomizeResult, DropRequest, DropResult, FieldValue } from '../../bindings';
