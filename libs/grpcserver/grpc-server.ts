import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { BasicService } from '../services/index.js';

/** Options of the gRPC server. */
export interface GrpcServerConfig {
  /** @default 9095; 0 picks a free port. */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
  /** Largest message received, in bytes. @default 100 MiB */
  maxRecvMessageBytes?: number;
}

/**
 * The process's gRPC server as a service. Modules add their services to `server` before
 * it starts; it binds while Starting and drains on stop (forcing after 5 s).
 */
export class GrpcServer extends BasicService {
  readonly server: grpc.Server;
  private boundPort = 0;

  constructor(private readonly config: GrpcServerConfig, private readonly logger: Logger) {
    super('grpc-server', {
      starting: () => this.bind(),
      stopping: () => this.shutdown(),
    });
    this.server = new grpc.Server({
      'grpc.max_receive_message_length': config.maxRecvMessageBytes ?? 100 << 20,
      'grpc.max_send_message_length': 256 << 20,
    });
  }

  /** The bound port (useful when configured as 0). */
  port(): number {
    return this.boundPort;
  }

  private bind(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`${this.config.host}:${this.config.port}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
        if (err) return reject(new Error(`bind gRPC ${this.config.host}:${this.config.port}`, { cause: err }));
        this.boundPort = port;
        this.logger.info({ port }, 'gRPC server listening');
        resolve();
      });
    });
  }

  private shutdown(): Promise<void> {
    return new Promise((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 5000);
      force.unref();
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}
