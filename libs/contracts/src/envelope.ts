/**
 * The envelope every zeekbus message travels in:
 * `{ type: "zeekbus.<plane>.v1.<name>", id, ts, cluster, data }`.
 * Changes within v1 are additive only; a breaking change is a new version token.
 */
import { z } from "zod";
import { IsoTime, MAX_CLUSTER_NAME } from "./limits.js";
import { TOKEN_PATTERN } from "./tokens.js";

/** The planes of the bus (see docs/architecture.md). */
export const PLANES = ["api", "agent", "evt", "hb"] as const;
export type Plane = (typeof PLANES)[number];

/** `zeekbus.<plane>.v1.<name>`: names are dotted lower-case words such as `node.crashed`. */
export const MESSAGE_TYPE_PATTERN = /^zeekbus\.(api|agent|evt|hb)\.v1\.[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** Builds the envelope schema for one message type and its payload schema. */
export function envelopeSchema<T extends z.ZodType>(type: string, data: T) {
  return z
    .object({
      /** Message type, fixed per schema. */
      type: z.literal(type).describe("Message type: zeekbus.<plane>.v1.<name>"),
      /** Unique message id (deterministic for commands: derived from cluster, node, revision, verb). */
      id: z.string().min(1).max(200).describe("Unique message id"),
      /** ISO-8601 time the message was made. */
      ts: IsoTime.describe("ISO-8601 creation time"),
      /** Cluster name (a subject token of at most 64 characters). */
      cluster: z.string().max(MAX_CLUSTER_NAME).regex(TOKEN_PATTERN).describe("Cluster name"),
      /** The payload. */
      data,
    })
    .strict();
}

/** A message type: its name, plane, payload schema and envelope schema. */
export interface MessageDef<T extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly plane: Plane;
  readonly data: T;
  readonly envelope: ReturnType<typeof envelopeSchema<T>>;
}

/** Declares a message type (`plane` + dotted `name`) with its payload schema. */
export function defineMessage<T extends z.ZodType>(plane: Plane, name: string, data: T): MessageDef<T> {
  const type = `zeekbus.${plane}.v1.${name}`;
  if (!MESSAGE_TYPE_PATTERN.test(type)) throw new Error(`bad message type ${type}`);
  return { type, plane, data, envelope: envelopeSchema(type, data) };
}

/** An envelope carrying a payload of type T. */
export interface Envelope<T> {
  type: string;
  id: string;
  ts: string;
  cluster: string;
  data: T;
}

let counter = 0;
/** A process-unique message id (time + counter + random), for messages that are not commands. */
export function newMessageId(): string {
  counter = (counter + 1) % 1_000_000;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Wraps a payload in its envelope after validating it against the message's schema. */
export function envelope<T extends z.ZodType>(
  def: MessageDef<T>,
  cluster: string,
  data: z.input<T>,
  id: string = newMessageId(),
): Envelope<z.output<T>> {
  return def.envelope.parse({ type: def.type, id, ts: new Date().toISOString(), cluster, data }) as Envelope<
    z.output<T>
  >;
}
