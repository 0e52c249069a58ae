import { Button, IllustratedMessage, Text, Title } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/NoEntries.js';
import type { ProfileView } from '../../api';
import { NoSystem } from '../../app/NoSystem';
import { useNavigation } from '../../app/navigation';
import { useSystems } from '../../app/SystemContext';
import { Monitor } from './Monitor';
import './messages.css';

/** Whether a system is a SAP Cloud Integration tenant. */
export function isCloudIntegration(system: ProfileView): boolean {
  return (system.profile.settings.service_kind as string) === 'cloud_integration';
}

/** The message monitor of a SAP Cloud Integration tenant: processing logs, filtered and in detail. */
export default function MessagesPage() {
  const { active } = useSystems();
  if (!active) return <NoSystem />;
  return (
    <div className="ad-page mm-page" data-testid="messages-page">
      <div className="ad-page-header">
        <Title level="H2">Message monitor</Title>
        <Text className="ad-muted">Message processing logs of {active.profile.settings.display_name}</Text>
      </div>
      {isCloudIntegration(active) ? (
        // Keyed by system: each tenant has its own filter, list and open message.
        <Monitor key={active.profile.id} profileId={active.profile.id} />
      ) : (
        <SwitchToCloudIntegration />
      )}
    </div>
  );
}

/** The active system is not a Cloud Integration tenant: offer the tenants there are. */
function SwitchToCloudIntegration() {
  const { systems, select } = useSystems();
  const { navigate } = useNavigation();
  const candidates = systems
    .filter(isCloudIntegration)
    // The demo tenant first: it is the one that always works.
    .sort((a, b) => Number(b.profile.is_demo) - Number(a.profile.is_demo));
  return (
    <section className="ad-card" data-testid="mm-not-cloud-integration">
      <IllustratedMessage
        name="NoEntries"
        titleText="This system has no message monitor"
        subtitleText="Message processing logs live in a SAP Cloud Integration tenant. The active system is not one."
      >
        <div className="ad-actions mm-switch-actions">
          {candidates.map((s, index) => (
            <Button
              key={s.profile.id}
              design={index === 0 ? 'Emphasized' : 'Default'}
              icon="it-host"
              onClick={() => select(s.profile.id)}
              data-testid={index === 0 ? 'mm-switch-tenant' : `mm-switch-${s.profile.id}`}
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
