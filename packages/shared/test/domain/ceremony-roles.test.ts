import { describe, expect, test } from 'vitest';
import { ceremonyRunnerRole, mayRunCeremony, ROLES } from '../../src/domain/index.ts';

describe('who runs a randomisation ceremony (one rule for the api and the web)', () => {
  test('the DEO runs district draws, the RO of the AC runs AC draws', () => {
    expect(ceremonyRunnerRole({ stage: 'first', acId: null })).toBe('deo');
    expect(ceremonyRunnerRole({ stage: 'supplementary', acId: null })).toBe('deo');
    expect(ceremonyRunnerRole({ stage: 'supplementary', acId: 16 })).toBe('ro');
    expect(ceremonyRunnerRole({ stage: 'second', acId: 16 })).toBe('ro');
  });

  test('no other role runs any stage; observers and parties never do', () => {
    for (const role of ROLES) {
      expect(mayRunCeremony(role, { stage: 'first', acId: null }), role).toBe(role === 'deo');
      expect(mayRunCeremony(role, { stage: 'second', acId: 16 }), role).toBe(role === 'ro');
    }
  });
});
