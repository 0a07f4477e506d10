/**
 * CPU time and memory of a server process, read from /proc (Linux only). A server that forks
 * helpers is measured as its whole live process tree.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`), read once. */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const out = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
    const n = Number(out);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`getconf CLK_TCK gave ${JSON.stringify(out)}`);
    ticksPerSecond = n;
  }
  return ticksPerSecond;
}

interface StatLine {
  ppid: number;
  ticks: number;
}

/** Parses /proc/<pid>/stat; undefined when the process is gone. */
function readStat(pid: number): StatLine | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 (comm) is parenthesised and may hold spaces; count fields after its closing paren.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unparsable /proc/${pid}/stat`);
  return { ppid, ticks: utime + stime };
}

/** The pid and its live descendants. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const st = readStat(Number(entry));
    if (st === undefined) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(Number(entry));
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0 && out.length < 10_000) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/**
 * User plus system CPU seconds used so far by `pids` (utime + stime of each live process).
 * @throws when the first pid (the server itself) has exited.
 */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const [i, pid] of pids.entries()) {
    const st = readStat(pid);
    if (st === undefined) {
      if (i === 0) throw new Error(`process ${pid} has exited`);
      continue;
    }
    ticks += st.ticks;
  }
  return ticks / clockTicks();
}

/** Reads a `kB` field of /proc/<pid>/status (e.g. VmHWM, VmRSS) in bytes; 0 if the process is gone. */
function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return 0;
  }
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m === null ? 0 : Number(m[1]) * 1024;
}

/** Peak resident set size (VmHWM) of `pids`, summed, in bytes. */
export function peakRssBytes(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + statusBytes(pid, 'VmHWM'), 0);
}

/** Current resident set size (VmRSS) of `pids`, summed, in bytes. */
export function rssBytes(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + statusBytes(pid, 'VmRSS'), 0);
}
