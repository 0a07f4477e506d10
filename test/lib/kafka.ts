import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { poll } from '../../libs/services/index.js';
import { freePort } from './ports.js';
import { startProcess, type RunningProcess } from './process.js';

const root = join(import.meta.dirname, '../..');
const LIB = join(root, '.cache/kafka/lib');

/** A private single-node Kafka (KRaft) a test may stop and restart without disturbing others. */
export interface PrivateKafka {
  readonly brokers: string;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Prepares a private broker under `dir` with the jars `npm run deps:up` fetched. Ports and
 * data survive `kill` + `start`, as a real broker restart does.
 */
export async function privateKafka(dir: string): Promise<PrivateKafka> {
  if (!existsSync(LIB)) throw new Error(`${LIB} is missing: run \`npm run deps:up\` first (npm test does it)`);
  const port = await freePort();
  const cport = await freePort();
  mkdirSync(join(dir, 'data'), { recursive: true });
  const props = join(dir, 'server.properties');
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${cport}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${join(dir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
    ].join('\n') + '\n',
  );
  const java = ['-Xmx384m', '-Xms128m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${join(root, 'scripts/deps/log4j.properties')}`, '-cp', `${LIB}/*`];
  execFileSync('java', [...java, 'kafka.tools.StorageTool', 'format', '--ignore-formatted', '-t', 'UHJpdmF0ZUthZmthVGVzdA', '-c', props], {
    stdio: 'ignore',
  });
  const brokers = `127.0.0.1:${port}`;
  let proc: RunningProcess | undefined;
  return {
    brokers,
    start: async () => {
      proc = startProcess('java', [...java, 'kafka.Kafka', props], join(dir, 'kafka.log'));
      const admin = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
      await poll(
        async () => {
          await admin.connect();
          await admin.listTopics();
          return true;
        },
        { timeoutMs: 90_000, intervalMs: 500, what: `kafka on ${brokers}` },
      );
      await admin.disconnect();
    },
    kill: async (signal = 'SIGKILL') => {
      await proc?.kill(signal);
    },
  };
}
