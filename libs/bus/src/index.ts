export { type Bus, type BusOptions, connectBus, MAX_PING_INTERVAL_MS } from "./connection.js";
export { type DiscoveredService, discoverServices } from "./discovery.js";
export type { InboundLimits } from "./inbound.js";
export { type KvOptions, openKv, type Revisioned, TypedKv } from "./kv.js";
export type { RejectLogOptions } from "./reject-log.js";
export { mapRequestError, type RequestOptions, replyEnvelope, replyType, request } from "./request.js";
export { isTransient, type RetryOptions, retryTransient } from "./retry.js";
export { parseEnv, readServiceEnv, runServiceProcess, type ServiceContext, ServiceEnv } from "./runtime.js";
export {
  type EndpointDef,
  endpoint,
  type HandlerContext,
  type RunningService,
  type ServiceOptions,
  startService,
} from "./service.js";
export { ensureEventsStream, publishEvent, type StreamOptions } from "./stream.js";
export { decodeJson, ERROR_CODE_HEADER, encodeJson, errorFromReply, issueLines, parseWith } from "./wire.js";
