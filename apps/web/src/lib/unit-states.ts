import { UNIT_KINDS, UNIT_STATES } from '@evmtrail/shared';

/**
 * Unit states in lifecycle order (the shared state machine), snake_case as on the wire. Used for
 * filter options and to keep chart colours in a stable, meaningful order; a state the server
 * sends that is not listed here still shows, after these.
 */
export const UNIT_STATE_ORDER = UNIT_STATES;

export const UNIT_KIND_ORDER = UNIT_KINDS;

const RANK = new Map<string, number>(UNIT_STATE_ORDER.map((s, i) => [s, i]));

/** Sorts states by lifecycle order, unknown ones last and alphabetically. */
export function sortStates(states: Iterable<string>): string[] {
  return [...new Set(states)].sort((a, b) => {
    const ra = RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
    const rb = RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ra !== rb ? ra - rb : a.localeCompare(b);
  });
}

/** Distinct, colour-blind-aware colours, dark enough to carry white text. */
const PALETTE = [
  '#1f5fa8', '#d9822b', '#2e8540', '#b5302e', '#6f4aa8', '#8a5a2b',
  '#c2528b', '#5b6770', '#9a8a00', '#138d90', '#324a8c', '#a4471f',
];

/** Colour for the i-th state shown; wraps around after twelve. */
export function stateColour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#5b6770';
}
