import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import type { Bus } from "@zeekbus/bus";
import { HostEvents, type MessageDef, Subjects } from "@zeekbus/contracts";
import { createLogger } from "@zeekbus/log";
import { eventId, OutcomeEvents, type Publish } from "./publish.js";

function setup(publish: (subject: string, def: MessageDef, id: string) => Promise<number>) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const log = createLogger({ name: "t", level: "debug", destination });
  const bus = { subjects: new Subjects() } as unknown as Bus;
  const fake = ((_b, subject, def, _c, _d, options) => publish(subject, def, options?.id ?? "")) as Publish;
  return { lines, events: new OutcomeEvents(bus, log, "c1", "req-7", fake) };
}

describe("outcome events", () => {
  it("derives ids from request, verb and name; hashes ids that would be too long", () => {
    assert.equal(eventId("req-7", "install", "10.99.0.3"), "req-7.install.10.99.0.3");
    const long = eventId("r".repeat(200), "check", "worker-1");
    assert.match(long, /^provisioner\.check\.[0-9a-f]{64}$/);
    assert.equal(long, eventId("r".repeat(200), "check", "worker-1"));
  });

  it("publishes each outcome on its subject with its definition and id", async () => {
    const sent: [string, string, string][] = [];
    const { events } = setup(async (subject, def, id) => {
      sent.push([subject, def.type, id]);
      return 1;
    });
    const outcome = { host: "10.99.0.3", outcome: "unchanged" as const, swapped: [] };
    assert.equal(await events.install(outcome), outcome);
    await events.check({
      node: "w.1",
      type: "worker",
      host: "h",
      outcome: "failed",
      message: "m",
      output: "",
    });
    assert.deepEqual(sent, [
      ["zeekbus.evt.c1.host.unchanged.10_2E99_2E0_2E3", HostEvents.unchanged.type, "req-7.install.10.99.0.3"],
      ["zeekbus.evt.c1.check.failed.w_2E1", "zeekbus.evt.v1.check.failed", "req-7.check.w.1"],
    ]);
  });

  it("logs a failed publish as a warning and still returns the outcome", async () => {
    const { events, lines } = setup(async () => {
      throw new Error("stream gone");
    });
    const outcome = { host: "h1", outcome: "facts_failed" as const, error: "host h1: down" };
    assert.equal(await events.facts(outcome), outcome);
    const warn = lines.find((l) => l.level === 40);
    assert.equal(warn?.subject, "zeekbus.evt.c1.host.facts_failed.h1");
    assert.equal(warn?.err, "stream gone");
    assert.deepEqual([warn?.cluster, warn?.reqId, warn?.host], ["c1", "req-7", "h1"]);
  });
});
