/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["epimetheus_push"] || ($protobuf.roots["epimetheus_push"] = {});

export const epimetheus_push = $root.epimetheus_push = (() => {

    /**
     * Namespace epimetheus_push.
     * @exports epimetheus_push
     * @namespace
     */
    const epimetheus_push = {};

    epimetheus_push.Pusher = (function() {

        /**
         * Constructs a new Pusher service.
         * @memberof epimetheus_push
         * @classdesc Represents a Pusher
         * @extends $protobuf.rpc.Service
         * @constructor
         * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
         * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
         * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
         */
        const Pusher = function(rpcImpl, requestDelimited, responseDelimited) {
            $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
        };

        $Object.defineProperty(Pusher.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: Pusher, writable: true, enumerable: false, configurable: true });

        /**
         * Creates new Pusher service using the specified rpc implementation.
         * @function create
         * @memberof epimetheus_push.Pusher
         * @static
         * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
         * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
         * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
         * @returns {Pusher} RPC service. Useful where requests and/or responses are streamed.
         */
        Pusher.create = function(rpcImpl, requestDelimited, responseDelimited) {
            return new this(rpcImpl, requestDelimited, responseDelimited);
        };

        /**
         * Callback as used by {@link epimetheus_push.Pusher#push}.
         * @memberof epimetheus_push.Pusher
         * @typedef PushCallback
         * @type {function}
         * @param {Error|null} error Error, if any
         * @param {epimetheus_push.PushResponse} [response] PushResponse
         */

        /**
         * Calls Push.
         * @memberof epimetheus_push.Pusher
         * @typedef Push
         * @type {{
         *   (request: prometheus.IWriteRequest, callback: epimetheus_push.Pusher.PushCallback): void;
         *   (request: prometheus.IWriteRequest): Promise<epimetheus_push.PushResponse>;
         *   readonly name: "Push";
         *   readonly path: "/epimetheus_push.Pusher/Push";
         *   readonly requestType: "prometheus.WriteRequest";
         *   readonly responseType: "PushResponse";
         *   readonly requestStream: undefined;
         *   readonly responseStream: undefined;
         * }}
         */

        /**
         * Calls Push.
         * @name epimetheus_push.Pusher#push
         * @type {epimetheus_push.Pusher.Push}
         */
        $Object.defineProperties(Pusher.prototype.push = function(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, Pusher.prototype.push, $root.prometheus.WriteRequest, $root.epimetheus_push.PushResponse, request, callback);
        }, {
            name: { value: "Push" },
            path: { value: "/epimetheus_push.Pusher/Push" },
            requestType: { value: "prometheus.WriteRequest" },
            responseType: { value: "PushResponse" },
            requestStream: { value: $undefined },
            responseStream: { value: $undefined }
        });

        return Pusher;
    })();

    epimetheus_push.PushResponse = (function() {

        /**
         * Properties of a PushResponse.
         * @typedef {Object} epimetheus_push.PushResponse.$Properties
         * @property {number|null} [code] PushResponse code
         * @property {number|null} [samplesWritten] PushResponse samplesWritten
         * @property {number|null} [histogramsWritten] PushResponse histogramsWritten
         * @property {number|null} [exemplarsWritten] PushResponse exemplarsWritten
         * @property {Array.<epimetheus_push.Rejection.$Properties>|null} [rejections] PushResponse rejections
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PushResponse.
         * @memberof epimetheus_push
         * @interface IPushResponse
         * @augments epimetheus_push.PushResponse.$Properties
         * @deprecated Use epimetheus_push.PushResponse.$Properties instead.
         */

        /**
         * Shape of a PushResponse.
         * @typedef {epimetheus_push.PushResponse.$Properties} epimetheus_push.PushResponse.$Shape
         */

        /**
         * Constructs a new PushResponse.
         * @memberof epimetheus_push
         * @classdesc Represents a PushResponse.
         * @constructor
         * @param {epimetheus_push.PushResponse.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PushResponse = function (properties) {
            this.rejections = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * PushResponse code.
         * @member {number} code
         * @memberof epimetheus_push.PushResponse
         * @instance
         */
        PushResponse.prototype.code = 0;

        /**
         * PushResponse samplesWritten.
         * @member {number} samplesWritten
         * @memberof epimetheus_push.PushResponse
         * @instance
         */
        PushResponse.prototype.samplesWritten = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * PushResponse histogramsWritten.
         * @member {number} histogramsWritten
         * @memberof epimetheus_push.PushResponse
         * @instance
         */
        PushResponse.prototype.histogramsWritten = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * PushResponse exemplarsWritten.
         * @member {number} exemplarsWritten
         * @memberof epimetheus_push.PushResponse
         * @instance
         */
        PushResponse.prototype.exemplarsWritten = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * PushResponse rejections.
         * @member {Array.<epimetheus_push.Rejection.$Properties>} rejections
         * @memberof epimetheus_push.PushResponse
         * @instance
         */
        PushResponse.prototype.rejections = $util.emptyArray;

        /**
         * Creates a new PushResponse instance using the specified properties.
         * @function create
         * @memberof epimetheus_push.PushResponse
         * @static
         * @param {epimetheus_push.PushResponse.$Properties=} [properties] Properties to set
         * @returns {epimetheus_push.PushResponse} PushResponse instance
         * @type {{
         *   (properties: epimetheus_push.PushResponse.$Shape): epimetheus_push.PushResponse & epimetheus_push.PushResponse.$Shape;
         *   (properties?: epimetheus_push.PushResponse.$Properties): epimetheus_push.PushResponse;
         * }}
         */
        PushResponse.create = function(properties) {
            return new PushResponse(properties);
        };

        /**
         * Encodes the specified PushResponse message. Does not implicitly {@link epimetheus_push.PushResponse.verify|verify} messages.
         * @function encode
         * @memberof epimetheus_push.PushResponse
         * @static
         * @param {epimetheus_push.PushResponse.$Properties} message PushResponse message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PushResponse.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
            if (message.samplesWritten != null && $Object.hasOwnProperty.call(message, "samplesWritten") && (typeof message.samplesWritten === "object" ? message.samplesWritten.low || message.samplesWritten.high : message.samplesWritten !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).int64(message.samplesWritten);
            if (message.histogramsWritten != null && $Object.hasOwnProperty.call(message, "histogramsWritten") && (typeof message.histogramsWritten === "object" ? message.histogramsWritten.low || message.histogramsWritten.high : message.histogramsWritten !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).int64(message.histogramsWritten);
            if (message.exemplarsWritten != null && $Object.hasOwnProperty.call(message, "exemplarsWritten") && (typeof message.exemplarsWritten === "object" ? message.exemplarsWritten.low || message.exemplarsWritten.high : message.exemplarsWritten !== 0))
                writer.uint32(/* id 4, wireType 0 =*/32).int64(message.exemplarsWritten);
            if (message.rejections != null && message.rejections.length)
                for (let i = 0; i < message.rejections.length; ++i)
                    $root.epimetheus_push.Rejection.encode(message.rejections[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a PushResponse message from the specified reader or buffer.
         * @function decode
         * @memberof epimetheus_push.PushResponse
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {epimetheus_push.PushResponse & epimetheus_push.PushResponse.$Shape} PushResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PushResponse.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.epimetheus_push.PushResponse();
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
                            message.code = value;
                        else
                            delete message.code;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.samplesWritten = value;
                        else
                            delete message.samplesWritten;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.histogramsWritten = value;
                        else
                            delete message.histogramsWritten;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.exemplarsWritten = value;
                        else
                            delete message.exemplarsWritten;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.rejections && message.rejections.length))
                            message.rejections = [];
                        message.rejections.push($root.epimetheus_push.Rejection.decode(reader, reader.size(), $undefined, _depth + 1));
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
         * Gets the type url for PushResponse
         * @function getTypeUrl
         * @memberof epimetheus_push.PushResponse
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        PushResponse.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/epimetheus_push.PushResponse";
        };

        return PushResponse;
    })();

    epimetheus_push.Rejection = (function() {

        /**
         * Properties of a Rejection.
         * @typedef {Object} epimetheus_push.Rejection.$Properties
         * @property {string|null} [errorId] Rejection errorId
         * @property {string|null} [message] Rejection message
         * @property {number|null} [code] Rejection code
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Rejection.
         * @memberof epimetheus_push
         * @interface IRejection
         * @augments epimetheus_push.Rejection.$Properties
         * @deprecated Use epimetheus_push.Rejection.$Properties instead.
         */

        /**
         * Shape of a Rejection.
         * @typedef {epimetheus_push.Rejection.$Properties} epimetheus_push.Rejection.$Shape
         */

        /**
         * Constructs a new Rejection.
         * @memberof epimetheus_push
         * @classdesc Represents a Rejection.
         * @constructor
         * @param {epimetheus_push.Rejection.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Rejection = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Rejection errorId.
         * @member {string} errorId
         * @memberof epimetheus_push.Rejection
         * @instance
         */
        Rejection.prototype.errorId = "";

        /**
         * Rejection message.
         * @member {string} message
         * @memberof epimetheus_push.Rejection
         * @instance
         */
        Rejection.prototype.message = "";

        /**
         * Rejection code.
         * @member {number} code
         * @memberof epimetheus_push.Rejection
         * @instance
         */
        Rejection.prototype.code = 0;

        /**
         * Creates a new Rejection instance using the specified properties.
         * @function create
         * @memberof epimetheus_push.Rejection
         * @static
         * @param {epimetheus_push.Rejection.$Properties=} [properties] Properties to set
         * @returns {epimetheus_push.Rejection} Rejection instance
         * @type {{
         *   (properties: epimetheus_push.Rejection.$Shape): epimetheus_push.Rejection & epimetheus_push.Rejection.$Shape;
         *   (properties?: epimetheus_push.Rejection.$Properties): epimetheus_push.Rejection;
         * }}
         */
        Rejection.create = function(properties) {
            return new Rejection(properties);
        };

        /**
         * Encodes the specified Rejection message. Does not implicitly {@link epimetheus_push.Rejection.verify|verify} messages.
         * @function encode
         * @memberof epimetheus_push.Rejection
         * @static
         * @param {epimetheus_push.Rejection.$Properties} message Rejection message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Rejection.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.errorId != null && $Object.hasOwnProperty.call(message, "errorId") && message.errorId !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.errorId);
            if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
            if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).int32(message.code);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Rejection message from the specified reader or buffer.
         * @function decode
         * @memberof epimetheus_push.Rejection
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {epimetheus_push.Rejection & epimetheus_push.Rejection.$Shape} Rejection
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Rejection.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.epimetheus_push.Rejection();
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
                            message.errorId = value;
                        else
                            delete message.errorId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.message = value;
                        else
                            delete message.message;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.code = value;
                        else
                            delete message.code;
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
         * Gets the type url for Rejection
         * @function getTypeUrl
         * @memberof epimetheus_push.Rejection
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Rejection.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/epimetheus_push.Rejection";
        };

        return Rejection;
    })();

    return epimetheus_push;
})();

export const prometheus = $root.prometheus = (() => {

    /**
     * Namespace prometheus.
     * @exports prometheus
     * @namespace
     */
    const prometheus = {};

    prometheus.WriteRequest = (function() {

        /**
         * Properties of a WriteRequest.
         * @typedef {Object} prometheus.WriteRequest.$Properties
         * @property {Array.<prometheus.TimeSeries.$Properties>|null} [timeseries] WriteRequest timeseries
         * @property {Array.<prometheus.MetricMetadata.$Properties>|null} [metadata] WriteRequest metadata
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a WriteRequest.
         * @memberof prometheus
         * @interface IWriteRequest
         * @augments prometheus.WriteRequest.$Properties
         * @deprecated Use prometheus.WriteRequest.$Properties instead.
         */

        /**
         * Shape of a WriteRequest.
         * @typedef {{
         *   timeseries?: Array.<prometheus.TimeSeries.$Shape>|null;
         *   metadata?: Array.<prometheus.MetricMetadata.$Shape>|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} prometheus.WriteRequest.$Shape
         */

        /**
         * Constructs a new WriteRequest.
         * @memberof prometheus
         * @classdesc Represents a WriteRequest.
         * @constructor
         * @param {prometheus.WriteRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const WriteRequest = function (properties) {
            this.timeseries = [];
            this.metadata = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * WriteRequest timeseries.
         * @member {Array.<prometheus.TimeSeries.$Properties>} timeseries
         * @memberof prometheus.WriteRequest
         * @instance
         */
        WriteRequest.prototype.timeseries = $util.emptyArray;

        /**
         * WriteRequest metadata.
         * @member {Array.<prometheus.MetricMetadata.$Properties>} metadata
         * @memberof prometheus.WriteRequest
         * @instance
         */
        WriteRequest.prototype.metadata = $util.emptyArray;

        /**
         * Creates a new WriteRequest instance using the specified properties.
         * @function create
         * @memberof prometheus.WriteRequest
         * @static
         * @param {prometheus.WriteRequest.$Properties=} [properties] Properties to set
         * @returns {prometheus.WriteRequest} WriteRequest instance
         * @type {{
         *   (properties: prometheus.WriteRequest.$Shape): prometheus.WriteRequest & prometheus.WriteRequest.$Shape;
         *   (properties?: prometheus.WriteRequest.$Properties): prometheus.WriteRequest;
         * }}
         */
        WriteRequest.create = function(properties) {
            return new WriteRequest(properties);
        };

        /**
         * Encodes the specified WriteRequest message. Does not implicitly {@link prometheus.WriteRequest.verify|verify} messages.
         * @function encode
         * @memberof prometheus.WriteRequest
         * @static
         * @param {prometheus.WriteRequest.$Properties} message WriteRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        WriteRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.timeseries != null && message.timeseries.length)
                for (let i = 0; i < message.timeseries.length; ++i)
                    $root.prometheus.TimeSeries.encode(message.timeseries[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.metadata != null && message.metadata.length)
                for (let i = 0; i < message.metadata.length; ++i)
                    $root.prometheus.MetricMetadata.encode(message.metadata[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a WriteRequest message from the specified reader or buffer.
         * @function decode
         * @memberof prometheus.WriteRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.WriteRequest & prometheus.WriteRequest.$Shape} WriteRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        WriteRequest.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.prometheus.WriteRequest();
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
                        if (!(message.timeseries && message.timeseries.length))
                            message.timeseries = [];
                        message.timeseries.push($root.prometheus.TimeSeries.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if (!(message.metadata && message.metadata.length))
                            message.metadata = [];
                        message.metadata.push($root.prometheus.MetricMetadata.decode(reader, reader.size(), $undefined, _depth + 1));
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
         * Gets the type url for WriteRequest
         * @function getTypeUrl
         * @memberof prometheus.WriteRequest
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        WriteRequest.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.WriteRequest";
        };

        return WriteRequest;
    })();

    prometheus.TimeSeries = (function() {

        /**
         * Properties of a TimeSeries.
         * @typedef {Object} prometheus.TimeSeries.$Properties
         * @property {Array.<prometheus.Label.$Properties>|null} [labels] TimeSeries labels
         * @property {Array.<prometheus.Sample.$Properties>|null} [samples] TimeSeries samples
         * @property {Array.<prometheus.Exemplar.$Properties>|null} [exemplars] TimeSeries exemplars
         * @property {Array.<prometheus.Histogram.$Properties>|null} [histograms] TimeSeries histograms
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TimeSeries.
         * @memberof prometheus
         * @interface ITimeSeries
         * @augments prometheus.TimeSeries.$Properties
         * @deprecated Use prometheus.TimeSeries.$Properties instead.
         */

        /**
         * Shape of a TimeSeries.
         * @typedef {{
         *   labels?: Array.<prometheus.Label.$Shape>|null;
         *   samples?: Array.<prometheus.Sample.$Shape>|null;
         *   exemplars?: Array.<prometheus.Exemplar.$Shape>|null;
         *   histograms?: Array.<prometheus.Histogram.$Shape>|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} prometheus.TimeSeries.$Shape
         */

        /**
         * Constructs a new TimeSeries.
         * @memberof prometheus
         * @classdesc Represents a TimeSeries.
         * @constructor
         * @param {prometheus.TimeSeries.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TimeSeries = function (properties) {
            this.labels = [];
            this.samples = [];
            this.exemplars = [];
            this.histograms = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TimeSeries labels.
         * @member {Array.<prometheus.Label.$Properties>} labels
         * @memberof prometheus.TimeSeries
         * @instance
         */
        TimeSeries.prototype.labels = $util.emptyArray;

        /**
         * TimeSeries samples.
         * @member {Array.<prometheus.Sample.$Properties>} samples
         * @memberof prometheus.TimeSeries
         * @instance
         */
        TimeSeries.prototype.samples = $util.emptyArray;

        /**
         * TimeSeries exemplars.
         * @member {Array.<prometheus.Exemplar.$Properties>} exemplars
         * @memberof prometheus.TimeSeries
         * @instance
         */
        TimeSeries.prototype.exemplars = $util.emptyArray;

        /**
         * TimeSeries histograms.
         * @member {Array.<prometheus.Histogram.$Properties>} histograms
         * @memberof prometheus.TimeSeries
         * @instance
         */
        TimeSeries.prototype.histograms = $util.emptyArray;

        /**
         * Creates a new TimeSeries instance using the specified properties.
         * @function create
         * @memberof prometheus.TimeSeries
         * @static
         * @param {prometheus.TimeSeries.$Properties=} [properties] Properties to set
         * @returns {prometheus.TimeSeries} TimeSeries instance
         * @type {{
         *   (properties: prometheus.TimeSeries.$Shape): prometheus.TimeSeries & prometheus.TimeSeries.$Shape;
         *   (properties?: prometheus.TimeSeries.$Properties): prometheus.TimeSeries;
         * }}
         */
        TimeSeries.create = function(properties) {
            return new TimeSeries(properties);
        };

        /**
         * Encodes the specified TimeSeries message. Does not implicitly {@link prometheus.TimeSeries.verify|verify} messages.
         * @function encode
         * @memberof prometheus.TimeSeries
         * @static
         * @param {prometheus.TimeSeries.$Properties} message TimeSeries message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TimeSeries.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.labels != null && message.labels.length)
                for (let i = 0; i < message.labels.length; ++i)
                    $root.prometheus.Label.encode(message.labels[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.samples != null && message.samples.length)
                for (let i = 0; i < message.samples.length; ++i)
                    $root.prometheus.Sample.encode(message.samples[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.exemplars != null && message.exemplars.length)
                for (let i = 0; i < message.exemplars.length; ++i)
                    $root.prometheus.Exemplar.encode(message.exemplars[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.histograms != null && message.histograms.length)
                for (let i = 0; i < message.histograms.length; ++i)
                    $root.prometheus.Histogram.encode(message.histograms[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TimeSeries message from the specified reader or buffer.
         * @function decode
         * @memberof prometheus.TimeSeries
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.TimeSeries & prometheus.TimeSeries.$Shape} TimeSeries
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TimeSeries.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.prometheus.TimeSeries();
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
                        message.labels.push($root.prometheus.Label.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.samples && message.samples.length))
                            message.samples = [];
                        message.samples.push($root.prometheus.Sample.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if (!(message.exemplars && message.exemplars.length))
                            message.exemplars = [];
                        message.exemplars.push($root.prometheus.Exemplar.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.histograms && message.histograms.length))
                            message.histograms = [];
                        message.histograms.push($root.prometheus.Histogram.decode(reader, reader.size(), $undefined, _depth + 1));
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
         * Gets the type url for TimeSeries
         * @function getTypeUrl
         * @memberof prometheus.TimeSeries
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TimeSeries.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.TimeSeries";
        };

        return TimeSeries;
    })();

    prometheus.Label = (function() {

        /**
         * Properties of a Label.
         * @typedef {Object} prometheus.Label.$Properties
         * @property {string|null} [name] Label name
         * @property {string|null} [value] Label value
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Label.
         * @memberof prometheus
         * @interface ILabel
         * @augments prometheus.Label.$Properties
         * @deprecated Use prometheus.Label.$Properties instead.
         */

        /**
         * Shape of a Label.
         * @typedef {prometheus.Label.$Properties} prometheus.Label.$Shape
         */

        /**
         * Constructs a new Label.
         * @memberof prometheus
         * @classdesc Represents a Label.
         * @constructor
         * @param {prometheus.Label.$Properties=} [properties] Properties to set
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
         * @memberof prometheus.Label
         * @instance
         */
        Label.prototype.name = "";

        /**
         * Label value.
         * @member {string} value
         * @memberof prometheus.Label
         * @instance
         */
        Label.prototype.value = "";

        /**
         * Creates a new Label instance using the specified properties.
         * @function create
         * @memberof prometheus.Label
         * @static
         * @param {prometheus.Label.$Properties=} [properties] Properties to set
         * @returns {prometheus.Label} Label instance
         * @type {{
         *   (properties: prometheus.Label.$Shape): prometheus.Label & prometheus.Label.$Shape;
         *   (properties?: prometheus.Label.$Properties): prometheus.Label;
         * }}
         */
        Label.create = function(properties) {
            return new Label(properties);
        };

        /**
         * Encodes the specified Label message. Does not implicitly {@link prometheus.Label.verify|verify} messages.
         * @function encode
         * @memberof prometheus.Label
         * @static
         * @param {prometheus.Label.$Properties} message Label message or plain object to encode
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
         * @memberof prometheus.Label
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.Label & prometheus.Label.$Shape} Label
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
            message = _target || new $root.prometheus.Label();
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
         * @memberof prometheus.Label
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Label.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.Label";
        };

        return Label;
    })();

    prometheus.Sample = (function() {

        /**
         * Properties of a Sample.
         * @typedef {Object} prometheus.Sample.$Properties
         * @property {number|null} [value] Sample value
         * @property {number|null} [timestamp] Sample timestamp
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Sample.
         * @memberof prometheus
         * @interface ISample
         * @augments prometheus.Sample.$Properties
         * @deprecated Use prometheus.Sample.$Properties instead.
         */

        /**
         * Shape of a Sample.
         * @typedef {prometheus.Sample.$Properties} prometheus.Sample.$Shape
         */

        /**
         * Constructs a new Sample.
         * @memberof prometheus
         * @classdesc Represents a Sample.
         * @constructor
         * @param {prometheus.Sample.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Sample = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Sample value.
         * @member {number} value
         * @memberof prometheus.Sample
         * @instance
         */
        Sample.prototype.value = 0;

        /**
         * Sample timestamp.
         * @member {number} timestamp
         * @memberof prometheus.Sample
         * @instance
         */
        Sample.prototype.timestamp = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * Creates a new Sample instance using the specified properties.
         * @function create
         * @memberof prometheus.Sample
         * @static
         * @param {prometheus.Sample.$Properties=} [properties] Properties to set
         * @returns {prometheus.Sample} Sample instance
         * @type {{
         *   (properties: prometheus.Sample.$Shape): prometheus.Sample & prometheus.Sample.$Shape;
         *   (properties?: prometheus.Sample.$Properties): prometheus.Sample;
         * }}
         */
        Sample.create = function(properties) {
            return new Sample(properties);
        };

        /**
         * Encodes the specified Sample message. Does not implicitly {@link prometheus.Sample.verify|verify} messages.
         * @function encode
         * @memberof prometheus.Sample
         * @static
         * @param {prometheus.Sample.$Properties} message Sample message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Sample.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && !$Object.is(message.value, 0))
                writer.uint32(/* id 1, wireType 1 =*/9).double(message.value);
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp") && (typeof message.timestamp === "object" ? message.timestamp.low || message.timestamp.high : message.timestamp !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).int64(message.timestamp);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Sample message from the specified reader or buffer.
         * @function decode
         * @memberof prometheus.Sample
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.Sample & prometheus.Sample.$Shape} Sample
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Sample.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.prometheus.Sample();
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
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.timestamp = value;
                        else
                            delete message.timestamp;
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
         * Gets the type url for Sample
         * @function getTypeUrl
         * @memberof prometheus.Sample
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Sample.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.Sample";
        };

        return Sample;
    })();

    prometheus.Exemplar = (function() {

        /**
         * Properties of an Exemplar.
         * @typedef {Object} prometheus.Exemplar.$Properties
         * @property {Array.<prometheus.Label.$Properties>|null} [labels] Exemplar labels
         * @property {number|null} [value] Exemplar value
         * @property {number|null} [timestamp] Exemplar timestamp
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Exemplar.
         * @memberof prometheus
         * @interface IExemplar
         * @augments prometheus.Exemplar.$Properties
         * @deprecated Use prometheus.Exemplar.$Properties instead.
         */

        /**
         * Shape of an Exemplar.
         * @typedef {prometheus.Exemplar.$Properties} prometheus.Exemplar.$Shape
         */

        /**
         * Constructs a new Exemplar.
         * @memberof prometheus
         * @classdesc Represents an Exemplar.
         * @constructor
         * @param {prometheus.Exemplar.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Exemplar = function (properties) {
            this.labels = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Exemplar labels.
         * @member {Array.<prometheus.Label.$Properties>} labels
         * @memberof prometheus.Exemplar
         * @instance
         */
        Exemplar.prototype.labels = $util.emptyArray;

        /**
         * Exemplar value.
         * @member {number} value
         * @memberof prometheus.Exemplar
         * @instance
         */
        Exemplar.prototype.value = 0;

        /**
         * Exemplar timestamp.
         * @member {number} timestamp
         * @memberof prometheus.Exemplar
         * @instance
         */
        Exemplar.prototype.timestamp = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * Creates a new Exemplar instance using the specified properties.
         * @function create
         * @memberof prometheus.Exemplar
         * @static
         * @param {prometheus.Exemplar.$Properties=} [properties] Properties to set
         * @returns {prometheus.Exemplar} Exemplar instance
         * @type {{
         *   (properties: prometheus.Exemplar.$Shape): prometheus.Exemplar & prometheus.Exemplar.$Shape;
         *   (properties?: prometheus.Exemplar.$Properties): prometheus.Exemplar;
         * }}
         */
        Exemplar.create = function(properties) {
            return new Exemplar(properties);
        };

        /**
         * Encodes the specified Exemplar message. Does not implicitly {@link prometheus.Exemplar.verify|verify} messages.
         * @function encode
         * @memberof prometheus.Exemplar
         * @static
         * @param {prometheus.Exemplar.$Properties} message Exemplar message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Exemplar.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.labels != null && message.labels.length)
                for (let i = 0; i < message.labels.length; ++i)
                    $root.prometheus.Label.encode(message.labels[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && !$Object.is(message.value, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.value);
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp") && (typeof message.timestamp === "object" ? message.timestamp.low || message.timestamp.high : message.timestamp !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).int64(message.timestamp);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Exemplar message from the specified reader or buffer.
         * @function decode
         * @memberof prometheus.Exemplar
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.Exemplar & prometheus.Exemplar.$Shape} Exemplar
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Exemplar.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.prometheus.Exemplar();
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
                        message.labels.push($root.prometheus.Label.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.timestamp = value;
                        else
                            delete message.timestamp;
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
         * Gets the type url for Exemplar
         * @function getTypeUrl
         * @memberof prometheus.Exemplar
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Exemplar.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.Exemplar";
        };

        return Exemplar;
    })();

    prometheus.MetricMetadata = (function() {

        /**
         * Properties of a MetricMetadata.
         * @typedef {Object} prometheus.MetricMetadata.$Properties
         * @property {prometheus.MetricMetadata.MetricType|null} [type] MetricMetadata type
         * @property {string|null} [metricFamilyName] MetricMetadata metricFamilyName
         * @property {string|null} [help] MetricMetadata help
         * @property {string|null} [unit] MetricMetadata unit
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a MetricMetadata.
         * @memberof prometheus
         * @interface IMetricMetadata
         * @augments prometheus.MetricMetadata.$Properties
         * @deprecated Use prometheus.MetricMetadata.$Properties instead.
         */

        /**
         * Shape of a MetricMetadata.
         * @typedef {prometheus.MetricMetadata.$Properties} prometheus.MetricMetadata.$Shape
         */

        /**
         * Constructs a new MetricMetadata.
         * @memberof prometheus
         * @classdesc Represents a MetricMetadata.
         * @constructor
         * @param {prometheus.MetricMetadata.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const MetricMetadata = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * MetricMetadata type.
         * @member {prometheus.MetricMetadata.MetricType} type
         * @memberof prometheus.MetricMetadata
         * @instance
         */
        MetricMetadata.prototype.type = 0;

        /**
         * MetricMetadata metricFamilyName.
         * @member {string} metricFamilyName
         * @memberof prometheus.MetricMetadata
         * @instance
         */
        MetricMetadata.prototype.metricFamilyName = "";

        /**
         * MetricMetadata help.
         * @member {string} help
         * @memberof prometheus.MetricMetadata
         * @instance
         */
        MetricMetadata.prototype.help = "";

        /**
         * MetricMetadata unit.
         * @member {string} unit
         * @memberof prometheus.MetricMetadata
         * @instance
         */
        MetricMetadata.prototype.unit = "";

        /**
         * Creates a new MetricMetadata instance using the specified properties.
         * @function create
         * @memberof prometheus.MetricMetadata
         * @static
         * @param {prometheus.MetricMetadata.$Properties=} [properties] Properties to set
         * @returns {prometheus.MetricMetadata} MetricMetadata instance
         * @type {{
         *   (properties: prometheus.MetricMetadata.$Shape): prometheus.MetricMetadata & prometheus.MetricMetadata.$Shape;
         *   (properties?: prometheus.MetricMetadata.$Properties): prometheus.MetricMetadata;
         * }}
         */
        MetricMetadata.create = function(properties) {
            return new MetricMetadata(properties);
        };

        /**
         * Encodes the specified MetricMetadata message. Does not implicitly {@link prometheus.MetricMetadata.verify|verify} messages.
         * @function encode
         * @memberof prometheus.MetricMetadata
         * @static
         * @param {prometheus.MetricMetadata.$Properties} message MetricMetadata message or plain object to encode
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
            if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
            if (message.metricFamilyName != null && $Object.hasOwnProperty.call(message, "metricFamilyName") && message.metricFamilyName !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.metricFamilyName);
            if (message.help != null && $Object.hasOwnProperty.call(message, "help") && message.help !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.help);
            if (message.unit != null && $Object.hasOwnProperty.call(message, "unit") && message.unit !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.unit);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a MetricMetadata message from the specified reader or buffer.
         * @function decode
         * @memberof prometheus.MetricMetadata
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.MetricMetadata & prometheus.MetricMetadata.$Shape} MetricMetadata
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
            message = _target || new $root.prometheus.MetricMetadata();
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
                            message.metricFamilyName = value;
                        else
                            delete message.metricFamilyName;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.help = value;
                        else
                            delete message.help;
                        continue;
                    }
                case 5: {
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
         * @memberof prometheus.MetricMetadata
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        MetricMetadata.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.MetricMetadata";
        };

        /**
         * MetricType enum.
         * @name prometheus.MetricMetadata.MetricType
         * @enum {number}
         * @property {number} UNKNOWN=0 UNKNOWN value
         * @property {number} COUNTER=1 COUNTER value
         * @property {number} GAUGE=2 GAUGE value
         * @property {number} HISTOGRAM=3 HISTOGRAM value
         * @property {number} GAUGEHISTOGRAM=4 GAUGEHISTOGRAM value
         * @property {number} SUMMARY=5 SUMMARY value
         * @property {number} INFO=6 INFO value
         * @property {number} STATESET=7 STATESET value
         */
        MetricMetadata.MetricType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "UNKNOWN"] = 0;
            values[valuesById[1] = "COUNTER"] = 1;
            values[valuesById[2] = "GAUGE"] = 2;
            values[valuesById[3] = "HISTOGRAM"] = 3;
            values[valuesById[4] = "GAUGEHISTOGRAM"] = 4;
            values[valuesById[5] = "SUMMARY"] = 5;
            values[valuesById[6] = "INFO"] = 6;
            values[valuesById[7] = "STATESET"] = 7;
            return values;
        })();

        return MetricMetadata;
    })();

    prometheus.Histogram = (function() {

        /**
         * Properties of a Histogram.
         * @typedef {Object} prometheus.Histogram.$Properties
         * @property {number|null} [countInt] Histogram countInt
         * @property {number|null} [countFloat] Histogram countFloat
         * @property {number|null} [sum] Histogram sum
         * @property {number|null} [schema] Histogram schema
         * @property {number|null} [zeroThreshold] Histogram zeroThreshold
         * @property {number|null} [zeroCountInt] Histogram zeroCountInt
         * @property {number|null} [zeroCountFloat] Histogram zeroCountFloat
         * @property {Array.<prometheus.BucketSpan.$Properties>|null} [negativeSpans] Histogram negativeSpans
         * @property {Array.<number>|null} [negativeDeltas] Histogram negativeDeltas
         * @property {Array.<number>|null} [negativeCounts] Histogram negativeCounts
         * @property {Array.<prometheus.BucketSpan.$Properties>|null} [positiveSpans] Histogram positiveSpans
         * @property {Array.<number>|null} [positiveDeltas] Histogram positiveDeltas
         * @property {Array.<number>|null} [positiveCounts] Histogram positiveCounts
         * @property {prometheus.Histogram.ResetHint|null} [resetHint] Histogram resetHint
         * @property {number|null} [timestamp] Histogram timestamp
         * @property {Array.<number>|null} [customValues] Histogram customValues
         * @property {"countInt"|"countFloat"} [count] Histogram count
         * @property {"zeroCountInt"|"zeroCountFloat"} [zeroCount] Histogram zeroCount
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Histogram.
         * @memberof prometheus
         * @interface IHistogram
         * @augments prometheus.Histogram.$Properties
         * @deprecated Use prometheus.Histogram.$Properties instead.
         */

        /**
         * Narrowed shape of a Histogram.
         * @typedef {{
         *   countInt?: number|null;
         *   countFloat?: number|null;
         *   sum?: number|null;
         *   schema?: number|null;
         *   zeroThreshold?: number|null;
         *   zeroCountInt?: number|null;
         *   zeroCountFloat?: number|null;
         *   negativeSpans?: Array.<prometheus.BucketSpan.$Shape>|null;
         *   negativeDeltas?: Array.<number>|null;
         *   negativeCounts?: Array.<number>|null;
         *   positiveSpans?: Array.<prometheus.BucketSpan.$Shape>|null;
         *   positiveDeltas?: Array.<number>|null;
         *   positiveCounts?: Array.<number>|null;
         *   resetHint?: prometheus.Histogram.ResetHint|null;
         *   timestamp?: number|null;
         *   customValues?: Array.<number>|null;
         *   $unknowns?: Array.<Uint8Array>;
         * } & (
         *   ({ count?: undefined; countInt?: null; countFloat?: null }|{ count?: "countInt"; countInt: number; countFloat?: null }|{ count?: "countFloat"; countInt?: null; countFloat: number })
         * ) & (
         *   ({ zeroCount?: undefined; zeroCountInt?: null; zeroCountFloat?: null }|{ zeroCount?: "zeroCountInt"; zeroCountInt: number; zeroCountFloat?: null }|{ zeroCount?: "zeroCountFloat"; zeroCountInt?: null; zeroCountFloat: number })
         * )} prometheus.Histogram.$Shape
         */

        /**
         * Constructs a new Histogram.
         * @memberof prometheus
         * @classdesc Represents a Histogram.
         * @constructor
         * @param {prometheus.Histogram.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Histogram = function (properties) {
            this.negativeSpans = [];
            this.negativeDeltas = [];
            this.negativeCounts = [];
            this.positiveSpans = [];
            this.positiveDeltas = [];
            this.positiveCounts = [];
            this.customValues = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Histogram countInt.
         * @member {number|null|undefined} countInt
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.countInt = null;

        /**
         * Histogram countFloat.
         * @member {number|null|undefined} countFloat
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.countFloat = null;

        /**
         * Histogram sum.
         * @member {number} sum
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.sum = 0;

        /**
         * Histogram schema.
         * @member {number} schema
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.schema = 0;

        /**
         * Histogram zeroThreshold.
         * @member {number} zeroThreshold
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.zeroThreshold = 0;

        /**
         * Histogram zeroCountInt.
         * @member {number|null|undefined} zeroCountInt
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.zeroCountInt = null;

        /**
         * Histogram zeroCountFloat.
         * @member {number|null|undefined} zeroCountFloat
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.zeroCountFloat = null;

        /**
         * Histogram negativeSpans.
         * @member {Array.<prometheus.BucketSpan.$Properties>} negativeSpans
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.negativeSpans = $util.emptyArray;

        /**
         * Histogram negativeDeltas.
         * @member {Array.<number>} negativeDeltas
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.negativeDeltas = $util.emptyArray;

        /**
         * Histogram negativeCounts.
         * @member {Array.<number>} negativeCounts
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.negativeCounts = $util.emptyArray;

        /**
         * Histogram positiveSpans.
         * @member {Array.<prometheus.BucketSpan.$Properties>} positiveSpans
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.positiveSpans = $util.emptyArray;

        /**
         * Histogram positiveDeltas.
         * @member {Array.<number>} positiveDeltas
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.positiveDeltas = $util.emptyArray;

        /**
         * Histogram positiveCounts.
         * @member {Array.<number>} positiveCounts
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.positiveCounts = $util.emptyArray;

        /**
         * Histogram resetHint.
         * @member {prometheus.Histogram.ResetHint} resetHint
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.resetHint = 0;

        /**
         * Histogram timestamp.
         * @member {number} timestamp
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.timestamp = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * Histogram customValues.
         * @member {Array.<number>} customValues
         * @memberof prometheus.Histogram
         * @instance
         */
        Histogram.prototype.customValues = $util.emptyArray;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        /**
         * Histogram count.
         * @member {"countInt"|"countFloat"|undefined} count
         * @memberof prometheus.Histogram
         * @instance
         */
        $Object.defineProperty(Histogram.prototype, "count", {
            get: $util.oneOfGetter($oneOfFields = ["countInt", "countFloat"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Histogram zeroCount.
         * @member {"zeroCountInt"|"zeroCountFloat"|undefined} zeroCount
         * @memberof prometheus.Histogram
         * @instance
         */
        $Object.defineProperty(Histogram.prototype, "zeroCount", {
            get: $util.oneOfGetter($oneOfFields = ["zeroCountInt", "zeroCountFloat"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new Histogram instance using the specified properties.
         * @function create
         * @memberof prometheus.Histogram
         * @static
         * @param {prometheus.Histogram.$Properties=} [properties] Properties to set
         * @returns {prometheus.Histogram} Histogram instance
         * @type {{
         *   (properties: prometheus.Histogram.$Shape): prometheus.Histogram & prometheus.Histogram.$Shape;
         *   (properties?: prometheus.Histogram.$Properties): prometheus.Histogram;
         * }}
         */
        Histogram.create = function(properties) {
            return new Histogram(properties);
        };

        /**
         * Encodes the specified Histogram message. Does not implicitly {@link prometheus.Histogram.verify|verify} messages.
         * @function encode
         * @memberof prometheus.Histogram
         * @static
         * @param {prometheus.Histogram.$Properties} message Histogram message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Histogram.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.countInt != null && $Object.hasOwnProperty.call(message, "countInt"))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.countInt);
            if (message.countFloat != null && $Object.hasOwnProperty.call(message, "countFloat"))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.countFloat);
            if (message.sum != null && $Object.hasOwnProperty.call(message, "sum") && !$Object.is(message.sum, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.sum);
            if (message.schema != null && $Object.hasOwnProperty.call(message, "schema") && message.schema !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).sint32(message.schema);
            if (message.zeroThreshold != null && $Object.hasOwnProperty.call(message, "zeroThreshold") && !$Object.is(message.zeroThreshold, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.zeroThreshold);
            if (message.zeroCountInt != null && $Object.hasOwnProperty.call(message, "zeroCountInt"))
                writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.zeroCountInt);
            if (message.zeroCountFloat != null && $Object.hasOwnProperty.call(message, "zeroCountFloat"))
                writer.uint32(/* id 7, wireType 1 =*/57).double(message.zeroCountFloat);
            if (message.negativeSpans != null && message.negativeSpans.length)
                for (let i = 0; i < message.negativeSpans.length; ++i)
                    $root.prometheus.BucketSpan.encode(message.negativeSpans[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
            if (message.negativeDeltas != null && message.negativeDeltas.length)
                writer.uint32(/* id 9, wireType 2 =*/74).sint64s(message.negativeDeltas);
            if (message.negativeCounts != null && message.negativeCounts.length)
                writer.uint32(/* id 10, wireType 2 =*/82).doubles(message.negativeCounts);
            if (message.positiveSpans != null && message.positiveSpans.length)
                for (let i = 0; i < message.positiveSpans.length; ++i)
                    $root.prometheus.BucketSpan.encode(message.positiveSpans[i], writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
            if (message.positiveDeltas != null && message.positiveDeltas.length)
                writer.uint32(/* id 12, wireType 2 =*/98).sint64s(message.positiveDeltas);
            if (message.positiveCounts != null && message.positiveCounts.length)
                writer.uint32(/* id 13, wireType 2 =*/106).doubles(message.positiveCounts);
            if (message.resetHint != null && $Object.hasOwnProperty.call(message, "resetHint") && message.resetHint !== 0)
                writer.uint32(/* id 14, wireType 0 =*/112).int32(message.resetHint);
            if (message.timestamp != null && $Object.hasOwnProperty.call(message, "timestamp") && (typeof message.timestamp === "object" ? message.timestamp.low || message.timestamp.high : message.timestamp !== 0))
                writer.uint32(/* id 15, wireType 0 =*/120).int64(message.timestamp);
            if (message.customValues != null && message.customValues.length)
                writer.uint32(/* id 16, wireType 2 =*/130).doubles(message.customValues);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Histogram message from the specified reader or buffer.
         * @function decode
         * @memberof prometheus.Histogram
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.Histogram & prometheus.Histogram.$Shape} Histogram
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Histogram.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.prometheus.Histogram();
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
                        message.countInt = reader.uint64();
                        message.count = "countInt";
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        message.countFloat = reader.double();
                        message.count = "countFloat";
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.sum = value;
                        else
                            delete message.sum;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.sint32())
                            message.schema = value;
                        else
                            delete message.schema;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.zeroThreshold = value;
                        else
                            delete message.zeroThreshold;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        message.zeroCountInt = reader.uint64();
                        message.zeroCount = "zeroCountInt";
                        continue;
                    }
                case 7: {
                        if (wireType !== 1)
                            break;
                        message.zeroCountFloat = reader.double();
                        message.zeroCount = "zeroCountFloat";
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if (!(message.negativeSpans && message.negativeSpans.length))
                            message.negativeSpans = [];
                        message.negativeSpans.push($root.prometheus.BucketSpan.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 9: {
                        if (wireType === 2) {
                            if (!(message.negativeDeltas && message.negativeDeltas.length))
                                message.negativeDeltas = [];
                            reader.sint64s(message.negativeDeltas);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.negativeDeltas && message.negativeDeltas.length))
                            message.negativeDeltas = [];
                        message.negativeDeltas.push(reader.sint64());
                        continue;
                    }
                case 10: {
                        if (wireType === 2) {
                            if (!(message.negativeCounts && message.negativeCounts.length))
                                message.negativeCounts = [];
                            reader.doubles(message.negativeCounts);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.negativeCounts && message.negativeCounts.length))
                            message.negativeCounts = [];
                        message.negativeCounts.push(reader.double());
                        continue;
                    }
                case 11: {
                        if (wireType !== 2)
                            break;
                        if (!(message.positiveSpans && message.positiveSpans.length))
                            message.positiveSpans = [];
                        message.positiveSpans.push($root.prometheus.BucketSpan.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 12: {
                        if (wireType === 2) {
                            if (!(message.positiveDeltas && message.positiveDeltas.length))
                                message.positiveDeltas = [];
                            reader.sint64s(message.positiveDeltas);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.positiveDeltas && message.positiveDeltas.length))
                            message.positiveDeltas = [];
                        message.positiveDeltas.push(reader.sint64());
                        continue;
                    }
                case 13: {
                        if (wireType === 2) {
                            if (!(message.positiveCounts && message.positiveCounts.length))
                                message.positiveCounts = [];
                            reader.doubles(message.positiveCounts);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.positiveCounts && message.positiveCounts.length))
                            message.positiveCounts = [];
                        message.positiveCounts.push(reader.double());
                        continue;
                    }
                case 14: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.resetHint = value;
                        else
                            delete message.resetHint;
                        continue;
                    }
                case 15: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                            message.timestamp = value;
                        else
                            delete message.timestamp;
                        continue;
                    }
                case 16: {
                        if (wireType === 2) {
                            if (!(message.customValues && message.customValues.length))
                                message.customValues = [];
                            reader.doubles(message.customValues);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.customValues && message.customValues.length))
                            message.customValues = [];
                        message.customValues.push(reader.double());
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
         * Gets the type url for Histogram
         * @function getTypeUrl
         * @memberof prometheus.Histogram
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Histogram.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.Histogram";
        };

        /**
         * ResetHint enum.
         * @name prometheus.Histogram.ResetHint
         * @enum {number}
         * @property {number} UNKNOWN=0 UNKNOWN value
         * @property {number} YES=1 YES value
         * @property {number} NO=2 NO value
         * @property {number} GAUGE=3 GAUGE value
         */
        Histogram.ResetHint = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "UNKNOWN"] = 0;
            values[valuesById[1] = "YES"] = 1;
            values[valuesById[2] = "NO"] = 2;
            values[valuesById[3] = "GAUGE"] = 3;
            return values;
        })();

        return Histogram;
    })();

    prometheus.BucketSpan = (function() {

        /**
         * Properties of a BucketSpan.
         * @typedef {Object} prometheus.BucketSpan.$Properties
         * @property {number|null} [offset] BucketSpan offset
         * @property {number|null} [length] BucketSpan length
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a BucketSpan.
         * @memberof prometheus
         * @interface IBucketSpan
         * @augments prometheus.BucketSpan.$Properties
         * @deprecated Use prometheus.BucketSpan.$Properties instead.
         */

        /**
         * Shape of a BucketSpan.
         * @typedef {prometheus.BucketSpan.$Properties} prometheus.BucketSpan.$Shape
         */

        /**
         * Constructs a new BucketSpan.
         * @memberof prometheus
         * @classdesc Represents a BucketSpan.
         * @constructor
         * @param {prometheus.BucketSpan.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const BucketSpan = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * BucketSpan offset.
         * @member {number} offset
         * @memberof prometheus.BucketSpan
         * @instance
         */
        BucketSpan.prototype.offset = 0;

        /**
         * BucketSpan length.
         * @member {number} length
         * @memberof prometheus.BucketSpan
         * @instance
         */
        BucketSpan.prototype.length = 0;

        /**
         * Creates a new BucketSpan instance using the specified properties.
         * @function create
         * @memberof prometheus.BucketSpan
         * @static
         * @param {prometheus.BucketSpan.$Properties=} [properties] Properties to set
         * @returns {prometheus.BucketSpan} BucketSpan instance
         * @type {{
         *   (properties: prometheus.BucketSpan.$Shape): prometheus.BucketSpan & prometheus.BucketSpan.$Shape;
         *   (properties?: prometheus.BucketSpan.$Properties): prometheus.BucketSpan;
         * }}
         */
        BucketSpan.create = function(properties) {
            return new BucketSpan(properties);
        };

        /**
         * Encodes the specified BucketSpan message. Does not implicitly {@link prometheus.BucketSpan.verify|verify} messages.
         * @function encode
         * @memberof prometheus.BucketSpan
         * @static
         * @param {prometheus.BucketSpan.$Properties} message BucketSpan message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        BucketSpan.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).sint32(message.offset);
            if (message.length != null && $Object.hasOwnProperty.call(message, "length") && message.length !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.length);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a BucketSpan message from the specified reader or buffer.
         * @function decode
         * @memberof prometheus.BucketSpan
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {prometheus.BucketSpan & prometheus.BucketSpan.$Shape} BucketSpan
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        BucketSpan.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.prometheus.BucketSpan();
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
                        if (value = reader.sint32())
                            message.offset = value;
                        else
                            delete message.offset;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.length = value;
                        else
                            delete message.length;
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
         * Gets the type url for BucketSpan
         * @function getTypeUrl
         * @memberof prometheus.BucketSpan
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        BucketSpan.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/prometheus.BucketSpan";
        };

        return BucketSpan;
    })();

    return prometheus;
})();

export {
  $root as default
};
