import { Text, Title } from '@ui5/webcomponents-react';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { SwitchSystemOffer } from '../../components/SwitchSystemOffer';
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
        <SwitchSystemOffer
          accepts={isBridgeSystem}
          titleText="This system has no recorded transactions"
          subtitleText="Recorded transactions run on SAP Mobile Services' transaction bridge. The active system is of another kind."
          addText="Add a transaction bridge system"
          testId="tx-not-bridge"
          firstTestId="tx-switch-bridge"
          otherTestIdPrefix="tx-switch-"
        />
      )}
    </div>
  );
}

