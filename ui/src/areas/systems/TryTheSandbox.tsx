import { Button, Link, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { AreaId } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { useSystems } from '../../app/SystemContext';
import type { ProfileView } from '../../api';

const DISMISSED_KEY = 'agent-desk.try-the-sandbox.dismissed';

interface Suggestion {
  id: string;
  text: string;
  detail: string;
  service: 'abapgit_agent' | 'focused_build';
  area: AreaId;
  params?: Record<string, string>;
}

// Each one opens something the sandbox's seed holds, in the area that shows it.
const SUGGESTIONS: Suggestion[] = [
  { id: 'explore', text: 'Open the class ZCL_FLIGHT_PRICING', detail: 'Explore: its sections, methods and where it is used', service: 'abapgit_agent', area: 'explore', params: { object: 'ZCL_FLIGHT_PRICING', type: 'CLAS' } },
  { id: 'preview', text: 'Preview the rows of table SFLIGHT', detail: 'Data preview: sort, filter with WHERE, export CSV', service: 'abapgit_agent', area: 'preview', params: { object: 'SFLIGHT', type: 'TABL' } },
  { id: 'checks', text: 'Check syntax and run unit tests', detail: 'Checks: ZCL_FLIGHT_PRICING has a unit test that fails', service: 'abapgit_agent', area: 'checks' },
  { id: 'repositories', text: 'Pull a repository', detail: 'Repositories: the demo repository https://github.com/agent-desk/abap-demo.git', service: 'abapgit_agent', area: 'repositories' },
  { id: 'dumps', text: 'Read the short dumps', detail: 'Dumps: what happened, the call stack and the failing line (ST22)', service: 'abapgit_agent', area: 'dumps' },
  { id: 'work-items', text: 'Change the status of work items', detail: 'Work items on the Focused Build sandbox: texts, attachments, status', service: 'focused_build', area: 'work-items' },
];

function readDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** What to try first on the built-in sandbox, each one click away (until the user hides it). */
export function TryTheSandbox() {
  const { systems, active, select } = useSystems();
  const { navigate } = useNavigation();
  const [dismissed, setDismissed] = useState(readDismissed);
  if (dismissed || !active?.profile.is_demo) return null;

  const demoFor = (service: Suggestion['service']): ProfileView | undefined =>
    systems.find((s) => s.profile.is_demo && s.profile.settings.service_kind === service);
  const open = (suggestion: Suggestion) => {
    const demo = demoFor(suggestion.service);
    if (demo && demo.profile.id !== active.profile.id) select(demo.profile.id);
    navigate(suggestion.area, suggestion.params);
  };
  const hide = () => {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Private storage unavailable: hidden for this session only.
    }
    setDismissed(true);
  };

  return (
    <section className="ad-card sy-try" aria-label="Try the sandbox" data-testid="try-the-sandbox">
      <div className="sy-try-head">
        <Title level="H4">Try it on the sandbox</Title>
        <Button design="Transparent" icon="decline" tooltip="Hide these suggestions" accessibleName="Hide these suggestions" onClick={hide} data-testid="try-hide" />
      </div>
      <Text className="ad-muted">The sandbox is a simulated SAP system with flight demo data. Nothing you do here reaches a real system.</Text>
      <ul className="sy-try-list">
        {SUGGESTIONS.filter((s) => demoFor(s.service)).map((s) => (
          <li key={s.id}>
            <Link onClick={() => open(s)} data-testid={`try-${s.id}`}>
              {s.text}
            </Link>
            <Text className="ad-muted">{s.detail}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
