import {
  checkpointText,
  entryText,
  formatVkey,
  inclusionProof,
  leafHash,
  publicKeyFromSeed,
  rootFromLeafHashes,
  signNote,
  toHex,
  utf8Encode,
  type EvmLogEntry,
} from '@evmtrail/shared';

export const ORIGIN = 'evmtrail.test/GE2029/D0412';
const SEED = new Uint8Array(32).map((_, i) => i + 1);

export const DEO = {
  id: 7,
  username: 'deo.pune',
  displayName: 'Suhas Diwase',
  role: 'deo' as const,
  jurisdiction: { level: 'district' as const, stateId: 1, districtId: 12 },
  jurisdictionName: 'Pune district',
  jurisdictionNameHi: 'पुणे ज़िला',
  homeDistrictId: 12,
};

function entry(n: number, fields: Partial<EvmLogEntry>): EvmLogEntry {
  return {
    v: 1,
    log: ORIGIN,
    ts: `2029-03-2${n}T09:30:00+05:30`,
    type: 'MOVE',
    units: ['BU-000115'],
    from: 'WH-D0412-01',
    to: 'SR-AC057',
    actor: 'OFF-D0412-0011',
    witnesses: [],
    seals: [],
    dev: 'TAB-D0412-03',
    devSeq: n + 1,
    devPrev: '0'.repeat(64),
    salt: (n + 10).toString(16).padStart(32, '0'),
    ...fields,
  };
}

/**
 * A real five-entry district log: unit BU-000115 appears in entries 0, 2 and 3, with a
 * checkpoint signed by a test key, inclusion proofs and the matching vkey.
 */
export function buildUnitDetail() {
  const texts = [
    entry(0, { type: 'FLC_PASS', event: 'flc_pass', state: 'flc_ok', from: 'FLC-1', to: 'FLC-1', seals: ['PINK-0001'] }),
    entry(1, { units: ['CU-000204'], type: 'FLC_PASS', event: 'flc_pass', state: 'flc_ok' }),
    entry(2, { event: 'allocate', state: 'allocated_poll', witnesses: ['P02-REP-03'] }),
    entry(3, { event: 'receive', state: 'in_ac_strongroom', seals: ['TRUCK-88812'], reason: 'First randomisation' }),
    entry(4, { units: ['VV-000304'] }),
  ].map(entryText);
  const leaves = texts.map((t) => leafHash(utf8Encode(t)));
  const root = rootFromLeafHashes(leaves);
  const note = signNote(checkpointText(ORIGIN, texts.length, root), ORIGIN, SEED);
  const mine = [0, 2, 3];
  return {
    unit: {
      serial: 'BU-000115',
      kind: 'BU' as const,
      maker: 'BEL' as const,
      model: 'M3' as const,
      year: 2023,
      state: 'in_ac_strongroom' as const,
      hold: 'none' as const,
      districtId: 12,
      location: { id: 31, code: 'SR-AC057', name: 'AC 57 strongroom', kind: 'strongroom' },
    },
    timeline: mine.map((i) => ({
      index: i,
      entry: texts[i] ?? '',
      leafHashHex: toHex(leaves[i] ?? new Uint8Array()),
      proof: inclusionProof(i, leaves).map(toHex),
    })),
    checkpoint: { origin: ORIGIN, size: texts.length, rootHex: toHex(root), note, verified: true },
    logVkey: formatVkey(ORIGIN, publicKeyFromSeed(SEED)),
  };
}

export type UnitDetailFixture = ReturnType<typeof buildUnitDetail>;
