// Mirrors of the Rust types of `POST /tree`, `/list`, `/view` and `/where`
// (crate abapgit-agent, module explore). Replace with the generated bindings once they exist.

export interface TreeRequest {
  package: string;
  /** 1..=10 (server default 3). */
  depth: number | null;
  include_objects: boolean;
}

export interface PackageNode {
  package: string;
  parent: string | null;
  description: string;
  depth: number;
  object_count: number;
}

export interface TypeCount {
  object_type: string;
  count: number;
}

export interface PackageTree {
  package: string;
  parent_package: string | null;
  message: string;
  /** Flat; `parent` and `depth` give the hierarchy. */
  nodes: PackageNode[];
  total_packages: number;
  total_objects: number;
  object_counts: TypeCount[];
}

export interface ListRequest {
  package: string;
  object_types: string[];
  name_pattern: string | null;
  limit: number | null;
  offset: number;
}

export interface ListedObject {
  object_type: string;
  object_name: string;
  description: string | null;
}

export interface ObjectList {
  package: string;
  total: number;
  limit: number;
  offset: number;
  objects: ListedObject[];
}

export interface ViewRequest {
  objects: string[];
  object_type: string | null;
  full: boolean;
  function_module: string | null;
}

export interface SourceSection {
  /** `CU`, `CO`, `CP`, `CM001`…, `CCDEF`, `CCIMP`, `CCAU`, `PROG`. */
  suffix: string;
  description: string;
  method_name: string | null;
  file: string | null;
  lines: string[];
}

export interface Component {
  field: string;
  key: boolean;
  data_type: string;
  length: number;
  /** Not sent yet by the client (see the report); shown when present. */
  decimals?: number | null;
  data_element: string;
  description: string;
}

export interface ViewedObject {
  name: string;
  object_type: string;
  type_text: string;
  description: string;
  package: string | null;
  not_found: boolean;
  source: string | null;
  definition: string | null;
  sections: SourceSection[];
  components: Component[];
  domain: string | null;
  domain_type: string | null;
  domain_length: number | null;
  domain_decimals: number | null;
}

export interface ViewResult {
  message: string;
  objects: ViewedObject[];
}

export interface WhereUsedRequest {
  objects: string[];
  object_type: string | null;
  limit: number | null;
  offset: number;
}

export interface Reference {
  object_type: string;
  object_name: string;
  include: string | null;
  method_name: string | null;
  include_type: string | null;
  package: string | null;
  line: number | null;
  program: string | null;
}

export interface WhereUsed {
  name: string;
  object_type: string;
  type_text: string;
  count: number;
  not_found: boolean;
  error: string | null;
  references: Reference[];
}

export interface WhereUsedResult {
  message: string;
  objects: WhereUsed[];
  total_references: number;
  pagination: { limit: number; offset: number; total: number; has_more: boolean; next_offset: number | null } | null;
}
