import { Button, IllustratedMessage, MessageStrip, Text, Title } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/NoEntries.js';
import type { ReactNode } from 'react';
import type { ProfileView } from '../../api';
import { NoSystem } from '../../app/NoSystem';
import { useNavigation } from '../../app/navigation';
import { useSystems } from '../../app/SystemContext';
import { isTenant, readOnlyReason } from './model';
import './icons';
import './integration.css';

export interface Tenant {
  profileId: string;
  name: string;
  /** Why changes are disabled (API key profiles), or null. */
  readOnly: string | null;
}

interface Props {
  /** The area's id, for test ids (`<area>-page`). */
  area: string;
  title: string;
  /** What the area shows, after "… in <tenant>". */
  subtitle: string;
  children: (tenant: Tenant) => ReactNode;
}

/** The frame of every Cloud Integration area: on a tenant it shows the area, otherwise it offers the tenants. */
export function TenantPage({ area, title, subtitle, children }: Props) {
  const { active } = useSystems();
  if (!active) return <NoSystem />;
  const tenant = isTenant(active)
    ? { profileId: active.profile.id, name: active.profile.settings.display_name, readOnly: readOnlyReason(active) }
    : null;
  return (
    <div className="ad-page" data-testid={`${area}-page`}>
      <div className="ad-page-header">
        <Title level="H2">{title}</Title>
        <Text className="ad-muted">{tenant ? `${subtitle} in ${tenant.name}` : subtitle}</Text>
      </div>
      {tenant?.readOnly ? (
        <MessageStrip design="Information" hideCloseButton data-testid="cpi-read-only">
          {tenant.readOnly}
        </MessageStrip>
      ) : null}
      {/* Keyed by system: each tenant has its own lists and selections. */}
      {tenant ? <div key={tenant.profileId} className="ad-stack">{children(tenant)}</div> : <SwitchToTenant />}
    </div>
  );
}

/** The active system is no Cloud Integration tenant: offer the tenants, the demo first. */
function SwitchToTenant() {
  const { systems, select } = useSystems();
  const { navigate } = useNavigation();
  const candidates: ProfileView[] = systems.filter(isTenant).sort((a, b) => Number(b.profile.is_demo) - Number(a.profile.is_demo));
  return (
    <section className="ad-card" data-testid="cpi-not-tenant">
      <IllustratedMessage
        name="NoEntries"
        titleText="This system is no Cloud Integration tenant"
        subtitleText="Integration content, deployments, the Partner Directory and security material live in an SAP Cloud Integration tenant."
      >
        <div className="ad-actions cpi-switch-actions">
          {candidates.map((s, index) => (
            <Button
              key={s.profile.id}
              design={index === 0 ? 'Emphasized' : 'Default'}
              icon="it-host"
              onClick={() => select(s.profile.id)}
              data-testid={index === 0 ? 'cpi-switch-tenant' : `cpi-switch-${s.profile.id}`}
            >
              {`Switch to ${s.profile.settings.display_name}`}
            </Button>
          ))}
          <Button design={candidates.length ? 'Transparent' : 'Emphasized'} onClick={() => navigate('systems')}>
            {candidates.length ? 'Manage systems' : 'Add a Cloud Integration tenant'}
          </Button>
        </div>
      </IllustratedMessage>
    </section>
  );
}

/** A button for a change: disabled with the reason on a read-only tenant. */
export function changeTooltip(tenant: Tenant, tooltip?: string): string | undefined {
  return tenant.readOnly ?? tooltip;
}
