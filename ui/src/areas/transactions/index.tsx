import { Button, IllustratedMessage, Text, Title } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/NoEntries.js';
import { NoSystem } from '../../app/NoSystem';
import { useNavigation } from '../../app/navigation';
import { useSystems } from '../../app/SystemContext';
import './icons';
import { isBridgeSystem } from './systems';
import './transactions.css';
import { Workbench } from './Workbench';

/** Recorded SAP GUI transactions on a mobile transaction bridge: one form per sequence, one run or many. */
export default function TransactionsPage() {
  const { active } = useSystems();
  if (!active) return <NoSystem />;
  return (
    <div className="ad-page" data-testid="transactions-page">
      <div className="ad-page-header">
        <Title level="H2">Transactions</Title>
        <Text className="ad-muted">Recorded SAP GUI transactions on the transaction bridge of {active.profile.settings.display_name}</Text>
      </div>
      {isBridgeSystem(active) ? (
        // Keyed by system: each system has its own app, forms, results and call log.
        <Workbench key={active.profile.id} system={active} />
      ) : (
        <SwitchToBridge />
      )}
    </div>
  );
}

/** The active system is of another kind: offer the transaction bridge systems. */
function SwitchToBridge() {
  const { systems, select } = useSystems();
  const { navigate } = useNavigation();
  const candidates = systems
    .filter(isBridgeSystem)
    // The demo sandbox first: it is the one that always works.
    .sort((a, b) => Number(b.profile.is_demo) - Number(a.profile.is_demo));
  return (
    <section className="ad-card" data-testid="tx-not-bridge">
      <IllustratedMessage
        name="NoEntries"
        titleText="This system has no recorded transactions"
        subtitleText="Recorded transactions run on SAP Mobile Services' transaction bridge. The active system is of another kind."
      >
        <div className="ad-actions tx-switch-actions">
          {candidates.map((s, index) => (
            <Button
              key={s.profile.id}
              design={index === 0 ? 'Emphasized' : 'Default'}
              icon="it-host"
              onClick={() => select(s.profile.id)}
              data-testid={index === 0 ? 'tx-switch-bridge' : `tx-switch-${s.profile.id}`}
            >
              {`Switch to ${s.profile.settings.display_name}`}
            </Button>
          ))}
          <Button design={candidates.length ? 'Transparent' : 'Emphasized'} onClick={() => navigate('systems')}>
            {candidates.length ? 'Manage systems' : 'Add a transaction bridge system'}
          </Button>
        </div>
      </IllustratedMessage>
    </section>
  );
}
