export type { ServiceState, Service, ServiceFns } from './service.js';
export { BasicService, waitAborted, sleep } from './service.js';
export { ServiceManager } from './manager.js';
export { poll } from './poll.js';
