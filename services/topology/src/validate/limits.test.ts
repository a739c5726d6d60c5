import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { request } from "@zeekbus/bus";
import { type ConfigSource, DeployReply, TopologyDeploy, ValidationError } from "@zeekbus/contracts";
import { nodeCfg, serviceFixture, zeekctlSource } from "../testing/fixtures.js";
import { formatWire } from "./build.js";

const HUGE =
  "node.cfg:18: number of load-balanced processes must be at most 256 for node 'worker-1' (an AF_PACKET fanout group has at most 256 members)";

const huge = (procs: string, method = "af_packet") =>
  zeekctlSource(
    nodeCfg().replace("lb_method=af_packet\nlb_procs=2", `lb_method=${method}\nlb_procs=${procs}`),
  );

describe("topology: inputs that would exhaust the service are ValidationErrors", () => {
  const svc = serviceFixture();
  let deploys = 0;
  const deploy = (source: ConfigSource, dryRun = false) =>
    request(
      svc.bus,
      svc.subject("deploy"),
      TopologyDeploy,
      svc.cluster,
      { source, deployId: `limits-${++deploys}`, dryRun },
      DeployReply,
    );
  const refused = async (call: Promise<unknown>, detail: string) => {
    await assert.rejects(call, (err: ValidationError) => {
      assert.ok(err instanceof ValidationError, String(err));
      assert.ok(err.details.includes(detail), err.details.join("\n"));
      return true;
    });
  };

  it("lb_procs=100000000: validate lists the problem at its line; plan, apply and deploy refuse it", async () => {
    const source = huge("100000000");
    const reply = await svc.validate(source);
    assert.equal(reply.ok, false);
    assert.deepEqual(reply.problems.map(formatWire), [HUGE]);
    await refused(svc.plan(source), HUGE);
    await refused(svc.apply(source, 0), HUGE);
    await refused(deploy(source), HUGE);
    await refused(deploy(source, true), HUGE);
  });

  it("other workers are bounded by the ports the cluster has", async () => {
    const custom = await svc.validate(huge("100000000", "custom"));
    assert.deepEqual(custom.problems.map(formatWire), [
      "node.cfg:18: number of load-balanced processes must be at most 65535 for node 'worker-1' (each process needs a port)",
    ]);
    const ports = await svc.validate(huge("60000", "custom"));
    assert.deepEqual(ports.problems.map(formatWire), [
      "node.cfg:18: node 'worker-1' brings the cluster to 60003 processes: their ports from ZeekPort 27760 would reach 87765, past 65535",
    ]);
  });

  it("ZeekPort and MetricsPort outside 1-65535: refused at their zeekctl.cfg line", async () => {
    const source: ConfigSource = {
      format: "zeekctl",
      files: { "node.cfg": nodeCfg(), "zeekctl.cfg": "ZeekPort = 70000\nMetricsPort = 65535\n" },
    };
    const reply = await svc.validate(source);
    assert.deepEqual(reply.problems.map(formatWire), [
      "zeekctl.cfg:1: zeekctl option 'ZeekPort' must be a port from 1 to 65535, not 70000",
      "node.cfg:5: node 'manager' brings the cluster to 2 processes: their ports from MetricsPort 65535 would reach 65536, past 65535",
    ]);
    await refused(
      svc.plan(source),
      "zeekctl.cfg:1: zeekctl option 'ZeekPort' must be a port from 1 to 65535, not 70000",
    );
  });

  it("a problem quoting a 100 000-character value is still a valid reply", async () => {
    const long = `eth0${"$".repeat(100_000)}`;
    const reply = await svc.validate(zeekctlSource(nodeCfg().replace("interface=eth2", `interface=${long}`)));
    assert.equal(reply.ok, false);
    assert.match(
      reply.problems[0]?.message ?? "",
      /^interface 'eth0\$+' of node 'worker-3' contains the character "\$"/,
    );
  });

  it("keeps serving afterwards: nothing was stored, and a deploy is not blocked by a lease", async () => {
    const good = zeekctlSource();
    assert.equal((await svc.validate(good)).ok, true);
    await assert.rejects(svc.get(), { code: "NotFound" });
    const planned = await deploy(good, true);
    assert.equal(planned.outcome, "planned");
    await refused(deploy(huge("100000000")), HUGE);
  });
});
