import { useEffect, useRef } from 'react';
import { createWedgeScanner } from './wedge-scanner';

interface Listener {
  readonly priority: number;
  readonly onScan: { current: (text: string) => void };
}

/**
 * One keydown listener for the whole page, however many components want wedge scans: each scan
 * goes to exactly one of them, the one with the highest priority (the newest among equals). A
 * scanning panel (priority 1) thus takes the scans while it is shown, and the layout's "open
 * this unit" (priority 0) gets them everywhere else. Keys typed into text fields are left to
 * the field (a scanning panel's own input handles its Enter).
 */
const listeners: Listener[] = [];
const scanner = createWedgeScanner();

function onKeyDown(event: KeyboardEvent): void {
  if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
  const scanned = scanner.key(event.key, event.timeStamp);
  if (scanned === null) return;
  // Enter would otherwise press whatever button has focus.
  event.preventDefault();
  chosenListener()?.onScan.current(scanned);
}

function chosenListener(): Listener | undefined {
  let chosen: Listener | undefined;
  for (const l of listeners) if (!chosen || l.priority >= chosen.priority) chosen = l;
  return chosen;
}

function subscribe(listener: Listener): () => void {
  listeners.push(listener);
  if (listeners.length === 1) window.addEventListener('keydown', onKeyDown);
  return () => {
    listeners.splice(listeners.indexOf(listener), 1);
    if (listeners.length === 0) window.removeEventListener('keydown', onKeyDown);
  };
}

/**
 * Listens on the whole page for keyboard-wedge scans, so a scan works even when focus has
 * wandered off any field. `priority` decides who gets a scan when several listen.
 */
export function useWedgeScan(onScan: (text: string) => void, priority = 0): void {
  const handler = useRef(onScan);
  useEffect(() => {
    handler.current = onScan;
  }, [onScan]);

  useEffect(() => subscribe({ priority, onScan: handler }), [priority]);
}
