export type { StoreGatewayConfig } from './config.js';
export { STORE_GATEWAY_FLAGS, storeGatewayConfig } from './config.js';
export { BucketStores } from './bucket-stores.js';
