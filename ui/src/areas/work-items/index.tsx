import { Button, IllustratedMessage, Text, Title } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/NoEntries.js';
import { NoSystem } from '../../app/NoSystem';
import { useNavigation } from '../../app/navigation';
import { useSystems } from '../../app/SystemContext';
import './icons';
import { Worklist } from './Worklist';
import './work-items.css';

/** Focused Build work items: a worklist per system, one item in detail, status changes one or many. */
export default function WorkItemsPage() {
  const { active } = useSystems();
  if (!active) return <NoSystem />;
  return (
    <div className="ad-page" data-testid="work-items-page">
      <div className="ad-page-header">
        <Title level="H2">Work items</Title>
        <Text className="ad-muted">Focused Build work items in {active.profile.settings.display_name}</Text>
      </div>
      {active.profile.settings.service_kind === 'focused_build' ? (
        // Keyed by system: each system has its own worklist, selection and detail.
        <Worklist key={active.profile.id} profileId={active.profile.id} />
      ) : (
        <SwitchToFocusedBuild />
      )}
    </div>
  );
}

/** The active system speaks the abapGit Agent API: offer the Focused Build systems. */
function SwitchToFocusedBuild() {
  const { systems, select } = useSystems();
  const { navigate } = useNavigation();
  const candidates = systems
    .filter((s) => s.profile.settings.service_kind === 'focused_build')
    // The demo sandbox first: it is the one that always works.
    .sort((a, b) => Number(b.profile.is_demo) - Number(a.profile.is_demo));
  return (
    <section className="ad-card" data-testid="wi-not-focused-build">
      <IllustratedMessage
        name="NoEntries"
        titleText="This system has no work items"
        subtitleText="Work items live in SAP Focused Build (Solution Manager). The active system is an abapGit Agent system."
      >
        <div className="ad-actions wi-switch-actions">
          {candidates.map((s, index) => (
            <Button
              key={s.profile.id}
              design={index === 0 ? 'Emphasized' : 'Default'}
              icon="it-host"
              onClick={() => select(s.profile.id)}
              data-testid={index === 0 ? 'wi-switch-focused-build' : `wi-switch-${s.profile.id}`}
            >
              {`Switch to ${s.profile.settings.display_name}`}
            </Button>
          ))}
          <Button design={candidates.length ? 'Transparent' : 'Emphasized'} onClick={() => navigate('systems')}>
            {candidates.length ? 'Manage systems' : 'Add a Focused Build system'}
          </Button>
        </div>
      </IllustratedMessage>
    </section>
  );
}
