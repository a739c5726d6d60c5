/**
 * Outward facts of the supervisor: lifecycle events into the events stream (strictly in the
 * order they happened) and each node's observed state into KV `zeekbus_observed` (the
 * supervisor is its only writer; writes are compare-and-set, in order per key).
 */
import { type Bus, ensureEventsStream, openKv, publishEvent, type TypedKv } from "@zeekbus/bus";
import {
  type NodeEventData,
  type NodeEventName,
  NodeEvents,
  NodeTransition,
  OBSERVED_BUCKET,
  ObservedNode,
  observedKey,
} from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";

export class FactPublisher {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly bus: Bus,
    private readonly kv: TypedKv<typeof ObservedNode>,
    private readonly cluster: string,
    private readonly log: Logger,
  ) {}

  static async open(bus: Bus, cluster: string, log: Logger, replicas = 1): Promise<FactPublisher> {
    await ensureEventsStream(bus, { replicas });
    const kv = await openKv(bus, OBSERVED_BUCKET, ObservedNode, { replicas });
    return new FactPublisher(bus, kv, cluster, log);
  }

  private enqueue(what: string, op: () => Promise<unknown>): void {
    this.queue = this.queue
      .then(op)
      .catch((err: Error) => this.log.warn({ err: err.message }, `${what} failed`));
  }

  event(name: NodeEventName, data: NodeEventData): void {
    const subject = this.bus.subjects.evt(this.cluster, "node", name, data.node);
    this.enqueue(`publish ${subject}`, () =>
      publishEvent(this.bus, subject, NodeEvents[name], this.cluster, data),
    );
  }

  /** Publishes a state change (every transition, also those without a named event). */
  transition(data: NodeEventData): void {
    const subject = this.bus.subjects.evt(this.cluster, "node", "transition", data.node);
    this.enqueue(`publish ${subject}`, () =>
      publishEvent(this.bus, subject, NodeTransition, this.cluster, data),
    );
  }

  observed(value: ObservedNode): void {
    const key = observedKey(this.cluster, value.host, value.node);
    this.enqueue(`write observed ${key}`, () => this.kv.modify(key, () => value));
  }

  /** Resolves when everything queued so far was published. */
  flush(): Promise<unknown> {
    return this.queue;
  }
}
