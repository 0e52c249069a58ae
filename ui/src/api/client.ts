// One way to call a Rust command: every call resolves to a Result, never throws,
// and any error that is not already our tagged AppError is turned into one.
import { Channel } from '@tauri-apps/api/core';
import { track } from './inflight';
import type { AppError, Result } from './types';

// Every kind of the generated AppError union, as a record so that the typecheck fails
// when the Rust enum gains a kind this list (and so the UI's error path) does not know.
const APP_ERROR_KINDS: Record<AppError['kind'], true> = {
  network: true,
  timeout: true,
  authentication: true,
  account_locked: true,
  logon_withheld: true,
  session_ended: true,
  response_too_large: true,
  csrf: true,
  token_rejected: true,
  token_endpoint_unreachable: true,
  token_answer_invalid: true,
  read_only: true,
  http_status: true,
  sap: true,
  decode: true,
  config: true,
  cancelled: true,
  validation: true,
  keyring_unavailable: true,
  keyring: true,
  not_found: true,
  invalid_file: true,
  storage: true,
  sandbox_unavailable: true,
  job_running: true,
  missing_password: true,
  bridge: true,
  missing_secret: true,
};

export const appErrorKinds = Object.keys(APP_ERROR_KINDS) as AppError['kind'][];

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' && Object.hasOwn(APP_ERROR_KINDS, kind);
}

/** Turns whatever a failed invoke produced (tagged error, string, Error) into an AppError. */
export function toAppError(raw: unknown): AppError {
  if (isAppError(raw)) return raw;
  const text =
    typeof raw === 'string' ? raw : raw instanceof Error ? raw.message : JSON.stringify(raw ?? 'unknown error');
  // A command the running app does not have yet arrives as a plain string from Tauri.
  if (/command .* not found/i.test(text)) {
    return { kind: 'not_found', what: 'command', message: text };
  }
  return { kind: 'decode', message: text, excerpt: '' };
}

/** Guards a generated binding call: its `typedError` rethrows JS errors, which become AppErrors here. */
export async function guard<T>(pending: Promise<Result<T> | { status: 'ok'; data: T } | { status: 'error'; error: AppError }>): Promise<Result<T>> {
  try {
    const result = await track(pending);
    return result.status === 'ok' ? result : { status: 'error', error: toAppError(result.error) };
  } catch (raw) {
    return { status: 'error', error: toAppError(raw) };
  }
}

/** Wraps a generated binding that returns its value without a Result. */
export async function guardPlain<T>(pending: Promise<T>): Promise<Result<T>> {
  try {
    return { status: 'ok', data: await track(pending) };
  } catch (raw) {
    return { status: 'error', error: toAppError(raw) };
  }
}

/** Unwraps a result or throws the AppError (for code paths that catch once at the top). */
export function unwrap<T>(result: Result<T>): T {
  if (result.status === 'ok') return result.data;
  throw result.error;
}

export function progressChannel<P>(onMessage: (message: P) => void): Channel<P> {
  const channel = new Channel<P>();
  channel.onmessage = onMessage;
  return channel;
}

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}
