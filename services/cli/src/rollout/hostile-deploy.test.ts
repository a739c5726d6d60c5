import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { LOCAL_CLUSTER_NODE_CFG, natsFixture } from "@zeekbus/test-harness";
import { configDir } from "../topology/testing.js";
import { type LocalZeekbus, startLocalZeekbus } from "./testing.js";

const skip = process.getuid?.() !== 0 ? "needs root (af_packet workers on lo)" : false;

/** The running cluster's node → pid, as `zeekbus status --json` reports it. */
async function pids(cli: LocalZeekbus["cli"]): Promise<Record<string, number>> {
  const r = await cli("--json", "status");
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { node: string; pid?: number; state?: string }[];
  assert.ok(rows.every((n) => n.state === "running" && n.pid));
  return Object.fromEntries(rows.map((n) => [n.node, n.pid!]));
}

describe("zeekbus deploy of hostile input next to a running cluster", { skip }, () => {
  const nats = natsFixture();
  let zb: LocalZeekbus;
  let running: Record<string, number>;

  /** A config dir like the deployed one with node.cfg and zeekctl.cfg edited. */
  const variant = (nodeCfg: (t: string) => string, zeekctlCfg: (t: string) => string = (t) => t) =>
    configDir({
      "node.cfg": nodeCfg(LOCAL_CLUSTER_NODE_CFG),
      "zeekctl.cfg": zeekctlCfg(readFileSync(join(zb.etc, "zeekctl.cfg"), "utf8")),
    });

  before(async () => {
    zb = await startLocalZeekbus(nats);
    const r = await zb.cli("deploy", zb.etc);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    running = await pids(zb.cli);
  });

  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      "lb_procs=100000000",
      () => variant((t) => t.replace("lb_procs=2", "lb_procs=100000000")),
      /node\.cfg:15: number of load-balanced processes must be at most 256 for node 'worker-1'/,
    ],
    [
      "ZeekPort=70000",
      () =>
        variant(
          (t) => t,
          (t) => t.replace(/^ZeekPort = \d+$/m, "ZeekPort = 70000"),
        ),
      /zeekctl\.cfg:\d+: zeekctl option 'ZeekPort' must be a port from 1 to 65535, not 70000/,
    ],
    [
      "pin_cpus beyond the host's CPUs",
      () => variant((t) => t.replace("lb_procs=2", "lb_procs=2\npin_cpus=4000,4001")),
      /node\.cfg:\d+: node 'worker-1-1' has pin_cpus 4000, but host 'localhost' has \d+ CPUs/,
    ],
  ];
  for (const [what, dir, message] of cases) {
    it(`${what}: refused naming the file and line; every zeek keeps running untouched`, async () => {
      const r = await zb.cli("deploy", "--site", join(zb.etc, "site"), await dir());
      assert.equal(r.code, 1, r.stdout);
      assert.match(`${r.stdout}${r.stderr}`, message);
      assert.deepEqual(await pids(zb.cli), running);
    });
  }
});
