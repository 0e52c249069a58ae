import { Calendar, CalendarDate, ResponsivePopover } from '@ui5/webcomponents-react';

/** A calendar under its field; `value` and the pick are `yyyyMMdd`. Loaded on first use only. */
export default function CalendarPopover({ opener, value, onPick, onClose }: { opener: string; value: string; onPick: (value: string) => void; onClose: () => void }) {
  return (
    <ResponsivePopover open opener={opener} placement="Bottom" horizontalAlign="Start" onClose={onClose} accessibleName="Calendar">
      <Calendar formatPattern="yyyyMMdd" onSelectionChange={(e) => e.detail.selectedValues[0] && onPick(e.detail.selectedValues[0])} data-testid="calendar">
        {value ? <CalendarDate value={value} /> : null}
      </Calendar>
    </ResponsivePopover>
  );
}
