/**
 * Makes sure a run leaves nothing behind: every spawned server is killed and the temp directory
 * removed, on a normal end, on an error, on SIGINT/SIGTERM, and (servers only) on process exit.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Tracks the children and directories of one run. Create one per run and call `install()`. */
export class Cleanup {
  private readonly children = new Set<ChildProcess>();
  private readonly dirs = new Set<string>();
  /** When set, directories are left in place (for `--keep-data` or a failed run's logs). */
  keepDirs = false;

  /** Registers a child to kill. */
  track(child: ChildProcess): void {
    this.children.add(child);
  }

  /** Registers a directory to remove. */
  trackDir(dir: string): void {
    this.dirs.add(dir);
  }

  /** Installs SIGINT/SIGTERM handlers (kill, clean, exit 130) and a last-resort kill on exit. */
  install(): void {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        process.stderr.write(`bench: ${sig}, stopping servers\n`);
        void this.run(3000).finally(() => process.exit(130));
      });
    }
    process.once('exit', () => {
      for (const c of this.children) if (alive(c)) c.kill('SIGKILL');
    });
  }

  /** Kills live children (SIGTERM, SIGKILL after `graceMs`), then removes the directories. */
  async run(graceMs = 15_000): Promise<void> {
    await Promise.all(
      [...this.children].map(async (c) => {
        if (!alive(c)) return;
        const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
        await gone;
        clearTimeout(timer);
      }),
    );
    if (!this.keepDirs) for (const d of this.dirs) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
  }
}

function alive(c: ChildProcess): boolean {
  return c.exitCode === null && c.signalCode === null;
}
