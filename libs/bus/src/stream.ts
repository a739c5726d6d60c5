/**
 * The events stream: every `<root>.evt.>` message is kept (limits retention) so a restarted
 * consumer can replay what it missed. Publishing is deduplicated by message id and retried
 * through a leader change.
 */
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { EVENTS_STREAM, envelope, type MessageDef } from "@zeekbus/contracts";
import type { z } from "zod";
import type { Bus } from "./connection.js";
import { type RetryOptions, retryTransient } from "./retry.js";
import { encodeJson } from "./wire.js";

/** Options of {@link ensureEventsStream}. */
export interface StreamOptions extends RetryOptions {
  replicas?: number;
  /** Oldest event kept, in seconds; default 7 days. */
  maxAgeS?: number;
}

/** Creates the events stream if it does not exist (idempotent). */
export async function ensureEventsStream(bus: Bus, options: StreamOptions = {}): Promise<void> {
  const jsm = await jetstreamManager(bus.nc);
  const subjects = [bus.subjects.evtAll()];
  await retryTransient(
    `ensure stream ${EVENTS_STREAM}`,
    async () => {
      const info = await jsm.streams.info(EVENTS_STREAM).catch(() => undefined);
      if (info) return;
      await jsm.streams.add({
        name: EVENTS_STREAM,
        subjects,
        num_replicas: options.replicas ?? 1,
        max_age: (options.maxAgeS ?? 7 * 86_400) * 1_000_000_000,
        duplicate_window: 120 * 1_000_000_000,
      });
    },
    options,
  );
}

/** Publishes an event into the stream; `id` (also the dedupe id) makes a repeat harmless. */
export async function publishEvent<T extends z.ZodType>(
  bus: Bus,
  subject: string,
  def: MessageDef<T>,
  cluster: string,
  data: z.input<T>,
  options: RetryOptions & { id?: string } = {},
): Promise<number> {
  const env = envelope(def, cluster, data, options.id);
  const js = jetstream(bus.nc, { timeout: 1000 });
  const ack = await retryTransient(
    `publish ${subject}`,
    () => js.publish(subject, encodeJson(env), { msgID: env.id }),
    options,
  );
  return ack.seq;
}
