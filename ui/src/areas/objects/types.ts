// Mirrors of the Rust types of `POST /drop` and `POST /customize` (crate abapgit-agent, module admin).

export interface DropRequest {
  /** abapGit file name of the object, e.g. `src/zcl_x.clas.abap`. */
  file: string;
  transport_request: string | null;
}

export interface DropResult {
  object_name: string;
  object_type: string;
  message: string;
}

export interface FieldValue {
  field: string;
  value: string;
}

export interface CustomizeRequest {
  table_name: string;
  field_values: FieldValue[];
  transport: string | null;
  no_transport: boolean;
}

export interface CustomizeResult {
  table_name: string;
  action: string;
  transport: string | null;
  delivery_class: string;
  message: string;
}
