import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value in a COPY text-format row: null is \N, bytes are bytea hex, the rest is text. */
export type CopyValue = string | number | boolean | null | Uint8Array | Date;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`;
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

/** One COPY text-format line (tab-separated, newline-terminated). */
function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    line += field(values[i] ?? null);
  }
  return `${line}\n`;
}

/** Joins generated lines into ~256 KB chunks so the stream moves few, large buffers. */
async function* batched(rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>, onRows: (n: number) => void): AsyncGenerator<string> {
  const LIMIT = 256 * 1024;
  let buffer = '';
  let count = 0;
  for await (const row of rows) {
    buffer += copyLine(row);
    count++;
    if (buffer.length >= LIMIT) {
      onRows(count);
      count = 0;
      yield buffer;
      buffer = '';
    }
  }
  onRows(count);
  if (buffer.length > 0) yield buffer;
}

/**
 * Streams rows into `table` with COPY ... FROM STDIN (text format). Rows are generated lazily
 * and written with back-pressure, so memory stays bounded whatever the row count.
 */
export async function copyRows(
  client: pg.ClientBase,
  input: {
    table: string;
    columns: readonly string[];
    rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>;
    onRows?: (n: number) => void;
  },
): Promise<number> {
  let total = 0;
  const onRows = (n: number): void => {
    total += n;
    input.onRows?.(n);
  };
  const sql = `COPY ${input.table} (${input.columns.join(', ')}) FROM STDIN`;
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(batched(input.rows, onRows)), stream);
  return total;
}
