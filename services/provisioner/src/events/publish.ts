/**
 * The provisioner's outcome events: each host's (node's) outcome of a request is published on
 * `<root>.evt.<cluster>.host.<outcome>.<host>` (check: `….check.<ok|failed>.<node>`) before the
 * reply. The envelope id (the stream's dedupe id) is derived from the request id, the verb and
 * the host (node), so a redelivered request is not published twice. A failed publish is logged
 * and the request is answered as usual.
 */
import { createHash } from "node:crypto";
import { type Bus, publishEvent } from "@zeekbus/bus";
import {
  CHECK_EVENT_RESOURCE,
  CheckEvents,
  HOST_EVENT_RESOURCE,
  HostBootstrapEvents,
  type HostBootstrapOutcome,
  HostFactsEvents,
  type HostFactsOutcome,
  HostInstallEvents,
  type HostInstallOutcome,
  type MessageDef,
  type NodeCheckOutcome,
} from "@zeekbus/contracts";
import { type Logger, withContext } from "@zeekbus/log";

/** Longest envelope id the contracts accept. */
const MAX_ID = 200;
/** How long one event may take to be stored before it is given up (logged). */
const PUBLISH_DEADLINE_MS = 5_000;

/** `<reqId>.<verb>.<name>`, or a sha256 of it when that is longer than an envelope id may be. */
export function eventId(reqId: string, verb: string, name: string): string {
  const id = `${reqId}.${verb}.${name}`;
  if (id.length <= MAX_ID) return id;
  return `provisioner.${verb}.${createHash("sha256").update(id).digest("hex")}`;
}

/** Publishes an event; the default is `publishEvent` (tests pass a failing one). */
export type Publish = typeof publishEvent;

/** The events of one request: each method publishes one outcome and returns it unchanged. */
export class OutcomeEvents {
  private readonly log: Logger;

  constructor(
    private readonly bus: Bus,
    log: Logger,
    private readonly cluster: string,
    private readonly reqId: string,
    private readonly publish: Publish = publishEvent,
  ) {
    this.log = withContext(log, { cluster, reqId });
  }

  /** `host.collected` | `host.facts_failed`. */
  facts(outcome: HostFactsOutcome): Promise<HostFactsOutcome> {
    return this.host("facts", HostFactsEvents[outcome.outcome], outcome);
  }

  /** `host.installed` | `host.unchanged` | `host.install_failed`. */
  install(outcome: HostInstallOutcome): Promise<HostInstallOutcome> {
    return this.host("install", HostInstallEvents[outcome.outcome], outcome);
  }

  /** `host.bootstrapped` | `host.already_running` | `host.bootstrap_failed`. */
  bootstrap(outcome: HostBootstrapOutcome): Promise<HostBootstrapOutcome> {
    return this.host("bootstrap", HostBootstrapEvents[outcome.outcome], outcome);
  }

  /** `check.ok` | `check.failed`, by node. */
  async check(outcome: NodeCheckOutcome): Promise<NodeCheckOutcome> {
    const subject = this.bus.subjects.evt(this.cluster, CHECK_EVENT_RESOURCE, outcome.outcome, outcome.node);
    await this.emit(subject, CheckEvents[outcome.outcome], outcome, "check", { node: outcome.node });
    return outcome;
  }

  private async host<T extends { host: string; outcome: string }>(
    verb: string,
    def: MessageDef,
    outcome: T,
  ): Promise<T> {
    const subject = this.bus.subjects.evt(this.cluster, HOST_EVENT_RESOURCE, outcome.outcome, outcome.host);
    await this.emit(subject, def, outcome, verb, { host: outcome.host });
    return outcome;
  }

  private async emit(
    subject: string,
    def: MessageDef,
    data: unknown,
    verb: string,
    context: { host: string } | { node: string },
  ): Promise<void> {
    const id = eventId(this.reqId, verb, Object.values(context)[0] as string);
    try {
      const seq = await this.publish(this.bus, subject, def, this.cluster, data, {
        id,
        deadlineMs: PUBLISH_DEADLINE_MS,
      });
      this.log.debug({ ...context, subject, id, seq }, "event published");
    } catch (err) {
      this.log.warn(
        { ...context, subject, id, err: (err as Error)?.message ?? String(err) },
        "outcome event not published; answering anyway",
      );
    }
  }
}
