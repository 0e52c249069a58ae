// The transport types, from the generated bindings (crate abapgit-agent, module admin).
export type { TransportAnswer, TransportKind, TransportRequest, TransportScope } from '../../bindings';
