// Waits until a Kafka broker answers metadata requests through kafkajs, the client Epimetheus
// uses, so a broker that accepts TCP but cannot serve yet is not reported ready.
// Usage: node scripts/deps/wait-kafka.mjs HOST:PORT TIMEOUT_SECONDS
import { Kafka, logLevel } from 'kafkajs';

const [broker, timeoutArg] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg ?? 60) * 1000;
const kafka = new Kafka({ clientId: 'deps-up', brokers: [broker], logLevel: logLevel.NOTHING });

let lastErr;
while (Date.now() < deadline) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    await admin.disconnect();
    process.exit(0);
  } catch (err) {
    lastErr = err;
    await admin.disconnect().catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
  }
}
process.stderr.write(`kafka at ${broker} not ready: ${lastErr?.message ?? 'timeout'}\n`);
process.exit(1);
