import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type Bus, connectBus, errorFromReply } from "@zeekbus/bus";
import { MAX_ERROR_DETAILS, type NodeSpec, ValidationError } from "@zeekbus/contracts";
import {
  buildSimCluster,
  clusterPortBase,
  LOCAL_CLUSTER_NODE_CFG,
  natsFixture,
  uniqueCluster,
} from "@zeekbus/test-harness";
import {
  collectEvents,
  nodeProcesses,
  SupervisorProcess,
  type SupervisorUnderTest,
  start,
  status,
  stop,
} from "./testing/supervisor-process.js";

const VERBS = ["start", "stop", "restart", "status", "unquarantine"] as const;

describe("hostile requests to a host agent leave its running zeek processes alone", () => {
  const nats = natsFixture({ maxPayload: "8MB" });
  let bus: Bus;
  let sut: SupervisorUnderTest;
  let sup: SupervisorProcess;
  let specs: NodeSpec[];
  let pids: string[];
  let events: ReturnType<typeof collectEvents>;
  const pidsNow = async () => (await status(bus, sut)).nodes.map((n) => `${n.name}:${n.pid}`).sort();
  const send = async (verb: string, body: string) => {
    const reply = await bus.nc.request(bus.subjects.agent(sut.cluster, sut.host, verb), body, {
      timeout: 10_000,
    });
    const err = errorFromReply(reply);
    assert.ok(
      err instanceof ValidationError,
      `${verb}: expected a ValidationError, got ${err?.code ?? "success"}`,
    );
    return err;
  };
  const envelope = (verb: string, data: unknown, cluster = sut.cluster) =>
    JSON.stringify({
      type: `zeekbus.agent.v1.${verb}`,
      id: "x",
      ts: new Date().toISOString(),
      cluster,
      data,
    });
  const alive = async () => {
    assert.equal(sup.child?.exitCode, null, "the supervisor runs");
    assert.deepEqual(await pidsNow(), pids);
  };

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "test" });
    sut = { nats: nats.url, cluster: uniqueCluster("hostile"), host: "localhost" };
    sup = new SupervisorProcess(sut);
    const base = clusterPortBase();
    specs = buildSimCluster({
      prefix: mkdtempSync(join(tmpdir(), "zeekbus-prefix-")),
      nodeCfg: LOCAL_CLUSTER_NODE_CFG,
      zeekctlCfg: `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`,
    }).specs;
    await sup.start(bus);
    nats.teardown(async () => {
      await stop(bus, sut).catch(() => undefined);
      await sup.kill();
      await bus.close();
    });
    const started = await start(bus, sut, specs);
    assert.ok(
      started.results.every((r) => r.outcome === "started"),
      JSON.stringify(started),
    );
    pids = await pidsNow();
    events = collectEvents(bus, sut.cluster);
  });

  it("a stop timeout of 3e9 ms (beyond Node's timer limit) is refused", async () => {
    for (const timeoutMs of [3e9, 2 ** 31, 3_600_001]) {
      const err = await send("stop", envelope("stop", { nodes: [], timeoutMs }));
      assert.ok(
        err.details.some((d) => d.startsWith("data.timeoutMs: ")),
        err.details.join("; "),
      );
    }
  });

  it("an unquarantine with a 300-character name is refused before the handler", async () => {
    const err = await send("unquarantine", envelope("unquarantine", { node: "w".repeat(300) }));
    assert.ok(
      err.details.some((d) => d.startsWith("data.node: ")),
      err.details.join("; "),
    );
    assert.doesNotMatch(err.message, /no node|not quarantined/);
  });

  it("every verb refuses a 2 MiB body and a body nested 1000 deep before parsing it", async () => {
    for (const verb of VERBS) {
      const big = await send(verb, envelope(verb, { nodes: ["x".repeat(2 * 1024 * 1024)] }));
      assert.match(big.message, /bytes, more than 1048576$/, verb);
      const deep = await send(
        verb,
        envelope(verb, { nodes: `${"[".repeat(1000)}${"]".repeat(1000)}` }).replace(/"(\[+\]+)"/, "$1"),
      );
      assert.match(deep.message, /nests deeper than 32 levels$/, verb);
    }
  });

  it("a status naming 10,000 invalid nodes gets a ValidationError that fits; the supervisor lives on", async () => {
    const err = await send("status", envelope("status", { nodes: Array(10_000).fill("logger\u001b[2J") }));
    assert.equal(err.details.length, MAX_ERROR_DETAILS + 1);
    assert.match(err.details[0] ?? "", /^data\.nodes\.0: must contain only/);
    assert.equal(err.details.at(-1), `… and ${10_000 - MAX_ERROR_DETAILS} more`);
    await alive();
  });

  it("a stop of 10,000 or 100,000 `{}` nodes gets a ValidationError that fits; nothing is stopped", async () => {
    const many = await send("stop", envelope("stop", { nodes: Array.from({ length: 10_000 }, () => ({})) }));
    assert.equal(many.details.at(-1), `… and ${10_000 - MAX_ERROR_DETAILS} more`);
    const tooMany = await send(
      "stop",
      envelope("stop", { nodes: Array.from({ length: 100_000 }, () => ({})) }),
    );
    assert.deepEqual(tooMany.details, ["data.nodes: Too big: expected array to have <=10000 items"]);
    await alive();
  });

  it("every verb refuses an envelope naming another cluster; nothing is stopped, started or restarted", async () => {
    const data: Record<(typeof VERBS)[number], unknown> = {
      start: { specs },
      stop: { nodes: [] },
      restart: { nodes: [] },
      status: {},
      unquarantine: { node: specs[0]?.name },
    };
    for (const verb of VERBS) {
      const err = await send(verb, envelope(verb, data[verb], "other-cluster"));
      assert.deepEqual(err.details, [`cluster: must be ${sut.cluster}, the cluster of the subject`], verb);
    }
    await alive();
  });

  it("afterwards every zeek runs with the pid it had, alone in its spool dir; no node was stopped or started", async () => {
    assert.deepEqual(await pidsNow(), pids);
    for (const spec of specs) {
      const pid = Number(pids.find((p) => p.startsWith(`${spec.name}:`))?.split(":")[1]);
      assert.deepEqual(nodeProcesses(spec.cwd), [pid], spec.name);
    }
    assert.ok((await status(bus, sut)).nodes.every((n) => n.state === "running"));
    events.stop();
    assert.deepEqual(
      events.events.filter((e) => !e.endsWith(":running")),
      [],
    );
  });
});
