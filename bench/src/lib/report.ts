/** Printing figures and writing bench/results/*.json. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { MachineFacts } from './machine.ts';
import type { BenchOutcome, Figure } from './types.ts';

export const RESULTS_FORMAT = 'evmtrail-bench-results/1';

export interface Results {
  readonly format: typeof RESULTS_FORMAT;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly totalSeconds: number;
  readonly argv: readonly string[];
  readonly options: { readonly quick: boolean; readonly only: readonly string[]; readonly national: boolean };
  readonly machine: MachineFacts;
  readonly loadAverageAtEnd: readonly number[];
  readonly benches: readonly BenchOutcome[];
  readonly figures: readonly Figure[];
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function figureLine(figure: Figure): string {
  return `${figure.name}: ${formatValue(figure.value)} ${figure.unit}`;
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 2 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

export function summaryTable(results: Results): string {
  const rows: string[][] = [['bench', 'figure', 'value', 'unit']];
  for (const bench of results.benches) {
    const figures = results.figures.filter((f) => f.bench === bench.name);
    if (figures.length === 0) rows.push([bench.name, `(${bench.status}${bench.error ? `: ${bench.error.split('\n')[0]?.slice(0, 80) ?? ''}` : ''})`, '', '']);
    for (const f of figures) rows.push([bench.name, f.name, formatValue(f.value), f.unit]);
  }
  const status = results.benches
    .map((b) => `  ${b.status.padEnd(7)} ${b.name} (${b.seconds.toFixed(1)} s)${b.notes.length ? `\n${b.notes.map((n) => `          note: ${n}`).join('\n')}` : ''}`)
    .join('\n');
  return `${table(rows)}\n\n${status}`;
}

/** `20261122T234005Z`: ISO 8601 basic format, safe in file names. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function writeResults(dir: string, results: Results): { file: string; latest: string } {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(dir, `${fileStamp(new Date(results.startedAt))}.json`);
  const latest = join(dir, 'latest.json');
  writeAtomically(file, text);
  writeAtomically(latest, text);
  return { file, latest };
}
