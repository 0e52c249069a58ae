// The types of `POST /dump`, from the generated bindings (crate abapgit-agent, module dump).
export type { CallStackEntry, DumpList, DumpRequest, ShortDump } from '../../bindings';
