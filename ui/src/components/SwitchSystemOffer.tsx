// The panel an area shows when the active system is of another kind: the systems of the
// kind it needs (the demo first: it is the one that always works), and a way to add one.
import { Button, IllustratedMessage } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/NoEntries.js';
import type { ProfileView } from '../api';
import { useNavigation } from '../app/navigation';
import { useSystems } from '../app/SystemContext';

export interface SwitchSystemOfferProps {
  /** Which systems the area works on. */
  accepts: (system: ProfileView) => boolean;
  titleText: string;
  subtitleText: string;
  /** Label of the button to the Systems area when there is no such system. */
  addText: string;
  /** Test ids: the panel, the first (emphasized) candidate, and the prefix of the others. */
  testId: string;
  firstTestId: string;
  otherTestIdPrefix: string;
}

export function SwitchSystemOffer({ accepts, titleText, subtitleText, addText, testId, firstTestId, otherTestIdPrefix }: SwitchSystemOfferProps) {
  const { systems, select } = useSystems();
  const { navigate } = useNavigation();
  const candidates = systems.filter(accepts).sort((a, b) => Number(b.profile.is_demo) - Number(a.profile.is_demo));
  return (
    <section className="ad-card" data-testid={testId}>
      <IllustratedMessage name="NoEntries" titleText={titleText} subtitleText={subtitleText}>
        <div className="ad-actions ad-switch-actions">
          {candidates.map((s, index) => (
            <Button
              key={s.profile.id}
              design={index === 0 ? 'Emphasized' : 'Default'}
              icon="it-host"
              onClick={() => select(s.profile.id)}
              data-testid={index === 0 ? firstTestId : `${otherTestIdPrefix}${s.profile.id}`}
            >
              {`Switch to ${s.profile.settings.display_name}`}
            </Button>
          ))}
          <Button design={candidates.length ? 'Transparent' : 'Emphasized'} onClick={() => navigate('systems')}>
            {candidates.length ? 'Manage systems' : addText}
          </Button>
        </div>
      </IllustratedMessage>
    </section>
  );
}
