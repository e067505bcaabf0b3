import { describe, expect, test } from 'vitest';
import {
  ACTIONS,
  PERMISSIONS,
  ROLES,
  WRITE_ACTIONS,
  can,
  describeJurisdiction,
  isWriteAction,
  type Action,
  type Jurisdiction,
  type Place,
  type Role,
} from '../../src/domain/index.ts';

const READS: readonly Action[] = ['unit.read', 'location.read', 'log.read', 'log.export', 'dashboard.read'];
const ADMIN_READS: readonly Action[] = [...READS, 'user.read'];

/** The expected matrix, written out by hand from eci-brief §12.5 (not derived from PERMISSIONS). */
const EXPECTED: Readonly<Record<Role, readonly Action[]>> = {
  eci_admin: [
    ...ADMIN_READS, 'unit.transition', 'log.checkpoint.sign', 'location.manage', 'election.configure', 'user.manage',
    'receipt.manage', 'receipt.resolve', 'stocktake.run', 'stocktake.scan', 'flc.run', 'consignment.manage', 'consignment.approve',
  ],
  ceo: [
    ...ADMIN_READS, 'unit.transition', 'location.manage', 'user.manage', 'receipt.manage', 'receipt.resolve', 'stocktake.run', 'stocktake.scan',
    'flc.run', 'consignment.manage', 'consignment.approve',
  ],
  deo: [
    ...ADMIN_READS, 'unit.transition', 'log.checkpoint.sign', 'location.manage', 'strongroom.session', 'user.manage',
    'receipt.manage', 'receipt.resolve', 'stocktake.run', 'stocktake.scan', 'flc.run', 'consignment.manage', 'ceremony.run', 'ceremony.commit',
  ],
  dy_deo: [...ADMIN_READS, 'unit.transition', 'strongroom.session', 'receipt.manage', 'stocktake.run', 'stocktake.scan', 'flc.run'],
  ro: [...ADMIN_READS, 'unit.transition', 'location.manage', 'strongroom.session', 'consignment.manage', 'ceremony.run', 'ceremony.commit', 'set.manage', 'set.commission'],
  warehouse: [...READS, 'unit.transition', 'strongroom.session', 'receipt.manage', 'stocktake.scan', 'consignment.manage'],
  engineer: [...READS, 'unit.transition', 'set.commission'],
  sector_officer: [...READS, 'unit.transition', 'poll.replace'],
  presiding_officer: [...READS, 'unit.transition', 'poll.preside'],
  observer: [...READS, 'log.cosign', 'ceremony.finalise'],
  party_rep: [...READS, 'log.cosign', 'ceremony.commit'],
};

/** Each role at its usual level; `inside` is in its jurisdiction, `outside` is not (none for nation). */
interface Setting {
  readonly jurisdiction: Jurisdiction;
  readonly inside: Place;
  readonly outside: Place | null;
}
const NATION: Setting = { jurisdiction: { level: 'nation' }, inside: { stateId: 9, districtId: 99 }, outside: null };
const STATE: Setting = {
  jurisdiction: { level: 'state', stateId: 1 },
  inside: { stateId: 1, districtId: 13 },
  outside: { stateId: 2, districtId: 21 },
};
const DISTRICT: Setting = {
  jurisdiction: { level: 'district', stateId: 1, districtId: 12 },
  inside: { stateId: 1, districtId: 12, acId: 57 },
  outside: { stateId: 1, districtId: 13 },
};
const AC: Setting = {
  jurisdiction: { level: 'ac', stateId: 1, districtId: 12, acId: 57 },
  inside: { stateId: 1, districtId: 12, acId: 57 },
  outside: { stateId: 1, districtId: 12, acId: 58 },
};
const SETTINGS: Readonly<Record<Role, Setting>> = {
  eci_admin: NATION, ceo: STATE, deo: DISTRICT, dy_deo: DISTRICT, warehouse: DISTRICT, engineer: DISTRICT,
  ro: AC, sector_officer: AC, presiding_officer: AC, observer: AC, party_rep: AC,
};

const CASES = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action })));

describe('can: role x action x jurisdiction', () => {
  test.each(CASES)('$role / $action', ({ role, action }) => {
    const { jurisdiction, inside, outside } = SETTINGS[role];
    const actor = { role, jurisdiction };
    const allowed = EXPECTED[role].includes(action);
    const atInside = can(actor, action, inside);
    const atOutside = outside ? can(actor, action, outside) : null;
    if (!allowed) {
      expect(atInside).toMatchObject({ ok: false, error: { type: 'forbidden', role, action } });
      expect(atOutside?.ok ?? false).toBe(false);
      if (atOutside && !atOutside.ok) expect(atOutside.error.type).toBe('forbidden');
      return;
    }
    expect(atInside).toEqual({ ok: true, value: true });
    expect(can(actor, action)).toEqual({ ok: true, value: true });
    if (atOutside) expect(atOutside).toMatchObject({ ok: false, error: { type: 'outside_jurisdiction' } });
  });

  test('the PERMISSIONS data equals the expected matrix', () => {
    for (const action of ACTIONS) {
      const expected = ROLES.filter((role) => EXPECTED[role].includes(action));
      expect([...PERMISSIONS[action]].sort(), action).toEqual([...expected].sort());
    }
  });

  test('observers and party representatives do no write action but cosign and take their part in a ceremony', () => {
    const own = { observer: 'ceremony.finalise', party_rep: 'ceremony.commit' } as const;
    for (const role of ['observer', 'party_rep'] as const) {
      const writes = WRITE_ACTIONS.filter((action) => can({ role, jurisdiction: AC.jurisdiction }, action).ok);
      expect(writes).toEqual(['log.cosign', own[role]]);
      expect(can({ role, jurisdiction: { level: 'nation' } }, 'unit.transition').ok).toBe(false);
    }
  });

  test('messages name the role, the action and the district or AC', () => {
    const deo = { role: 'deo' as const, jurisdiction: DISTRICT.jurisdiction };
    expect(can(deo, 'election.configure')).toEqual({
      ok: false,
      error: { type: 'forbidden', role: 'deo', action: 'election.configure', message: "Role 'deo' may not do 'election.configure'" },
    });
    const outsideDistrict = can(deo, 'unit.read', { stateId: 1, districtId: 13 });
    expect(!outsideDistrict.ok && outsideDistrict.error.message).toBe(
      "Role 'deo' (district 12) may not do 'unit.read' in district 13",
    );
    const ro = { role: 'ro' as const, jurisdiction: AC.jurisdiction };
    const outsideAc = can(ro, 'unit.transition', { stateId: 1, districtId: 12, acId: 58 });
    expect(!outsideAc.ok && outsideAc.error.message).toBe(
      "Role 'ro' (AC 57 of district 12) may not do 'unit.transition' in AC 58 of district 12",
    );
  });

  test('an AC user does not see district-level things with no AC', () => {
    const ro = { role: 'ro' as const, jurisdiction: AC.jurisdiction };
    expect(can(ro, 'unit.read', { stateId: 1, districtId: 12 }).ok).toBe(false);
    expect(can(ro, 'unit.read', { stateId: 1, districtId: 12, acId: null }).ok).toBe(false);
  });

  test('write actions and jurisdiction descriptions', () => {
    expect(ACTIONS.filter(isWriteAction)).toEqual([...WRITE_ACTIONS]);
    expect(describeJurisdiction({ level: 'nation' })).toBe('nation');
    expect(describeJurisdiction({ level: 'state', stateId: 3 })).toBe('state 3');
    expect(describeJurisdiction({ level: 'state' })).toBe('state ?');
    expect(describeJurisdiction({ level: 'district' })).toBe('district ?');
    expect(describeJurisdiction({ level: 'ac' })).toBe('AC ? of district ?');
    expect(() => describeJurisdiction({ level: 'moon' as never })).toThrow('moon');
  });
});
