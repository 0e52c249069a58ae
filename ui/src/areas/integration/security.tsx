import { Button, Tab, TabContainer, TableCell, TableRow, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppError, KeystoreEntry, OAuth2ClientCredential, Result, SecureParameter, UserCredential } from '../../api';
import { Busy, ErrorPanel, formatDate, formatDateTime, plural } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { cpi } from './api';
import { VALIDITY_TEXT, daysLeftText, validityDesign } from './model';
import { TenantPage, type Tenant } from './TenantPage';
import { TenantTable } from './TenantTable';

/** Security material: credentials, secure parameters and OAuth2 client credentials (never their secrets), and the keystore. */
export default function SecurityPage() {
  return (
    <TenantPage area="cpi-security" title="Security material" subtitle="Credentials and keystore entries">
      {(tenant) => <Security tenant={tenant} />}
    </TenantPage>
  );
}

type TabId = 'keystore' | 'users' | 'secure' | 'oauth';

const TABS: { id: TabId; text: string }[] = [
  { id: 'keystore', text: 'Keystore' },
  { id: 'users', text: 'User credentials' },
  { id: 'secure', text: 'Secure parameters' },
  { id: 'oauth', text: 'OAuth2 client credentials' },
];

function Security({ tenant }: { tenant: Tenant }) {
  const [tab, setTab] = usePersistentState<TabId>('cpi.security.tab', 'keystore');
  return (
    <section className="ad-card" aria-label="Security material">
      <TabContainer onTabSelect={(e) => setTab(((e.detail.tab as HTMLElement).dataset.tab as TabId) ?? 'keystore')} contentBackgroundDesign="Transparent" data-testid="cpi-security-tabs">
        {TABS.map((t) => (
          <Tab key={t.id} text={t.text} selected={t.id === tab} data-tab={t.id} data-testid={`cpi-security-tab-${t.id}`} />
        ))}
      </TabContainer>
      {/* Every list is read when its tab is first shown, and kept while the user switches tabs. */}
      <div hidden={tab !== 'keystore'}>
        <Lazy shown={tab === 'keystore'}>{() => <Keystore profileId={tenant.profileId} />}</Lazy>
      </div>
      <div hidden={tab !== 'users'}>{<Lazy shown={tab === 'users'}>{() => <UserCredentials profileId={tenant.profileId} />}</Lazy>}</div>
      <div hidden={tab !== 'secure'}>{<Lazy shown={tab === 'secure'}>{() => <SecureParameters profileId={tenant.profileId} />}</Lazy>}</div>
      <div hidden={tab !== 'oauth'}>{<Lazy shown={tab === 'oauth'}>{() => <OAuthCredentials profileId={tenant.profileId} />}</Lazy>}</div>
    </section>
  );
}

/** Renders its content once it has been shown, then keeps it. */
function Lazy({ shown, children }: { shown: boolean; children: () => ReactNode }) {
  const [seen, setSeen] = useState(shown);
  if (shown && !seen) setSeen(true);
  return seen ? <>{children()}</> : null;
}

/** A list read from the tenant, with retry. */
function useList<T>(read: () => Promise<Result<T[]>>) {
  const [list, setList] = useState<T[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    const answer = await read();
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setList(answer.data);
  }, [read]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);
  return { list, busy, error, load };
}

function ListHead({ title, count, onRefresh, note }: { title: string; count: number | null; onRefresh: () => void; note?: string }) {
  return (
    <div className="ad-card-head">
      <Title level="H4">{count === null ? title : plural(count, title.toLowerCase().replace(/s$/, ''))}</Title>
      {note ? <Text className="ad-muted">{note}</Text> : null}
      <span className="ad-spacer" />
      <Button icon="refresh" design="Transparent" tooltip="Refresh" accessibleName={`Refresh ${title.toLowerCase()}`} onClick={onRefresh} />
    </div>
  );
}

function deployedText(d: { deployed_by: string | null; deployed_on: string | null }): string {
  return `${d.deployed_by ?? ''} ${formatDateTime(d.deployed_on)}`.trim();
}

function Keystore({ profileId }: { profileId: string }) {
  const read = useCallback(() => cpi.keystore(profileId), [profileId]);
  const { list, busy, error, load } = useList<KeystoreEntry>(read);
  const attention = (list ?? []).filter((e) => e.validity === 'expired' || e.validity === 'expires_soon').length;
  return (
    <div className="ad-stack" data-testid="cpi-keystore">
      <ListHead title="Keystore entries" count={list?.length ?? null} onRefresh={() => void load()} note={attention ? `${plural(attention, 'certificate')} expired or expiring within 30 days` : undefined} />
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <Busy active={busy} text="Reading the keystore…">
        <TenantTable
          accessibleName="Keystore entries"
          noDataText={list ? 'The keystore is empty.' : 'Reading…'}
          columns={[
            { title: 'Alias', minWidth: '12rem' },
            { title: 'Type', width: '9rem' },
            { title: 'Validity', width: '11rem' },
            { title: 'Valid until', width: '8rem' },
            { title: 'Subject', minWidth: '14rem' },
            { title: 'Key', width: '7rem' },
          ]}
          tall
        >
          {(list ?? []).map((e) => (
            <TableRow key={e.hex_alias} rowKey={e.hex_alias} data-key={e.hex_alias} data-testid={`cpi-keystore-${e.alias}`} data-validity={e.validity} className={`cpi-validity-${e.validity}`}>
              <TableCell>
                <Text>{e.alias}</Text>
              </TableCell>
              <TableCell>
                <Text>{e.entry_type ?? ''}</Text>
              </TableCell>
              <TableCell>
                <div className="cpi-fact">
                  <Tag design={validityDesign(e.validity)} data-testid="cpi-validity">
                    {VALIDITY_TEXT[e.validity]}
                  </Tag>
                  <span className="ad-muted">{e.validity === 'valid' ? '' : daysLeftText(e.days_left)}</span>
                </div>
              </TableCell>
              <TableCell>
                <Text>{formatDate(e.valid_not_after)}</Text>
              </TableCell>
              <TableCell>
                <Text>{e.subject_dn ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{[e.key_type, e.key_size ? String(e.key_size) : null].filter(Boolean).join(' ')}</Text>
              </TableCell>
            </TableRow>
          ))}
        </TenantTable>
      </Busy>
    </div>
  );
}

function UserCredentials({ profileId }: { profileId: string }) {
  const read = useCallback(() => cpi.userCredentials(profileId), [profileId]);
  const { list, busy, error, load } = useList<UserCredential>(read);
  return (
    <div className="ad-stack" data-testid="cpi-user-credentials">
      <ListHead title="User credentials" count={list?.length ?? null} onRefresh={() => void load()} note="Passwords are never read." />
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <Busy active={busy} text="Reading user credentials…">
        <TenantTable
          accessibleName="User credentials"
          noDataText={list ? 'No user credentials.' : 'Reading…'}
          columns={[{ title: 'Name', minWidth: '12rem' }, { title: 'Type', width: '10rem' }, { title: 'User', width: '10rem' }, { title: 'Description', minWidth: '12rem' }, { title: 'Deployed', width: '12rem' }]}
          tall
        >
          {(list ?? []).map((c) => (
            <TableRow key={c.name} rowKey={c.name} data-key={c.name} data-testid={`cpi-user-credential-${c.name}`}>
              <TableCell>
                <Text>{c.name}</Text>
              </TableCell>
              <TableCell>
                <Text>{c.kind ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{c.user ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{c.description ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{deployedText(c.deployment)}</Text>
              </TableCell>
            </TableRow>
          ))}
        </TenantTable>
      </Busy>
    </div>
  );
}

function SecureParameters({ profileId }: { profileId: string }) {
  const read = useCallback(() => cpi.secureParameters(profileId), [profileId]);
  const { list, busy, error, load } = useList<SecureParameter>(read);
  return (
    <div className="ad-stack" data-testid="cpi-secure-parameters">
      <ListHead title="Secure parameters" count={list?.length ?? null} onRefresh={() => void load()} note="Values are never read." />
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <Busy active={busy} text="Reading secure parameters…">
        <TenantTable accessibleName="Secure parameters" noDataText={list ? 'No secure parameters.' : 'Reading…'} columns={[{ title: 'Name', minWidth: '12rem' }, { title: 'Description', minWidth: '14rem' }, { title: 'Deployed', width: '12rem' }]} tall>
          {(list ?? []).map((p) => (
            <TableRow key={p.name} rowKey={p.name} data-key={p.name}>
              <TableCell>
                <Text>{p.name}</Text>
              </TableCell>
              <TableCell>
                <Text>{p.description ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{deployedText(p.deployment)}</Text>
              </TableCell>
            </TableRow>
          ))}
        </TenantTable>
      </Busy>
    </div>
  );
}

function OAuthCredentials({ profileId }: { profileId: string }) {
  const read = useCallback(() => cpi.oauth2Credentials(profileId), [profileId]);
  const { list, busy, error, load } = useList<OAuth2ClientCredential>(read);
  return (
    <div className="ad-stack" data-testid="cpi-oauth-credentials">
      <ListHead title="OAuth2 client credentials" count={list?.length ?? null} onRefresh={() => void load()} note="Client secrets are never read." />
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <Busy active={busy} text="Reading OAuth2 client credentials…">
        <TenantTable
          accessibleName="OAuth2 client credentials"
          noDataText={list ? 'No OAuth2 client credentials.' : 'Reading…'}
          columns={[{ title: 'Name', minWidth: '12rem' }, { title: 'Client ID', width: '12rem' }, { title: 'Token service URL', minWidth: '16rem' }, { title: 'Authentication', width: '9rem' }, { title: 'Deployed', width: '12rem' }]}
          tall
        >
          {(list ?? []).map((c) => (
            <TableRow key={c.name} rowKey={c.name} data-key={c.name}>
              <TableCell>
                <Text>{c.name}</Text>
              </TableCell>
              <TableCell>
                <Text>{c.client_id ?? ''}</Text>
              </TableCell>
              <TableCell>
                <span className="cpi-url">{c.token_service_url ?? ''}</span>
              </TableCell>
              <TableCell>
                <Text>{c.client_authentication ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{deployedText(c.deployment)}</Text>
              </TableCell>
            </TableRow>
          ))}
        </TenantTable>
      </Busy>
    </div>
  );
}
