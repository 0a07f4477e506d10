export type { GrpcServerConfig } from './grpc-server.js';
export { GrpcServer } from './grpc-server.js';
