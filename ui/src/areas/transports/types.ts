// Mirrors of the Rust transport types (crate abapgit-agent, module admin).

export type TransportScope = 'mine' | 'task' | 'all';
export type TransportKind = 'workbench' | 'customizing';

export interface TransportRequest {
  number: string;
  description: string;
  owner: string;
  /** `YYYY-MM-DD`. */
  date: string;
}

/** The answer of every transport action. */
export interface TransportAnswer {
  action: string;
  message: string;
  transports: TransportRequest[];
  /** The request created, checked or released. */
  number: string | null;
  /** CHECK: whether the request may be released. */
  passed: boolean | null;
  issues: string[];
}
