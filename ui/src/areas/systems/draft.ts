// The editor's working copy of a system: settings plus secret inputs. Pure helpers, unit-tested.
import type { AuthMethod, FieldError, ProfileDraft, ProfileSettings, ProfileView, SecretUpdate, ServiceKind } from '../../api';

/** The ways of signing in each service offers (as the Rust side checks them). */
export const AUTH_METHODS: Record<ServiceKind, AuthMethod[]> = {
  abapgit_agent: ['basic'],
  focused_build: ['basic'],
  cloud_integration: ['basic', 'oauth_client_credentials', 'api_key'],
  transaction_bridge: ['basic', 'oauth_client_credentials'],
};

export const AUTH_LABELS: Record<AuthMethod, string> = {
  basic: 'User and password',
  oauth_client_credentials: 'OAuth client credentials',
  api_key: 'API key',
};

/** SAP systems take a client and a logon language; BTP services do not. */
export function hasSapClient(kind: ServiceKind): boolean {
  return kind === 'abapgit_agent' || kind === 'focused_build';
}

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
  clientSecret: string;
  apiKey: string;
  clearClientSecret: boolean;
  clearApiKey: boolean;
  clientSecretSet: boolean;
  apiKeySet: boolean;
  /** A client secret read from a service key: the app holds it, the form only this handle. */
  importedSecretHandle: string | null;
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
    oauth: { token_url: '', client_id: '' },
    app_ids: [],
  };
}

/** Settings as the form edits them: the optional parts present. */
function complete(settings: ProfileSettings): ProfileSettings {
  const copy = structuredClone(settings);
  copy.oauth = copy.oauth ?? { token_url: '', client_id: '' };
  copy.app_ids = copy.app_ids ?? [];
  return copy;
}

/** Switches the service: its sign-in method if the old one is not offered, no client for BTP services. */
export function withServiceKind(settings: ProfileSettings, kind: ServiceKind): ProfileSettings {
  const next = complete(settings);
  next.service_kind = kind;
  if (!AUTH_METHODS[kind].includes(next.auth)) next.auth = 'basic';
  if (!hasSapClient(kind)) {
    next.client = '';
    next.language = '';
  } else if (!next.language) next.language = 'EN';
  if (kind === 'transaction_bridge' && next.app_ids?.length === 0) next.app_ids = [''];
  return next;
}

export function formFromView(view: ProfileView): SystemForm {
  return {
    id: view.profile.id,
    isDemo: view.profile.is_demo,
    settings: complete(view.profile.settings),
    password: '',
    gitToken: '',
    clearPassword: false,
    clearGitToken: false,
    passwordSet: view.password_set,
    gitTokenSet: view.git_token_set,
    clientSecret: '',
    apiKey: '',
    clearClientSecret: false,
    clearApiKey: false,
    clientSecretSet: view.client_secret_set,
    apiKeySet: view.api_key_set,
    importedSecretHandle: null,
  };
}

export function newForm(settings: ProfileSettings = emptySettings()): SystemForm {
  return {
    id: null,
    isDemo: false,
    settings: complete(settings),
    password: '',
    gitToken: '',
    clearPassword: false,
    clearGitToken: false,
    passwordSet: false,
    gitTokenSet: false,
    clientSecret: '',
    apiKey: '',
    clearClientSecret: false,
    clearApiKey: false,
    clientSecretSet: false,
    apiKeySet: false,
    importedSecretHandle: null,
  };
}

/** A new form filled from a service key, its client secret held by the app under `handle`. */
export function formFromServiceKey(settings: ProfileSettings, handle: string): SystemForm {
  return { ...newForm(settings), importedSecretHandle: handle };
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
  if (settings.oauth) settings.oauth = { token_url: settings.oauth.token_url.trim(), client_id: settings.oauth.client_id.trim() };
  settings.app_ids = (settings.app_ids ?? []).map((id) => id.trim()).filter(Boolean);
  if (settings.tls.extra_ca_file !== null && settings.tls.extra_ca_file.trim() === '') settings.tls.extra_ca_file = null;
  const clientSecret: SecretUpdate =
    form.clientSecret === '' && form.importedSecretHandle !== null
      ? { action: 'imported', handle: form.importedSecretHandle }
      : secretUpdate(form.clientSecret, form.clearClientSecret);
  return {
    settings,
    password: secretUpdate(form.password, form.clearPassword),
    git_token: secretUpdate(form.gitToken, form.clearGitToken),
    client_secret: clientSecret,
    api_key: secretUpdate(form.apiKey, form.clearApiKey),
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
    if (s.auth === 'basic' && !s.user.trim()) errors.push({ field: 'user', message: 'Enter your SAP user.' });
    if (s.auth === 'oauth_client_credentials') {
      if (!/^https?:\/\/[^/\s]+/i.test(s.oauth?.token_url.trim() ?? ''))
        errors.push({ field: 'oauth.token_url', message: 'Enter the token URL, such as https://<subdomain>.authentication.eu10.hana.ondemand.com/oauth/token.' });
      if (!s.oauth?.client_id.trim()) errors.push({ field: 'oauth.client_id', message: 'Enter the client id.' });
    }
    if (s.service_kind === 'transaction_bridge' && !(s.app_ids ?? []).some((id) => id.trim()))
      errors.push({ field: 'app_ids', message: 'Add at least one app id.' });
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
    JSON.stringify(form.settings) !== JSON.stringify(complete(saved.profile.settings)) ||
    form.password !== '' ||
    form.gitToken !== '' ||
    form.clientSecret !== '' ||
    form.apiKey !== '' ||
    form.importedSecretHandle !== null ||
    form.clearPassword ||
    form.clearGitToken ||
    form.clearClientSecret ||
    form.clearApiKey
  );
}
