import { describe, expect, it } from 'vitest';
import { BasicService, ServiceManager, sleep } from './index.js';

describe('BasicService', () => {
  it('goes New → Starting → Running → Stopping → Terminated', async () => {
    const seen: string[] = [];
    const svc = new BasicService('a', { running: (signal) => sleep(10_000, signal) });
    svc.onStateChange((_f, to) => seen.push(to));
    await svc.startAsync();
    expect(svc.state()).toBe('Running');
    await svc.stopAsync();
    expect(seen).toEqual(['Starting', 'Running', 'Stopping', 'Terminated']);
  });

  it('fails when starting throws and rejects startAsync with the error', async () => {
    const svc = new BasicService('b', {
      starting: () => Promise.reject(new Error('boom')),
    });
    await expect(svc.startAsync()).rejects.toThrow('boom');
    expect(svc.state()).toBe('Failed');
  });

  it('runs stopping with the failure when running throws', async () => {
    let stoppedWith: unknown;
    const svc = new BasicService('c', {
      running: () => Promise.reject(new Error('run broke')),
      stopping: (f) => {
        stoppedWith = f;
        return Promise.resolve();
      },
    });
    await svc.startAsync();
    await expect(svc.awaitTerminated()).rejects.toThrow('run broke');
    expect((stoppedWith as Error).message).toBe('run broke');
    expect(svc.state()).toBe('Failed');
  });
});

describe('ServiceManager', () => {
  it('stops in reverse order and reports a child failure', async () => {
    const order: string[] = [];
    const mk = (name: string, fail = false) =>
      new BasicService(name, {
        running: async (signal) => {
          if (fail) {
            await sleep(5);
            throw new Error(`${name} died`);
          }
          await sleep(10_000, signal);
        },
        stopping: () => {
          order.push(name);
          return Promise.resolve();
        },
      });
    const a = mk('a');
    const b = mk('b', true);
    const mgr = new ServiceManager([a, b]);
    await mgr.start();
    const failure = await mgr.awaitFailure();
    expect(failure.service).toBe('b');
    await mgr.stop();
    expect(order).toEqual(['b', 'a']);
  });
});
