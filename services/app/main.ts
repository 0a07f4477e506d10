#!/usr/bin/env node
/**
 * The epimetheus binary: parses flags, builds the modules of `--target`, runs them until
 * SIGTERM/SIGINT (clean shutdown: flush, fsync, close) or until a service fails (exit 1).
 */
import { pino } from 'pino';
import { ConfigError } from '../../libs/config/index.js';
import { buildApp, newFlagSet } from './app.js';
import { appConfig } from './config.js';
import { runTool } from './tool.js';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'tool') return runTool(argv.slice(1));
  const flags = newFlagSet();
  let values;
  try {
    values = flags.parse(argv);
    if (values.get('help')) {
      for (const d of flags.definitions()) {
        process.stdout.write(`  --${d.name} (${d.type}, default ${JSON.stringify(d.default)})\n      ${d.help}\n`);
      }
      return 0;
    }
  } catch (err) {
    process.stderr.write(`epimetheus: ${describe(err)}\n`);
    return 2;
  }
  let logger = pino({ level: 'info' });
  let app;
  try {
    const cfg = appConfig(values);
    logger = pino({ level: cfg.logLevel, base: { target: cfg.target } });
    app = await buildApp(flags, values, logger);
  } catch (err) {
    logger.error({ err: describe(err) }, 'invalid configuration');
    return 2;
  }
  try {
    await app.start();
  } catch (err) {
    logger.error({ err }, 'start-up failed');
    await app.stop();
    return 1;
  }
  logger.info({ http: app.httpPort() }, 'epimetheus started');
  const code = await new Promise<number>((resolve) => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => {
        logger.info({ signal: sig }, 'shutting down');
        resolve(0);
      });
    }
    void app.awaitFailure().then(({ service, err }) => {
      logger.error({ service, err }, 'service failed');
      resolve(1);
    });
  });
  await app.stop();
  logger.info('stopped');
  return code;
}

function describe(err: unknown): string {
  if (err instanceof ConfigError || err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return err.message + cause;
  }
  return String(err);
}

process.exitCode = await main(process.argv.slice(2));
// Give pino a moment to flush, then exit even if a client library left a handle open.
setTimeout(() => process.exit(), 200).unref();
