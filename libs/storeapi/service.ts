import type { ServiceDefinition } from '@grpc/grpc-js';
import { epimetheus } from '../../proto/gen/store.js';

/** Generated message classes of `proto/epimetheus/store.proto`. */
export const pb = epimetheus.store;

type Codec<T> = { encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): T };

function method<Req, Res>(
  name: string,
  req: Codec<Req>,
  res: Codec<Res>,
  responseStream: boolean,
): ServiceDefinition[string] {
  return {
    path: `/epimetheus.store.Store/${name}`,
    requestStream: false,
    responseStream,
    requestSerialize: (m: Req) => Buffer.from(req.encode(m).finish()),
    requestDeserialize: (b: Buffer) => req.decode(b),
    responseSerialize: (m: Res) => Buffer.from(res.encode(m).finish()),
    responseDeserialize: (b: Buffer) => res.decode(b),
  };
}

/** The gRPC service definition of the StoreAPI, shared by server and client. */
export const STORE_SERVICE: ServiceDefinition = {
  Info: method('Info', pb.InfoRequest, pb.InfoResponse, false),
  Series: method('Series', pb.SeriesRequest, pb.SeriesResponse, true),
  LabelNames: method('LabelNames', pb.LabelNamesRequest, pb.LabelNamesResponse, false),
  LabelValues: method('LabelValues', pb.LabelValuesRequest, pb.LabelValuesResponse, false),
  Metadata: method('Metadata', pb.MetadataRequest, pb.MetadataResponse, false),
};

/** gRPC metadata key carrying the tenant, as the HTTP header does. */
export const TENANT_METADATA_KEY = 'x-scope-orgid';
