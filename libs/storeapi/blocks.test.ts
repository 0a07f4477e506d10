import { describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { labelsFrom, Matcher, type Queryable } from '../model/index.js';
import { BlocksQueryable, readBlocks, type BlockRouter, type RoutedBlock } from './index.js';

const blocks: RoutedBlock[] = [
  { id: 'B1', replicas: ['sg-1', 'sg-2'] },
  { id: 'B2', replicas: ['sg-2', 'sg-1'] },
  { id: 'B3', replicas: ['sg-1', 'sg-3'] },
];

/** Records calls; stores in `down` fail with `unavailable`. */
function recorder(down: Set<string>, err: () => Error = () => new EpimetheusError('unavailable', 'down')) {
  const calls: [string, string[]][] = [];
  const call = (addr: string, ids: string[]): Promise<string[]> => {
    calls.push([addr, ids]);
    return down.has(addr) ? Promise.reject(err()) : Promise.resolve(ids);
  };
  return { calls, call };
}

describe('readBlocks', () => {
  it("asks each block's first replica once, grouping the blocks per store", async () => {
    const r = recorder(new Set());
    const got = await readBlocks(blocks, 't', r.call);
    expect(r.calls.sort()).toEqual([
      ['sg-1', ['B1', 'B3']],
      ['sg-2', ['B2']],
    ]);
    expect(got.flat().sort()).toEqual(['B1', 'B2', 'B3']);
  });

  it('reads the blocks of a failed store from their next replicas', async () => {
    const r = recorder(new Set(['sg-1']));
    const failovers: string[] = [];
    const got = await readBlocks(blocks, 't', r.call, (addr, ids) =>
      failovers.push(`${addr}:${ids.join(',')}`),
    );
    expect(failovers).toEqual(['sg-1:B1,B3']);
    expect(got.flat().sort()).toEqual(['B1', 'B2', 'B3']);
    expect(r.calls).toContainEqual(['sg-3', ['B3']]);
    expect(r.calls).toContainEqual(['sg-2', ['B1']]);
  });

  it('fails naming the block no replica could read, rather than answering without it', async () => {
    const r = recorder(new Set(['sg-1', 'sg-3']));
    const err = await readBlocks(blocks, 't', r.call).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EpimetheusError);
    expect((err as EpimetheusError).category).toBe('unavailable');
    expect((err as Error).message).toContain('block B3 of tenant t');
    expect((err as Error).message).toContain('sg-1, sg-3');
  });

  it('fails a block without any owner', async () => {
    await expect(readBlocks([{ id: 'B9', replicas: [] }], 't', recorder(new Set()).call)).rejects.toThrow(
      'no healthy store-gateway owns it',
    );
  });

  it("does not retry the caller's errors", async () => {
    const r = recorder(new Set(['sg-1']), () => new EpimetheusError('bad_data', 'bad matcher'));
    await expect(readBlocks(blocks, 't', r.call)).rejects.toThrow('bad matcher');
    expect(r.calls.map(([a]) => a).sort()).toEqual(['sg-1', 'sg-2']);
  });
});

describe('BlocksQueryable', () => {
  it('merges what each store returns for its blocks and passes the block IDs', async () => {
    const asked: string[] = [];
    const store = (addr: string, ids: readonly string[]): Queryable => ({
      querier: () => {
        asked.push(`${addr}:${ids.join(',')}`);
        return Promise.resolve({
          select: () =>
            Promise.resolve(
              ids.map((id) => ({
                labels: labelsFrom({ __name__: 'm', block: id }),
                timestamps: Float64Array.of(1),
                values: Float64Array.of(2),
              })),
            ),
          labelNames: () => Promise.resolve(['__name__', 'block']),
          labelValues: () => Promise.resolve([...ids]),
        });
      },
    });
    const router: BlockRouter = {
      route: () => Promise.resolve(blocks),
      queryable: (addr, _t, ids) => store(addr, ids),
    };
    const q = await new BlocksQueryable(router, 't').querier(0, 10);
    const got = await q.select([new Matcher('=', '__name__', 'm')], { start: 0, end: 10 });
    expect(got.map((s) => s.labels.find((l) => l.name === 'block')!.value)).toEqual(['B1', 'B2', 'B3']);
    expect(asked.sort()).toEqual(['sg-1:B1,B3', 'sg-2:B2']);
    expect(await q.labelValues('block', [], { start: 0, end: 10 })).toEqual(['B1', 'B2', 'B3']);
  });
});
