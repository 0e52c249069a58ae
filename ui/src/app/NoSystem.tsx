import { Button, IllustratedMessage } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/NoEntries.js';
import { useNavigation } from './navigation';

/** Shown by areas that need a system when none is active. */
export function NoSystem() {
  const { navigate } = useNavigation();
  return (
    <IllustratedMessage name="NoEntries" titleText="No system selected" subtitleText="Choose or create a system to work with.">
      <Button design="Emphasized" onClick={() => navigate('systems')}>
        Go to Systems
      </Button>
    </IllustratedMessage>
  );
}
