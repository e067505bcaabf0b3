import {
  checkManifestLine, duplicatesInFile, splitManifestLines,
  type Maker, type ManifestLine, type ManifestProblem, type ManifestProblemType, type ManifestReport,
} from '@evmtrail/shared';

import type { Queryable } from '../../db/handle.ts';
import * as repo from './receipt.repository.ts';

/** Problems sent to the browser at most; the counts cover them all. */
export const REPORT_LIMIT = 2000;

export interface ManifestCheck {
  readonly report: ManifestReport;
  /** The lines without any problem, in file order. */
  readonly clean: readonly ManifestLine[];
  /** Every problem, for acceptance with exclusions. */
  readonly problems: readonly ManifestProblem[];
}

/**
 * The whole uploaded manifest checked before anything is taken in: each line on its own
 * (shared `checkManifestLine`), serials written twice, and serials already held anywhere in the
 * country (named by location in this district, only as 'another district' elsewhere).
 */
export async function checkManifest(db: Queryable, p: { districtId: number; receiptId: number; maker: Maker; now: Date }): Promise<ManifestCheck> {
  const uploaded = await repo.uploadedLines(db, p.districtId, p.receiptId);
  const rules = { maker: p.maker, maxYear: p.now.getUTCFullYear() };
  const problems: ManifestProblem[] = [];
  const parsed: ManifestLine[] = [];
  for (const line of uploaded.flatMap((u) => splitManifestLines(u.text, u.line))) {
    const checked = checkManifestLine(line, rules);
    if (checked.ok) parsed.push(checked.value);
    else problems.push(...checked.problems);
  }
  problems.push(...duplicatesInFile(parsed));
  const known = await repo.knownSerials(db, [...new Set(parsed.map((l) => l.serial))]);
  const where = new Map(known.map((k) => [k.serial, k]));
  for (const line of parsed) {
    const unit = where.get(line.serial);
    if (!unit) continue;
    problems.push(unit.districtId === p.districtId
      ? { type: 'known_in_district', line: line.line, serial: line.serial, locationName: unit.locationName }
      : { type: 'known_elsewhere', line: line.line, serial: line.serial });
  }
  problems.sort((a, b) => a.line - b.line);
  const troubled = new Set(problems.map((x) => x.line));
  const clean = parsed.filter((l) => !troubled.has(l.line));
  const counts: Partial<Record<ManifestProblemType, number>> = {};
  for (const problem of problems) counts[problem.type] = (counts[problem.type] ?? 0) + 1;
  const lines = new Set([...parsed.map((l) => l.line), ...troubled]).size;
  return { report: { lines, clean: clean.length, counts, problems: problems.slice(0, REPORT_LIMIT), total: problems.length }, clean, problems };
}
