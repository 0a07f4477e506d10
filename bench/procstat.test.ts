import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { clockTicks, cpuSeconds, peakRssBytes, processTree, rssBytes } from './procstat.js';

describe('procstat', () => {
  it('reads clock ticks per second', () => {
    expect(clockTicks()).toBeGreaterThan(0);
  });

  it('counts the CPU this process burns, as process.cpuUsage does', () => {
    const before = cpuSeconds([process.pid]);
    const usage0 = process.cpuUsage();
    const deadline = performance.now() + 10_000;
    let x = 0;
    // Burn 100 ms of CPU however busy the machine is (bounded by 10 s of wall time).
    while (cpuMicros(process.cpuUsage(usage0)) < 100_000 && performance.now() < deadline)
      x += Math.sqrt(x + 1);
    const used = cpuMicros(process.cpuUsage(usage0)) / 1e6;
    const measured = cpuSeconds([process.pid]) - before;
    expect(used).toBeGreaterThanOrEqual(0.1);
    expect(Math.abs(measured - used)).toBeLessThanOrEqual(3 / clockTicks() + 0.01);
  });

  it('reads peak and current RSS, peak at least current', () => {
    const rss = rssBytes([process.pid]);
    expect(rss).toBeGreaterThan(10 * 2 ** 20);
    expect(peakRssBytes([process.pid])).toBeGreaterThanOrEqual(rss);
  });

  it('finds children in the process tree and fails once the server itself is gone', async () => {
    const child = spawn('sleep', ['5']);
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try {
      expect(processTree(process.pid)).toContain(child.pid);
      expect(processTree(child.pid!)).toEqual([child.pid]);
    } finally {
      child.kill('SIGKILL');
    }
    await gone;
    expect(() => cpuSeconds([child.pid!])).toThrow(/has exited/);
  });
});

function cpuMicros(u: NodeJS.CpuUsage): number {
  return u.user + u.system;
}
