// Results and errors appear where the user looks: a result rendered below the fold is scrolled
// into view, and a refused form puts focus on its first invalid field.
import { useEffect, type RefObject } from 'react';

/** Scrolls `ref`'s element into view whenever `trigger` changes to something (a new result). */
export function useRevealWhen(ref: RefObject<HTMLElement | null>, trigger: unknown): void {
  useEffect(() => {
    if (trigger === null || trigger === undefined || trigger === false) return;
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [trigger, ref]);
}

/**
 * Focuses the first field marked invalid (UI5's `value-state="Negative"`) inside `container`,
 * after the render that marks it, and scrolls it into view.
 */
export function focusFirstInvalid(container: RefObject<HTMLElement | null>): void {
  requestAnimationFrame(() => {
    const field = container.current?.querySelector<HTMLElement>('[value-state="Negative"]');
    if (!field) return;
    field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    field.focus();
  });
}
