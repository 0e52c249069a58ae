// Turns the tagged AppError into words a functional consultant understands,
// plus what to do next. Pure, so it is unit-tested.
import type { AppError, CertificateProblem, NetworkPhase } from '../api';

export type NextStep = 'retry' | 'check_password' | 'trust_certificate' | 'check_proxy' | 'edit_system' | 'open_keyring';

export interface ErrorDescription {
  title: string;
  explanation: string;
  /** Short sentences telling the user what to do. */
  advice: string[];
  /** Buttons the panel can offer. */
  steps: NextStep[];
  /** What the server (or the network layer) said, verbatim, shown expandable. */
  serverMessage: string | null;
  details: string[];
}

const CERTIFICATE_TEXT: Record<CertificateProblem, string> = {
  unknown_issuer:
    'The server’s certificate is signed by an authority this computer does not trust (often a company CA or a self-signed certificate).',
  expired: 'The server’s certificate has expired.',
  not_yet_valid: 'The server’s certificate is not valid yet (check this computer’s clock).',
  name_mismatch: 'The server’s certificate was issued for a different host name than the one in the system’s URL.',
  revoked: 'The server’s certificate has been revoked.',
  other: 'The server’s certificate could not be verified.',
};

const NETWORK_TEXT: Record<NetworkPhase, { title: string; explanation: string; advice: string[]; steps: NextStep[] }> =
  {
    dns: {
      title: 'Host name not found',
      explanation: 'The host name in the system’s URL could not be resolved.',
      advice: ['Check the host name in the system’s URL.', 'If you need VPN to reach SAP, connect it and retry.'],
      steps: ['edit_system', 'retry'],
    },
    connect: {
      title: 'System not reachable',
      explanation: 'No connection could be made to the system’s host and port.',
      advice: [
        'Check the host and port in the system’s URL.',
        'If you need VPN to reach SAP, connect it and retry.',
        'Check whether a proxy is required in your network.',
      ],
      steps: ['edit_system', 'check_proxy', 'retry'],
    },
    proxy: {
      title: 'Proxy problem',
      explanation: 'The proxy server refused or failed the connection.',
      advice: ['Check the proxy settings of this system (system proxy, none, or a manual proxy URL).'],
      steps: ['check_proxy', 'retry'],
    },
    tls_handshake: {
      title: 'Secure connection failed',
      explanation: 'The secure (TLS) connection to the system could not be established.',
      advice: ['Check that the URL uses the right protocol (https) and port.'],
      steps: ['edit_system', 'retry'],
    },
    transfer: {
      title: 'Connection interrupted',
      explanation: 'The connection broke while data was being exchanged.',
      advice: ['Retry. If it happens again, the system or a proxy may be closing long requests.'],
      steps: ['retry'],
    },
  };

type BridgeReason = Extract<AppError, { kind: 'bridge' }>['reason'];
type BridgeRemedy = Extract<AppError, { kind: 'bridge' }>['remedy'];

const BRIDGE_TITLES: Record<BridgeReason, string> = {
  application_not_found: 'App not found on the bridge',
  sequence_not_found: 'Operation not found',
  invalid_screen_state: 'Not possible on this screen',
  batch_execution_failed: 'A recorded step failed',
  invalid_input: 'Input refused',
  restgui_call_failed: 'Back end not reachable from the bridge',
  login_failed: 'Bridge logon failed',
  invalid_output: 'Output does not match the recording',
  session_invalid: 'Bridge session ended',
  unknown_error: 'Bridge error',
  unexpected_code: 'Unknown bridge error',
  outcome_unknown: 'Outcome unknown',
  metadata: 'App definition cannot be used',
  unexpected_answer: 'Unexpected answer from the bridge',
};

const BRIDGE_ADVICE: Record<BridgeRemedy, string> = {
  go_home_and_retry: 'Go Home, then run it again.',
  log_on_again: 'Log on again, then decide whether to run the call again.',
  correct_input: 'Correct the fields named below and run it again.',
  check_in_system: 'Check in the SAP system whether the call took effect before running it again.',
  check_recording: 'Check the app id and the recording with the bridge’s administrator.',
  contact_administrator: 'Ask the bridge’s administrator to check the destination and your back-end user.',
  retry: 'Try again later.',
};

export function describeError(error: AppError): ErrorDescription {
  const base = { serverMessage: null as string | null, details: [] as string[] };
  switch (error.kind) {
    case 'network': {
      if (error.certificate) {
        return {
          ...base,
          title: 'Certificate not trusted',
          explanation: CERTIFICATE_TEXT[error.certificate],
          advice: [
            'Add your company’s CA certificate file to this system’s settings (recommended).',
            'Only if you know the system: allow any certificate for it (insecure).',
          ],
          steps: ['trust_certificate', 'retry'],
          serverMessage: error.message,
        };
      }
      const text = NETWORK_TEXT[error.phase];
      return { ...base, ...text, serverMessage: error.message };
    }
    case 'timeout': {
      const within = error.seconds ? ` within ${formatSeconds(error.seconds)}` : ' in time';
      return {
        ...base,
        title: 'No answer in time',
        explanation:
          error.phase === 'connect'
            ? `The system did not accept the connection${within}.`
            : error.phase === 'job'
              ? `The background job did not finish${within}. It may still be running in SAP.`
              : `The system did not answer${within}. The work may still be running in SAP.`,
        advice:
          error.phase === 'connect'
            ? ['Check the URL and your VPN, then retry.']
            : ['Retry, or raise the request timeout in the system’s settings for long pulls and test runs.'],
        steps: ['retry', 'edit_system'],
      };
    }
    case 'authentication':
      if (/OAuth token|API key/.test(error.message)) {
        return {
          ...base,
          title: 'Access refused',
          explanation: /API key/.test(error.message)
            ? 'The service did not accept the API key of this system.'
            : 'The service did not accept the access token Agent Desk got from the token endpoint.',
          advice: [
            /API key/.test(error.message)
              ? 'Check the API key in the system’s settings.'
              : 'Check that the token URL and the client belong to this tenant (the same service key).',
          ],
          steps: ['edit_system', 'retry'],
          serverMessage: error.message || null,
        };
      }
      return {
        ...base,
        title: 'Logon failed',
        explanation: 'SAP did not accept the user and password of this system.',
        advice: [
          'Check the user, the password and the client in the system’s settings.',
          'Your SAP user may be locked after too many attempts: ask your administrator.',
        ],
        steps: ['check_password', 'retry'],
        serverMessage: error.message || null,
      };
    case 'account_locked':
      return {
        ...base,
        title: 'SAP user locked',
        explanation: `SAP reports that the user ${error.user} is locked, so it accepts no logon with it.`,
        advice: [
          'Ask your SAP user administrator to unlock the user (SAP locks a user after too many failed logons).',
          'Agent Desk sends no password for this user until you change it in the system’s settings.',
        ],
        steps: ['check_password'],
        serverMessage: error.message || null,
      };
    case 'logon_withheld':
      return {
        ...base,
        title: 'Password not sent again',
        explanation: `SAP rejected the password of ${error.user} (${error.failed_attempts === 1 ? 'once' : `${error.failed_attempts} times`}). Agent Desk does not send it again on its own, so that your SAP user is not locked.`,
        advice: [
          'Correct the password in the system’s settings and save.',
          'If the password is right after all (just reset, or the user was unlocked), use Test connection there to try it once more.',
        ],
        steps: ['check_password'],
      };
    case 'session_ended':
      return {
        ...base,
        title: 'Session ended',
        explanation:
          'Your logon session with SAP ended before this action ran. Agent Desk did not repeat it on its own, because it may change data in the system.',
        advice: ['Run it again if you still want it: Agent Desk logs on afresh.'],
        steps: ['retry'],
        serverMessage: error.message || null,
      };
    case 'response_too_large':
      return {
        ...base,
        title: 'Answer too large',
        // f64 fields arrive as `number | null` (NaN is serialised as null).
        explanation: `The system sent more than ${error.limit_bytes !== null ? formatBytes(error.limit_bytes) : 'the limit'}${
          error.declared_bytes !== null ? ` (it announced ${formatBytes(error.declared_bytes)})` : ''
        }. Agent Desk stopped reading it to stay responsive.`,
        advice: ['Ask for less at once: fewer rows, fewer objects or a smaller package.'],
        steps: [],
      };
    case 'csrf':
      return {
        ...base,
        title: 'Security token rejected',
        explanation: 'SAP rejected the request’s security (CSRF) token even after fetching a new one.',
        advice: ['Retry. If it keeps failing, the user may lack authorization for this service.'],
        steps: ['retry'],
        serverMessage: error.message || null,
      };
    case 'token_rejected':
      return {
        ...base,
        title: 'Client credentials rejected',
        explanation: `The token endpoint did not accept the client id and secret (${error.error}).`,
        advice: [
          'Check the client id and secret in the system’s settings, or paste the service key again.',
          'A service key that was deleted in the BTP cockpit no longer works: create a new one.',
        ],
        steps: ['edit_system', 'retry'],
        serverMessage: error.description || null,
      };
    case 'token_endpoint_unreachable':
      return {
        ...base,
        title: error.timed_out ? 'Token endpoint did not answer' : 'Token endpoint not reachable',
        explanation: `Agent Desk could not get an access token from ${error.token_url}.`,
        advice: ['Check the token URL in the system’s settings, your VPN and the proxy, then retry.'],
        steps: ['edit_system', 'check_proxy', 'retry'],
        serverMessage: error.message || null,
      };
    case 'token_answer_invalid':
      return {
        ...base,
        title: 'No access token',
        explanation: 'The token endpoint answered, but not with an access token.',
        advice: ['Check the token URL: it is the service key’s tokenurl and usually ends with /oauth/token.'],
        steps: ['edit_system', 'retry'],
        serverMessage: error.message || null,
        details: error.excerpt ? [error.excerpt] : [],
      };
    case 'read_only':
      return {
        ...base,
        title: 'Read-only access',
        explanation: 'This system is connected with an API key, which only allows reading. Nothing was sent.',
        advice: ['Use a system with OAuth client credentials or a user for changes.'],
        steps: [],
        serverMessage: error.message || null,
      };
    case 'http_status':
      return {
        ...base,
        title: httpTitle(error.status),
        explanation: httpExplanation(error.status),
        advice: error.status === 403
          ? ['Ask your SAP administrator for the authorization to use this service.']
          : error.status === 404
            ? ['Check the URL in the system’s settings; the abapGit Agent service may not be active (SICF).']
            : ['Retry. If it keeps failing, show the details below to your SAP administrator.'],
        steps: error.status === 404 ? ['edit_system', 'retry'] : ['retry'],
        serverMessage: error.title ?? null,
        details: error.excerpt ? [error.excerpt] : [],
      };
    case 'sap':
      return {
        ...base,
        title: 'SAP reported a problem',
        explanation: error.message,
        advice: ['Read SAP’s message below; correct the input and retry.'],
        steps: ['retry'],
        serverMessage: error.message,
        details: error.details,
      };
    case 'decode':
      return {
        ...base,
        title: 'Unexpected answer',
        explanation: 'The system answered, but not in a form Agent Desk understands.',
        advice: ['Check that the URL points at the right service.', 'If it persists, report the details below.'],
        steps: ['edit_system', 'retry'],
        serverMessage: error.message,
        details: error.excerpt ? [error.excerpt] : [],
      };
    case 'config':
      return {
        ...base,
        title: 'Setting cannot be used',
        explanation: `${fieldLabel(error.field)}: ${error.message}`,
        advice: ['Correct this setting in the system’s settings.'],
        steps: ['edit_system'],
      };
    case 'cancelled':
      return {
        ...base,
        title: 'Cancelled',
        explanation: 'You cancelled the action: Agent Desk stopped waiting for the system.',
        advice: ['A change the system had already received may still be completed there: read the data again before repeating it.'],
        steps: ['retry'],
      };
    case 'validation':
      return {
        ...base,
        title: 'Please check your input',
        explanation:
          error.fields.length === 1
            ? 'One field needs your attention.'
            : `${error.fields.length} fields need your attention.`,
        advice: error.fields.map((f) => `${fieldLabel(f.field)}: ${f.message}`),
        steps: [],
      };
    case 'keyring_unavailable':
      return {
        ...base,
        title: 'Password store unavailable',
        explanation:
          'The operating system’s password store (keyring) cannot be used, so passwords are kept only until Agent Desk closes.',
        advice: ['Unlock or set up your desktop’s keyring, then restart Agent Desk to store passwords permanently.'],
        steps: ['open_keyring'],
        serverMessage: error.message || null,
      };
    case 'keyring':
      return {
        ...base,
        title: 'Password store failed',
        explanation: 'The operating system’s password store (keyring) reported an error.',
        advice: ['Unlock your keyring and retry.'],
        steps: ['retry'],
        serverMessage: error.message || null,
      };
    case 'bridge':
      return {
        ...base,
        title: BRIDGE_TITLES[error.reason],
        explanation: error.message,
        advice: [BRIDGE_ADVICE[error.remedy]],
        steps: error.remedy === 'retry' ? ['retry'] : [],
        serverMessage: error.server_message,
        details: [
          ...error.fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)),
          ...error.steps.map((s) => `Step ${s.ord}: ${s.status} (code ${s.code})`),
          ...(error.state?.status_bar ? [`Status bar: ${error.state.status_bar.text}`] : []),
        ],
      };
    case 'missing_password':
      return {
        ...base,
        title: 'No password stored',
        explanation: 'This system has no password yet.',
        advice: ['Enter the password in the system’s settings and save.'],
        steps: ['check_password'],
      };
    case 'missing_secret':
      return {
        ...base,
        title: error.secret === 'api_key' ? 'No API key stored' : 'No client secret stored',
        explanation:
          error.secret === 'api_key'
            ? 'This system signs in with an API key, and none is stored.'
            : 'This system signs in with OAuth client credentials, and no client secret is stored.',
        advice: ['Enter it in the system’s settings (or paste the service key again) and save.'],
        steps: ['edit_system'],
      };
    case 'job_running':
      return {
        ...base,
        title: 'Job still running',
        explanation: 'This job is still running, so it cannot be removed from the list yet.',
        advice: ['Wait until it has finished, or stop watching it first.'],
        steps: [],
      };
    case 'invalid_file':
      return {
        ...base,
        title: 'File cannot be used',
        explanation: `${error.path}: ${error.message}`,
        advice: ['Choose another file, or correct this one and try again.'],
        steps: [],
      };
    case 'storage':
      return {
        ...base,
        title: 'Could not save or read a file',
        explanation: 'Agent Desk could not write or read its own data.',
        advice: ['Check free disk space and permissions of your home folder, then retry.'],
        steps: ['retry'],
        serverMessage: error.message || null,
      };
    case 'sandbox_unavailable':
      return {
        ...base,
        title: 'Sandbox not running',
        explanation: 'The built-in demo system could not start. Real systems still work.',
        advice: ['Restart Agent Desk. If it persists, report the details below.'],
        steps: [],
        serverMessage: error.message || null,
      };
    case 'not_found':
      return {
        ...base,
        title: error.what === 'command' ? 'Not available in this version' : 'Not found',
        explanation: error.what === 'command' ? 'This function is not available in this version of Agent Desk yet.' : error.message,
        advice: [],
        steps: error.what === 'command' ? [] : ['retry'],
        serverMessage: error.what === 'command' ? error.message : null,
      };
  }
}

function httpTitle(status: number): string {
  if (status === 403) return 'Not authorized';
  if (status === 404) return 'Service not found';
  if (status >= 500) return 'Server error';
  return `Request failed (HTTP ${status})`;
}

function httpExplanation(status: number): string {
  if (status === 403) return 'SAP refused the request for your user (HTTP 403).';
  if (status === 404) return 'The service was not found at this URL (HTTP 404).';
  if (status >= 500) return `The SAP system failed while processing the request (HTTP ${status}).`;
  return `The SAP system answered with HTTP status ${status}.`;
}

const FIELD_LABELS: Record<string, string> = {
  display_name: 'Name',
  base_url: 'URL',
  client: 'Client',
  language: 'Language',
  user: 'User',
  password: 'Password',
  git_username: 'Git user',
  git_token: 'Git token',
  'tls.extra_ca_file': 'CA certificate file',
  'proxy.url': 'Proxy URL',
  'timeouts.connect_seconds': 'Connect timeout',
  'timeouts.request_seconds': 'Request timeout',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/^settings\./, '').replace(/[._]/g, ' ');
}

export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GB` : mib >= 1 ? `${Math.round(mib)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function formatSeconds(seconds: number): string {
  return seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${Math.round(seconds)} seconds`;
}

/** One plain-text rendering of an error, for the clipboard and logs. */
export function errorAsText(error: AppError): string {
  const d = describeError(error);
  const lines = [d.title, d.explanation, ...d.advice.map((a) => `- ${a}`)];
  if (d.serverMessage && d.serverMessage !== d.explanation) lines.push('', `Server message: ${d.serverMessage}`);
  if (d.details.length) lines.push('', 'Details:', ...d.details);
  return lines.join('\n');
}
