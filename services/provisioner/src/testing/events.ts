/** Test helper: the events a provisioner publishes, as delivered and as stored in the stream. */
import assert from "node:assert/strict";
import type { Bus } from "@zeekbus/bus";
import { EVENTS_STREAM } from "@zeekbus/contracts";

/** One delivered event: its subject and envelope. */
export interface SeenEvent {
  subject: string;
  type: string;
  id: string;
  cluster: string;
  data: unknown;
}

/** Records every message on `filter` (core subscription) until stopped. */
export function recordEvents(bus: Bus, filter: string) {
  const seen: SeenEvent[] = [];
  const sub = bus.nc.subscribe(filter, {
    callback: (err, msg) => {
      if (!err) seen.push({ subject: msg.subject, ...(msg.json() as Omit<SeenEvent, "subject">) });
    },
  });
  return {
    /** Everything delivered since the last call (a flush first: the replies came after the events). */
    async take(): Promise<SeenEvent[]> {
      await bus.nc.flush();
      return seen.splice(0);
    },
    stop: () => sub.unsubscribe(),
  };
}

/** Events stored in the stream per subject under `filter` (JetStream API, `subjects_filter`). */
export async function storedCounts(bus: Bus, filter: string): Promise<Record<string, number>> {
  const msg = await bus.nc.request(
    `$JS.API.STREAM.INFO.${EVENTS_STREAM}`,
    JSON.stringify({ subjects_filter: filter }),
    { timeout: 5000 },
  );
  const info = msg.json() as { state?: { subjects?: Record<string, number> } };
  return info.state?.subjects ?? {};
}

/**
 * Asserts that exactly `expected` was delivered since the last take (any order): each subject
 * once, its type `zeekbus.evt.v1.<resource>.<event>` from the subject, the test's cluster, an id
 * ending in `.<verb>.<name>` and the reply's outcome object as payload.
 */
export async function assertEvents(
  recorder: ReturnType<typeof recordEvents>,
  cluster: string,
  verb: string,
  expected: { subject: string; name: string; data: unknown }[],
): Promise<SeenEvent[]> {
  const seen = (await recorder.take()).sort((a, b) => a.subject.localeCompare(b.subject));
  const want = [...expected].sort((a, b) => a.subject.localeCompare(b.subject));
  assert.deepEqual(
    seen.map((e) => e.subject),
    want.map((e) => e.subject),
  );
  want.forEach((w, i) => {
    const e = seen[i] as SeenEvent;
    const [resource, event] = w.subject.split(".").slice(3, 5);
    assert.equal(e.type, `zeekbus.evt.v1.${resource}.${event}`);
    assert.equal(e.cluster, cluster);
    assert.ok(e.id.endsWith(`.${verb}.${w.name}`), e.id);
    assert.deepEqual(e.data, w.data, w.subject);
  });
  return seen;
}
