// Types the UI works with: every one is generated from Rust into ../bindings.ts
// (tauri-specta). This file adds only the Result wrapper every facade call resolves to.
import type { AppError } from '../bindings';

export type * from '../bindings';

export type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: AppError };
