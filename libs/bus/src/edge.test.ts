import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { defineMessage, ValidationError } from "@zeekbus/contracts";
import { createLogger } from "@zeekbus/log";
import { eventually, natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { nestsDeeper } from "./inbound.js";
import { request } from "./request.js";
import { endpoint, startService } from "./service.js";
import { errorFromReply } from "./wire.js";

const Note = defineMessage("api", "note.take", z.object({ text: z.string().max(100_000) }).strict());
const NoteReply = z.object({ length: z.number() }).strict();

/** An envelope whose data nests `depth` arrays inside `text` (invalid for the schema, valid JSON). */
function nested(cluster: string, depth: number): string {
  const data = `{"text":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  return `{"type":"${Note.type}","id":"1","ts":"${new Date().toISOString()}","cluster":"${cluster}","data":${data}}`;
}

describe("nestsDeeper", () => {
  it("counts arrays and objects, not brackets inside strings or after escapes", () => {
    assert.equal(nestsDeeper('{"a":[{"b":[1]}]}', 4), false);
    assert.equal(nestsDeeper('{"a":[{"b":[1]}]}', 3), true);
    assert.equal(nestsDeeper(`{"a":"${"[{".repeat(100)}"}`, 1), false);
    assert.equal(nestsDeeper(`{"a":"\\"[[[["}`, 1), false);
    assert.equal(nestsDeeper(`["\\\\",[[1]]]`, 2), true);
  });
});

describe("the edge of a service", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("edge");
  const lines: { level: number; msg: string; suppressed?: number; subject?: string }[] = [];
  let bus: Bus;
  let calls = 0;
  const subject = `zeekbus.api.${cluster}.topology.note`;
  const rejected = async (body: string) => {
    const err = errorFromReply(await bus.nc.request(subject, body, { timeout: 5000 }));
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${err?.code}`);
    return err;
  };

  before(async () => {
    const logger = createLogger({
      name: "edge-test",
      level: "info",
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    bus = await connectBus({ servers: nats.url, name: "edge-test", logger });
    const service = await startService(bus, {
      name: "notes",
      version: "0.1.0",
      description: "notes for tests",
      limits: { maxBytes: 4096 },
      rejectLog: { burst: 3, windowMs: 500 },
      endpoints: [
        endpoint({
          name: "note",
          subject,
          request: Note,
          reply: NoteReply,
          handler: (data) => {
            calls += 1;
            return { length: data.text.length };
          },
        }),
      ],
    });
    nats.teardown(async () => {
      await service.stop();
      await bus.close();
    });
  });

  it("refuses a body over the size bound before parsing it, and keeps serving", async () => {
    const before = calls;
    const err = await rejected(JSON.stringify({ data: { text: "x".repeat(8192) } }));
    assert.match(err.message, /is \d+ bytes, more than 4096/);
    assert.equal(calls, before);
    assert.deepEqual(await request(bus, subject, Note, cluster, { text: "ok" }, NoteReply), { length: 2 });
  });

  it("refuses nesting deeper than 32 levels before parsing it; brackets inside strings are text", async () => {
    const before = calls;
    for (const depth of [31, 1000]) {
      assert.match((await rejected(nested(cluster, depth))).message, /nests deeper than 32 levels/);
    }
    assert.match((await rejected(nested(cluster, 30))).message, /^invalid request/, "30 + envelope fit");
    assert.equal(calls, before);
    const brackets = "[{".repeat(1000);
    assert.deepEqual(await request(bus, subject, Note, cluster, { text: brackets }, NoteReply), {
      length: 2000,
    });
  });

  it("logs a burst of rejections as its first three and one line counting the rest", async () => {
    await new Promise((r) => setTimeout(r, 600));
    lines.length = 0;
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => rejected(`{bad ${i}`)));
    assert.equal(replies.length, 200);
    const summary = await eventually(() => lines.find((l) => l.msg.startsWith("suppressed")), {
      what: "summary line",
    });
    assert.equal(summary.msg, `suppressed 197 similar errors on ${subject}`);
    assert.equal(summary.suppressed, 197);
    assert.equal(lines.filter((l) => /^malformed JSON/.test(l.msg)).length, 3);
    assert.equal(lines.length, 4, JSON.stringify(lines.map((l) => l.msg)));
    await rejected("{bad again");
    assert.equal(lines.length, 5, "a new window logs again");
  });
});
