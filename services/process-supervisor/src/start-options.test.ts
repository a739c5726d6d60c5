import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type Bus, connectBus } from "@zeekbus/bus";
import type { NodeSpec } from "@zeekbus/contracts";
import { buildSimCluster, clusterPortBase, natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { SupervisorProcess, type SupervisorUnderTest, start, stop } from "./testing/supervisor-process.js";

/** A veth end in this namespace whose peer sits in a throw-away `zbsim-*` netns: a link nobody sends on. */
function quietLink(name: string): { iface: string; remove(): void } {
  const ns = `zbsim-${name}`;
  const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
  ip("netns", "add", ns);
  ip("link", "add", name, "type", "veth", "peer", "name", `${name}p`, "netns", ns);
  ip("link", "set", name, "addrgenmode", "none");
  ip("link", "set", name, "up");
  ip("-n", ns, "link", "set", `${name}p`, "addrgenmode", "none");
  ip("-n", ns, "link", "set", `${name}p`, "up");
  return { iface: name, remove: () => ip("netns", "del", ns) };
}

const skip = process.getuid?.() === 0 ? false : "needs root for a veth pair";

describe("process supervisor start options", { skip }, () => {
  const nats = natsFixture();
  let bus: Bus;
  let sut: SupervisorUnderTest;
  let specs: NodeSpec[];
  const spec = (name: string) => specs.find((s) => s.name === name)!;

  before(async () => {
    const link = quietLink(`zbsq${process.pid % 100_000}`);
    nats.teardown(() => link.remove());
    const base = clusterPortBase();
    specs = buildSimCluster({
      prefix: mkdtempSync(join(tmpdir(), "zeekbus-prefix-")),
      nodeCfg: `[manager]\ntype=manager\nhost=localhost\n[proxy-1]\ntype=proxy\nhost=localhost\n[worker-1]\ntype=worker\nhost=localhost\ninterface=${link.iface}\n`,
      zeekctlCfg: `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`,
    }).specs;
    bus = await connectBus({ servers: nats.url, name: "test" });
    const policy = { backoffInitialMs: 100, immediateRetryAfterMs: 60_000, quarantineCrashes: 2 };
    sut = {
      nats: nats.url,
      cluster: uniqueCluster("opts"),
      host: "localhost",
      policy,
      rejoinTimeoutMs: 5000,
    };
    const sup = new SupervisorProcess(sut);
    await sup.start(bus);
    nats.teardown(async () => {
      await stop(bus, sut).catch(() => undefined);
      await sup.kill();
      await bus.close();
    });
  });

  it("answers a worker started with waitRejoin on a quiet link with rejoin no_traffic", async () => {
    const reply = await start(bus, sut, [spec("manager"), spec("worker-1")], { waitRejoin: true });
    const [manager, worker] = reply.results;
    assert.equal(manager?.outcome, "started");
    assert.equal(manager?.rejoin, undefined, "non-workers ignore waitRejoin");
    assert.equal(worker?.node, "worker-1");
    assert.equal(worker?.outcome, "started");
    assert.equal(worker?.rejoin, "no_traffic");
    assert.ok(worker?.pid);
  });

  it("answers a zeek that crashes at start with start_failed and its crash report", async () => {
    await stop(bus, sut, ["manager"]);
    const crashing = { ...spec("manager"), env: { ...spec("manager").env, ZEEK_SIM_FAULTS: "crash-start" } };
    const [failed] = (await start(bus, sut, [crashing])).results;
    assert.equal(failed?.outcome, "start_failed");
    assert.ok(failed?.crashReport, "crashReport is set");
    assert.match(failed.crashReport, /post-terminate-manager-.*-crash$/);
    assert.ok(existsSync(join(failed.crashReport, "crash-report.json")));

    const missing = { ...spec("manager"), zeek: "/nonexistent/zeek" };
    const [again] = (await start(bus, sut, [missing])).results;
    assert.equal(again?.outcome, "start_failed");
    assert.equal(again?.crashReport, undefined, "no stale report when nothing crashed");
  });
});
