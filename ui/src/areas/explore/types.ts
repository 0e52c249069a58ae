// A table field as the field table shows it. `decimals` is not in the generated
// `Component` yet; this goes away when the bindings have it.
import type { Component as BoundComponent } from '../../api';

export type Component = BoundComponent & { decimals?: number | null };
