import { Text, Title } from '@ui5/webcomponents-react';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { SwitchSystemOffer } from '../../components/SwitchSystemOffer';
import './icons';
import { Worklist } from './Worklist';
import './work-items.css';

/** Focused Build work items: a worklist per system, one item in detail, status changes one or many. */
export default function WorkItemsPage() {
  const { active } = useSystems();
  if (!active) return <NoSystem />;
  const isFocusedBuild = active.profile.settings.service_kind === 'focused_build';
  return (
    <div className="ad-page" data-testid="work-items-page">
      <div className="ad-page-header">
        <Title level="H2">Work items</Title>
        {/* Another kind of system has no work items: the panel below says so and offers a switch. */}
        <Text className="ad-muted" data-testid="wi-subtitle">{isFocusedBuild ? `Focused Build work items in ${active.profile.settings.display_name}` : 'Focused Build work items'}</Text>
      </div>
      {isFocusedBuild ? (
        // Keyed by system: each system has its own worklist, selection and detail.
        <Worklist key={active.profile.id} profileId={active.profile.id} />
      ) : (
        <SwitchToFocusedBuild activeName={active.profile.settings.display_name} />
      )}
    </div>
  );
}

/** The active system is no Focused Build system: offer the Focused Build systems. */
function SwitchToFocusedBuild({ activeName }: { activeName: string }) {
  return (
    <SwitchSystemOffer
      accepts={(s) => s.profile.settings.service_kind === 'focused_build'}
      titleText="This system has no work items"
      subtitleText={`Work items live in SAP Focused Build (Solution Manager); ${activeName} is no Focused Build system.`}
      addText="Add a Focused Build system"
      testId="wi-not-focused-build"
      firstTestId="wi-switch-focused-build"
      otherTestIdPrefix="wi-switch-"
    />
  );
}
