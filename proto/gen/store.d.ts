import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace epimetheus. */
export namespace epimetheus {

    /** Namespace store. */
    namespace store {

        /** Represents a Store */
        class Store extends $protobuf.rpc.Service {

            /**
             * Constructs a new Store service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new Store service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Store;

            /** Calls Info. */
            info: epimetheus.store.Store.Info;

            /** Calls Series. */
            series: epimetheus.store.Store.Series;

            /** Calls LabelNames. */
            labelNames: epimetheus.store.Store.LabelNames;

            /** Calls LabelValues. */
            labelValues: epimetheus.store.Store.LabelValues;

            /** Calls Metadata. */
            metadata: epimetheus.store.Store.Metadata;
        }

        namespace Store {

            /**
             * Callback as used by {@link epimetheus.store.Store#info}.
             * @param error Error, if any
             * @param [response] InfoResponse
             */
            type InfoCallback = (error: (Error|null), response?: epimetheus.store.InfoResponse) => void;

            /** Calls Info. */
            type Info = {
              (request: epimetheus.store.IInfoRequest, callback: epimetheus.store.Store.InfoCallback): void;
              (request: epimetheus.store.IInfoRequest): Promise<epimetheus.store.InfoResponse>;
              readonly name: "Info";
              readonly path: "/epimetheus.store.Store/Info";
              readonly requestType: "InfoRequest";
              readonly responseType: "InfoResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link epimetheus.store.Store#series}.
             * @param error Error, if any
             * @param [response] SeriesResponse
             */
            type SeriesCallback = (error: (Error|null), response?: epimetheus.store.SeriesResponse) => void;

            /** Calls Series. */
            type Series = {
              (request: epimetheus.store.ISeriesRequest, callback: epimetheus.store.Store.SeriesCallback): void;
              (request: epimetheus.store.ISeriesRequest): Promise<epimetheus.store.SeriesResponse>;
              readonly name: "Series";
              readonly path: "/epimetheus.store.Store/Series";
              readonly requestType: "SeriesRequest";
              readonly responseType: "SeriesResponse";
              readonly requestStream: undefined;
              readonly responseStream: true;
            };

            /**
             * Callback as used by {@link epimetheus.store.Store#labelNames}.
             * @param error Error, if any
             * @param [response] LabelNamesResponse
             */
            type LabelNamesCallback = (error: (Error|null), response?: epimetheus.store.LabelNamesResponse) => void;

            /** Calls LabelNames. */
            type LabelNames = {
              (request: epimetheus.store.ILabelNamesRequest, callback: epimetheus.store.Store.LabelNamesCallback): void;
              (request: epimetheus.store.ILabelNamesRequest): Promise<epimetheus.store.LabelNamesResponse>;
              readonly name: "LabelNames";
              readonly path: "/epimetheus.store.Store/LabelNames";
              readonly requestType: "LabelNamesRequest";
              readonly responseType: "LabelNamesResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link epimetheus.store.Store#labelValues}.
             * @param error Error, if any
             * @param [response] LabelValuesResponse
             */
            type LabelValuesCallback = (error: (Error|null), response?: epimetheus.store.LabelValuesResponse) => void;

            /** Calls LabelValues. */
            type LabelValues = {
              (request: epimetheus.store.ILabelValuesRequest, callback: epimetheus.store.Store.LabelValuesCallback): void;
              (request: epimetheus.store.ILabelValuesRequest): Promise<epimetheus.store.LabelValuesResponse>;
              readonly name: "LabelValues";
              readonly path: "/epimetheus.store.Store/LabelValues";
              readonly requestType: "LabelValuesRequest";
              readonly responseType: "LabelValuesResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link epimetheus.store.Store#metadata}.
             * @param error Error, if any
             * @param [response] MetadataResponse
             */
            type MetadataCallback = (error: (Error|null), response?: epimetheus.store.MetadataResponse) => void;

            /** Calls Metadata. */
            type Metadata = {
              (request: epimetheus.store.IMetadataRequest, callback: epimetheus.store.Store.MetadataCallback): void;
              (request: epimetheus.store.IMetadataRequest): Promise<epimetheus.store.MetadataResponse>;
              readonly name: "Metadata";
              readonly path: "/epimetheus.store.Store/Metadata";
              readonly requestType: "MetadataRequest";
              readonly responseType: "MetadataResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
        }

        /**
         * Properties of a Label.
         * @deprecated Use epimetheus.store.Label.$Properties instead.
         */
        interface ILabel extends epimetheus.store.Label.$Properties {
        }

        /** Represents a Label. */
        class Label {

            /**
             * Constructs a new Label.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.Label.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Label name. */
            name: string;

            /** Label value. */
            value: string;

            /**
             * Creates a new Label instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Label instance
             */
            static create(properties: epimetheus.store.Label.$Shape): epimetheus.store.Label & epimetheus.store.Label.$Shape;
            static create(properties?: epimetheus.store.Label.$Properties): epimetheus.store.Label;

            /**
             * Encodes the specified Label message. Does not implicitly {@link epimetheus.store.Label.verify|verify} messages.
             * @param message Label message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.Label.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Label message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.Label & epimetheus.store.Label.$Shape} Label
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.Label & epimetheus.store.Label.$Shape;

            /**
             * Gets the type url for Label
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Label {

            /** Properties of a Label. */
            interface $Properties {

                /** Label name */
                name?: (string|null);

                /** Label value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Label. */
            type $Shape = epimetheus.store.Label.$Properties;
        }

        /**
         * Properties of a LabelMatcher.
         * @deprecated Use epimetheus.store.LabelMatcher.$Properties instead.
         */
        interface ILabelMatcher extends epimetheus.store.LabelMatcher.$Properties {
        }

        /** Represents a LabelMatcher. */
        class LabelMatcher {

            /**
             * Constructs a new LabelMatcher.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.LabelMatcher.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LabelMatcher type. */
            type: epimetheus.store.LabelMatcher.Type;

            /** LabelMatcher name. */
            name: string;

            /** LabelMatcher value. */
            value: string;

            /**
             * Creates a new LabelMatcher instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LabelMatcher instance
             */
            static create(properties: epimetheus.store.LabelMatcher.$Shape): epimetheus.store.LabelMatcher & epimetheus.store.LabelMatcher.$Shape;
            static create(properties?: epimetheus.store.LabelMatcher.$Properties): epimetheus.store.LabelMatcher;

            /**
             * Encodes the specified LabelMatcher message. Does not implicitly {@link epimetheus.store.LabelMatcher.verify|verify} messages.
             * @param message LabelMatcher message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.LabelMatcher.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LabelMatcher message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelMatcher & epimetheus.store.LabelMatcher.$Shape} LabelMatcher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.LabelMatcher & epimetheus.store.LabelMatcher.$Shape;

            /**
             * Gets the type url for LabelMatcher
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LabelMatcher {

            /** Properties of a LabelMatcher. */
            interface $Properties {

                /** LabelMatcher type */
                type?: (epimetheus.store.LabelMatcher.Type|null);

                /** LabelMatcher name */
                name?: (string|null);

                /** LabelMatcher value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LabelMatcher. */
            type $Shape = epimetheus.store.LabelMatcher.$Properties;

            /** Type enum. */
            enum Type {

                /** EQ value */
                EQ = 0,

                /** NEQ value */
                NEQ = 1,

                /** RE value */
                RE = 2,

                /** NRE value */
                NRE = 3
            }
        }

        /**
         * Properties of an InfoRequest.
         * @deprecated Use epimetheus.store.InfoRequest.$Properties instead.
         */
        interface IInfoRequest extends epimetheus.store.InfoRequest.$Properties {
        }

        /** Represents an InfoRequest. */
        class InfoRequest {

            /**
             * Constructs a new InfoRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.InfoRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new InfoRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns InfoRequest instance
             */
            static create(properties: epimetheus.store.InfoRequest.$Shape): epimetheus.store.InfoRequest & epimetheus.store.InfoRequest.$Shape;
            static create(properties?: epimetheus.store.InfoRequest.$Properties): epimetheus.store.InfoRequest;

            /**
             * Encodes the specified InfoRequest message. Does not implicitly {@link epimetheus.store.InfoRequest.verify|verify} messages.
             * @param message InfoRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.InfoRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an InfoRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.InfoRequest & epimetheus.store.InfoRequest.$Shape} InfoRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.InfoRequest & epimetheus.store.InfoRequest.$Shape;

            /**
             * Gets the type url for InfoRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace InfoRequest {

            /** Properties of an InfoRequest. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an InfoRequest. */
            type $Shape = epimetheus.store.InfoRequest.$Properties;
        }

        /**
         * Properties of an InfoResponse.
         * @deprecated Use epimetheus.store.InfoResponse.$Properties instead.
         */
        interface IInfoResponse extends epimetheus.store.InfoResponse.$Properties {
        }

        /** Represents an InfoResponse. */
        class InfoResponse {

            /**
             * Constructs a new InfoResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.InfoResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** InfoResponse minTime. */
            minTime: number;

            /** InfoResponse maxTime. */
            maxTime: number;

            /** InfoResponse externalLabels. */
            externalLabels: epimetheus.store.Label.$Properties[];

            /** InfoResponse component. */
            component: string;

            /**
             * Creates a new InfoResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns InfoResponse instance
             */
            static create(properties: epimetheus.store.InfoResponse.$Shape): epimetheus.store.InfoResponse & epimetheus.store.InfoResponse.$Shape;
            static create(properties?: epimetheus.store.InfoResponse.$Properties): epimetheus.store.InfoResponse;

            /**
             * Encodes the specified InfoResponse message. Does not implicitly {@link epimetheus.store.InfoResponse.verify|verify} messages.
             * @param message InfoResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.InfoResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an InfoResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.InfoResponse & epimetheus.store.InfoResponse.$Shape} InfoResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.InfoResponse & epimetheus.store.InfoResponse.$Shape;

            /**
             * Gets the type url for InfoResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace InfoResponse {

            /** Properties of an InfoResponse. */
            interface $Properties {

                /** InfoResponse minTime */
                minTime?: (number|null);

                /** InfoResponse maxTime */
                maxTime?: (number|null);

                /** InfoResponse externalLabels */
                externalLabels?: (epimetheus.store.Label.$Properties[]|null);

                /** InfoResponse component */
                component?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an InfoResponse. */
            type $Shape = epimetheus.store.InfoResponse.$Properties;
        }

        /**
         * Properties of a SeriesRequest.
         * @deprecated Use epimetheus.store.SeriesRequest.$Properties instead.
         */
        interface ISeriesRequest extends epimetheus.store.SeriesRequest.$Properties {
        }

        /** Represents a SeriesRequest. */
        class SeriesRequest {

            /**
             * Constructs a new SeriesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.SeriesRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SeriesRequest minTime. */
            minTime: number;

            /** SeriesRequest maxTime. */
            maxTime: number;

            /** SeriesRequest matchers. */
            matchers: epimetheus.store.LabelMatcher.$Properties[];

            /** SeriesRequest skipChunks. */
            skipChunks: boolean;

            /** SeriesRequest func. */
            func: string;

            /** SeriesRequest step. */
            step: number;

            /** SeriesRequest range. */
            range: number;

            /** SeriesRequest blockIds. */
            blockIds: string[];

            /**
             * Creates a new SeriesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SeriesRequest instance
             */
            static create(properties: epimetheus.store.SeriesRequest.$Shape): epimetheus.store.SeriesRequest & epimetheus.store.SeriesRequest.$Shape;
            static create(properties?: epimetheus.store.SeriesRequest.$Properties): epimetheus.store.SeriesRequest;

            /**
             * Encodes the specified SeriesRequest message. Does not implicitly {@link epimetheus.store.SeriesRequest.verify|verify} messages.
             * @param message SeriesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.SeriesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SeriesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.SeriesRequest & epimetheus.store.SeriesRequest.$Shape} SeriesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.SeriesRequest & epimetheus.store.SeriesRequest.$Shape;

            /**
             * Gets the type url for SeriesRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SeriesRequest {

            /** Properties of a SeriesRequest. */
            interface $Properties {

                /** SeriesRequest minTime */
                minTime?: (number|null);

                /** SeriesRequest maxTime */
                maxTime?: (number|null);

                /** SeriesRequest matchers */
                matchers?: (epimetheus.store.LabelMatcher.$Properties[]|null);

                /** SeriesRequest skipChunks */
                skipChunks?: (boolean|null);

                /** SeriesRequest func */
                func?: (string|null);

                /** SeriesRequest step */
                step?: (number|null);

                /** SeriesRequest range */
                range?: (number|null);

                /** SeriesRequest blockIds */
                blockIds?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SeriesRequest. */
            type $Shape = epimetheus.store.SeriesRequest.$Properties;
        }

        /**
         * Properties of a Chunk.
         * @deprecated Use epimetheus.store.Chunk.$Properties instead.
         */
        interface IChunk extends epimetheus.store.Chunk.$Properties {
        }

        /** Represents a Chunk. */
        class Chunk {

            /**
             * Constructs a new Chunk.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.Chunk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Chunk minTime. */
            minTime: number;

            /** Chunk maxTime. */
            maxTime: number;

            /** Chunk type. */
            type: epimetheus.store.Chunk.Encoding;

            /** Chunk data. */
            data: Uint8Array;

            /**
             * Creates a new Chunk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Chunk instance
             */
            static create(properties: epimetheus.store.Chunk.$Shape): epimetheus.store.Chunk & epimetheus.store.Chunk.$Shape;
            static create(properties?: epimetheus.store.Chunk.$Properties): epimetheus.store.Chunk;

            /**
             * Encodes the specified Chunk message. Does not implicitly {@link epimetheus.store.Chunk.verify|verify} messages.
             * @param message Chunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.Chunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Chunk message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.Chunk & epimetheus.store.Chunk.$Shape} Chunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.Chunk & epimetheus.store.Chunk.$Shape;

            /**
             * Gets the type url for Chunk
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Chunk {

            /** Properties of a Chunk. */
            interface $Properties {

                /** Chunk minTime */
                minTime?: (number|null);

                /** Chunk maxTime */
                maxTime?: (number|null);

                /** Chunk type */
                type?: (epimetheus.store.Chunk.Encoding|null);

                /** Chunk data */
                data?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Chunk. */
            type $Shape = epimetheus.store.Chunk.$Properties;

            /** Encoding enum. */
            enum Encoding {

                /** XOR value */
                XOR = 0,

                /** HISTOGRAM value */
                HISTOGRAM = 1,

                /** FLOAT_HISTOGRAM value */
                FLOAT_HISTOGRAM = 2
            }
        }

        /**
         * Properties of a Series.
         * @deprecated Use epimetheus.store.Series.$Properties instead.
         */
        interface ISeries extends epimetheus.store.Series.$Properties {
        }

        /** Represents a Series. */
        class Series {

            /**
             * Constructs a new Series.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.Series.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Series labels. */
            labels: epimetheus.store.Label.$Properties[];

            /** Series chunks. */
            chunks: epimetheus.store.Chunk.$Properties[];

            /**
             * Creates a new Series instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Series instance
             */
            static create(properties: epimetheus.store.Series.$Shape): epimetheus.store.Series & epimetheus.store.Series.$Shape;
            static create(properties?: epimetheus.store.Series.$Properties): epimetheus.store.Series;

            /**
             * Encodes the specified Series message. Does not implicitly {@link epimetheus.store.Series.verify|verify} messages.
             * @param message Series message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.Series.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Series message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.Series & epimetheus.store.Series.$Shape} Series
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.Series & epimetheus.store.Series.$Shape;

            /**
             * Gets the type url for Series
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Series {

            /** Properties of a Series. */
            interface $Properties {

                /** Series labels */
                labels?: (epimetheus.store.Label.$Properties[]|null);

                /** Series chunks */
                chunks?: (epimetheus.store.Chunk.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Series. */
            type $Shape = epimetheus.store.Series.$Properties;
        }

        /**
         * Properties of a SeriesResponse.
         * @deprecated Use epimetheus.store.SeriesResponse.$Properties instead.
         */
        interface ISeriesResponse extends epimetheus.store.SeriesResponse.$Properties {
        }

        /** Represents a SeriesResponse. */
        class SeriesResponse {

            /**
             * Constructs a new SeriesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.SeriesResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SeriesResponse series. */
            series?: (epimetheus.store.Series.$Properties|null);

            /** SeriesResponse warning. */
            warning?: (string|null);

            /** SeriesResponse result. */
            result?: ("series"|"warning");

            /**
             * Creates a new SeriesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SeriesResponse instance
             */
            static create(properties: epimetheus.store.SeriesResponse.$Shape): epimetheus.store.SeriesResponse & epimetheus.store.SeriesResponse.$Shape;
            static create(properties?: epimetheus.store.SeriesResponse.$Properties): epimetheus.store.SeriesResponse;

            /**
             * Encodes the specified SeriesResponse message. Does not implicitly {@link epimetheus.store.SeriesResponse.verify|verify} messages.
             * @param message SeriesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.SeriesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SeriesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.SeriesResponse & epimetheus.store.SeriesResponse.$Shape} SeriesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.SeriesResponse & epimetheus.store.SeriesResponse.$Shape;

            /**
             * Gets the type url for SeriesResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SeriesResponse {

            /** Properties of a SeriesResponse. */
            interface $Properties {

                /** SeriesResponse series */
                series?: (epimetheus.store.Series.$Properties|null);

                /** SeriesResponse warning */
                warning?: (string|null);

                /** SeriesResponse result */
                result?: ("series"|"warning");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a SeriesResponse. */
            type $Shape = {
              series?: epimetheus.store.Series.$Shape|null;
              warning?: string|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ result?: undefined; series?: null; warning?: null }|{ result?: "series"; series: epimetheus.store.Series.$Shape; warning?: null }|{ result?: "warning"; series?: null; warning: string })
            );
        }

        /**
         * Properties of a LabelNamesRequest.
         * @deprecated Use epimetheus.store.LabelNamesRequest.$Properties instead.
         */
        interface ILabelNamesRequest extends epimetheus.store.LabelNamesRequest.$Properties {
        }

        /** Represents a LabelNamesRequest. */
        class LabelNamesRequest {

            /**
             * Constructs a new LabelNamesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.LabelNamesRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LabelNamesRequest start. */
            start: number;

            /** LabelNamesRequest end. */
            end: number;

            /** LabelNamesRequest matchers. */
            matchers: epimetheus.store.LabelMatcher.$Properties[];

            /** LabelNamesRequest blockIds. */
            blockIds: string[];

            /**
             * Creates a new LabelNamesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LabelNamesRequest instance
             */
            static create(properties: epimetheus.store.LabelNamesRequest.$Shape): epimetheus.store.LabelNamesRequest & epimetheus.store.LabelNamesRequest.$Shape;
            static create(properties?: epimetheus.store.LabelNamesRequest.$Properties): epimetheus.store.LabelNamesRequest;

            /**
             * Encodes the specified LabelNamesRequest message. Does not implicitly {@link epimetheus.store.LabelNamesRequest.verify|verify} messages.
             * @param message LabelNamesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.LabelNamesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LabelNamesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelNamesRequest & epimetheus.store.LabelNamesRequest.$Shape} LabelNamesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.LabelNamesRequest & epimetheus.store.LabelNamesRequest.$Shape;

            /**
             * Gets the type url for LabelNamesRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LabelNamesRequest {

            /** Properties of a LabelNamesRequest. */
            interface $Properties {

                /** LabelNamesRequest start */
                start?: (number|null);

                /** LabelNamesRequest end */
                end?: (number|null);

                /** LabelNamesRequest matchers */
                matchers?: (epimetheus.store.LabelMatcher.$Properties[]|null);

                /** LabelNamesRequest blockIds */
                blockIds?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LabelNamesRequest. */
            type $Shape = epimetheus.store.LabelNamesRequest.$Properties;
        }

        /**
         * Properties of a LabelNamesResponse.
         * @deprecated Use epimetheus.store.LabelNamesResponse.$Properties instead.
         */
        interface ILabelNamesResponse extends epimetheus.store.LabelNamesResponse.$Properties {
        }

        /** Represents a LabelNamesResponse. */
        class LabelNamesResponse {

            /**
             * Constructs a new LabelNamesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.LabelNamesResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LabelNamesResponse names. */
            names: string[];

            /** LabelNamesResponse warnings. */
            warnings: string[];

            /**
             * Creates a new LabelNamesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LabelNamesResponse instance
             */
            static create(properties: epimetheus.store.LabelNamesResponse.$Shape): epimetheus.store.LabelNamesResponse & epimetheus.store.LabelNamesResponse.$Shape;
            static create(properties?: epimetheus.store.LabelNamesResponse.$Properties): epimetheus.store.LabelNamesResponse;

            /**
             * Encodes the specified LabelNamesResponse message. Does not implicitly {@link epimetheus.store.LabelNamesResponse.verify|verify} messages.
             * @param message LabelNamesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.LabelNamesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LabelNamesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelNamesResponse & epimetheus.store.LabelNamesResponse.$Shape} LabelNamesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.LabelNamesResponse & epimetheus.store.LabelNamesResponse.$Shape;

            /**
             * Gets the type url for LabelNamesResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LabelNamesResponse {

            /** Properties of a LabelNamesResponse. */
            interface $Properties {

                /** LabelNamesResponse names */
                names?: (string[]|null);

                /** LabelNamesResponse warnings */
                warnings?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LabelNamesResponse. */
            type $Shape = epimetheus.store.LabelNamesResponse.$Properties;
        }

        /**
         * Properties of a LabelValuesRequest.
         * @deprecated Use epimetheus.store.LabelValuesRequest.$Properties instead.
         */
        interface ILabelValuesRequest extends epimetheus.store.LabelValuesRequest.$Properties {
        }

        /** Represents a LabelValuesRequest. */
        class LabelValuesRequest {

            /**
             * Constructs a new LabelValuesRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.LabelValuesRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LabelValuesRequest label. */
            label: string;

            /** LabelValuesRequest start. */
            start: number;

            /** LabelValuesRequest end. */
            end: number;

            /** LabelValuesRequest matchers. */
            matchers: epimetheus.store.LabelMatcher.$Properties[];

            /** LabelValuesRequest blockIds. */
            blockIds: string[];

            /**
             * Creates a new LabelValuesRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LabelValuesRequest instance
             */
            static create(properties: epimetheus.store.LabelValuesRequest.$Shape): epimetheus.store.LabelValuesRequest & epimetheus.store.LabelValuesRequest.$Shape;
            static create(properties?: epimetheus.store.LabelValuesRequest.$Properties): epimetheus.store.LabelValuesRequest;

            /**
             * Encodes the specified LabelValuesRequest message. Does not implicitly {@link epimetheus.store.LabelValuesRequest.verify|verify} messages.
             * @param message LabelValuesRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.LabelValuesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LabelValuesRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelValuesRequest & epimetheus.store.LabelValuesRequest.$Shape} LabelValuesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.LabelValuesRequest & epimetheus.store.LabelValuesRequest.$Shape;

            /**
             * Gets the type url for LabelValuesRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LabelValuesRequest {

            /** Properties of a LabelValuesRequest. */
            interface $Properties {

                /** LabelValuesRequest label */
                label?: (string|null);

                /** LabelValuesRequest start */
                start?: (number|null);

                /** LabelValuesRequest end */
                end?: (number|null);

                /** LabelValuesRequest matchers */
                matchers?: (epimetheus.store.LabelMatcher.$Properties[]|null);

                /** LabelValuesRequest blockIds */
                blockIds?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LabelValuesRequest. */
            type $Shape = epimetheus.store.LabelValuesRequest.$Properties;
        }

        /**
         * Properties of a LabelValuesResponse.
         * @deprecated Use epimetheus.store.LabelValuesResponse.$Properties instead.
         */
        interface ILabelValuesResponse extends epimetheus.store.LabelValuesResponse.$Properties {
        }

        /** Represents a LabelValuesResponse. */
        class LabelValuesResponse {

            /**
             * Constructs a new LabelValuesResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.LabelValuesResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** LabelValuesResponse values. */
            values: string[];

            /** LabelValuesResponse warnings. */
            warnings: string[];

            /**
             * Creates a new LabelValuesResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns LabelValuesResponse instance
             */
            static create(properties: epimetheus.store.LabelValuesResponse.$Shape): epimetheus.store.LabelValuesResponse & epimetheus.store.LabelValuesResponse.$Shape;
            static create(properties?: epimetheus.store.LabelValuesResponse.$Properties): epimetheus.store.LabelValuesResponse;

            /**
             * Encodes the specified LabelValuesResponse message. Does not implicitly {@link epimetheus.store.LabelValuesResponse.verify|verify} messages.
             * @param message LabelValuesResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.LabelValuesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a LabelValuesResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelValuesResponse & epimetheus.store.LabelValuesResponse.$Shape} LabelValuesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.LabelValuesResponse & epimetheus.store.LabelValuesResponse.$Shape;

            /**
             * Gets the type url for LabelValuesResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace LabelValuesResponse {

            /** Properties of a LabelValuesResponse. */
            interface $Properties {

                /** LabelValuesResponse values */
                values?: (string[]|null);

                /** LabelValuesResponse warnings */
                warnings?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a LabelValuesResponse. */
            type $Shape = epimetheus.store.LabelValuesResponse.$Properties;
        }

        /**
         * Properties of a MetadataRequest.
         * @deprecated Use epimetheus.store.MetadataRequest.$Properties instead.
         */
        interface IMetadataRequest extends epimetheus.store.MetadataRequest.$Properties {
        }

        /** Represents a MetadataRequest. */
        class MetadataRequest {

            /**
             * Constructs a new MetadataRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.MetadataRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new MetadataRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MetadataRequest instance
             */
            static create(properties: epimetheus.store.MetadataRequest.$Shape): epimetheus.store.MetadataRequest & epimetheus.store.MetadataRequest.$Shape;
            static create(properties?: epimetheus.store.MetadataRequest.$Properties): epimetheus.store.MetadataRequest;

            /**
             * Encodes the specified MetadataRequest message. Does not implicitly {@link epimetheus.store.MetadataRequest.verify|verify} messages.
             * @param message MetadataRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.MetadataRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MetadataRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.MetadataRequest & epimetheus.store.MetadataRequest.$Shape} MetadataRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.MetadataRequest & epimetheus.store.MetadataRequest.$Shape;

            /**
             * Gets the type url for MetadataRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace MetadataRequest {

            /** Properties of a MetadataRequest. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MetadataRequest. */
            type $Shape = epimetheus.store.MetadataRequest.$Properties;
        }

        /**
         * Properties of a MetricMetadata.
         * @deprecated Use epimetheus.store.MetricMetadata.$Properties instead.
         */
        interface IMetricMetadata extends epimetheus.store.MetricMetadata.$Properties {
        }

        /** Represents a MetricMetadata. */
        class MetricMetadata {

            /**
             * Constructs a new MetricMetadata.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.MetricMetadata.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MetricMetadata metricFamilyName. */
            metricFamilyName: string;

            /** MetricMetadata type. */
            type: string;

            /** MetricMetadata help. */
            help: string;

            /** MetricMetadata unit. */
            unit: string;

            /**
             * Creates a new MetricMetadata instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MetricMetadata instance
             */
            static create(properties: epimetheus.store.MetricMetadata.$Shape): epimetheus.store.MetricMetadata & epimetheus.store.MetricMetadata.$Shape;
            static create(properties?: epimetheus.store.MetricMetadata.$Properties): epimetheus.store.MetricMetadata;

            /**
             * Encodes the specified MetricMetadata message. Does not implicitly {@link epimetheus.store.MetricMetadata.verify|verify} messages.
             * @param message MetricMetadata message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.MetricMetadata.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MetricMetadata message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.MetricMetadata & epimetheus.store.MetricMetadata.$Shape} MetricMetadata
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.MetricMetadata & epimetheus.store.MetricMetadata.$Shape;

            /**
             * Gets the type url for MetricMetadata
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace MetricMetadata {

            /** Properties of a MetricMetadata. */
            interface $Properties {

                /** MetricMetadata metricFamilyName */
                metricFamilyName?: (string|null);

                /** MetricMetadata type */
                type?: (string|null);

                /** MetricMetadata help */
                help?: (string|null);

                /** MetricMetadata unit */
                unit?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MetricMetadata. */
            type $Shape = epimetheus.store.MetricMetadata.$Properties;
        }

        /**
         * Properties of a MetadataResponse.
         * @deprecated Use epimetheus.store.MetadataResponse.$Properties instead.
         */
        interface IMetadataResponse extends epimetheus.store.MetadataResponse.$Properties {
        }

        /** Represents a MetadataResponse. */
        class MetadataResponse {

            /**
             * Constructs a new MetadataResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: epimetheus.store.MetadataResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MetadataResponse metadata. */
            metadata: epimetheus.store.MetricMetadata.$Properties[];

            /**
             * Creates a new MetadataResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MetadataResponse instance
             */
            static create(properties: epimetheus.store.MetadataResponse.$Shape): epimetheus.store.MetadataResponse & epimetheus.store.MetadataResponse.$Shape;
            static create(properties?: epimetheus.store.MetadataResponse.$Properties): epimetheus.store.MetadataResponse;

            /**
             * Encodes the specified MetadataResponse message. Does not implicitly {@link epimetheus.store.MetadataResponse.verify|verify} messages.
             * @param message MetadataResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: epimetheus.store.MetadataResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MetadataResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {epimetheus.store.MetadataResponse & epimetheus.store.MetadataResponse.$Shape} MetadataResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): epimetheus.store.MetadataResponse & epimetheus.store.MetadataResponse.$Shape;

            /**
             * Gets the type url for MetadataResponse
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace MetadataResponse {

            /** Properties of a MetadataResponse. */
            interface $Properties {

                /** MetadataResponse metadata */
                metadata?: (epimetheus.store.MetricMetadata.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MetadataResponse. */
            type $Shape = epimetheus.store.MetadataResponse.$Properties;
        }
    }
}
