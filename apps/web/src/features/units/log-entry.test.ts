import { describe, expect, it } from 'vitest';
import { formatIst, readLogEntry } from './log-entry';

describe('formatIst', () => {
  it('shows Indian Standard Time whatever offset the entry used', () => {
    expect(formatIst('2029-03-21T09:30:00+05:30')).toBe('21 Mar 2029, 09:30:00 IST');
    expect(formatIst('2029-03-21T04:00:05Z')).toBe('21 Mar 2029, 09:30:05 IST');
    expect(formatIst('2029-12-31T20:00:00Z')).toBe('01 Jan 2030, 01:30:00 IST');
  });

  it('returns text it cannot parse unchanged', () => {
    expect(formatIst('yesterday')).toBe('yesterday');
  });
});

describe('readLogEntry', () => {
  it('reads the displayed fields and tolerates missing ones', () => {
    const v = readLogEntry('{"actor":"OFF-1","from":"","seals":["S1",2],"to":"SR-1","ts":"2029-03-21T09:30:00+05:30","type":"MOVE","witnesses":[]}');
    expect(v).toMatchObject({ type: 'MOVE', actor: 'OFF-1', from: null, to: 'SR-1', seals: ['S1'], witnesses: [], event: null });
  });

  it('gives a placeholder row for text that is not JSON', () => {
    expect(readLogEntry('not json')).toMatchObject({ type: '?', ts: null, seals: [] });
  });
});
