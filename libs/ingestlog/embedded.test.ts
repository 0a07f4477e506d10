import { ingestLogContract } from './contract-suite.js';
import { EmbeddedIngestLog } from './embedded-log.js';
import { tempDir } from './testing.js';

ingestLogContract('embedded', async (partitions) => {
  const dir = await tempDir();
  return { open: () => EmbeddedIngestLog.open({ dir, partitions }) };
});
