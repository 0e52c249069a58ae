import { Icon, Input, Label } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/appointment-2.js';
import { lazy, Suspense, useId, useState } from 'react';
import { exampleDate, parseDate, parseTime, showDate, showTime, type Parsed } from './dateInput';
import { formatTime } from './dateTime';

// The calendar is loaded only when the user opens it: the first UI5 calendar rendered costs
// WebKit about 100 MB, which a page with date filters should not pay just for being shown.
const CalendarPopover = lazy(() => import('./CalendarPopover'));

interface TypedFieldProps {
  label: string;
  /** The value in the service's format (`yyyyMMdd` or `HHmmss`), empty for "any". */
  value: string;
  /** The new value, or `null` while what is typed is not a valid date or time. */
  onChange: (value: string | null) => void;
  placeholder?: string;
  /** A problem the page found (e.g. a range that ends before it starts). */
  error?: string | null;
  onSubmit?: () => void;
  'data-testid'?: string;
}

/** What the user typed, kept while it is invalid; replaced when the value changes elsewhere. */
function useTypedText(value: string, show: (value: string) => string, parse: (text: string) => Parsed) {
  const [text, setText] = useState(() => show(value));
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    // The value changed outside the field (e.g. "Clear filter"): show it, unless the text
    // typed already stands for it.
    setShownValue(value);
    const parsed = parse(text);
    if (!parsed.ok || parsed.value !== value) setText(show(value));
  }
  return [text, setText] as const;
}

function TypedField({ label, value, onChange, placeholder, error, onSubmit, parse, show, calendar, ...rest }: TypedFieldProps & { parse: (text: string) => Parsed; show: (value: string) => string; calendar: boolean }) {
  const id = useId();
  const [text, setText] = useTypedText(value, show, parse);
  const [calendarOpen, setCalendarOpen] = useState(false);
  const parsed = parse(text);
  const message = parsed.ok ? (error ?? null) : parsed.message;

  const type = (typed: string) => {
    setText(typed);
    const next = parse(typed);
    onChange(next.ok ? next.value : null);
  };

  return (
    <div className="ad-field">
      <Label for={id} showColon>
        {label}
      </Label>
      <Input
        id={id}
        value={text}
        placeholder={placeholder}
        accessibleName={label}
        valueState={message ? 'Negative' : 'None'}
        valueStateMessage={message ? <div>{message}</div> : undefined}
        onInput={(e) => type(e.target.value)}
        onKeyDown={onSubmit ? (e) => e.key === 'Enter' && onSubmit() : undefined}
        icon={
          calendar ? (
            <Icon name="appointment-2" mode="Interactive" accessibleName={`Choose the ${label.toLowerCase()} in a calendar`} onClick={() => setCalendarOpen(true)} data-testid={rest['data-testid'] ? `${rest['data-testid']}-calendar` : undefined} />
          ) : undefined
        }
        data-testid={rest['data-testid']}
      />
      {/* Also under the field: UI5 shows the value state message only while the field has focus. */}
      {message ? (
        <small className="ad-field-error" role="alert">
          {message}
        </small>
      ) : null}
      {calendarOpen ? (
        <Suspense fallback={null}>
          <CalendarPopover
            opener={id}
            value={parsed.ok ? parsed.value : value}
            onPick={(picked) => {
              type(show(picked));
              setCalendarOpen(false);
            }}
            onClose={() => setCalendarOpen(false)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}

/** A date filter: typed in the locale's form, as 2026-12-31, 31.12.2026 or 20261231, or chosen in a calendar. */
export function DateField(props: TypedFieldProps) {
  return <TypedField placeholder={`e.g. ${exampleDate()}`} {...props} parse={parseDate} show={showDate} calendar />;
}

/** A time filter: typed in the locale's form, as 14:30, 14:30:15 or 143015. */
export function TimeField(props: TypedFieldProps) {
  return <TypedField placeholder={`e.g. ${formatTime('143000')}`} {...props} parse={parseTime} show={showTime} calendar={false} />;
}
