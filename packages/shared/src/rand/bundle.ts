/**
 * The randomisation part of an export bundle and its verifier (browser and Node).
 *
 * Layout: one folder per ceremony, `randomisations/<code>/` holding pool.csv, demand.csv,
 * seed.txt (the seed string, no newline), allocation.csv and ceremony.json (who did each step
 * and when, the commitments, dice and reveals; informative, not needed to recompute). As a single
 * file the folders travel as `evmtrail-rand-bundle/1`: canonical JSON `{ files, format }` mapping
 * each path to its exact text.
 *
 * `verifyRandomisation` redraws from pool.csv, demand.csv and seed.txt (redrawFromFiles) and
 * compares the recomputed allocation.csv with the published one byte for byte, naming the first
 * line that differs.
 */
import { canonicalJson } from '../log/canonical.ts';
import { err, ok, type Result } from '../lib/result.ts';
import { redrawFromFiles } from './allocate.ts';
import { sha256Hex } from './ticket.ts';

export const RAND_BUNDLE_FORMAT = 'evmtrail-rand-bundle/1';
export const RAND_BUNDLE_DIR = 'randomisations';
export const RAND_FILE_NAMES = ['pool.csv', 'demand.csv', 'seed.txt', 'allocation.csv', 'ceremony.json'] as const;
export type RandFileName = (typeof RAND_FILE_NAMES)[number];

/** The published inputs and result of one finalised draw. */
export interface PublishedDraw {
  readonly code: string;
  readonly poolCsv: string;
  readonly demandCsv: string;
  readonly seed: string;
  readonly allocationCsv: string;
  /** ceremony.json: anything JSON (steps, who, when); canonical JSON in the bundle. */
  readonly ceremony?: unknown;
}

/** The path of one file of a ceremony in the bundle layout. */
export function randFilePath(code: string, name: RandFileName): string {
  return `${RAND_BUNDLE_DIR}/${code}/${name}`;
}

/** The files of one draw, path -> exact text. */
export function randomisationFiles(draw: PublishedDraw): Record<string, string> {
  return {
    [randFilePath(draw.code, 'pool.csv')]: draw.poolCsv,
    [randFilePath(draw.code, 'demand.csv')]: draw.demandCsv,
    [randFilePath(draw.code, 'seed.txt')]: draw.seed,
    [randFilePath(draw.code, 'allocation.csv')]: draw.allocationCsv,
    [randFilePath(draw.code, 'ceremony.json')]: `${canonicalJson(draw.ceremony ?? { code: draw.code })}\n`,
  };
}

/** The single-file bundle of some draws (canonical JSON, so the same draws give the same bytes). */
export function encodeRandBundle(draws: readonly PublishedDraw[]): string {
  const files: Record<string, string> = {};
  for (const d of draws) Object.assign(files, randomisationFiles(d));
  return canonicalJson({ files, format: RAND_BUNDLE_FORMAT });
}

export interface RandBundleError {
  readonly type: 'rand_bundle_invalid';
  readonly message: string;
  readonly code?: string;
}

/** The draws held by a files map (any path prefix before `randomisations/` is ignored). */
export function drawsFromFiles(files: Readonly<Record<string, string>>): Result<PublishedDraw[], RandBundleError> {
  const byCode = new Map<string, Partial<Record<RandFileName, string>>>();
  for (const [path, text] of Object.entries(files)) {
    const m = /(?:^|\/)randomisations\/([A-Za-z0-9-]+)\/([a-z.]+)$/.exec(path);
    if (!m) continue;
    const [, code = '', name = ''] = m;
    if (!(RAND_FILE_NAMES as readonly string[]).includes(name)) continue;
    const entry = byCode.get(code) ?? {};
    entry[name as RandFileName] = text;
    byCode.set(code, entry);
  }
  const draws: PublishedDraw[] = [];
  for (const [code, f] of [...byCode.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const missing = (['pool.csv', 'demand.csv', 'seed.txt', 'allocation.csv'] as const).filter((n) => f[n] === undefined);
    if (missing.length > 0) return err({ type: 'rand_bundle_invalid', code, message: `Randomisation ${code} lacks ${missing.join(', ')}` });
    let ceremony: unknown;
    if (f['ceremony.json'] !== undefined) {
      try {
        ceremony = JSON.parse(f['ceremony.json']) as unknown;
      } catch {
        return err({ type: 'rand_bundle_invalid', code, message: `Randomisation ${code}: ceremony.json is not JSON` });
      }
    }
    draws.push({ code, poolCsv: f['pool.csv'] ?? '', demandCsv: f['demand.csv'] ?? '', seed: (f['seed.txt'] ?? '').trim(), allocationCsv: f['allocation.csv'] ?? '', ...(ceremony === undefined ? {} : { ceremony }) });
  }
  return ok(draws);
}

/** Parses an `evmtrail-rand-bundle/1` file, or any JSON with a `files` map or `randomisations` list. */
export function parseRandBundle(text: string): Result<PublishedDraw[], RandBundleError> {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return err({ type: 'rand_bundle_invalid', message: 'The bundle is not JSON' });
  }
  if (typeof json !== 'object' || json === null) return err({ type: 'rand_bundle_invalid', message: 'The bundle is not a JSON object' });
  const files = (json as { files?: unknown }).files;
  if (typeof files !== 'object' || files === null || Object.values(files).some((v) => typeof v !== 'string')) {
    return err({ type: 'rand_bundle_invalid', message: `The bundle has no "files" map of path to text (format ${RAND_BUNDLE_FORMAT})` });
  }
  return drawsFromFiles(files as Record<string, string>);
}

/** Whether a JSON text looks like a randomisation bundle (cheap check on its format field). */
export function isRandBundleText(text: string): boolean {
  return text.includes(`"format":"${RAND_BUNDLE_FORMAT}"`);
}

export interface FirstDifference {
  /** 1-based line of allocation.csv. */
  readonly line: number;
  /** The published line ('' when the published file is shorter). */
  readonly published: string;
  /** The recomputed line ('' when the recomputed file is shorter). */
  readonly recomputed: string;
}

export interface DrawCheck {
  readonly code: string;
  readonly matches: boolean;
  readonly publishedHash: string;
  /** Undefined when the inputs could not be redrawn (see `problem`). */
  readonly recomputedHash?: string;
  readonly recomputedCsv?: string;
  readonly firstDifference?: FirstDifference;
  /** Why the draw could not be recomputed (bad or non-canonical input, seed naming other files). */
  readonly problem?: string;
}

/** The first line where two texts differ, or undefined when they are equal. */
export function firstDifference(published: string, recomputed: string): FirstDifference | undefined {
  if (published === recomputed) return undefined;
  const a = published.split('\n');
  const b = recomputed.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return { line: i + 1, published: a[i] ?? '', recomputed: b[i] ?? '' };
  }
  return { line: a.length, published: a.at(-1) ?? '', recomputed: b.at(-1) ?? '' };
}

/** Recomputes one draw from its published inputs and compares it with the published allocation. */
export function verifyRandomisation(draw: PublishedDraw): DrawCheck {
  const publishedHash = sha256Hex(draw.allocationCsv);
  const redrawn = redrawFromFiles({ poolCsv: draw.poolCsv, demandCsv: draw.demandCsv, seed: draw.seed });
  if (!redrawn.ok) {
    const where = redrawn.error.line === undefined ? '' : ` (line ${redrawn.error.line})`;
    return { code: draw.code, matches: false, publishedHash, problem: `${redrawn.error.message}${where}` };
  }
  const diff = firstDifference(draw.allocationCsv, redrawn.value.csv);
  return {
    code: draw.code,
    matches: diff === undefined,
    publishedHash,
    recomputedHash: redrawn.value.hash,
    recomputedCsv: redrawn.value.csv,
    ...(diff === undefined ? {} : { firstDifference: diff }),
  };
}

/** One sentence per check, in English (the CLI's output). */
export function describeDrawCheck(c: DrawCheck): string {
  if (c.matches) return `OK: randomisation ${c.code} recomputed, allocation.csv identical (sha256 ${c.publishedHash})`;
  if (c.problem !== undefined) return `FAIL: randomisation ${c.code} cannot be recomputed: ${c.problem}`;
  const d = c.firstDifference;
  const at = d === undefined ? '' : `; first difference at line ${d.line}: published "${d.published}", recomputed "${d.recomputed}"`;
  return `FAIL: randomisation ${c.code}: allocation.csv differs from the redraw (published sha256 ${c.publishedHash}, recomputed ${c.recomputedHash ?? '?'})${at}`;
}
