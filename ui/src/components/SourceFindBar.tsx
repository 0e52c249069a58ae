import { Button, Input, ToggleButton, type InputDomRef } from '@ui5/webcomponents-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface SourceFindBarProps {
  query: string;
  onQuery: (query: string) => void;
  matchCase: boolean;
  onMatchCase: (matchCase: boolean) => void;
  /** "3 of 17", "No matches", or empty while nothing is searched. */
  countText: string;
  hasMatches: boolean;
  onStep: (step: 1 | -1) => void;
  onClose: () => void;
  /** Changes each time the bar is asked for (Ctrl+F): focuses the field and selects its text. */
  focusRequest: number;
}

/** The find bar above the source: a search field, match case, the count, previous/next and close. */
export function SourceFindBar({ query, onQuery, matchCase, onMatchCase, countText, hasMatches, onStep, onClose, focusRequest }: SourceFindBarProps) {
  const input = useRef<InputDomRef>(null);

  useEffect(() => {
    const field = input.current;
    if (!field) return;
    // The UI5 field renders its <input> asynchronously: focus and select after that.
    const frame = requestAnimationFrame(() => {
      field.focus();
      field.shadowRoot?.querySelector('input')?.select();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusRequest]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onStep(e.shiftKey ? -1 : 1);
    }
  };

  return (
    <div className="sv-find" role="search" aria-label="Find in source" data-testid="source-find">
      <Input
        ref={input}
        type="Search"
        value={query}
        placeholder="Find"
        accessibleName="Find in source"
        showClearIcon
        valueState={query && !hasMatches && countText ? 'Negative' : 'None'}
        onInput={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
        className="sv-find-input"
        data-testid="source-find-input"
      />
      <ToggleButton
        pressed={matchCase}
        onClick={() => onMatchCase(!matchCase)}
        tooltip="Match case"
        accessibleName="Match case"
        design="Transparent"
        data-testid="source-find-case"
      >
        Aa
      </ToggleButton>
      {/* The count and the buttons stay together when the bar wraps in a narrow pane. */}
      <div className="sv-find-nav">
        <span className="sv-find-count" aria-live="polite" data-testid="source-find-count">
          {countText}
        </span>
        <Button
          icon="navigation-up-arrow"
          design="Transparent"
          tooltip="Previous match (Shift+F3)"
          accessibleName="Previous match"
          disabled={!hasMatches}
          onClick={() => onStep(-1)}
          data-testid="source-find-previous"
        />
        <Button
          icon="navigation-down-arrow"
          design="Transparent"
          tooltip="Next match (F3)"
          accessibleName="Next match"
          disabled={!hasMatches}
          onClick={() => onStep(1)}
          data-testid="source-find-next"
        />
        <Button icon="decline" design="Transparent" tooltip="Close (Escape)" accessibleName="Close find" onClick={onClose} data-testid="source-find-close" />
      </div>
    </div>
  );
}
