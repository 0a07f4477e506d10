/**
 * A promise settled from outside, whose rejection counts as handled even if nobody awaits it
 * (a consumer's `stopped()` may never be called; its failure must not crash the process).
 */
export class Completion {
  readonly promise: Promise<void>;
  private settle!: (err?: unknown) => void;
  private settled = false;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    this.promise.catch(() => undefined);
  }

  /** Resolves, or rejects with `err` when given. Only the first call has an effect. */
  done(err?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(err);
  }

  /** Whether `done` was called. */
  get isDone(): boolean {
    return this.settled;
  }
}
