import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { baseZeekctlCfg, configOf, INPUTS, topologyOf } from "./testing/fixtures.js";
import { buildTopology } from "./topology.js";

const HEAD = "[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n\n";
const build = (cfg: string, worker: string) =>
  topologyOf(configOf(`${baseZeekctlCfg()}\n${cfg}\n`, `${HEAD}${worker}`));

describe("load-balancing plugins", () => {
  it("custom: InterfacePrefix/InterfaceSuffix wrap the interface", () => {
    const t = build(
      "lb_custom.InterfacePrefix = af_packet::\nlb_custom.InterfaceSuffix = x",
      "[w]\ntype=worker\nhost=localhost\ninterface=eth0\nlb_method=custom\nlb_procs=2\n",
    );
    assert.deepEqual(
      t.nodes.filter((n) => n.type === "worker").map((n) => n.interface),
      ["af_packet::eth0x", "af_packet::eth0x"],
    );
    assert.equal(t.fanout[0]?.interface, "eth0x");
  });

  it("pf_ring ZC: per-process app instance suffix, ZC_RSS, no cluster id", () => {
    const t = build(
      "PFRINGFirstAppInstance = 4",
      "[w]\ntype=worker\nhost=localhost\ninterface=zc:eth2\nlb_method=pf_ring\nlb_procs=2\n",
    );
    const workers = t.nodes.filter((n) => n.type === "worker");
    assert.deepEqual(
      workers.map((n) => [n.interface, n.envVars]),
      [
        ["zc:eth2@4", { PCAP_PF_RING_ZC_RSS: "1" }],
        ["zc:eth2@5", { PCAP_PF_RING_ZC_RSS: "1" }],
      ],
    );
  });

  it("pf_ring: global env_vars win over the plugin's, node env_vars over both", () => {
    const t = build(
      "env_vars=PCAP_PF_RING_CLUSTER_ID=99,G=1",
      "[w]\ntype=worker\nhost=localhost\ninterface=eth0\nlb_method=pf_ring\nlb_procs=1\nenv_vars=G=2\n",
    );
    assert.deepEqual(t.nodes.find((n) => n.name === "w-1")?.envVars, {
      PCAP_PF_RING_CLUSTER_ID: "99",
      G: "2",
      PCAP_PF_RING_USE_CLUSTER_PER_FLOW_4_TUPLE: "1",
      PCAP_PF_RING_APPNAME: "zeek-eth0",
    });
  });

  it("af_packet: an interface that already has the prefix is an error with lb_method=af_packet", () => {
    const config = configOf(
      baseZeekctlCfg(),
      `${HEAD}[w]\ntype=worker\nhost=localhost\ninterface=af_packet::eth0\nlb_method=af_packet\nlb_procs=2\n`,
    );
    const r = buildTopology(config, INPUTS);
    assert.deepEqual(
      r.problems.map((p) => `${p.line}: ${p.message}`),
      [
        "12: node 'w' config: interface 'af_packet::eth0' must not have the af_packet:: prefix with lb_method=af_packet",
      ],
    );
  });
});
