import type { TFunction } from 'i18next';
import { humanize } from '../i18n';

/** Translated name of a unit kind (BU, CU, VVPAT). */
export function kindLabel(t: TFunction, kind: string): string {
  return t(`kinds.${kind}`, { defaultValue: kind });
}

/** Translated name of a snake_case unit state; unknown states are still readable. */
export function stateLabel(t: TFunction, state: string): string {
  return t(`states.${state}`, { defaultValue: humanize(state) });
}

export function locationKindLabel(t: TFunction, kind: string): string {
  return t(`locationKinds.${kind}`, { defaultValue: humanize(kind) });
}

export function holdLabel(t: TFunction, hold: string): string {
  return t(`holds.${hold}`, { defaultValue: humanize(hold) });
}

export function roleLabel(t: TFunction, role: string): string {
  return t(`roles.${role}`, { defaultValue: humanize(role) });
}

export { formatCount } from './format';

/** Translated name of a snake_case lifecycle event (`pass_flc`). */
export function eventLabel(t: TFunction, event: string): string {
  return t(`events.${event}`, { defaultValue: humanize(event) });
}

/**
 * Whether names are best shown in Devanagari: Hindi and Marathi (`hi`, `hi-IN`, `mr`). The api
 * carries one Devanagari name per place (`nameHi`); Marathi readers get it rather than English.
 */
export function prefersDevanagari(language: string): boolean {
  return language.startsWith('hi') || language.startsWith('mr');
}

/** The signed-in user's jurisdiction in the interface language. */
export function jurisdictionLabel(me: { jurisdictionName: string; jurisdictionNameHi: string }, language: string): string {
  return prefersDevanagari(language) ? me.jurisdictionNameHi : me.jurisdictionName;
}
