import { describe, expect, test } from 'vitest';
import { manifestChunks } from './manifest-chunks';

describe('manifestChunks', () => {
  test('cuts a file into chunks that name their first line, dropping a BOM and trailing blank lines', () => {
    const text = '\uFEFFkind,model,serial,year\r\nBU,M3,BUB3000001,2023\nBU,M3,BUB3000002,2023\nCU,M3,CUB3000001,2023\n\n';
    expect(manifestChunks(text, 2)).toEqual([
      { firstLine: 1, text: 'kind,model,serial,year\nBU,M3,BUB3000001,2023' },
      { firstLine: 3, text: 'BU,M3,BUB3000002,2023\nCU,M3,CUB3000001,2023' },
    ]);
  });

  test('an empty file has no chunk', () => {
    expect(manifestChunks('\n\n')).toEqual([]);
  });
});
