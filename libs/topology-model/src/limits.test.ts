import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "@zeekbus/config";
import { baseZeekctlCfg, configOf, INPUTS } from "./testing/fixtures.js";
import { buildTopology } from "./topology.js";

const HEAD = "[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n";
const worker = (name: string, procs: number) =>
  `\n[${name}]\ntype=worker\nhost=localhost\ninterface=eth0\nlb_method=af_packet\nlb_procs=${procs}\n`;

describe("a topology never expands more processes than can run", () => {
  it("a config with lb_procs=100000000 (made without the parser's rules) is refused before expansion", () => {
    const config = configOf(baseZeekctlCfg(), HEAD + worker("worker-1", 2));
    const decl = config.nodes.find((n) => n.name === "worker-1")!;
    decl.lbProcs = 100_000_000;
    const r = buildTopology(config, INPUTS);
    assert.equal(r.topology, undefined);
    assert.deepEqual(r.problems.map(formatProblem), [
      "node.cfg:14: node 'worker-1' brings the cluster to 100000002 processes: their ports from ZeekPort 27760 would reach 100027764, past 65535",
    ]);
  });

  it("workers of several sections in one fanout group: at most 256, the kernel's limit", () => {
    const ok = buildTopology(configOf(baseZeekctlCfg(), HEAD + worker("a", 200) + worker("b", 56)), INPUTS);
    assert.ok(ok.topology, ok.problems.map(formatProblem).join("\n"));
    const r = buildTopology(configOf(baseZeekctlCfg(), HEAD + worker("a", 200) + worker("b", 57)), INPUTS);
    assert.deepEqual(r.problems.filter((p) => p.level === "error").map(formatProblem), [
      "node.cfg:21: 257 af_packet workers on host 'localhost' interface 'eth0' join one fanout group; the kernel admits at most 256 (node 'b-57' would be refused)",
    ]);
  });
});
