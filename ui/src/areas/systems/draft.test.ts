import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../api';
import { draftFromForm, emptySettings, errorsByField, formFromView, hasUnsavedChanges, isDirty, localErrors, newForm } from './draft';

const view: ProfileView = {
  profile: {
    id: 'p1',
    is_demo: false,
    settings: { ...emptySettings(), display_name: 'DEV', base_url: 'https://dev:44300', user: 'DEVELOPER', client: '100' },
  },
  password_set: true,
  git_token_set: false,
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
});
