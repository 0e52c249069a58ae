// The editor's working copy of a system: settings plus secret inputs. Pure helpers, unit-tested.
import type { FieldError, ProfileDraft, ProfileSettings, ProfileView, SecretUpdate } from '../../api';

export interface SystemForm {
  /** null while the system is new (not saved yet). */
  id: string | null;
  isDemo: boolean;
  settings: ProfileSettings;
  /** Typed new secret; empty keeps what is stored. */
  password: string;
  gitToken: string;
  clearPassword: boolean;
  clearGitToken: boolean;
  passwordSet: boolean;
  gitTokenSet: boolean;
}

export function emptySettings(): ProfileSettings {
  return {
    display_name: '',
    service_kind: 'abapgit_agent',
    base_url: 'https://',
    client: '',
    language: 'EN',
    user: '',
    auth: 'basic',
    tls: { extra_ca_file: null, insecure: false, allow_plain_http: false },
    proxy: { mode: 'system' },
    timeouts: { connect_seconds: 15, request_seconds: 120 },
    git_username: '',
  };
}

export function formFromView(view: ProfileView): SystemForm {
  return {
    id: view.profile.id,
    isDemo: view.profile.is_demo,
    settings: structuredClone(view.profile.settings),
    password: '',
    gitToken: '',
    clearPassword: false,
    clearGitToken: false,
    passwordSet: view.password_set,
    gitTokenSet: view.git_token_set,
  };
}

export function newForm(settings: ProfileSettings = emptySettings()): SystemForm {
  return {
    id: null,
    isDemo: false,
    settings,
    password: '',
    gitToken: '',
    clearPassword: false,
    clearGitToken: false,
    passwordSet: false,
    gitTokenSet: false,
  };
}

function secretUpdate(typed: string, clear: boolean): SecretUpdate {
  if (typed !== '') return { action: 'set', value: typed };
  if (clear) return { action: 'clear' };
  return { action: 'keep' };
}

export function draftFromForm(form: SystemForm): ProfileDraft {
  const settings = structuredClone(form.settings);
  settings.display_name = settings.display_name.trim();
  settings.base_url = settings.base_url.trim();
  settings.client = settings.client.trim();
  settings.language = settings.language.trim().toUpperCase();
  settings.user = settings.user.trim();
  if (settings.tls.extra_ca_file !== null && settings.tls.extra_ca_file.trim() === '') settings.tls.extra_ca_file = null;
  return {
    settings,
    password: secretUpdate(form.password, form.clearPassword),
    git_token: secretUpdate(form.gitToken, form.clearGitToken),
  };
}

/** Field errors keyed by the form's field path (`base_url`, `tls.extra_ca_file`, `password`, ...). */
export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors) {
    const key = e.field.replace(/^settings\./, '');
    map[key] = map[key] ? `${map[key]} ${e.message}` : e.message;
  }
  return map;
}

/** Checks the browser can do before a round trip; the Rust side validates again. */
export function localErrors(form: SystemForm): FieldError[] {
  const s = form.settings;
  const errors: FieldError[] = [];
  if (!s.display_name.trim()) errors.push({ field: 'display_name', message: 'Enter a name for this system.' });
  if (!form.isDemo) {
    if (!/^https?:\/\/[^/\s]+/i.test(s.base_url.trim()))
      errors.push({ field: 'base_url', message: 'Enter the system’s URL, such as https://host:44300.' });
    if (s.client.trim() && !/^\d{3}$/.test(s.client.trim()))
      errors.push({ field: 'client', message: 'The client has three digits, such as 100.' });
    if (!s.user.trim()) errors.push({ field: 'user', message: 'Enter your SAP user.' });
  }
  if (s.proxy.mode === 'manual' && !/^https?:\/\/\S+/i.test(s.proxy.url.trim()))
    errors.push({ field: 'proxy.url', message: 'Enter the proxy URL, such as http://proxy:8080.' });
  return errors;
}

/** Whether leaving the form would lose what the user typed (a new form: once it differs from a blank one). */
export function hasUnsavedChanges(form: SystemForm, saved: ProfileView | null): boolean {
  if (form.id === null) return JSON.stringify(form) !== JSON.stringify(newForm());
  return isDirty(form, saved);
}

export function isDirty(form: SystemForm, saved: ProfileView | null): boolean {
  if (!saved) return true;
  return (
    JSON.stringify(form.settings) !== JSON.stringify(saved.profile.settings) ||
    form.password !== '' ||
    form.gitToken !== '' ||
    form.clearPassword ||
    form.clearGitToken
  );
}
