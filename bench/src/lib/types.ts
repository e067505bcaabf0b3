/** What a bench module is and what it may use while it runs. */
import type { Fixtures } from './fixtures.ts';

export interface FigureInput {
  /** Stable id for comparing runs (e.g. `unit-by-serial.http.p50`). */
  readonly id: string;
  /** Human label, as printed. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** How the figure was measured: enough to reproduce or to distrust it. */
  readonly how: string;
  /** Sizes, samples, sub-timings: anything that explains the value. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Figure extends FigureInput {
  readonly bench: string;
}

export type FixtureName = 'seeded-pglite';

export interface BenchContext {
  readonly quick: boolean;
  /** A directory of this bench's own, removed after the run (unless --keep). */
  readonly tmpDir: string;
  /** Repository root (/work/main). */
  readonly root: string;
  readonly fixtures: Fixtures;
  /** Records and prints a figure at once. */
  record(figure: FigureInput): void;
  /** Something a reader of the results should know (skips, caveats). */
  note(text: string): void;
  /** Progress line, printed only. */
  log(text: string): void;
  /** Milliseconds left of this bench's time budget. */
  timeLeftMs(): number;
  /** Runs after the bench, also when it fails or times out (stop servers, close databases). */
  readonly onCleanup: (fn: () => Promise<void> | void) => void;
}

export interface Bench {
  readonly name: string;
  readonly title: string;
  /** Hard time limit of the bench itself (fixtures it needs have their own). */
  readonly budgetSeconds: { readonly full: number; readonly quick: number };
  readonly needs?: readonly FixtureName[];
  /** Runs only when this flag is given (e.g. `--national`). */
  readonly optInFlag?: string;
  run(ctx: BenchContext): Promise<void>;
}

export type BenchStatus = 'ok' | 'failed' | 'timeout' | 'skipped';

export interface BenchOutcome {
  readonly name: string;
  readonly title: string;
  readonly status: BenchStatus;
  readonly seconds: number;
  readonly error?: string;
  readonly notes: readonly string[];
}
