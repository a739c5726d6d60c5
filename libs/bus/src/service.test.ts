import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { defineMessage, NotFoundError, UnreachableError, ValidationError } from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { request } from "./request.js";
import { endpoint, startService } from "./service.js";
import { decodeJson, errorFromReply } from "./wire.js";

const Echo = defineMessage(
  "api",
  "echo.say",
  z.object({ text: z.string().min(1), times: z.number().int() }).strict(),
);
const EchoReply = z.object({ said: z.array(z.string()) }).strict();

describe("micro-service helper", () => {
  const nats = natsFixture();
  let bus: Bus;
  let calls = 0;
  const cluster = uniqueCluster();
  const subject = () => `zeekbus.api.${cluster}.topology.echo`;

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "test" });
    nats.teardown(() => bus.close());
    await startService(bus, {
      name: "echo",
      version: "0.1.0",
      description: "echo for tests",
      endpoints: [
        endpoint({
          name: "echo",
          subject: subject(),
          request: Echo,
          reply: EchoReply,
          handler: (data) => {
            calls += 1;
            if (data.text === "missing") throw new NotFoundError("no such thing", ["text: missing"]);
            return { said: Array.from({ length: data.times }, () => data.text) };
          },
        }),
      ],
    });
  });

  it("answers a valid request with a validated reply", async () => {
    const reply = await request(bus, subject(), Echo, cluster, { text: "hi", times: 2 }, EchoReply);
    assert.deepEqual(reply, { said: ["hi", "hi"] });
  });

  it("rejects malformed JSON without calling the handler, then keeps serving", async () => {
    const before = calls;
    const msg = await bus.nc.request(subject(), "{not json", { timeout: 2000 });
    const err = errorFromReply(msg);
    assert.ok(err instanceof ValidationError);
    assert.match(err.message, /malformed JSON/);
    assert.equal(calls, before);
    assert.deepEqual(await request(bus, subject(), Echo, cluster, { text: "ok", times: 1 }, EchoReply), {
      said: ["ok"],
    });
  });

  it("rejects a schema violation with path: message details", async () => {
    const before = calls;
    await assert.rejects(
      request(bus, subject(), Echo, cluster, { text: "x", times: 1 }, EchoReply).then(async () => {
        const bad = {
          type: Echo.type,
          id: "1",
          ts: new Date().toISOString(),
          cluster,
          data: { text: 3, extra: 1 },
        };
        const msg = await bus.nc.request(subject(), JSON.stringify(bad), { timeout: 2000 });
        throw errorFromReply(msg);
      }),
      (err: ValidationError) => {
        assert.equal(err.code, "ValidationError");
        assert.ok(err.details.some((d) => d.startsWith("data.text: ")));
        assert.ok(err.details.some((d) => d.includes("extra")));
        return true;
      },
    );
    assert.equal(calls, before + 1);
    const body = decodeJson(await bus.nc.request(subject(), JSON.stringify({ data: {} }), { timeout: 2000 }));
    assert.equal((body as { code: string }).code, "ValidationError");
  });

  it("carries a handler's error code to the caller", async () => {
    await assert.rejects(
      request(bus, subject(), Echo, cluster, { text: "missing", times: 1 }, EchoReply),
      NotFoundError,
    );
  });

  it("fails as Unreachable at once when nobody serves the subject", async () => {
    const started = Date.now();
    await assert.rejects(
      request(
        bus,
        `zeekbus.api.${cluster}.health.status`,
        Echo,
        cluster,
        { text: "x", times: 1 },
        EchoReply,
        {
          timeoutMs: 5000,
        },
      ),
      UnreachableError,
    );
    assert.ok(Date.now() - started < 1000, "did not wait for the timeout");
  });
});
