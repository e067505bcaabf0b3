/** Command-line flags of `pnpm bench`. */
export interface BenchArgs {
  readonly only: readonly string[];
  readonly quick: boolean;
  readonly national: boolean;
  readonly keep: boolean;
  readonly list: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: pnpm bench [--only <name>[,<name>...]] [--quick] [--national] [--keep] [--list]

  --only <name>   run only these benches (repeatable or comma-separated); naming an opt-in
                  bench here runs it without its flag
  --quick         smaller sizes (a smoke run, not for comparing)
  --national      also run the national seed on PostgreSQL (long)
  --keep          keep the temporary data directories (their path is printed)
  --list          list the benches and exit`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const only: string[] = [];
  const flags = { quick: false, national: false, keep: false, list: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.startsWith('--only=') ? arg.slice('--only='.length) : argv[++i];
      if (!value) throw new Error('--only needs a bench name');
      only.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    } else if (arg === '--quick') flags.quick = true;
    else if (arg === '--national') flags.national = true;
    else if (arg === '--keep') flags.keep = true;
    else if (arg === '--list') flags.list = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else throw new Error(`Unknown argument '${arg}'`);
  }
  return { only, ...flags };
}
