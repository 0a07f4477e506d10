import { bucketContract } from './bucket-contract.js';
import { MemoryBucket } from './memory-bucket.js';

bucketContract('memory', async () => ({ bucket: new MemoryBucket(), cleanup: async () => {} }));
