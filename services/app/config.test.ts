import { describe, expect, it } from 'vitest';
import { newFlagSet } from './app.js';
import { appConfig } from './config.js';

const config = (...argv: string[]) => appConfig(newFlagSet().parse(argv));

describe('gRPC message size', () => {
  it('is 100 MiB by default', () => {
    expect(config().grpcMaxRecvBytes).toBe(100 << 20);
  });

  it('follows --server.grpc-max-recv-msg-size-bytes', () => {
    expect(config('--server.grpc-max-recv-msg-size-bytes=200000000').grpcMaxRecvBytes).toBe(200_000_000);
  });

  it('rises to the distributor push limit so the transport never refuses first', () => {
    expect(config('--distributor.max-recv-msg-size=300000000').grpcMaxRecvBytes).toBe(300_000_000);
  });

  it('refuses a size that is not positive, naming the flag', () => {
    expect(() => config('--server.grpc-max-recv-msg-size-bytes=0')).toThrow(/--server.grpc-max-recv-msg-size-bytes/);
  });
});

describe('store-gateway replication flags', () => {
  it('has one: the sharding ring\'s, not the generic ring flag', () => {
    expect(newFlagSet().parse(['--store-gateway.sharding-ring.replication-factor=2']).get('store-gateway.sharding-ring.replication-factor')).toBe(2);
    expect(() => newFlagSet().parse(['--store-gateway.ring.replication-factor=2'])).toThrow(/unknown flag --store-gateway.ring.replication-factor/);
  });
});
