import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { defineMessage, ValidationError } from "@zeekbus/contracts";
import { createLogger } from "@zeekbus/log";
import { eventually, natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { nestsDeeper } from "./inbound.js";
import { RejectLog } from "./reject-log.js";
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

type Line = { level: number; msg: string; suppressed?: number; subject?: string };

const capture = (lines: Line[]) =>
  createLogger({
    name: "edge-test",
    level: "info",
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });

describe("RejectLog", () => {
  it("writes the first of a window in full, counts the rest into one line, then opens a new window", async () => {
    const lines: Line[] = [];
    const log = new RejectLog(capture(lines), { burst: 3, windowMs: 50 });
    const write = () => lines.push({ level: 40, msg: "rejected" });
    for (let i = 0; i < 10; i++) log.record("a.b", "ValidationError", write);
    log.record("a.b", "NotFound", write);
    assert.equal(lines.length, 4, "three ValidationErrors and the NotFound, each code on its own");
    await eventually(() => lines.some((l) => l.msg.startsWith("suppressed")), { what: "summary" });
    assert.deepEqual(
      lines.slice(4).map((l) => [l.msg, l.suppressed]),
      [["suppressed 7 similar errors on a.b", 7]],
    );
    log.record("a.b", "ValidationError", write);
    assert.equal(lines.at(-1)?.msg, "rejected", "a new window logs again");
  });
});

describe("the edge of a service", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("edge");
  const lines: Line[] = [];
  let bus: Bus;
  let calls = 0;
  const subject = `zeekbus.api.${cluster}.topology.note`;
  const rejected = async (body: string, on = subject) => {
    const err = errorFromReply(await bus.nc.request(on, body, { timeout: 10_000 }));
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${err?.code}`);
    return err;
  };

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "edge-test", logger: capture(lines) });
    const service = await startService(bus, {
      name: "notes",
      version: "0.1.0",
      description: "notes for tests",
      limits: { maxBytes: 4096 },
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

  it("logs a burst of 200 bad requests as its first three and one line counting the rest", async () => {
    const burst = `zeekbus.api.${cluster}.topology.burst`;
    const service = await startService(bus, {
      name: "burst",
      version: "0.1.0",
      description: "burst for tests",
      rejectLog: { burst: 3, windowMs: 600_000 },
      endpoints: [
        endpoint({
          name: "burst",
          subject: burst,
          request: Note,
          reply: NoteReply,
          handler: () => ({ length: 0 }),
        }),
      ],
    });
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => rejected(`{bad ${i}`, burst)));
    assert.equal(replies.length, 200);
    await service.stop();
    const mine = lines.filter((l) => l.subject === burst);
    assert.deepEqual(
      mine.map((l) => l.msg.replace(/^malformed JSON.*/, "malformed JSON")),
      ["malformed JSON", "malformed JSON", "malformed JSON", `suppressed 197 similar errors on ${burst}`],
    );
  });
});
