/**
 * Typed request/reply. The request goes out in its envelope; the reply comes back as an
 * envelope `<request type>.reply` whose data is validated against the reply schema.
 * "No responders" fails at once as Unreachable; no answer in time fails as Timeout.
 */
import { errors as natsErrors } from "@nats-io/nats-core";
import {
  type Envelope,
  envelope,
  InternalError,
  type MessageDef,
  TimeoutError,
  UnreachableError,
} from "@zeekbus/contracts";
import { z } from "zod";
import type { Bus } from "./connection.js";
import { decodeJson, encodeJson, errorFromReply, parseWith } from "./wire.js";

/** The type name of the reply to a request type. */
export function replyType(def: MessageDef): string {
  return `${def.type}.reply`;
}

/** Envelope schema of a reply carrying `data`. */
export function replyEnvelope<T extends z.ZodType>(def: MessageDef, data: T) {
  return z
    .object({ type: z.literal(replyType(def)), id: z.string(), ts: z.string(), cluster: z.string(), data })
    .strict();
}

/** Options of {@link request}. */
export interface RequestOptions {
  /** How long to wait for the reply (ms); default 5000. */
  timeoutMs?: number;
  /** Message id; deterministic ids make repeated commands harmless. */
  id?: string;
}

/** Sends a request and returns the validated reply data, or throws a ZeekbusError. */
export async function request<Req extends z.ZodType, Rep extends z.ZodType>(
  bus: Bus,
  subject: string,
  def: MessageDef<Req>,
  cluster: string,
  data: z.input<Req>,
  replySchema: Rep,
  options: RequestOptions = {},
): Promise<z.output<Rep>> {
  const timeout = options.timeoutMs ?? 5000;
  const body = envelope(def, cluster, data, options.id);
  let msg: Awaited<ReturnType<typeof bus.nc.request>>;
  try {
    msg = await bus.nc.request(subject, encodeJson(body), { timeout });
  } catch (err) {
    throw mapRequestError(err, subject, timeout);
  }
  const failure = errorFromReply(msg);
  if (failure) throw failure;
  const reply = parseWith(
    replyEnvelope(def, replySchema),
    decodeJson(msg),
    `reply on ${subject}`,
  ) as Envelope<z.output<Rep>>;
  return reply.data;
}

/** Maps a client error of a request to the closed error set. */
export function mapRequestError(err: unknown, subject: string, timeoutMs: number): Error {
  if (err instanceof natsErrors.RequestError && err.isNoResponders()) {
    return new UnreachableError(`no service answers on ${subject}`);
  }
  if (err instanceof natsErrors.NoRespondersError)
    return new UnreachableError(`no service answers on ${subject}`);
  if (err instanceof natsErrors.TimeoutError || (err as Error)?.cause instanceof natsErrors.TimeoutError) {
    return new TimeoutError(`no reply on ${subject} within ${timeoutMs} ms`);
  }
  return new InternalError(`request on ${subject} failed: ${(err as Error)?.message ?? String(err)}`);
}
