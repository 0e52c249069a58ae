import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../api';
import {
  draftFromForm,
  emptySettings,
  errorsByField,
  formFromServiceKey,
  formFromView,
  hasUnsavedChanges,
  isDirty,
  localErrors,
  newForm,
  withServiceKind,
} from './draft';

const view: ProfileView = {
  profile: {
    id: 'p1',
    is_demo: false,
    settings: { ...emptySettings(), display_name: 'DEV', base_url: 'https://dev:44300', user: 'DEVELOPER', client: '100' },
  },
  password_set: true,
  git_token_set: false,
  client_secret_set: false,
  api_key_set: false,
  read_only_reason: null,
  unencrypted_host: null,
};

describe('system form', () => {
  it('keeps stored secrets unless a new one is typed or clearing is asked for', () => {
    const form = formFromView(view);
    expect(draftFromForm(form).password).toEqual({ action: 'keep' });
    expect(draftFromForm({ ...form, password: 's3cret' }).password).toEqual({ action: 'set', value: 's3cret' });
    expect(draftFromForm({ ...form, clearGitToken: true }).git_token).toEqual({ action: 'clear' });
  });

  it('trims text fields and upper-cases the language', () => {
    const form = formFromView(view);
    form.settings.display_name = '  DEV  ';
    form.settings.language = 'de';
    form.settings.tls.extra_ca_file = ' ';
    const draft = draftFromForm(form);
    expect(draft.settings.display_name).toBe('DEV');
    expect(draft.settings.language).toBe('DE');
    expect(draft.settings.tls.extra_ca_file).toBeNull();
  });

  it('reports local field errors and maps server field names', () => {
    const form = newForm();
    form.settings.client = '1';
    const fields = errorsByField(localErrors(form));
    expect(Object.keys(fields).sort()).toEqual(['base_url', 'client', 'display_name', 'user']);
    expect(errorsByField([{ field: 'settings.base_url', message: 'Bad URL.' }])).toEqual({ base_url: 'Bad URL.' });
  });

  it('notices edits', () => {
    const form = formFromView(view);
    expect(isDirty(form, view)).toBe(false);
    form.settings.user = 'OTHER';
    expect(isDirty(form, view)).toBe(true);
  });
});

describe('hasUnsavedChanges', () => {
  it('counts a blank new form as nothing to lose and a filled one as unsaved', () => {
    const form = newForm();
    expect(hasUnsavedChanges(form, null)).toBe(false);
    form.settings.display_name = 'QAS';
    expect(hasUnsavedChanges(form, null)).toBe(true);
    expect(hasUnsavedChanges({ ...newForm(), password: 'typed' }, null)).toBe(true);
  });

  it('counts a saved system’s edits and typed secrets as unsaved', () => {
    const form = formFromView(view);
    expect(hasUnsavedChanges(form, view)).toBe(false);
    expect(hasUnsavedChanges({ ...form, gitToken: 'ghp_typed' }, view)).toBe(true);
    form.settings.base_url = 'https://qas:44300';
    expect(hasUnsavedChanges(form, view)).toBe(true);
  });

  it('sends a service key’s client secret as its handle, never as a value', () => {
    const settings = {
      ...emptySettings(),
      display_name: 'Cloud Integration acme',
      service_kind: 'cloud_integration' as const,
      base_url: 'https://acme.it-cpi018.cfapps.eu10.hana.ondemand.com/api/v1/',
      auth: 'oauth_client_credentials' as const,
      client: '',
      language: '',
      oauth: { token_url: 'https://acme.authentication.eu10.hana.ondemand.com/oauth/token', client_id: 'sb-1!b2|it!b3' },
    };
    const form = formFromServiceKey(settings, 'h-123');
    expect(draftFromForm(form).client_secret).toEqual({ action: 'imported', handle: 'h-123' });
    expect(JSON.stringify(draftFromForm(form))).not.toContain('"set"');
    expect(draftFromForm({ ...form, clientSecret: 'typed' }).client_secret).toEqual({ action: 'set', value: 'typed' });
    expect(hasUnsavedChanges(form, null)).toBe(true);
    expect(localErrors(form)).toEqual([]);
    expect(localErrors({ ...form, settings: { ...settings, oauth: { token_url: '', client_id: '' } } }).map((e) => e.field)).toEqual([
      'oauth.token_url',
      'oauth.client_id',
    ]);
  });

  it('switching the service keeps only a sign-in method it offers and drops the SAP client for BTP services', () => {
    const cpi = withServiceKind({ ...emptySettings(), client: '100', auth: 'basic' }, 'cloud_integration');
    expect(cpi.client).toBe('');
    expect(cpi.language).toBe('');
    const keyed = withServiceKind({ ...cpi, auth: 'api_key' }, 'transaction_bridge');
    expect(keyed.auth).toBe('basic');
    expect(keyed.app_ids).toEqual(['']);
    expect(localErrors(newForm({ ...keyed, display_name: 'B', base_url: 'https://m', user: 'U' })).map((e) => e.field)).toEqual(['app_ids']);
    expect(draftFromForm(newForm({ ...keyed, app_ids: [' su01users ', ''] })).settings.app_ids).toEqual(['su01users']);
  });

  it('a loaded profile without the optional parts is not dirty', () => {
    const bare = structuredClone(view);
    delete bare.profile.settings.oauth;
    delete bare.profile.settings.app_ids;
    expect(isDirty(formFromView(bare), bare)).toBe(false);
  });
});
