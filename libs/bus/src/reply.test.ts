import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  AgentStatus,
  AgentStop,
  CommandReply,
  defineMessage,
  InternalError,
  MAX_ERROR_DETAIL,
  MAX_ERROR_DETAILS,
  MAX_ERROR_DETAILS_TOTAL,
  MAX_ERROR_MESSAGE,
  type MessageDef,
  NotFoundError,
  StatusReply,
  ValidationError,
  type ZeekbusError,
} from "@zeekbus/contracts";
import { createLogger } from "@zeekbus/log";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { sendReply } from "./reply.js";
import { request } from "./request.js";
import { endpoint, startService } from "./service.js";
import { capDetails, errorFromReply } from "./wire.js";

const Blob = defineMessage("api", "blob.get", z.object({ bytes: z.number().int().min(0).max(4e6) }).strict());
const BlobReply = z.object({ blob: z.string().max(4e6) }).strict();

describe("capDetails", () => {
  it("keeps the first 20 details, each cut to 500 characters, then counts the rest", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `data.nodes.${i}: must contain only …`);
    const capped = capDetails(many);
    assert.equal(capped.length, MAX_ERROR_DETAILS + 1);
    assert.deepEqual(capped.slice(0, 2), many.slice(0, 2));
    assert.equal(capped.at(-1), `… and ${10_000 - MAX_ERROR_DETAILS} more`);
    const long = capDetails(["x".repeat(5000)]);
    assert.deepEqual(long, [`${"x".repeat(MAX_ERROR_DETAIL - 1)}…`]);
  });

  it("stops when the details reach 8,000 characters together", () => {
    const capped = capDetails(Array.from({ length: 20 }, () => "y".repeat(MAX_ERROR_DETAIL)));
    const kept = capped.slice(0, -1);
    assert.equal(kept.join("").length, MAX_ERROR_DETAILS_TOTAL);
    assert.equal(capped.at(-1), `… and ${20 - kept.length} more`);
    assert.deepEqual(capDetails(["a", "b"]), ["a", "b"]);
  });
});

type Line = { level: number; msg: string; subject?: string };

describe("replies that never crash a service", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("reply");
  const lines: Line[] = [];
  const logger = createLogger({
    name: "reply-test",
    level: "info",
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  let bus: Bus;
  let calls = 0;
  const agent = (verb: string) => `zeekbus.agent.${cluster}.sensor-1.${verb}`;
  const blob = `zeekbus.api.${cluster}.topology.blob`;
  const raw = async (def: MessageDef, data: unknown, envCluster = cluster): Promise<ZeekbusError> => {
    const verb = def === AgentStatus ? "status" : "stop";
    const body = JSON.stringify({
      type: def.type,
      id: "1",
      ts: new Date().toISOString(),
      cluster: envCluster,
      data,
    });
    const err = errorFromReply(await bus.nc.request(agent(verb), body, { timeout: 20_000 }));
    assert.ok(err, "an error reply");
    return err;
  };
  const alive = async () =>
    assert.deepEqual(await request(bus, agent("status"), AgentStatus, cluster, {}, StatusReply), {
      host: "sensor-1",
      nodes: [],
    });

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "reply-test", logger });
    const service = await startService(bus, {
      name: "agent",
      version: "0.1.0",
      description: "replies for tests",
      endpoints: [
        endpoint({
          name: "status",
          subject: agent("status"),
          request: AgentStatus,
          reply: StatusReply,
          handler: () => {
            calls += 1;
            return { host: "sensor-1", nodes: [] };
          },
        }),
        endpoint({
          name: "stop",
          subject: agent("stop"),
          request: AgentStop,
          reply: CommandReply,
          handler: (data) => {
            calls += 1;
            throw new NotFoundError(`no node ${data.nodes[0]}\r\nsecond line`, ["nodes.0: not on this host"]);
          },
        }),
        endpoint({
          name: "blob",
          subject: blob,
          request: Blob,
          reply: BlobReply,
          handler: (data) => ({ blob: "z".repeat(data.bytes) }),
        }),
      ],
    });
    nats.teardown(async () => {
      await service.stop();
      await bus.close();
    });
  });

  it("answers 10,000 invalid names with a ValidationError that fits, and keeps serving", async () => {
    const before = calls;
    const names = Array.from({ length: 10_000 }, () => "logger\u001b[2J");
    const err = await raw(AgentStatus, { nodes: names });
    assert.ok(err instanceof ValidationError, `got ${err.code}`);
    assert.equal(err.details.length, MAX_ERROR_DETAILS + 1);
    assert.match(err.details[0] ?? "", /^data\.nodes\.0: must contain only/);
    assert.match(err.details.at(-1) ?? "", /^… and \d+ more$/);
    assert.ok(err.message.length <= MAX_ERROR_MESSAGE);
    assert.equal(calls, before);
    await alive();
  });

  it("answers a stop of 10,000 `{}` nodes with a ValidationError that fits; 100,000 are too many", async () => {
    const before = calls;
    const nodes = (n: number) => Array.from({ length: n }, () => ({}));
    const err = await raw(AgentStop, { nodes: nodes(10_000) });
    assert.ok(err instanceof ValidationError, `got ${err.code}`);
    assert.match(err.details.at(-1) ?? "", /^… and 9980 more$/);
    const tooMany = await raw(AgentStop, { nodes: nodes(100_000) });
    assert.deepEqual(tooMany.details, ["data.nodes: Too big: expected array to have <=10000 items"]);
    assert.equal(calls, before);
    await alive();
  });

  it("refuses an envelope naming another cluster than the subject's, before the handler", async () => {
    const before = calls;
    const err = await raw(AgentStatus, {}, "other-cluster");
    assert.ok(err instanceof ValidationError, `got ${err.code}`);
    assert.deepEqual(err.details, [`cluster: must be ${cluster}, the cluster of the subject`]);
    assert.equal(calls, before);
    await alive();
  });

  it("carries a handler error whose message has line breaks (a header cannot)", async () => {
    const err = await raw(AgentStop, { nodes: ["worker-9"] });
    assert.ok(err instanceof NotFoundError, `got ${err.code}`);
    assert.equal(err.message, "no node worker-9\r\nsecond line");
    await alive();
  });

  it("turns a valid reply past max_payload into an Internal error that fits", async () => {
    await assert.rejects(
      request(bus, blob, Blob, cluster, { bytes: 2 * 1024 * 1024 }, BlobReply, { timeoutMs: 20_000 }),
      (err: InternalError) => {
        assert.ok(err instanceof InternalError);
        assert.match(
          err.message,
          /^reply too large: \d+ bytes, more than the server's max_payload of 1048576$/,
        );
        return true;
      },
    );
    assert.ok(lines.some((l) => l.msg === "reply too large" && l.subject === blob));
    assert.deepEqual(await request(bus, blob, Blob, cluster, { bytes: 3 }, BlobReply), { blob: "zzz" });
  });

  it("logs a reply the server refuses instead of throwing", async () => {
    const subject = `zeekbus.api.${cluster}.topology.raw`;
    const sent: unknown[] = [];
    const sub = bus.nc.subscribe(subject, {
      callback: (_err, msg) => {
        // The size check is told of no limit, so the server's own max_payload refuses the reply.
        sent.push(sendReply(msg, { body: "x".repeat(2 * 1024 * 1024) }, Number.MAX_SAFE_INTEGER, logger));
      },
    });
    await assert.rejects(bus.nc.request(subject, "{}", { timeout: 300 }));
    sub.unsubscribe();
    assert.deepEqual(sent, [undefined], "sendReply returned");
    assert.ok(lines.some((l) => l.msg === "reply failed" && l.subject === subject));
  });
});
