import { MessageStrip, Text, Title } from '@ui5/webcomponents-react';
import type { ReactNode } from 'react';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { SwitchSystemOffer } from '../../components/SwitchSystemOffer';
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
  return (
    <SwitchSystemOffer
      accepts={isTenant}
      titleText="This system is no Cloud Integration tenant"
      subtitleText="Integration content, deployments, the Partner Directory and security material live in an SAP Cloud Integration tenant."
      addText="Add a Cloud Integration tenant"
      testId="cpi-not-tenant"
      firstTestId="cpi-switch-tenant"
      otherTestIdPrefix="cpi-switch-"
    />
  );
}

/** A button for a change: disabled with the reason on a read-only tenant. */
export function changeTooltip(tenant: Tenant, tooltip?: string): string | undefined {
  return tenant.readOnly ?? tooltip;
}
