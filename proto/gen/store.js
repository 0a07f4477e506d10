/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["epimetheus_store"] || ($protobuf.roots["epimetheus_store"] = {});

export const epimetheus = $root.epimetheus = (() => {

    /**
     * Namespace epimetheus.
     * @exports epimetheus
     * @namespace
     */
    const epimetheus = {};

    epimetheus.store = (function() {

        /**
         * Namespace store.
         * @memberof epimetheus
         * @namespace
         */
        const store = {};

        store.Store = (function() {

            /**
             * Constructs a new Store service.
             * @memberof epimetheus.store
             * @classdesc Represents a Store
             * @extends $protobuf.rpc.Service
             * @constructor
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             */
            const Store = function(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            };

            $Object.defineProperty(Store.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: Store, writable: true, enumerable: false, configurable: true });

            /**
             * Creates new Store service using the specified rpc implementation.
             * @function create
             * @memberof epimetheus.store.Store
             * @static
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             * @returns {Store} RPC service. Useful where requests and/or responses are streamed.
             */
            Store.create = function(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };

            /**
             * Callback as used by {@link epimetheus.store.Store#info}.
             * @memberof epimetheus.store.Store
             * @typedef InfoCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {epimetheus.store.InfoResponse} [response] InfoResponse
             */

            /**
             * Calls Info.
             * @memberof epimetheus.store.Store
             * @typedef Info
             * @type {{
             *   (request: epimetheus.store.IInfoRequest, callback: epimetheus.store.Store.InfoCallback): void;
             *   (request: epimetheus.store.IInfoRequest): Promise<epimetheus.store.InfoResponse>;
             *   readonly name: "Info";
             *   readonly path: "/epimetheus.store.Store/Info";
             *   readonly requestType: "InfoRequest";
             *   readonly responseType: "InfoResponse";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls Info.
             * @name epimetheus.store.Store#info
             * @type {epimetheus.store.Store.Info}
             */
            $Object.defineProperties(Store.prototype.info = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Store.prototype.info, $root.epimetheus.store.InfoRequest, $root.epimetheus.store.InfoResponse, request, callback);
            }, {
                name: { value: "Info" },
                path: { value: "/epimetheus.store.Store/Info" },
                requestType: { value: "InfoRequest" },
                responseType: { value: "InfoResponse" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link epimetheus.store.Store#series}.
             * @memberof epimetheus.store.Store
             * @typedef SeriesCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {epimetheus.store.SeriesResponse} [response] SeriesResponse
             */

            /**
             * Calls Series.
             * @memberof epimetheus.store.Store
             * @typedef Series
             * @type {{
             *   (request: epimetheus.store.ISeriesRequest, callback: epimetheus.store.Store.SeriesCallback): void;
             *   (request: epimetheus.store.ISeriesRequest): Promise<epimetheus.store.SeriesResponse>;
             *   readonly name: "Series";
             *   readonly path: "/epimetheus.store.Store/Series";
             *   readonly requestType: "SeriesRequest";
             *   readonly responseType: "SeriesResponse";
             *   readonly requestStream: undefined;
             *   readonly responseStream: true;
             * }}
             */

            /**
             * Calls Series.
             * @name epimetheus.store.Store#series
             * @type {epimetheus.store.Store.Series}
             */
            $Object.defineProperties(Store.prototype.series = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Store.prototype.series, $root.epimetheus.store.SeriesRequest, $root.epimetheus.store.SeriesResponse, request, callback);
            }, {
                name: { value: "Series" },
                path: { value: "/epimetheus.store.Store/Series" },
                requestType: { value: "SeriesRequest" },
                responseType: { value: "SeriesResponse" },
                requestStream: { value: $undefined },
                responseStream: { value: true }
            });

            /**
             * Callback as used by {@link epimetheus.store.Store#labelNames}.
             * @memberof epimetheus.store.Store
             * @typedef LabelNamesCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {epimetheus.store.LabelNamesResponse} [response] LabelNamesResponse
             */

            /**
             * Calls LabelNames.
             * @memberof epimetheus.store.Store
             * @typedef LabelNames
             * @type {{
             *   (request: epimetheus.store.ILabelNamesRequest, callback: epimetheus.store.Store.LabelNamesCallback): void;
             *   (request: epimetheus.store.ILabelNamesRequest): Promise<epimetheus.store.LabelNamesResponse>;
             *   readonly name: "LabelNames";
             *   readonly path: "/epimetheus.store.Store/LabelNames";
             *   readonly requestType: "LabelNamesRequest";
             *   readonly responseType: "LabelNamesResponse";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls LabelNames.
             * @name epimetheus.store.Store#labelNames
             * @type {epimetheus.store.Store.LabelNames}
             */
            $Object.defineProperties(Store.prototype.labelNames = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Store.prototype.labelNames, $root.epimetheus.store.LabelNamesRequest, $root.epimetheus.store.LabelNamesResponse, request, callback);
            }, {
                name: { value: "LabelNames" },
                path: { value: "/epimetheus.store.Store/LabelNames" },
                requestType: { value: "LabelNamesRequest" },
                responseType: { value: "LabelNamesResponse" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link epimetheus.store.Store#labelValues}.
             * @memberof epimetheus.store.Store
             * @typedef LabelValuesCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {epimetheus.store.LabelValuesResponse} [response] LabelValuesResponse
             */

            /**
             * Calls LabelValues.
             * @memberof epimetheus.store.Store
             * @typedef LabelValues
             * @type {{
             *   (request: epimetheus.store.ILabelValuesRequest, callback: epimetheus.store.Store.LabelValuesCallback): void;
             *   (request: epimetheus.store.ILabelValuesRequest): Promise<epimetheus.store.LabelValuesResponse>;
             *   readonly name: "LabelValues";
             *   readonly path: "/epimetheus.store.Store/LabelValues";
             *   readonly requestType: "LabelValuesRequest";
             *   readonly responseType: "LabelValuesResponse";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls LabelValues.
             * @name epimetheus.store.Store#labelValues
             * @type {epimetheus.store.Store.LabelValues}
             */
            $Object.defineProperties(Store.prototype.labelValues = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Store.prototype.labelValues, $root.epimetheus.store.LabelValuesRequest, $root.epimetheus.store.LabelValuesResponse, request, callback);
            }, {
                name: { value: "LabelValues" },
                path: { value: "/epimetheus.store.Store/LabelValues" },
                requestType: { value: "LabelValuesRequest" },
                responseType: { value: "LabelValuesResponse" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link epimetheus.store.Store#metadata}.
             * @memberof epimetheus.store.Store
             * @typedef MetadataCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {epimetheus.store.MetadataResponse} [response] MetadataResponse
             */

            /**
             * Calls Metadata.
             * @memberof epimetheus.store.Store
             * @typedef Metadata
             * @type {{
             *   (request: epimetheus.store.IMetadataRequest, callback: epimetheus.store.Store.MetadataCallback): void;
             *   (request: epimetheus.store.IMetadataRequest): Promise<epimetheus.store.MetadataResponse>;
             *   readonly name: "Metadata";
             *   readonly path: "/epimetheus.store.Store/Metadata";
             *   readonly requestType: "MetadataRequest";
             *   readonly responseType: "MetadataResponse";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls Metadata.
             * @name epimetheus.store.Store#metadata
             * @type {epimetheus.store.Store.Metadata}
             */
            $Object.defineProperties(Store.prototype.metadata = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Store.prototype.metadata, $root.epimetheus.store.MetadataRequest, $root.epimetheus.store.MetadataResponse, request, callback);
            }, {
                name: { value: "Metadata" },
                path: { value: "/epimetheus.store.Store/Metadata" },
                requestType: { value: "MetadataRequest" },
                responseType: { value: "MetadataResponse" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            return Store;
        })();

        store.Label = (function() {

            /**
             * Properties of a Label.
             * @typedef {Object} epimetheus.store.Label.$Properties
             * @property {string|null} [name] Label name
             * @property {string|null} [value] Label value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Label.
             * @memberof epimetheus.store
             * @interface ILabel
             * @augments epimetheus.store.Label.$Properties
             * @deprecated Use epimetheus.store.Label.$Properties instead.
             */

            /**
             * Shape of a Label.
             * @typedef {epimetheus.store.Label.$Properties} epimetheus.store.Label.$Shape
             */

            /**
             * Constructs a new Label.
             * @memberof epimetheus.store
             * @classdesc Represents a Label.
             * @constructor
             * @param {epimetheus.store.Label.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Label = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Label name.
             * @member {string} name
             * @memberof epimetheus.store.Label
             * @instance
             */
            Label.prototype.name = "";

            /**
             * Label value.
             * @member {string} value
             * @memberof epimetheus.store.Label
             * @instance
             */
            Label.prototype.value = "";

            /**
             * Creates a new Label instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.Label
             * @static
             * @param {epimetheus.store.Label.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.Label} Label instance
             * @type {{
             *   (properties: epimetheus.store.Label.$Shape): epimetheus.store.Label & epimetheus.store.Label.$Shape;
             *   (properties?: epimetheus.store.Label.$Properties): epimetheus.store.Label;
             * }}
             */
            Label.create = function(properties) {
                return new Label(properties);
            };

            /**
             * Encodes the specified Label message. Does not implicitly {@link epimetheus.store.Label.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.Label
             * @static
             * @param {epimetheus.store.Label.$Properties} message Label message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Label.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.value);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Label message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.Label
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.Label & epimetheus.store.Label.$Shape} Label
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Label.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.Label();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Label
             * @function getTypeUrl
             * @memberof epimetheus.store.Label
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Label.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.Label";
            };

            return Label;
        })();

        store.LabelMatcher = (function() {

            /**
             * Properties of a LabelMatcher.
             * @typedef {Object} epimetheus.store.LabelMatcher.$Properties
             * @property {epimetheus.store.LabelMatcher.Type|null} [type] LabelMatcher type
             * @property {string|null} [name] LabelMatcher name
             * @property {string|null} [value] LabelMatcher value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LabelMatcher.
             * @memberof epimetheus.store
             * @interface ILabelMatcher
             * @augments epimetheus.store.LabelMatcher.$Properties
             * @deprecated Use epimetheus.store.LabelMatcher.$Properties instead.
             */

            /**
             * Shape of a LabelMatcher.
             * @typedef {epimetheus.store.LabelMatcher.$Properties} epimetheus.store.LabelMatcher.$Shape
             */

            /**
             * Constructs a new LabelMatcher.
             * @memberof epimetheus.store
             * @classdesc Represents a LabelMatcher.
             * @constructor
             * @param {epimetheus.store.LabelMatcher.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LabelMatcher = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LabelMatcher type.
             * @member {epimetheus.store.LabelMatcher.Type} type
             * @memberof epimetheus.store.LabelMatcher
             * @instance
             */
            LabelMatcher.prototype.type = 0;

            /**
             * LabelMatcher name.
             * @member {string} name
             * @memberof epimetheus.store.LabelMatcher
             * @instance
             */
            LabelMatcher.prototype.name = "";

            /**
             * LabelMatcher value.
             * @member {string} value
             * @memberof epimetheus.store.LabelMatcher
             * @instance
             */
            LabelMatcher.prototype.value = "";

            /**
             * Creates a new LabelMatcher instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.LabelMatcher
             * @static
             * @param {epimetheus.store.LabelMatcher.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.LabelMatcher} LabelMatcher instance
             * @type {{
             *   (properties: epimetheus.store.LabelMatcher.$Shape): epimetheus.store.LabelMatcher & epimetheus.store.LabelMatcher.$Shape;
             *   (properties?: epimetheus.store.LabelMatcher.$Properties): epimetheus.store.LabelMatcher;
             * }}
             */
            LabelMatcher.create = function(properties) {
                return new LabelMatcher(properties);
            };

            /**
             * Encodes the specified LabelMatcher message. Does not implicitly {@link epimetheus.store.LabelMatcher.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.LabelMatcher
             * @static
             * @param {epimetheus.store.LabelMatcher.$Properties} message LabelMatcher message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LabelMatcher.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.value);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a LabelMatcher message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.LabelMatcher
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelMatcher & epimetheus.store.LabelMatcher.$Shape} LabelMatcher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LabelMatcher.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.LabelMatcher();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.value = value;
                            else
                                delete message.value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for LabelMatcher
             * @function getTypeUrl
             * @memberof epimetheus.store.LabelMatcher
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LabelMatcher.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.LabelMatcher";
            };

            /**
             * Type enum.
             * @name epimetheus.store.LabelMatcher.Type
             * @enum {number}
             * @property {number} EQ=0 EQ value
             * @property {number} NEQ=1 NEQ value
             * @property {number} RE=2 RE value
             * @property {number} NRE=3 NRE value
             */
            LabelMatcher.Type = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "EQ"] = 0;
                values[valuesById[1] = "NEQ"] = 1;
                values[valuesById[2] = "RE"] = 2;
                values[valuesById[3] = "NRE"] = 3;
                return values;
            })();

            return LabelMatcher;
        })();

        store.InfoRequest = (function() {

            /**
             * Properties of an InfoRequest.
             * @typedef {Object} epimetheus.store.InfoRequest.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an InfoRequest.
             * @memberof epimetheus.store
             * @interface IInfoRequest
             * @augments epimetheus.store.InfoRequest.$Properties
             * @deprecated Use epimetheus.store.InfoRequest.$Properties instead.
             */

            /**
             * Shape of an InfoRequest.
             * @typedef {epimetheus.store.InfoRequest.$Properties} epimetheus.store.InfoRequest.$Shape
             */

            /**
             * Constructs a new InfoRequest.
             * @memberof epimetheus.store
             * @classdesc Represents an InfoRequest.
             * @constructor
             * @param {epimetheus.store.InfoRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const InfoRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Creates a new InfoRequest instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.InfoRequest
             * @static
             * @param {epimetheus.store.InfoRequest.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.InfoRequest} InfoRequest instance
             * @type {{
             *   (properties: epimetheus.store.InfoRequest.$Shape): epimetheus.store.InfoRequest & epimetheus.store.InfoRequest.$Shape;
             *   (properties?: epimetheus.store.InfoRequest.$Properties): epimetheus.store.InfoRequest;
             * }}
             */
            InfoRequest.create = function(properties) {
                return new InfoRequest(properties);
            };

            /**
             * Encodes the specified InfoRequest message. Does not implicitly {@link epimetheus.store.InfoRequest.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.InfoRequest
             * @static
             * @param {epimetheus.store.InfoRequest.$Properties} message InfoRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InfoRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an InfoRequest message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.InfoRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.InfoRequest & epimetheus.store.InfoRequest.$Shape} InfoRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InfoRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.InfoRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    reader.skipType(tag & 7, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for InfoRequest
             * @function getTypeUrl
             * @memberof epimetheus.store.InfoRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            InfoRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.InfoRequest";
            };

            return InfoRequest;
        })();

        store.InfoResponse = (function() {

            /**
             * Properties of an InfoResponse.
             * @typedef {Object} epimetheus.store.InfoResponse.$Properties
             * @property {number|null} [minTime] InfoResponse minTime
             * @property {number|null} [maxTime] InfoResponse maxTime
             * @property {Array.<epimetheus.store.Label.$Properties>|null} [externalLabels] InfoResponse externalLabels
             * @property {string|null} [component] InfoResponse component
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an InfoResponse.
             * @memberof epimetheus.store
             * @interface IInfoResponse
             * @augments epimetheus.store.InfoResponse.$Properties
             * @deprecated Use epimetheus.store.InfoResponse.$Properties instead.
             */

            /**
             * Shape of an InfoResponse.
             * @typedef {epimetheus.store.InfoResponse.$Properties} epimetheus.store.InfoResponse.$Shape
             */

            /**
             * Constructs a new InfoResponse.
             * @memberof epimetheus.store
             * @classdesc Represents an InfoResponse.
             * @constructor
             * @param {epimetheus.store.InfoResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const InfoResponse = function (properties) {
                this.externalLabels = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * InfoResponse minTime.
             * @member {number} minTime
             * @memberof epimetheus.store.InfoResponse
             * @instance
             */
            InfoResponse.prototype.minTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * InfoResponse maxTime.
             * @member {number} maxTime
             * @memberof epimetheus.store.InfoResponse
             * @instance
             */
            InfoResponse.prototype.maxTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * InfoResponse externalLabels.
             * @member {Array.<epimetheus.store.Label.$Properties>} externalLabels
             * @memberof epimetheus.store.InfoResponse
             * @instance
             */
            InfoResponse.prototype.externalLabels = $util.emptyArray;

            /**
             * InfoResponse component.
             * @member {string} component
             * @memberof epimetheus.store.InfoResponse
             * @instance
             */
            InfoResponse.prototype.component = "";

            /**
             * Creates a new InfoResponse instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.InfoResponse
             * @static
             * @param {epimetheus.store.InfoResponse.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.InfoResponse} InfoResponse instance
             * @type {{
             *   (properties: epimetheus.store.InfoResponse.$Shape): epimetheus.store.InfoResponse & epimetheus.store.InfoResponse.$Shape;
             *   (properties?: epimetheus.store.InfoResponse.$Properties): epimetheus.store.InfoResponse;
             * }}
             */
            InfoResponse.create = function(properties) {
                return new InfoResponse(properties);
            };

            /**
             * Encodes the specified InfoResponse message. Does not implicitly {@link epimetheus.store.InfoResponse.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.InfoResponse
             * @static
             * @param {epimetheus.store.InfoResponse.$Properties} message InfoResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InfoResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.minTime != null && $Object.hasOwnProperty.call(message, "minTime") && (typeof message.minTime === "object" ? message.minTime.low || message.minTime.high : message.minTime !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.minTime);
                if (message.maxTime != null && $Object.hasOwnProperty.call(message, "maxTime") && (typeof message.maxTime === "object" ? message.maxTime.low || message.maxTime.high : message.maxTime !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.maxTime);
                if (message.externalLabels != null && message.externalLabels.length)
                    for (let i = 0; i < message.externalLabels.length; ++i)
                        $root.epimetheus.store.Label.encode(message.externalLabels[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.component != null && $Object.hasOwnProperty.call(message, "component") && message.component !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.component);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an InfoResponse message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.InfoResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.InfoResponse & epimetheus.store.InfoResponse.$Shape} InfoResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InfoResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.InfoResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.minTime = value;
                            else
                                delete message.minTime;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxTime = value;
                            else
                                delete message.maxTime;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.externalLabels && message.externalLabels.length))
                                message.externalLabels = [];
                            message.externalLabels.push($root.epimetheus.store.Label.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.component = value;
                            else
                                delete message.component;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for InfoResponse
             * @function getTypeUrl
             * @memberof epimetheus.store.InfoResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            InfoResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.InfoResponse";
            };

            return InfoResponse;
        })();

        store.SeriesRequest = (function() {

            /**
             * Properties of a SeriesRequest.
             * @typedef {Object} epimetheus.store.SeriesRequest.$Properties
             * @property {number|null} [minTime] SeriesRequest minTime
             * @property {number|null} [maxTime] SeriesRequest maxTime
             * @property {Array.<epimetheus.store.LabelMatcher.$Properties>|null} [matchers] SeriesRequest matchers
             * @property {boolean|null} [skipChunks] SeriesRequest skipChunks
             * @property {string|null} [func] SeriesRequest func
             * @property {number|null} [step] SeriesRequest step
             * @property {number|null} [range] SeriesRequest range
             * @property {Array.<string>|null} [blockIds] SeriesRequest blockIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SeriesRequest.
             * @memberof epimetheus.store
             * @interface ISeriesRequest
             * @augments epimetheus.store.SeriesRequest.$Properties
             * @deprecated Use epimetheus.store.SeriesRequest.$Properties instead.
             */

            /**
             * Shape of a SeriesRequest.
             * @typedef {epimetheus.store.SeriesRequest.$Properties} epimetheus.store.SeriesRequest.$Shape
             */

            /**
             * Constructs a new SeriesRequest.
             * @memberof epimetheus.store
             * @classdesc Represents a SeriesRequest.
             * @constructor
             * @param {epimetheus.store.SeriesRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SeriesRequest = function (properties) {
                this.matchers = [];
                this.blockIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SeriesRequest minTime.
             * @member {number} minTime
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.minTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SeriesRequest maxTime.
             * @member {number} maxTime
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.maxTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SeriesRequest matchers.
             * @member {Array.<epimetheus.store.LabelMatcher.$Properties>} matchers
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.matchers = $util.emptyArray;

            /**
             * SeriesRequest skipChunks.
             * @member {boolean} skipChunks
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.skipChunks = false;

            /**
             * SeriesRequest func.
             * @member {string} func
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.func = "";

            /**
             * SeriesRequest step.
             * @member {number} step
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.step = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SeriesRequest range.
             * @member {number} range
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.range = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SeriesRequest blockIds.
             * @member {Array.<string>} blockIds
             * @memberof epimetheus.store.SeriesRequest
             * @instance
             */
            SeriesRequest.prototype.blockIds = $util.emptyArray;

            /**
             * Creates a new SeriesRequest instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.SeriesRequest
             * @static
             * @param {epimetheus.store.SeriesRequest.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.SeriesRequest} SeriesRequest instance
             * @type {{
             *   (properties: epimetheus.store.SeriesRequest.$Shape): epimetheus.store.SeriesRequest & epimetheus.store.SeriesRequest.$Shape;
             *   (properties?: epimetheus.store.SeriesRequest.$Properties): epimetheus.store.SeriesRequest;
             * }}
             */
            SeriesRequest.create = function(properties) {
                return new SeriesRequest(properties);
            };

            /**
             * Encodes the specified SeriesRequest message. Does not implicitly {@link epimetheus.store.SeriesRequest.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.SeriesRequest
             * @static
             * @param {epimetheus.store.SeriesRequest.$Properties} message SeriesRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SeriesRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.minTime != null && $Object.hasOwnProperty.call(message, "minTime") && (typeof message.minTime === "object" ? message.minTime.low || message.minTime.high : message.minTime !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.minTime);
                if (message.maxTime != null && $Object.hasOwnProperty.call(message, "maxTime") && (typeof message.maxTime === "object" ? message.maxTime.low || message.maxTime.high : message.maxTime !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.maxTime);
                if (message.matchers != null && message.matchers.length)
                    for (let i = 0; i < message.matchers.length; ++i)
                        $root.epimetheus.store.LabelMatcher.encode(message.matchers[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.skipChunks != null && $Object.hasOwnProperty.call(message, "skipChunks") && message.skipChunks !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.skipChunks);
                if (message.func != null && $Object.hasOwnProperty.call(message, "func") && message.func !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.func);
                if (message.step != null && $Object.hasOwnProperty.call(message, "step") && (typeof message.step === "object" ? message.step.low || message.step.high : message.step !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.step);
                if (message.range != null && $Object.hasOwnProperty.call(message, "range") && (typeof message.range === "object" ? message.range.low || message.range.high : message.range !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).int64(message.range);
                if (message.blockIds != null && message.blockIds.length)
                    for (let i = 0; i < message.blockIds.length; ++i)
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.blockIds[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SeriesRequest message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.SeriesRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.SeriesRequest & epimetheus.store.SeriesRequest.$Shape} SeriesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SeriesRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.SeriesRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.minTime = value;
                            else
                                delete message.minTime;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxTime = value;
                            else
                                delete message.maxTime;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.matchers && message.matchers.length))
                                message.matchers = [];
                            message.matchers.push($root.epimetheus.store.LabelMatcher.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.skipChunks = value;
                            else
                                delete message.skipChunks;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.func = value;
                            else
                                delete message.func;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.step = value;
                            else
                                delete message.step;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.range = value;
                            else
                                delete message.range;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if (!(message.blockIds && message.blockIds.length))
                                message.blockIds = [];
                            message.blockIds.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SeriesRequest
             * @function getTypeUrl
             * @memberof epimetheus.store.SeriesRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SeriesRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.SeriesRequest";
            };

            return SeriesRequest;
        })();

        store.Chunk = (function() {

            /**
             * Properties of a Chunk.
             * @typedef {Object} epimetheus.store.Chunk.$Properties
             * @property {number|null} [minTime] Chunk minTime
             * @property {number|null} [maxTime] Chunk maxTime
             * @property {epimetheus.store.Chunk.Encoding|null} [type] Chunk type
             * @property {Uint8Array|null} [data] Chunk data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Chunk.
             * @memberof epimetheus.store
             * @interface IChunk
             * @augments epimetheus.store.Chunk.$Properties
             * @deprecated Use epimetheus.store.Chunk.$Properties instead.
             */

            /**
             * Shape of a Chunk.
             * @typedef {epimetheus.store.Chunk.$Properties} epimetheus.store.Chunk.$Shape
             */

            /**
             * Constructs a new Chunk.
             * @memberof epimetheus.store
             * @classdesc Represents a Chunk.
             * @constructor
             * @param {epimetheus.store.Chunk.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Chunk = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Chunk minTime.
             * @member {number} minTime
             * @memberof epimetheus.store.Chunk
             * @instance
             */
            Chunk.prototype.minTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Chunk maxTime.
             * @member {number} maxTime
             * @memberof epimetheus.store.Chunk
             * @instance
             */
            Chunk.prototype.maxTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Chunk type.
             * @member {epimetheus.store.Chunk.Encoding} type
             * @memberof epimetheus.store.Chunk
             * @instance
             */
            Chunk.prototype.type = 0;

            /**
             * Chunk data.
             * @member {Uint8Array} data
             * @memberof epimetheus.store.Chunk
             * @instance
             */
            Chunk.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new Chunk instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.Chunk
             * @static
             * @param {epimetheus.store.Chunk.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.Chunk} Chunk instance
             * @type {{
             *   (properties: epimetheus.store.Chunk.$Shape): epimetheus.store.Chunk & epimetheus.store.Chunk.$Shape;
             *   (properties?: epimetheus.store.Chunk.$Properties): epimetheus.store.Chunk;
             * }}
             */
            Chunk.create = function(properties) {
                return new Chunk(properties);
            };

            /**
             * Encodes the specified Chunk message. Does not implicitly {@link epimetheus.store.Chunk.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.Chunk
             * @static
             * @param {epimetheus.store.Chunk.$Properties} message Chunk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Chunk.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.minTime != null && $Object.hasOwnProperty.call(message, "minTime") && (typeof message.minTime === "object" ? message.minTime.low || message.minTime.high : message.minTime !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.minTime);
                if (message.maxTime != null && $Object.hasOwnProperty.call(message, "maxTime") && (typeof message.maxTime === "object" ? message.maxTime.low || message.maxTime.high : message.maxTime !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.maxTime);
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.type);
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.data);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Chunk message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.Chunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.Chunk & epimetheus.store.Chunk.$Shape} Chunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Chunk.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.Chunk();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.minTime = value;
                            else
                                delete message.minTime;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxTime = value;
                            else
                                delete message.maxTime;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Chunk
             * @function getTypeUrl
             * @memberof epimetheus.store.Chunk
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Chunk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.Chunk";
            };

            /**
             * Encoding enum.
             * @name epimetheus.store.Chunk.Encoding
             * @enum {number}
             * @property {number} XOR=0 XOR value
             * @property {number} HISTOGRAM=1 HISTOGRAM value
             * @property {number} FLOAT_HISTOGRAM=2 FLOAT_HISTOGRAM value
             */
            Chunk.Encoding = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "XOR"] = 0;
                values[valuesById[1] = "HISTOGRAM"] = 1;
                values[valuesById[2] = "FLOAT_HISTOGRAM"] = 2;
                return values;
            })();

            return Chunk;
        })();

        store.Series = (function() {

            /**
             * Properties of a Series.
             * @typedef {Object} epimetheus.store.Series.$Properties
             * @property {Array.<epimetheus.store.Label.$Properties>|null} [labels] Series labels
             * @property {Array.<epimetheus.store.Chunk.$Properties>|null} [chunks] Series chunks
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Series.
             * @memberof epimetheus.store
             * @interface ISeries
             * @augments epimetheus.store.Series.$Properties
             * @deprecated Use epimetheus.store.Series.$Properties instead.
             */

            /**
             * Shape of a Series.
             * @typedef {epimetheus.store.Series.$Properties} epimetheus.store.Series.$Shape
             */

            /**
             * Constructs a new Series.
             * @memberof epimetheus.store
             * @classdesc Represents a Series.
             * @constructor
             * @param {epimetheus.store.Series.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Series = function (properties) {
                this.labels = [];
                this.chunks = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Series labels.
             * @member {Array.<epimetheus.store.Label.$Properties>} labels
             * @memberof epimetheus.store.Series
             * @instance
             */
            Series.prototype.labels = $util.emptyArray;

            /**
             * Series chunks.
             * @member {Array.<epimetheus.store.Chunk.$Properties>} chunks
             * @memberof epimetheus.store.Series
             * @instance
             */
            Series.prototype.chunks = $util.emptyArray;

            /**
             * Creates a new Series instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.Series
             * @static
             * @param {epimetheus.store.Series.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.Series} Series instance
             * @type {{
             *   (properties: epimetheus.store.Series.$Shape): epimetheus.store.Series & epimetheus.store.Series.$Shape;
             *   (properties?: epimetheus.store.Series.$Properties): epimetheus.store.Series;
             * }}
             */
            Series.create = function(properties) {
                return new Series(properties);
            };

            /**
             * Encodes the specified Series message. Does not implicitly {@link epimetheus.store.Series.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.Series
             * @static
             * @param {epimetheus.store.Series.$Properties} message Series message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Series.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.labels != null && message.labels.length)
                    for (let i = 0; i < message.labels.length; ++i)
                        $root.epimetheus.store.Label.encode(message.labels[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.chunks != null && message.chunks.length)
                    for (let i = 0; i < message.chunks.length; ++i)
                        $root.epimetheus.store.Chunk.encode(message.chunks[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Series message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.Series
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.Series & epimetheus.store.Series.$Shape} Series
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Series.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.Series();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.labels && message.labels.length))
                                message.labels = [];
                            message.labels.push($root.epimetheus.store.Label.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.chunks && message.chunks.length))
                                message.chunks = [];
                            message.chunks.push($root.epimetheus.store.Chunk.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Series
             * @function getTypeUrl
             * @memberof epimetheus.store.Series
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Series.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.Series";
            };

            return Series;
        })();

        store.SeriesResponse = (function() {

            /**
             * Properties of a SeriesResponse.
             * @typedef {Object} epimetheus.store.SeriesResponse.$Properties
             * @property {epimetheus.store.Series.$Properties|null} [series] SeriesResponse series
             * @property {string|null} [warning] SeriesResponse warning
             * @property {"series"|"warning"} [result] SeriesResponse result
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SeriesResponse.
             * @memberof epimetheus.store
             * @interface ISeriesResponse
             * @augments epimetheus.store.SeriesResponse.$Properties
             * @deprecated Use epimetheus.store.SeriesResponse.$Properties instead.
             */

            /**
             * Narrowed shape of a SeriesResponse.
             * @typedef {{
             *   series?: epimetheus.store.Series.$Shape|null;
             *   warning?: string|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ result?: undefined; series?: null; warning?: null }|{ result?: "series"; series: epimetheus.store.Series.$Shape; warning?: null }|{ result?: "warning"; series?: null; warning: string })
             * )} epimetheus.store.SeriesResponse.$Shape
             */

            /**
             * Constructs a new SeriesResponse.
             * @memberof epimetheus.store
             * @classdesc Represents a SeriesResponse.
             * @constructor
             * @param {epimetheus.store.SeriesResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SeriesResponse = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SeriesResponse series.
             * @member {epimetheus.store.Series.$Properties|null|undefined} series
             * @memberof epimetheus.store.SeriesResponse
             * @instance
             */
            SeriesResponse.prototype.series = null;

            /**
             * SeriesResponse warning.
             * @member {string|null|undefined} warning
             * @memberof epimetheus.store.SeriesResponse
             * @instance
             */
            SeriesResponse.prototype.warning = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * SeriesResponse result.
             * @member {"series"|"warning"|undefined} result
             * @memberof epimetheus.store.SeriesResponse
             * @instance
             */
            $Object.defineProperty(SeriesResponse.prototype, "result", {
                get: $util.oneOfGetter($oneOfFields = ["series", "warning"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SeriesResponse instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.SeriesResponse
             * @static
             * @param {epimetheus.store.SeriesResponse.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.SeriesResponse} SeriesResponse instance
             * @type {{
             *   (properties: epimetheus.store.SeriesResponse.$Shape): epimetheus.store.SeriesResponse & epimetheus.store.SeriesResponse.$Shape;
             *   (properties?: epimetheus.store.SeriesResponse.$Properties): epimetheus.store.SeriesResponse;
             * }}
             */
            SeriesResponse.create = function(properties) {
                return new SeriesResponse(properties);
            };

            /**
             * Encodes the specified SeriesResponse message. Does not implicitly {@link epimetheus.store.SeriesResponse.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.SeriesResponse
             * @static
             * @param {epimetheus.store.SeriesResponse.$Properties} message SeriesResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SeriesResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.series != null && $Object.hasOwnProperty.call(message, "series"))
                    $root.epimetheus.store.Series.encode(message.series, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.warning != null && $Object.hasOwnProperty.call(message, "warning"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.warning);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SeriesResponse message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.SeriesResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.SeriesResponse & epimetheus.store.SeriesResponse.$Shape} SeriesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SeriesResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.SeriesResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.series = $root.epimetheus.store.Series.decode(reader, reader.size(), $undefined, _depth + 1, message.series);
                            message.result = "series";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.warning = reader.stringVerify();
                            message.result = "warning";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SeriesResponse
             * @function getTypeUrl
             * @memberof epimetheus.store.SeriesResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SeriesResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.SeriesResponse";
            };

            return SeriesResponse;
        })();

        store.LabelNamesRequest = (function() {

            /**
             * Properties of a LabelNamesRequest.
             * @typedef {Object} epimetheus.store.LabelNamesRequest.$Properties
             * @property {number|null} [start] LabelNamesRequest start
             * @property {number|null} [end] LabelNamesRequest end
             * @property {Array.<epimetheus.store.LabelMatcher.$Properties>|null} [matchers] LabelNamesRequest matchers
             * @property {Array.<string>|null} [blockIds] LabelNamesRequest blockIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LabelNamesRequest.
             * @memberof epimetheus.store
             * @interface ILabelNamesRequest
             * @augments epimetheus.store.LabelNamesRequest.$Properties
             * @deprecated Use epimetheus.store.LabelNamesRequest.$Properties instead.
             */

            /**
             * Shape of a LabelNamesRequest.
             * @typedef {epimetheus.store.LabelNamesRequest.$Properties} epimetheus.store.LabelNamesRequest.$Shape
             */

            /**
             * Constructs a new LabelNamesRequest.
             * @memberof epimetheus.store
             * @classdesc Represents a LabelNamesRequest.
             * @constructor
             * @param {epimetheus.store.LabelNamesRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LabelNamesRequest = function (properties) {
                this.matchers = [];
                this.blockIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LabelNamesRequest start.
             * @member {number} start
             * @memberof epimetheus.store.LabelNamesRequest
             * @instance
             */
            LabelNamesRequest.prototype.start = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * LabelNamesRequest end.
             * @member {number} end
             * @memberof epimetheus.store.LabelNamesRequest
             * @instance
             */
            LabelNamesRequest.prototype.end = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * LabelNamesRequest matchers.
             * @member {Array.<epimetheus.store.LabelMatcher.$Properties>} matchers
             * @memberof epimetheus.store.LabelNamesRequest
             * @instance
             */
            LabelNamesRequest.prototype.matchers = $util.emptyArray;

            /**
             * LabelNamesRequest blockIds.
             * @member {Array.<string>} blockIds
             * @memberof epimetheus.store.LabelNamesRequest
             * @instance
             */
            LabelNamesRequest.prototype.blockIds = $util.emptyArray;

            /**
             * Creates a new LabelNamesRequest instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.LabelNamesRequest
             * @static
             * @param {epimetheus.store.LabelNamesRequest.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.LabelNamesRequest} LabelNamesRequest instance
             * @type {{
             *   (properties: epimetheus.store.LabelNamesRequest.$Shape): epimetheus.store.LabelNamesRequest & epimetheus.store.LabelNamesRequest.$Shape;
             *   (properties?: epimetheus.store.LabelNamesRequest.$Properties): epimetheus.store.LabelNamesRequest;
             * }}
             */
            LabelNamesRequest.create = function(properties) {
                return new LabelNamesRequest(properties);
            };

            /**
             * Encodes the specified LabelNamesRequest message. Does not implicitly {@link epimetheus.store.LabelNamesRequest.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.LabelNamesRequest
             * @static
             * @param {epimetheus.store.LabelNamesRequest.$Properties} message LabelNamesRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LabelNamesRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.start != null && $Object.hasOwnProperty.call(message, "start") && (typeof message.start === "object" ? message.start.low || message.start.high : message.start !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.start);
                if (message.end != null && $Object.hasOwnProperty.call(message, "end") && (typeof message.end === "object" ? message.end.low || message.end.high : message.end !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.end);
                if (message.matchers != null && message.matchers.length)
                    for (let i = 0; i < message.matchers.length; ++i)
                        $root.epimetheus.store.LabelMatcher.encode(message.matchers[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.blockIds != null && message.blockIds.length)
                    for (let i = 0; i < message.blockIds.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.blockIds[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a LabelNamesRequest message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.LabelNamesRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelNamesRequest & epimetheus.store.LabelNamesRequest.$Shape} LabelNamesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LabelNamesRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.LabelNamesRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.start = value;
                            else
                                delete message.start;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.end = value;
                            else
                                delete message.end;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.matchers && message.matchers.length))
                                message.matchers = [];
                            message.matchers.push($root.epimetheus.store.LabelMatcher.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.blockIds && message.blockIds.length))
                                message.blockIds = [];
                            message.blockIds.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for LabelNamesRequest
             * @function getTypeUrl
             * @memberof epimetheus.store.LabelNamesRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LabelNamesRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.LabelNamesRequest";
            };

            return LabelNamesRequest;
        })();

        store.LabelNamesResponse = (function() {

            /**
             * Properties of a LabelNamesResponse.
             * @typedef {Object} epimetheus.store.LabelNamesResponse.$Properties
             * @property {Array.<string>|null} [names] LabelNamesResponse names
             * @property {Array.<string>|null} [warnings] LabelNamesResponse warnings
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LabelNamesResponse.
             * @memberof epimetheus.store
             * @interface ILabelNamesResponse
             * @augments epimetheus.store.LabelNamesResponse.$Properties
             * @deprecated Use epimetheus.store.LabelNamesResponse.$Properties instead.
             */

            /**
             * Shape of a LabelNamesResponse.
             * @typedef {epimetheus.store.LabelNamesResponse.$Properties} epimetheus.store.LabelNamesResponse.$Shape
             */

            /**
             * Constructs a new LabelNamesResponse.
             * @memberof epimetheus.store
             * @classdesc Represents a LabelNamesResponse.
             * @constructor
             * @param {epimetheus.store.LabelNamesResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LabelNamesResponse = function (properties) {
                this.names = [];
                this.warnings = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LabelNamesResponse names.
             * @member {Array.<string>} names
             * @memberof epimetheus.store.LabelNamesResponse
             * @instance
             */
            LabelNamesResponse.prototype.names = $util.emptyArray;

            /**
             * LabelNamesResponse warnings.
             * @member {Array.<string>} warnings
             * @memberof epimetheus.store.LabelNamesResponse
             * @instance
             */
            LabelNamesResponse.prototype.warnings = $util.emptyArray;

            /**
             * Creates a new LabelNamesResponse instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.LabelNamesResponse
             * @static
             * @param {epimetheus.store.LabelNamesResponse.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.LabelNamesResponse} LabelNamesResponse instance
             * @type {{
             *   (properties: epimetheus.store.LabelNamesResponse.$Shape): epimetheus.store.LabelNamesResponse & epimetheus.store.LabelNamesResponse.$Shape;
             *   (properties?: epimetheus.store.LabelNamesResponse.$Properties): epimetheus.store.LabelNamesResponse;
             * }}
             */
            LabelNamesResponse.create = function(properties) {
                return new LabelNamesResponse(properties);
            };

            /**
             * Encodes the specified LabelNamesResponse message. Does not implicitly {@link epimetheus.store.LabelNamesResponse.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.LabelNamesResponse
             * @static
             * @param {epimetheus.store.LabelNamesResponse.$Properties} message LabelNamesResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LabelNamesResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.names != null && message.names.length)
                    for (let i = 0; i < message.names.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.names[i]);
                if (message.warnings != null && message.warnings.length)
                    for (let i = 0; i < message.warnings.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.warnings[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a LabelNamesResponse message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.LabelNamesResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelNamesResponse & epimetheus.store.LabelNamesResponse.$Shape} LabelNamesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LabelNamesResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.LabelNamesResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.names && message.names.length))
                                message.names = [];
                            message.names.push(reader.stringVerify());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.warnings && message.warnings.length))
                                message.warnings = [];
                            message.warnings.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for LabelNamesResponse
             * @function getTypeUrl
             * @memberof epimetheus.store.LabelNamesResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LabelNamesResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.LabelNamesResponse";
            };

            return LabelNamesResponse;
        })();

        store.LabelValuesRequest = (function() {

            /**
             * Properties of a LabelValuesRequest.
             * @typedef {Object} epimetheus.store.LabelValuesRequest.$Properties
             * @property {string|null} [label] LabelValuesRequest label
             * @property {number|null} [start] LabelValuesRequest start
             * @property {number|null} [end] LabelValuesRequest end
             * @property {Array.<epimetheus.store.LabelMatcher.$Properties>|null} [matchers] LabelValuesRequest matchers
             * @property {Array.<string>|null} [blockIds] LabelValuesRequest blockIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LabelValuesRequest.
             * @memberof epimetheus.store
             * @interface ILabelValuesRequest
             * @augments epimetheus.store.LabelValuesRequest.$Properties
             * @deprecated Use epimetheus.store.LabelValuesRequest.$Properties instead.
             */

            /**
             * Shape of a LabelValuesRequest.
             * @typedef {epimetheus.store.LabelValuesRequest.$Properties} epimetheus.store.LabelValuesRequest.$Shape
             */

            /**
             * Constructs a new LabelValuesRequest.
             * @memberof epimetheus.store
             * @classdesc Represents a LabelValuesRequest.
             * @constructor
             * @param {epimetheus.store.LabelValuesRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LabelValuesRequest = function (properties) {
                this.matchers = [];
                this.blockIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LabelValuesRequest label.
             * @member {string} label
             * @memberof epimetheus.store.LabelValuesRequest
             * @instance
             */
            LabelValuesRequest.prototype.label = "";

            /**
             * LabelValuesRequest start.
             * @member {number} start
             * @memberof epimetheus.store.LabelValuesRequest
             * @instance
             */
            LabelValuesRequest.prototype.start = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * LabelValuesRequest end.
             * @member {number} end
             * @memberof epimetheus.store.LabelValuesRequest
             * @instance
             */
            LabelValuesRequest.prototype.end = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * LabelValuesRequest matchers.
             * @member {Array.<epimetheus.store.LabelMatcher.$Properties>} matchers
             * @memberof epimetheus.store.LabelValuesRequest
             * @instance
             */
            LabelValuesRequest.prototype.matchers = $util.emptyArray;

            /**
             * LabelValuesRequest blockIds.
             * @member {Array.<string>} blockIds
             * @memberof epimetheus.store.LabelValuesRequest
             * @instance
             */
            LabelValuesRequest.prototype.blockIds = $util.emptyArray;

            /**
             * Creates a new LabelValuesRequest instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.LabelValuesRequest
             * @static
             * @param {epimetheus.store.LabelValuesRequest.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.LabelValuesRequest} LabelValuesRequest instance
             * @type {{
             *   (properties: epimetheus.store.LabelValuesRequest.$Shape): epimetheus.store.LabelValuesRequest & epimetheus.store.LabelValuesRequest.$Shape;
             *   (properties?: epimetheus.store.LabelValuesRequest.$Properties): epimetheus.store.LabelValuesRequest;
             * }}
             */
            LabelValuesRequest.create = function(properties) {
                return new LabelValuesRequest(properties);
            };

            /**
             * Encodes the specified LabelValuesRequest message. Does not implicitly {@link epimetheus.store.LabelValuesRequest.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.LabelValuesRequest
             * @static
             * @param {epimetheus.store.LabelValuesRequest.$Properties} message LabelValuesRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LabelValuesRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.label != null && $Object.hasOwnProperty.call(message, "label") && message.label !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.label);
                if (message.start != null && $Object.hasOwnProperty.call(message, "start") && (typeof message.start === "object" ? message.start.low || message.start.high : message.start !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.start);
                if (message.end != null && $Object.hasOwnProperty.call(message, "end") && (typeof message.end === "object" ? message.end.low || message.end.high : message.end !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.end);
                if (message.matchers != null && message.matchers.length)
                    for (let i = 0; i < message.matchers.length; ++i)
                        $root.epimetheus.store.LabelMatcher.encode(message.matchers[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.blockIds != null && message.blockIds.length)
                    for (let i = 0; i < message.blockIds.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.blockIds[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a LabelValuesRequest message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.LabelValuesRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelValuesRequest & epimetheus.store.LabelValuesRequest.$Shape} LabelValuesRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LabelValuesRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.LabelValuesRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.label = value;
                            else
                                delete message.label;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.start = value;
                            else
                                delete message.start;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.end = value;
                            else
                                delete message.end;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.matchers && message.matchers.length))
                                message.matchers = [];
                            message.matchers.push($root.epimetheus.store.LabelMatcher.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.blockIds && message.blockIds.length))
                                message.blockIds = [];
                            message.blockIds.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for LabelValuesRequest
             * @function getTypeUrl
             * @memberof epimetheus.store.LabelValuesRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LabelValuesRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.LabelValuesRequest";
            };

            return LabelValuesRequest;
        })();

        store.LabelValuesResponse = (function() {

            /**
             * Properties of a LabelValuesResponse.
             * @typedef {Object} epimetheus.store.LabelValuesResponse.$Properties
             * @property {Array.<string>|null} [values] LabelValuesResponse values
             * @property {Array.<string>|null} [warnings] LabelValuesResponse warnings
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LabelValuesResponse.
             * @memberof epimetheus.store
             * @interface ILabelValuesResponse
             * @augments epimetheus.store.LabelValuesResponse.$Properties
             * @deprecated Use epimetheus.store.LabelValuesResponse.$Properties instead.
             */

            /**
             * Shape of a LabelValuesResponse.
             * @typedef {epimetheus.store.LabelValuesResponse.$Properties} epimetheus.store.LabelValuesResponse.$Shape
             */

            /**
             * Constructs a new LabelValuesResponse.
             * @memberof epimetheus.store
             * @classdesc Represents a LabelValuesResponse.
             * @constructor
             * @param {epimetheus.store.LabelValuesResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LabelValuesResponse = function (properties) {
                this.values = [];
                this.warnings = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LabelValuesResponse values.
             * @member {Array.<string>} values
             * @memberof epimetheus.store.LabelValuesResponse
             * @instance
             */
            LabelValuesResponse.prototype.values = $util.emptyArray;

            /**
             * LabelValuesResponse warnings.
             * @member {Array.<string>} warnings
             * @memberof epimetheus.store.LabelValuesResponse
             * @instance
             */
            LabelValuesResponse.prototype.warnings = $util.emptyArray;

            /**
             * Creates a new LabelValuesResponse instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.LabelValuesResponse
             * @static
             * @param {epimetheus.store.LabelValuesResponse.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.LabelValuesResponse} LabelValuesResponse instance
             * @type {{
             *   (properties: epimetheus.store.LabelValuesResponse.$Shape): epimetheus.store.LabelValuesResponse & epimetheus.store.LabelValuesResponse.$Shape;
             *   (properties?: epimetheus.store.LabelValuesResponse.$Properties): epimetheus.store.LabelValuesResponse;
             * }}
             */
            LabelValuesResponse.create = function(properties) {
                return new LabelValuesResponse(properties);
            };

            /**
             * Encodes the specified LabelValuesResponse message. Does not implicitly {@link epimetheus.store.LabelValuesResponse.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.LabelValuesResponse
             * @static
             * @param {epimetheus.store.LabelValuesResponse.$Properties} message LabelValuesResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LabelValuesResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.values != null && message.values.length)
                    for (let i = 0; i < message.values.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.values[i]);
                if (message.warnings != null && message.warnings.length)
                    for (let i = 0; i < message.warnings.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.warnings[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a LabelValuesResponse message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.LabelValuesResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.LabelValuesResponse & epimetheus.store.LabelValuesResponse.$Shape} LabelValuesResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LabelValuesResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.LabelValuesResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.values && message.values.length))
                                message.values = [];
                            message.values.push(reader.stringVerify());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.warnings && message.warnings.length))
                                message.warnings = [];
                            message.warnings.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for LabelValuesResponse
             * @function getTypeUrl
             * @memberof epimetheus.store.LabelValuesResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LabelValuesResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.LabelValuesResponse";
            };

            return LabelValuesResponse;
        })();

        store.MetadataRequest = (function() {

            /**
             * Properties of a MetadataRequest.
             * @typedef {Object} epimetheus.store.MetadataRequest.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MetadataRequest.
             * @memberof epimetheus.store
             * @interface IMetadataRequest
             * @augments epimetheus.store.MetadataRequest.$Properties
             * @deprecated Use epimetheus.store.MetadataRequest.$Properties instead.
             */

            /**
             * Shape of a MetadataRequest.
             * @typedef {epimetheus.store.MetadataRequest.$Properties} epimetheus.store.MetadataRequest.$Shape
             */

            /**
             * Constructs a new MetadataRequest.
             * @memberof epimetheus.store
             * @classdesc Represents a MetadataRequest.
             * @constructor
             * @param {epimetheus.store.MetadataRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MetadataRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Creates a new MetadataRequest instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.MetadataRequest
             * @static
             * @param {epimetheus.store.MetadataRequest.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.MetadataRequest} MetadataRequest instance
             * @type {{
             *   (properties: epimetheus.store.MetadataRequest.$Shape): epimetheus.store.MetadataRequest & epimetheus.store.MetadataRequest.$Shape;
             *   (properties?: epimetheus.store.MetadataRequest.$Properties): epimetheus.store.MetadataRequest;
             * }}
             */
            MetadataRequest.create = function(properties) {
                return new MetadataRequest(properties);
            };

            /**
             * Encodes the specified MetadataRequest message. Does not implicitly {@link epimetheus.store.MetadataRequest.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.MetadataRequest
             * @static
             * @param {epimetheus.store.MetadataRequest.$Properties} message MetadataRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MetadataRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MetadataRequest message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.MetadataRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.MetadataRequest & epimetheus.store.MetadataRequest.$Shape} MetadataRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MetadataRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.MetadataRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    reader.skipType(tag & 7, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for MetadataRequest
             * @function getTypeUrl
             * @memberof epimetheus.store.MetadataRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MetadataRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.MetadataRequest";
            };

            return MetadataRequest;
        })();

        store.MetricMetadata = (function() {

            /**
             * Properties of a MetricMetadata.
             * @typedef {Object} epimetheus.store.MetricMetadata.$Properties
             * @property {string|null} [metricFamilyName] MetricMetadata metricFamilyName
             * @property {string|null} [type] MetricMetadata type
             * @property {string|null} [help] MetricMetadata help
             * @property {string|null} [unit] MetricMetadata unit
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MetricMetadata.
             * @memberof epimetheus.store
             * @interface IMetricMetadata
             * @augments epimetheus.store.MetricMetadata.$Properties
             * @deprecated Use epimetheus.store.MetricMetadata.$Properties instead.
             */

            /**
             * Shape of a MetricMetadata.
             * @typedef {epimetheus.store.MetricMetadata.$Properties} epimetheus.store.MetricMetadata.$Shape
             */

            /**
             * Constructs a new MetricMetadata.
             * @memberof epimetheus.store
             * @classdesc Represents a MetricMetadata.
             * @constructor
             * @param {epimetheus.store.MetricMetadata.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MetricMetadata = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MetricMetadata metricFamilyName.
             * @member {string} metricFamilyName
             * @memberof epimetheus.store.MetricMetadata
             * @instance
             */
            MetricMetadata.prototype.metricFamilyName = "";

            /**
             * MetricMetadata type.
             * @member {string} type
             * @memberof epimetheus.store.MetricMetadata
             * @instance
             */
            MetricMetadata.prototype.type = "";

            /**
             * MetricMetadata help.
             * @member {string} help
             * @memberof epimetheus.store.MetricMetadata
             * @instance
             */
            MetricMetadata.prototype.help = "";

            /**
             * MetricMetadata unit.
             * @member {string} unit
             * @memberof epimetheus.store.MetricMetadata
             * @instance
             */
            MetricMetadata.prototype.unit = "";

            /**
             * Creates a new MetricMetadata instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.MetricMetadata
             * @static
             * @param {epimetheus.store.MetricMetadata.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.MetricMetadata} MetricMetadata instance
             * @type {{
             *   (properties: epimetheus.store.MetricMetadata.$Shape): epimetheus.store.MetricMetadata & epimetheus.store.MetricMetadata.$Shape;
             *   (properties?: epimetheus.store.MetricMetadata.$Properties): epimetheus.store.MetricMetadata;
             * }}
             */
            MetricMetadata.create = function(properties) {
                return new MetricMetadata(properties);
            };

            /**
             * Encodes the specified MetricMetadata message. Does not implicitly {@link epimetheus.store.MetricMetadata.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.MetricMetadata
             * @static
             * @param {epimetheus.store.MetricMetadata.$Properties} message MetricMetadata message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MetricMetadata.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.metricFamilyName != null && $Object.hasOwnProperty.call(message, "metricFamilyName") && message.metricFamilyName !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.metricFamilyName);
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.type);
                if (message.help != null && $Object.hasOwnProperty.call(message, "help") && message.help !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.help);
                if (message.unit != null && $Object.hasOwnProperty.call(message, "unit") && message.unit !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.unit);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MetricMetadata message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.MetricMetadata
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.MetricMetadata & epimetheus.store.MetricMetadata.$Shape} MetricMetadata
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MetricMetadata.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.MetricMetadata();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.metricFamilyName = value;
                            else
                                delete message.metricFamilyName;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.help = value;
                            else
                                delete message.help;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.unit = value;
                            else
                                delete message.unit;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for MetricMetadata
             * @function getTypeUrl
             * @memberof epimetheus.store.MetricMetadata
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MetricMetadata.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.MetricMetadata";
            };

            return MetricMetadata;
        })();

        store.MetadataResponse = (function() {

            /**
             * Properties of a MetadataResponse.
             * @typedef {Object} epimetheus.store.MetadataResponse.$Properties
             * @property {Array.<epimetheus.store.MetricMetadata.$Properties>|null} [metadata] MetadataResponse metadata
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MetadataResponse.
             * @memberof epimetheus.store
             * @interface IMetadataResponse
             * @augments epimetheus.store.MetadataResponse.$Properties
             * @deprecated Use epimetheus.store.MetadataResponse.$Properties instead.
             */

            /**
             * Shape of a MetadataResponse.
             * @typedef {epimetheus.store.MetadataResponse.$Properties} epimetheus.store.MetadataResponse.$Shape
             */

            /**
             * Constructs a new MetadataResponse.
             * @memberof epimetheus.store
             * @classdesc Represents a MetadataResponse.
             * @constructor
             * @param {epimetheus.store.MetadataResponse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MetadataResponse = function (properties) {
                this.metadata = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MetadataResponse metadata.
             * @member {Array.<epimetheus.store.MetricMetadata.$Properties>} metadata
             * @memberof epimetheus.store.MetadataResponse
             * @instance
             */
            MetadataResponse.prototype.metadata = $util.emptyArray;

            /**
             * Creates a new MetadataResponse instance using the specified properties.
             * @function create
             * @memberof epimetheus.store.MetadataResponse
             * @static
             * @param {epimetheus.store.MetadataResponse.$Properties=} [properties] Properties to set
             * @returns {epimetheus.store.MetadataResponse} MetadataResponse instance
             * @type {{
             *   (properties: epimetheus.store.MetadataResponse.$Shape): epimetheus.store.MetadataResponse & epimetheus.store.MetadataResponse.$Shape;
             *   (properties?: epimetheus.store.MetadataResponse.$Properties): epimetheus.store.MetadataResponse;
             * }}
             */
            MetadataResponse.create = function(properties) {
                return new MetadataResponse(properties);
            };

            /**
             * Encodes the specified MetadataResponse message. Does not implicitly {@link epimetheus.store.MetadataResponse.verify|verify} messages.
             * @function encode
             * @memberof epimetheus.store.MetadataResponse
             * @static
             * @param {epimetheus.store.MetadataResponse.$Properties} message MetadataResponse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MetadataResponse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.metadata != null && message.metadata.length)
                    for (let i = 0; i < message.metadata.length; ++i)
                        $root.epimetheus.store.MetricMetadata.encode(message.metadata[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MetadataResponse message from the specified reader or buffer.
             * @function decode
             * @memberof epimetheus.store.MetadataResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {epimetheus.store.MetadataResponse & epimetheus.store.MetadataResponse.$Shape} MetadataResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MetadataResponse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.epimetheus.store.MetadataResponse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.metadata && message.metadata.length))
                                message.metadata = [];
                            message.metadata.push($root.epimetheus.store.MetricMetadata.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for MetadataResponse
             * @function getTypeUrl
             * @memberof epimetheus.store.MetadataResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MetadataResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/epimetheus.store.MetadataResponse";
            };

            return MetadataResponse;
        })();

        return store;
    })();

    return epimetheus;
})();

export {
  $root as default
};
