import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { prefersDevanagari } from './labels';

/** Picks the Devanagari name when Hindi or Marathi is on and the place has one. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const devanagari = prefersDevanagari(i18n.language);
  return useCallback((x: { name: string; nameHi?: string | null }) => (devanagari && x.nameHi ? x.nameHi : x.name), [devanagari]);
}
