/** Linux /proc readers: process trees and peak resident memory. */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcMemory {
  readonly pid: number;
  readonly cmdline: string;
  /** Peak resident set size (VmHWM), bytes. */
  readonly peakRssBytes: number;
  /** Current resident set size (VmRSS), bytes. */
  readonly rssBytes: number;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may contain spaces; ppid follows state.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(rest[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** `root` and every process below it, parents before children. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    if (pid === undefined) break;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function kib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export function procMemory(pid: number): ProcMemory | undefined {
  const status = readText(`/proc/${pid}/status`);
  if (!status) return undefined;
  const cmdline = (readText(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean).join(' ');
  return { pid, cmdline, peakRssBytes: kib(status, 'VmHWM'), rssBytes: kib(status, 'VmRSS') };
}

export function treeMemory(root: number): ProcMemory[] {
  return processTree(root).flatMap((pid) => procMemory(pid) ?? []);
}

export function mib(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/** Sends `signal` to the process group of `child` (spawned with `detached: true`); a gone group is fine. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
