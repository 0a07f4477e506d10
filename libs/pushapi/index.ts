export {
  PUSHER_SERVICE,
  PUSH_TENANT_METADATA_KEY,
  ERROR_ID_METADATA_KEY,
  ERROR_CATEGORY_METADATA_KEY,
  HTTP_CODE_METADATA_KEY,
  pushPb,
} from './service.js';
export { pushErrorToStatus, pushErrorFromStatus } from './status.js';
export type { PushOutcome, PushTarget, PusherServiceOptions } from './server.js';
export { addPusherService } from './server.js';
export type { PushClientOptions, PushRejection, PushResponse } from './client.js';
export { PushClient } from './client.js';
