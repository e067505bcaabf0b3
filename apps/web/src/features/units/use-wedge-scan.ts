import { useEffect, useRef } from 'react';
import { createWedgeScanner } from './wedge-scanner';

/**
 * Listens on the whole page for keyboard-wedge scans, so a scan works even when focus has
 * wandered off the search box. Keys typed into text fields (the search box handles its own
 * Enter) are left alone.
 */
export function useWedgeScan(onScan: (text: string) => void): void {
  const handler = useRef(onScan);
  useEffect(() => {
    handler.current = onScan;
  }, [onScan]);

  useEffect(() => {
    const scanner = createWedgeScanner();
    function onKeyDown(event: KeyboardEvent) {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      const scanned = scanner.key(event.key, event.timeStamp);
      if (scanned !== null) {
        event.preventDefault();
        handler.current(scanned);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
