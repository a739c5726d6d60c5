/**
 * Provisioner events: every per-host (or per-node) outcome of a provisioner verb is also a
 * fact in the past tense on the event plane, stored in the events stream, so the health
 * service, audits and operators see what happened to each host without having made the
 * request (`nats sub 'zeekbus.evt.<cluster>.host.>'`).
 *
 * | verb | subject | payload |
 * |---|---|---|
 * | `facts` | `<root>.evt.<cluster>.host.<collected\|facts_failed>.<host>` | {@link HostFactsOutcome} |
 * | `install` | `<root>.evt.<cluster>.host.<installed\|unchanged\|install_failed>.<host>` | {@link HostInstallOutcome} |
 * | `bootstrap` | `<root>.evt.<cluster>.host.<bootstrapped\|already_running\|bootstrap_failed>.<host>` | {@link HostBootstrapOutcome} |
 * | `check` | `<root>.evt.<cluster>.check.<ok\|failed>.<node>` | {@link NodeCheckOutcome} |
 *
 * Subjects are built with `Subjects.evt(cluster, resource, event, id)`: the resource is
 * {@link HOST_EVENT_RESOURCE} or {@link CHECK_EVENT_RESOURCE}, the event is the outcome name
 * and the id is the host (or node) name, encoded into one token (`10.99.0.3` → `10_2E99_2E0_2E3`);
 * the payload carries the real name.
 *
 * Each payload is exactly the outcome object of the reply, with `outcome` fixed to the event's
 * name (a `host.installed` event always says `outcome: "installed"`). `collected` carries the
 * host's full {@link HostFacts} (no secrets: counts, names, versions and free bytes only);
 * failures carry the error text, which names the host and never a key or password.
 *
 * Published by the provisioner only, once per host (node) and request, after the outcome is
 * known and before the reply. The envelope id is derived from the request's id, the verb and the
 * host (node), so a redelivered request is deduplicated by the stream instead of published
 * twice. A publish that fails is logged; the request is answered as usual (the reply is the
 * authoritative answer, the events are the record).
 */
import { z } from "zod";
import { defineMessage, type MessageDef } from "./envelope.js";
import {
  CHECK_OUTCOMES,
  FACTS_OUTCOMES,
  HostFactsOutcome,
  HostInstallOutcome,
  INSTALL_OUTCOMES,
  NodeCheckOutcome,
} from "./provisioner.js";
import { BOOTSTRAP_OUTCOMES, HostBootstrapOutcome } from "./provisioner-bootstrap.js";

/** The `<resource>` token of host events: `<root>.evt.<cluster>.host.<outcome>.<host>`. */
export const HOST_EVENT_RESOURCE = "host";
/** The `<resource>` token of check events: `<root>.evt.<cluster>.check.<outcome>.<node>`. */
export const CHECK_EVENT_RESOURCE = "check";

/** Every host event name (the per-host outcome names of all verbs; no name is shared by two verbs). */
export const HOST_EVENTS = [...FACTS_OUTCOMES, ...INSTALL_OUTCOMES, ...BOOTSTRAP_OUTCOMES] as const;
export type HostEventName = (typeof HOST_EVENTS)[number];
/** Every check event name. */
export type CheckEventName = (typeof CHECK_OUTCOMES)[number];

/**
 * One message definition per outcome of a verb: `<resource>.<outcome>` whose payload is the
 * verb's outcome schema with `outcome` fixed to that name (still strict). Typed as the verb's
 * schema, so publishers pass the reply's outcome object as it is; validation rejects an outcome
 * published under another event's name.
 */
function eventsOf<S extends z.ZodObject, const N extends readonly string[]>(
  resource: string,
  names: N,
  schema: S,
): Readonly<Record<N[number], MessageDef<S>>> {
  return Object.fromEntries(
    names.map((name) => {
      const data = schema.extend({ outcome: z.literal(name).describe(`Always "${name}"`) });
      return [name, defineMessage("evt", `${resource}.${name}`, data as unknown as S)];
    }),
  ) as Record<N[number], MessageDef<S>>;
}

/**
 * `host.collected` / `host.facts_failed`: the facts of a host were collected (and stored in
 * `zeekbus_hosts`), or could not be; payload {@link HostFactsOutcome}.
 */
export const HostFactsEvents = eventsOf(HOST_EVENT_RESOURCE, FACTS_OUTCOMES, HostFactsOutcome);

/**
 * `host.installed` / `host.unchanged` / `host.install_failed`: a host's Zeek installation and
 * policy directories were written, were already current, or could not be written; payload
 * {@link HostInstallOutcome} (`swapped` lists the directories replaced, `zeek` what happened to
 * the Zeek installation).
 */
export const HostInstallEvents = eventsOf(HOST_EVENT_RESOURCE, INSTALL_OUTCOMES, HostInstallOutcome);

/**
 * `host.bootstrapped` / `host.already_running` / `host.bootstrap_failed`: the host agent was
 * started and answers, already answered, or could not be started; payload
 * {@link HostBootstrapOutcome} (`agentVersion` of the agent answering).
 */
export const HostBootstrapEvents = eventsOf(HOST_EVENT_RESOURCE, BOOTSTRAP_OUTCOMES, HostBootstrapOutcome);

/** Payload of any host event. */
export type HostEventData = HostFactsOutcome | HostInstallOutcome | HostBootstrapOutcome;

/** Message definitions of every host event, by event (outcome) name. */
export const HostEvents = {
  ...HostFactsEvents,
  ...HostInstallEvents,
  ...HostBootstrapEvents,
};

/**
 * `check.ok` / `check.failed`: zeek's parse-only run of a node's scripts on its host passed or
 * failed (or could not run); payload {@link NodeCheckOutcome} (zeekctl's line in `message`,
 * zeek's output in `output`). The subject's id is the node, not the host.
 */
export const CheckEvents = eventsOf(CHECK_EVENT_RESOURCE, CHECK_OUTCOMES, NodeCheckOutcome);
