/**
 * Offline verifier for an exported custody-log bundle (evmtrail-log-bundle/1 or /2).
 *
 *   pnpm verify <bundle-file> [--trust <vkey>]... [--checkpoint <file>]...
 *
 * A /2 bundle carries the log's stored leaf hashes and nodes, so a failure names the entry
 * or the Merkle node at fault. Each --checkpoint file is an observer's saved signed checkpoint
 * (the note text, or the JSON of log.checkpoint with its `note`); one the bundle does not
 * extend (bigger, or another root at its size) is reported as a fork.
 *
 * A randomisation bundle (evmtrail-rand-bundle/1), or a directory holding the
 * randomisations/<code>/{pool.csv, demand.csv, seed.txt, allocation.csv} layout, is checked by
 * redrawing every randomisation from its published inputs: any allocation.csv that differs
 * from the redraw fails, naming the ceremony and the first differing line.
 *
 * Exit 0 and `OK: ...` when the bundle verifies, exit 1 and `FAIL: ...` when it does
 * not, exit 2 on a usage or read error. A relative path is resolved against the
 * directory pnpm was started in (INIT_CWD), since pnpm runs this from apps/api.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  describeDrawCheck,
  drawsFromFiles,
  isRandBundleText,
  parseRandBundle,
  verifyBundle,
  verifyRandomisation,
  type BundleFailure,
  type PublishedDraw,
  type SavedCheckpoint,
} from '@evmtrail/shared';

const USAGE = 'usage: pnpm verify <bundle-file | randomisation-bundle | folder with randomisations/> [--trust <vkey>]... [--checkpoint <file>]...';

interface CliArgs {
  readonly file: string;
  readonly trust: readonly string[];
  readonly checkpoints: readonly string[];
}

type ParsedArgs = { readonly ok: true; readonly args: CliArgs } | { readonly ok: false; readonly message: string };

function parseArgs(argv: readonly string[]): ParsedArgs {
  const files: string[] = [];
  const lists: Record<string, string[]> = { trust: [], checkpoint: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    const [flag = '', inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s) : [];
    const list = lists[flag];
    if (list && inline !== undefined) {
      list.push(inline);
    } else if (list) {
      const value = argv[i + 1];
      if (value === undefined) return { ok: false, message: `--${flag} needs a ${flag === 'trust' ? 'vkey' : 'file'}` };
      list.push(value);
      i += 1;
    } else if (arg.startsWith('-')) {
      return { ok: false, message: `unknown option ${arg}` };
    } else {
      files.push(arg);
    }
  }
  const [file] = files;
  if (file === undefined || files.length > 1) return { ok: false, message: 'give exactly one bundle file' };
  return { ok: true, args: { file, trust: lists.trust ?? [], checkpoints: lists.checkpoint ?? [] } };
}

function describeOk(result: { origin: string; size: number; rootHex: string; signedBy: string; cosignedBy: string[] }): string {
  const cosigned = result.cosignedBy.length > 0 ? `, cosigned by ${result.cosignedBy.join(', ')}` : '';
  return `OK: ${result.origin}, ${result.size} entries, root ${result.rootHex}, signed by ${result.signedBy}${cosigned}`;
}

/** A saved checkpoint file: the signed note, or JSON holding it as `note`. */
function savedCheckpoint(path: string, text: string): SavedCheckpoint {
  try {
    const json = JSON.parse(text) as unknown;
    if (typeof json === 'object' && json !== null && 'note' in json && typeof json.note === 'string') return { name: path, note: json.note };
  } catch {
    // Not JSON: the note text itself.
  }
  return { name: path, note: text };
}

function describeFailure({ index, reason }: BundleFailure): string {
  return index === undefined ? `FAIL: ${reason}` : `FAIL: entry ${index}: ${reason}`;
}

/** Every file under `dir`, path (relative, with /) -> text. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Redraws every randomisation; prints one line each and returns the exit code. */
function verifyDraws(draws: readonly PublishedDraw[]): number {
  if (draws.length === 0) {
    console.log('FAIL: no randomisations/<code>/ folders in the bundle');
    return 1;
  }
  const checks = draws.map(verifyRandomisation);
  for (const c of checks) console.log(describeDrawCheck(c));
  const bad = checks.filter((c) => !c.matches).length;
  console.log(bad === 0 ? `OK: ${checks.length} randomisation(s) recomputed, all identical` : `FAIL: ${bad} of ${checks.length} randomisation(s) differ from their redraw`);
  return bad === 0 ? 0 : 1;
}

/** Runs the verifier and returns the exit code. */
function runVerifyCli(argv: readonly string[], baseDir: string): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    console.error(`${parsed.message}\n${USAGE}`);
    return 2;
  }
  const bundlePath = resolve(baseDir, parsed.args.file);
  try {
    if (statSync(bundlePath).isDirectory()) {
      const draws = drawsFromFiles(readTree(bundlePath));
      if (!draws.ok) {
        console.log(`FAIL: ${draws.error.message}`);
        return 1;
      }
      return verifyDraws(draws.value);
    }
  } catch (e) {
    console.error(`cannot read ${bundlePath}: ${(e as Error).message}`);
    return 2;
  }
  const files = [bundlePath, ...parsed.args.checkpoints.map((f) => resolve(baseDir, f))];
  const texts: string[] = [];
  for (const path of files) {
    try {
      texts.push(readFileSync(path, 'utf8'));
    } catch (e) {
      console.error(`cannot read ${path}: ${(e as Error).message}`);
      return 2;
    }
  }
  const [text = '', ...saved] = texts;
  if (isRandBundleText(text)) {
    const draws = parseRandBundle(text);
    if (!draws.ok) {
      console.log(`FAIL: ${draws.error.message}`);
      return 1;
    }
    return verifyDraws(draws.value);
  }
  const savedCheckpoints = saved.map((t, i) => savedCheckpoint(parsed.args.checkpoints[i] ?? '', t));
  const trustedLogVkeys = parsed.args.trust.length > 0 ? parsed.args.trust : undefined;
  const result = verifyBundle(text, { savedCheckpoints, ...(trustedLogVkeys === undefined ? {} : { trustedLogVkeys }) });
  if (result.ok) {
    const forks = savedCheckpoints.length > 0 ? `; extends ${savedCheckpoints.length} saved checkpoint(s)` : '';
    console.log(describeOk(result.value) + forks);
    return 0;
  }
  console.log(describeFailure(result.error));
  return 1;
}

process.exitCode = runVerifyCli(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
