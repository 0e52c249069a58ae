import { Text, Title } from '@ui5/webcomponents-react';
import type { ProfileView } from '../../api';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { SwitchSystemOffer } from '../../components/SwitchSystemOffer';
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
        <SwitchSystemOffer
          accepts={isCloudIntegration}
          titleText="This system has no message monitor"
          subtitleText="Message processing logs live in a SAP Cloud Integration tenant. The active system is not one."
          addText="Add a Cloud Integration tenant"
          testId="mm-not-cloud-integration"
          firstTestId="mm-switch-tenant"
          otherTestIdPrefix="mm-switch-"
        />
      )}
    </div>
  );
}

