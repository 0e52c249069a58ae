import { IllustratedMessage } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/NoData.js';

/** Shown by areas that are not built yet. */
export function Placeholder({ title }: { title: string }) {
  return (
    <IllustratedMessage
      name="NoData"
      titleText={title}
      subtitleText="This area is being built and will arrive in a coming version."
    />
  );
}
