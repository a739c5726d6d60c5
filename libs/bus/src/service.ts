/**
 * NATS micro services whose endpoints validate their input before the handler runs.
 * A body that is too large or nested too deep, malformed JSON or a schema violation gets a
 * ValidationError reply listing `path: message` (the handler is not called), and so does an
 * envelope naming another cluster than the subject's; a thrown error becomes an error reply of
 * the closed set. Error replies are bounded, a reply past `max_payload` becomes an Internal
 * error, and a reply that cannot be sent is logged (reply.ts). Either way the service keeps
 * serving, and a burst of rejections is logged as a few lines and a count (see reject-log.ts).
 */
import type { ServiceMsg } from "@nats-io/services";
import { Svcm } from "@nats-io/services";
import {
  MAX_PAYLOAD_BYTES,
  type MessageDef,
  subjectCluster,
  toZeekbusError,
  ValidationError,
} from "@zeekbus/contracts";
import { withContext } from "@zeekbus/log";
import type { z } from "zod";
import type { Bus } from "./connection.js";
import { DEFAULT_INBOUND_LIMITS, decodeRequest, type InboundLimits } from "./inbound.js";
import { DEFAULT_REJECT_LOG, RejectLog, type RejectLogOptions } from "./reject-log.js";
import { type Outgoing, sendReply } from "./reply.js";
import { replyType } from "./request.js";
import { boundedError, encodeJson, errorReply, parseWith } from "./wire.js";

/** What a handler gets besides the validated data. */
export interface HandlerContext {
  /** Cluster from the request envelope. */
  cluster: string;
  /** Request id from the envelope. */
  reqId: string;
  /** The subject the request came on. */
  subject: string;
}

/** One endpoint: its subject, request message, reply schema and handler. */
export interface EndpointDef<Req extends z.ZodType = z.ZodType, Rep extends z.ZodType = z.ZodType> {
  /** Endpoint name (a token, shown in `$SRV.INFO`). */
  name: string;
  subject: string;
  request: MessageDef<Req>;
  reply: Rep;
  handler: (data: z.output<Req>, ctx: HandlerContext) => Promise<z.input<Rep>> | z.input<Rep>;
}

/** Declares an endpoint with its types inferred from its request and reply schemas. */
export function endpoint<Req extends z.ZodType, Rep extends z.ZodType>(
  def: EndpointDef<Req, Rep>,
): EndpointDef<Req, Rep> {
  return def;
}

/** Options of {@link startService}. */
export interface ServiceOptions {
  name: string;
  version: string;
  description: string;
  endpoints: EndpointDef[];
  metadata?: Record<string, string>;
  /** Queue group; empty string = every instance gets every request. Default `q`. */
  queue?: string;
  /** Size and nesting bounds of a request (default {@link DEFAULT_INBOUND_LIMITS}). */
  limits?: Partial<InboundLimits>;
  /** How rejected requests are logged (default {@link DEFAULT_REJECT_LOG}). */
  rejectLog?: Partial<RejectLogOptions>;
}

/** A running service; `stop()` unsubscribes its endpoints. */
export interface RunningService {
  readonly id: string;
  stop(): Promise<void>;
}

/** Registers a micro service and its endpoints on the bus. */
export async function startService(bus: Bus, options: ServiceOptions): Promise<RunningService> {
  const svc = await new Svcm(bus.nc).add({
    name: options.name,
    version: options.version,
    description: options.description,
    ...(options.metadata ? { metadata: options.metadata } : {}),
    ...(options.queue !== undefined ? { queue: options.queue } : {}),
  });
  const edge: Edge = {
    limits: { ...DEFAULT_INBOUND_LIMITS, ...options.limits },
    rejects: new RejectLog(bus.log, { ...DEFAULT_REJECT_LOG, ...options.rejectLog }),
  };
  for (const ep of options.endpoints) {
    svc.addEndpoint(ep.name, {
      subject: ep.subject,
      handler: (err, msg) => {
        if (err) {
          bus.log.error({ err, subject: ep.subject }, "endpoint subscription failed");
          return;
        }
        void serve(bus, edge, ep, msg);
      },
    });
  }
  return {
    id: svc.info().id,
    stop: async () => {
      await svc.stop();
      edge.rejects.flush();
    },
  };
}

/** What every endpoint of a service shares: its request bounds and its rejection log. */
interface Edge {
  limits: InboundLimits;
  rejects: RejectLog;
}

async function serve(bus: Bus, edge: Edge, ep: EndpointDef, msg: ServiceMsg): Promise<void> {
  let cluster = "";
  let reqId = "";
  let out: Outgoing;
  try {
    const body = decodeRequest(msg, edge.limits);
    const env = parseWith(ep.request.envelope, body, `request on ${msg.subject}`) as {
      cluster: string;
      id: string;
      data: unknown;
    };
    checkCluster(env.cluster, msg.subject);
    cluster = env.cluster;
    reqId = env.id;
    const data = await ep.handler(env.data, { cluster, reqId, subject: msg.subject });
    const reply = parseWith(ep.reply, data, `reply of ${ep.name}`);
    const ts = new Date().toISOString();
    out = { body: encodeJson({ type: replyType(ep.request), id: reqId, ts, cluster, data: reply }) };
  } catch (thrown) {
    const err = toZeekbusError(thrown);
    edge.rejects.record(ep.subject, err.code, () => {
      const { message, details } = boundedError(err);
      const log = withContext(bus.log, { cluster: cluster || undefined, reqId: reqId || undefined });
      if (err.code === "Internal") log.error({ err: thrown, subject: msg.subject }, "handler failed");
      else log.warn({ code: err.code, details, subject: msg.subject }, message);
    });
    out = errorReply(err);
  }
  sendReply(msg, out, bus.nc.info?.max_payload ?? MAX_PAYLOAD_BYTES, bus.log);
}

/** A request's envelope must name the cluster of the subject it came on. */
function checkCluster(cluster: string, subject: string): void {
  const expected = subjectCluster(subject);
  if (expected === undefined || cluster === expected) return;
  throw new ValidationError(`request on ${subject} names cluster ${cluster}, not ${expected}`, [
    `cluster: must be ${expected}, the cluster of the subject`,
  ]);
}
