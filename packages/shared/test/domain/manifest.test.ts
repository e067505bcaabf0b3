import { describe, expect, test } from 'vitest';
import { checkManifestLine, duplicatesInFile, firstYear, serialParts, splitManifestLines } from '../../src/domain/manifest.ts';

const rules = { maker: 'BEL' as const, maxYear: 2026 };

describe('serialParts', () => {
  test('reads kind, maker and model from a serial of the scheme', () => {
    expect(serialParts('BUB3000123')).toEqual({ kind: 'BU', maker: 'BEL', model: 'M3' });
    expect(serialParts('VVE20001234')).toEqual({ kind: 'VVPAT', maker: 'ECIL', model: 'M2' });
    expect(serialParts('CUE3004567')).toEqual({ kind: 'CU', maker: 'ECIL', model: 'M3' });
  });

  test('refuses anything else', () => {
    for (const serial of ['BUX3000123', 'BUB4000123', 'BUB300012', 'BUB300012345', 'XXB3000123', 'bub3000123', 'BU-000115']) {
      expect(serialParts(serial), serial).toBeNull();
    }
  });
});

describe('checkManifestLine', () => {
  test('a correct line parses, whatever the case and spacing', () => {
    expect(checkManifestLine({ line: 2, text: ' bu , m3 , bub3000123 , 2023 ' }, rules)).toEqual({ ok: true, value: { line: 2, kind: 'BU', model: 'M3', serial: 'BUB3000123', year: 2023 } });
    expect(checkManifestLine({ line: 3, text: '"VVPAT","M3","VVB3000001","2019"' }, rules)).toMatchObject({ ok: true, value: { kind: 'VVPAT' } });
  });

  test('names each problem of a line', () => {
    const problems = (text: string) => {
      const checked = checkManifestLine({ line: 7, text }, rules);
      return checked.ok ? [] : checked.problems.map((p) => [p.type, p.expected, p.found]);
    };
    expect(problems('BU,M3,BUB3000123')).toEqual([['malformed_line', undefined, 'BU,M3,BUB3000123']]);
    expect(problems('XU,M3,BUB3000123,2023')).toEqual([['malformed_line', undefined, 'XU,M3,BUB3000123,2023']]);
    expect(problems('BU,M3,BUB3000123,23')).toEqual([['malformed_line', undefined, 'BU,M3,BUB3000123,23']]);
    expect(problems('BU,M3,B-1,2023')).toEqual([['malformed_serial', undefined, undefined]]);
    expect(problems('CU,M2,BUE3000123,2027')).toEqual([
      ['kind_mismatch', 'BU', 'CU'], ['model_mismatch', 'M3', 'M2'], ['maker_mismatch', 'BEL', 'ECIL'], ['year_out_of_range', '2017–2026', '2027'],
    ]);
    expect(problems('VVPAT,M3,VVB3000123,2017')).toEqual([['year_out_of_range', '2018–2026', '2017']]);
  });

  test('first years per model and kind', () => {
    expect([firstYear('M3', 'BU'), firstYear('M3', 'VVPAT'), firstYear('M2', 'CU'), firstYear('M2', 'VVPAT')]).toEqual([2017, 2018, 2006, 2013]);
  });
});

describe('splitManifestLines and duplicatesInFile', () => {
  test('numbers lines from the chunk start, skips the header on line 1 and blank lines', () => {
    expect(splitManifestLines('kind,model,serial,year\r\nBU,M3,BUB3000001,2023\n\nCU,M3,CUB3000001,2023', 1)).toEqual([
      { line: 2, text: 'BU,M3,BUB3000001,2023' }, { line: 4, text: 'CU,M3,CUB3000001,2023' },
    ]);
    expect(splitManifestLines('kind,model,serial,year', 5)).toEqual([{ line: 5, text: 'kind,model,serial,year' }]);
  });

  test('names every later line of a serial with the first', () => {
    expect(duplicatesInFile([{ line: 2, serial: 'A' }, { line: 3, serial: 'B' }, { line: 4, serial: 'A' }, { line: 9, serial: 'A' }])).toEqual([
      { type: 'duplicate_in_file', line: 4, serial: 'A', otherLine: 2 },
      { type: 'duplicate_in_file', line: 9, serial: 'A', otherLine: 2 },
    ]);
  });
});
