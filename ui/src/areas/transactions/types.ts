import type { InputVariant } from '../../api';

/** The text per parameter name of a form (the Rust side's `transaction_bridge::Inputs`). */
export type Inputs = InputVariant['inputs'];
