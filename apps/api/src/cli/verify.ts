/**
 * Offline verifier for an exported custody-log bundle (evmtrail-log-bundle/1).
 *
 *   pnpm verify <bundle-file> [--trust <vkey>]...
 *
 * Exit 0 and `OK: ...` when the bundle verifies, exit 1 and `FAIL: ...` when it does
 * not, exit 2 on a usage or read error. A relative path is resolved against the
 * directory pnpm was started in (INIT_CWD), since pnpm runs this from apps/api.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyBundle } from '@evmtrail/shared';

const USAGE = 'usage: pnpm verify <bundle-file> [--trust <vkey>]...';

interface CliArgs {
  readonly file: string;
  readonly trust: readonly string[];
}

type ParsedArgs = { readonly ok: true; readonly args: CliArgs } | { readonly ok: false; readonly message: string };

function parseArgs(argv: readonly string[]): ParsedArgs {
  const files: string[] = [];
  const trust: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    if (arg === '--trust') {
      const vkey = argv[i + 1];
      if (vkey === undefined) return { ok: false, message: '--trust needs a vkey' };
      trust.push(vkey);
      i += 1;
    } else if (arg.startsWith('--trust=')) {
      trust.push(arg.slice('--trust='.length));
    } else if (arg.startsWith('-')) {
      return { ok: false, message: `unknown option ${arg}` };
    } else {
      files.push(arg);
    }
  }
  const [file] = files;
  if (file === undefined || files.length > 1) return { ok: false, message: 'give exactly one bundle file' };
  return { ok: true, args: { file, trust } };
}

function describeOk(result: { origin: string; size: number; rootHex: string; signedBy: string; cosignedBy: string[] }): string {
  const cosigned = result.cosignedBy.length > 0 ? `, cosigned by ${result.cosignedBy.join(', ')}` : '';
  return `OK: ${result.origin}, ${result.size} entries, root ${result.rootHex}, signed by ${result.signedBy}${cosigned}`;
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
  const path = resolve(baseDir, parsed.args.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    console.error(`cannot read ${path}: ${(e as Error).message}`);
    return 2;
  }
  const trustedLogVkeys = parsed.args.trust.length > 0 ? parsed.args.trust : undefined;
  const result = verifyBundle(text, trustedLogVkeys === undefined ? {} : { trustedLogVkeys });
  if (result.ok) {
    console.log(describeOk(result.value));
    return 0;
  }
  const { index, reason } = result.error;
  console.log(index === undefined ? `FAIL: ${reason}` : `FAIL: entry ${index}: ${reason}`);
  return 1;
}

process.exitCode = runVerifyCli(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
