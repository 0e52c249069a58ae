import { describe, expect, it } from 'vitest';
import type { AppError } from '../api';
import { describeError, errorAsText, fieldLabel } from './errorText';

describe('describeError', () => {
  it('tells a wrong password apart and offers to check it', () => {
    const d = describeError({ kind: 'authentication', status: 401, message: 'Logon failed' });
    expect(d.title).toBe('Logon failed');
    expect(d.steps).toContain('check_password');
    expect(d.advice.join(' ')).toMatch(/user, the password and the client/);
    expect(d.serverMessage).toBe('Logon failed');
  });

  it('tells a locked user, a withheld password and an ended session apart from a wrong password', () => {
    const locked = describeError({ kind: 'account_locked', user: 'DEVELOPER', message: 'User is locked. Please notify the person responsible' });
    expect(locked.title).toBe('SAP user locked');
    expect(locked.explanation).toContain('DEVELOPER');
    expect(locked.serverMessage).toContain('User is locked');
    const withheld = describeError({ kind: 'logon_withheld', user: 'DEVELOPER', failed_attempts: 2 });
    expect(withheld.title).toBe('Password not sent again');
    expect(withheld.explanation).toContain('2 times');
    expect(withheld.steps).toEqual(['check_password']);
    const ended = describeError({ kind: 'session_ended', message: 'the system answered POST /pull with its logon page' });
    expect(ended.title).toBe('Session ended');
    expect(ended.title).not.toBe('Logon failed');
    expect(ended.steps).toEqual(['retry']);
  });

  it('names the size limit of an answer that was too large', () => {
    const d = describeError({ kind: 'response_too_large', limit_bytes: 64 * 1024 * 1024, declared_bytes: 500 * 1024 * 1024 });
    expect(d.explanation).toContain('64 MB');
    expect(d.explanation).toContain('500 MB');
  });

  it('explains certificate problems and offers the certificate settings', () => {
    const d = describeError({ kind: 'network', phase: 'tls_handshake', message: 'invalid peer certificate: UnknownIssuer', certificate: 'unknown_issuer' });
    expect(d.title).toBe('Certificate not trusted');
    expect(d.explanation).toMatch(/company CA or a self-signed/);
    expect(d.steps[0]).toBe('trust_certificate');
  });

  it('names the network phase: DNS, connect, proxy', () => {
    expect(describeError({ kind: 'network', phase: 'dns', message: 'x', certificate: null }).title).toBe('Host name not found');
    expect(describeError({ kind: 'network', phase: 'connect', message: 'x', certificate: null }).steps).toContain('check_proxy');
    expect(describeError({ kind: 'network', phase: 'proxy', message: 'x', certificate: null }).title).toBe('Proxy problem');
  });

  it('says a response timeout may still be running in SAP', () => {
    const d = describeError({ kind: 'timeout', phase: 'response', seconds: 90 });
    expect(d.explanation).toBe('The system did not answer within 90 seconds. The work may still be running in SAP.');
    expect(describeError({ kind: 'timeout', phase: 'job', seconds: 600 }).explanation).toMatch(/10 minutes/);
  });

  it('keeps the server’s own words and details for SAP errors', () => {
    const d = describeError({ kind: 'sap', status: 200, message: 'Repository not found', details: ['line 1', 'line 2'] });
    expect(d.explanation).toBe('Repository not found');
    expect(d.details).toEqual(['line 1', 'line 2']);
  });

  it('lists every invalid field with its label', () => {
    const d = describeError({ kind: 'validation', fields: [{ field: 'base_url', message: 'Bad URL.' }, { field: 'proxy.url', message: 'Missing.' }] });
    expect(d.explanation).toBe('2 fields need your attention.');
    expect(d.advice).toEqual(['URL: Bad URL.', 'Proxy URL: Missing.']);
  });

  it('maps HTTP status codes to plain words', () => {
    expect(describeError({ kind: 'http_status', status: 403, title: 'Forbidden', excerpt: '' }).title).toBe('Not authorized');
    expect(describeError({ kind: 'http_status', status: 404, title: null, excerpt: '' }).steps).toContain('edit_system');
    expect(describeError({ kind: 'http_status', status: 500, title: null, excerpt: 'dump' }).details).toEqual(['dump']);
  });

  it('tells OAuth token problems apart from a wrong password', () => {
    const rejected = describeError({ kind: 'token_rejected', status: 401, error: 'unauthorized', description: 'Bad credentials' });
    expect(rejected.title).toBe('Client credentials rejected');
    expect(rejected.serverMessage).toBe('Bad credentials');
    const unreachable = describeError({ kind: 'token_endpoint_unreachable', token_url: 'https://a.authentication.eu10.hana.ondemand.com/oauth/token', message: 'refused', timed_out: true });
    expect(unreachable.title).toBe('Token endpoint did not answer');
    expect(unreachable.explanation).toContain('a.authentication.eu10');
    const invalid = describeError({ kind: 'token_answer_invalid', status: 404, message: 'https://x/oauth/authorize answered HTTP 404', excerpt: 'Not Found' });
    expect(invalid.details).toEqual(['Not Found']);
    const bearer = describeError({ kind: 'authentication', status: 401, message: 'the service rejected a newly issued OAuth token (HTTP 401)' });
    expect(bearer.title).toBe('Access refused');
    expect(bearer.steps).not.toContain('check_password');
    expect(describeError({ kind: 'read_only', message: 'POST x was not sent' }).title).toBe('Read-only access');
  });

  it('has words for every kind', () => {
    const all: AppError[] = [
      { kind: 'csrf', message: '' },
      { kind: 'decode', message: 'm', excerpt: '' },
      { kind: 'config', field: 'tls.extra_ca_file', message: 'cannot read' },
      { kind: 'cancelled' },
      { kind: 'keyring_unavailable', message: 'no bus' },
      { kind: 'keyring', message: 'locked' },
      { kind: 'not_found', what: 'profile', message: 'no profile p1' },
      { kind: 'not_found', what: 'command', message: 'command x not found' },
      { kind: 'storage', message: 'disk full' },
      { kind: 'job_running', job_id: 'j1' },
      { kind: 'invalid_file', path: '/home/u/.abapGitAgent', message: 'not JSON' },
      { kind: 'sandbox_unavailable', message: 'port' },
      { kind: 'missing_password', profile_id: 'p1' },
      { kind: 'missing_secret', profile_id: 'p1', secret: 'client_secret' },
    ];
    for (const e of all) {
      const d = describeError(e);
      expect(d.title.length).toBeGreaterThan(0);
      expect(d.explanation.length).toBeGreaterThan(0);
    }
    expect(describeError(all[2]!).explanation).toBe('CA certificate file: cannot read');
  });
});

describe('describeError for the transaction bridge', () => {
  it('names the reason, the remedy, the fields and the failed steps', () => {
    const d = describeError({
      kind: 'bridge',
      reason: 'batch_execution_failed',
      message: 'A recorded step of GetUserDetails failed in SAP GUI.',
      remedy: 'check_in_system',
      operation: 'GetUserDetails',
      http_status: 500,
      error_code: 200,
      server_message: 'Batch execution (partially) failed',
      state: { error_code: 200, status_bar: { message_type: 'error', text: 'User NOBODY does not exist' }, subsequent_actions: [], preceding_actions: ['Home'] },
      fields: [{ field: 'UserName', message: 'unknown' }],
      steps: [{ ord: '2', code: '-1', status: 'Control not found' }],
      details: [],
      sent: true,
    });
    expect(d.title).toBe('A recorded step failed');
    expect(d.advice[0]).toContain('Check in the SAP system');
    expect(d.details).toEqual(['UserName: unknown', 'Step 2: Control not found (code -1)', 'Status bar: User NOBODY does not exist']);
    expect(d.serverMessage).toBe('Batch execution (partially) failed');
  });
});

describe('errorAsText', () => {
  it('puts title, advice and the server message on separate lines', () => {
    const text = errorAsText({ kind: 'authentication', status: 401, message: 'Logon failed (client 100)' });
    expect(text.split('\n')[0]).toBe('Logon failed');
    expect(text).toContain('Server message: Logon failed (client 100)');
  });
});

describe('fieldLabel', () => {
  it('falls back to readable words', () => {
    expect(fieldLabel('settings.git_username')).toBe('git username');
    expect(fieldLabel('user')).toBe('User');
  });
});
