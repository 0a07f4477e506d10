import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, FlagSet, formatDuration, parseDuration } from './index.js';

function flags(): FlagSet {
  return new FlagSet().register([
    { name: 'server.http-listen-port', type: 'int', default: 8080, help: '' },
    { name: 'auth.multitenancy-enabled', type: 'bool', default: false, help: '' },
    { name: 'ingester.block-range', type: 'duration', default: 7_200_000, help: '' },
    { name: 'kafka.brokers', type: 'list', default: [], help: '' },
  ]);
}

describe('FlagSet.parse', () => {
  const cases: { name: string; argv: string[]; flag: string; want: unknown }[] = [
    { name: 'default', argv: [], flag: 'server.http-listen-port', want: 8080 },
    { name: 'equals form', argv: ['--server.http-listen-port=9000'], flag: 'server.http-listen-port', want: 9000 },
    { name: 'space form', argv: ['--server.http-listen-port', '9001'], flag: 'server.http-listen-port', want: 9001 },
    { name: 'bare bool', argv: ['--auth.multitenancy-enabled'], flag: 'auth.multitenancy-enabled', want: true },
    { name: 'duration', argv: ['--ingester.block-range=1h30m'], flag: 'ingester.block-range', want: 5_400_000 },
    { name: 'list', argv: ['--kafka.brokers=a:1,b:2'], flag: 'kafka.brokers', want: ['a:1', 'b:2'] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(flags().parse(c.argv).get(c.flag)).toEqual(c.want));
  }

  it('names an unknown flag', () => {
    expect(() => flags().parse(['--nope=1'])).toThrow(/unknown flag --nope/);
  });

  it('names the flag of a bad value', () => {
    expect(() => flags().parse(['--server.http-listen-port=abc'])).toThrow(ConfigError);
    expect(() => flags().parse(['--server.http-listen-port=abc'])).toThrow(/--server.http-listen-port/);
  });

  it('reads the YAML file and lets the command line win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'server:\n  http_listen_port: 7000\ningester:\n  block_range: 2h\n');
    const v = flags().parse([`--config.file=${file}`, '--server.http-listen-port=7001']);
    expect(v.get('server.http-listen-port')).toBe(7001);
    expect(v.get('ingester.block-range')).toBe(7_200_000);
  });

  it('rejects unknown YAML keys by their path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'server:\n  nope: 1\n');
    expect(() => flags().parse([`--config.file=${file}`])).toThrow(/server.nope/);
  });
});

describe('durations', () => {
  it('parses and formats', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1x')).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});
