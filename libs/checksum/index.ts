export { crc32c, crc32cUpdate } from './crc32c.js';
