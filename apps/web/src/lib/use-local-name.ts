import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isHindi } from './labels';

/** Picks the Hindi name when Hindi is on and the place has one. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const hindi = isHindi(i18n.language);
  return useCallback((x: { name: string; nameHi?: string | null }) => (hindi && x.nameHi ? x.nameHi : x.name), [hindi]);
}
