import { describe, expect, it } from 'vitest';

import { approvalRoleOf, mayApproveConsignment } from '../../src/index.ts';

describe('consignment approval', () => {
  it('the CEO or ECI approves an inter-district move, only ECI an inter-state move or a loan, nobody a move within a district', () => {
    expect(['ceo', 'eci_admin', 'deo'].filter((r) => mayApproveConsignment(r, approvalRoleOf('inter_district')))).toEqual(['ceo', 'eci_admin']);
    for (const kind of ['inter_state', 'loan'] as const) {
      expect(['ceo', 'eci_admin', 'deo'].filter((r) => mayApproveConsignment(r, approvalRoleOf(kind)))).toEqual(['eci_admin']);
    }
    expect(['ceo', 'eci_admin', 'deo'].filter((r) => mayApproveConsignment(r, approvalRoleOf('inter_warehouse')))).toEqual([]);
  });
});
