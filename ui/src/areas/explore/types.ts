// The types of `POST /tree`, `/list`, `/view` and `/where`, from the generated bindings
// (crate abapgit-agent, module explore).
import type { Component as BoundComponent } from '../../bindings';

export type {
  ListedObject,
  ListRequest,
  ObjectList,
  PackageNode,
  PackageTree,
  Reference,
  SourceSection,
  TreeRequest,
  TypeCount,
  ViewedObject,
  ViewRequest,
  ViewResult,
  WhereUsed,
  WhereUsedRequest,
  WhereUsedResult,
} from '../../bindings';

/** A table field. `decimals` is not sent by the client yet; the field table shows it when present. */
export type Component = BoundComponent & { decimals?: number | null };
