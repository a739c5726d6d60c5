import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type Bus, connectBus, type RunningService, request } from "@zeekbus/bus";
import { parseZeekctlFiles } from "@zeekbus/config";
import { type ConfigSource, DeployReply, TopologyDeploy, ValidationError } from "@zeekbus/contracts";
import { startProvisioner } from "@zeekbus/provisioner";
import { localOnlySettings } from "@zeekbus/provisioner/testing";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { buildTopology } from "@zeekbus/topology-model";
import { startTopologyService } from "../service.js";
import { pinProblems } from "./cpu-pins.js";

/** manager, proxy and a worker of two processes on localhost; `[worker-1]` is line 9, pin_cpus line 15. */
const nodeCfg = (pins: string) =>
  "[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n\n" +
  `[worker-1]\ntype=worker\nhost=localhost\ninterface=lo\nlb_method=af_packet\nlb_procs=2\npin_cpus=${pins}\n`;

describe("pin_cpus against the host's CPUs", () => {
  it("names each node pinned beyond its host, the CPUs and the host's count", () => {
    const parsed = parseZeekctlFiles({ nodeCfg: { text: nodeCfg("1,7"), file: "node.cfg" } });
    const built = buildTopology(parsed.config!, { hashSeed: "0a1b2c3d" });
    const nodes = built.topology!.nodes;
    assert.deepEqual(pinProblems(nodes, new Map([["localhost", 8]])), []);
    assert.deepEqual(pinProblems(nodes, new Map([["localhost", 2]])), [
      "node.cfg:15: node 'worker-1-2' has pin_cpus 7, but host 'localhost' has 2 CPUs (0-1)",
    ]);
    assert.deepEqual(pinProblems(nodes, new Map([["localhost", 1]])), [
      "node.cfg:15: node 'worker-1-1' has pin_cpus 1, but host 'localhost' has 1 CPU (0)",
      "node.cfg:15: node 'worker-1-2' has pin_cpus 7, but host 'localhost' has 1 CPU (0)",
    ]);
  });
});

describe("deploy: pin_cpus beyond the host's CPUs is refused before anything is installed", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("pins");
  const prefix = mkdtempSync(join(tmpdir(), "zeekbus-pins-"));
  const events: string[] = [];
  let bus: Bus;
  let deploys = 0;
  const deploy = (source: ConfigSource, dryRun = false) =>
    request(
      bus,
      bus.subjects.api(cluster, "topology", "deploy"),
      TopologyDeploy,
      cluster,
      { source, deployId: `pins-${++deploys}`, dryRun },
      DeployReply,
      { timeoutMs: 60_000 },
    );

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "pins-test" });
    const services: { stop(): Promise<void> }[] = [];
    services.push(await startTopologyService(bus, { cluster }));
    const settings = localOnlySettings(prefix);
    services.push(await startProvisioner(bus, { cluster, settings }));
    const sub = bus.nc.subscribe(bus.subjects.evtFilter(cluster, "host"), {
      callback: (_e, m) => {
        events.push(m.subject.split(".").slice(3, 5).join("."));
      },
    });
    nats.teardown(async () => {
      sub.unsubscribe();
      for (const s of services as RunningService[]) await s.stop();
      await bus.close();
    });
  });

  it("answers a ValidationError naming node, pin_cpus and CPU count; only the facts were read", async () => {
    const source: ConfigSource = { format: "zeekctl", files: { "node.cfg": nodeCfg("0,8191") } };
    await assert.rejects(deploy(source), (err: ValidationError) => {
      assert.ok(err instanceof ValidationError, String(err));
      assert.match(
        err.details.join("\n"),
        /^node\.cfg:15: node 'worker-1-2' has pin_cpus 8191, but host 'localhost' has \d+ CPUs? \(0(-\d+)?\)$/,
      );
      return true;
    });
    assert.deepEqual(events, ["host.collected"]);
    assert.equal(existsSync(join(prefix, "spool")), false, "nothing installed");
  });

  it("keeps serving, and the refused deploy left no lease behind", async () => {
    const good: ConfigSource = { format: "zeekctl", files: { "node.cfg": nodeCfg("0") } };
    assert.equal((await deploy(good, true)).outcome, "planned");
    await assert.rejects(deploy({ format: "zeekctl", files: { "node.cfg": nodeCfg("8000") } }), {
      code: "ValidationError",
    });
  });
});
