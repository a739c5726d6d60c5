import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "@zeekbus/config";
import { baseZeekctlCfg, configOf, INPUTS, topologyOf } from "./testing/fixtures.js";
import { buildTopology } from "./topology.js";
import type { FanoutAssignment } from "./types.js";

const HEAD = "[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n";
const worker = (name: string, iface: string, ...extra: string[]) =>
  `\n[${name}]\ntype=worker\nhost=localhost\ninterface=${iface}\nlb_method=af_packet\nlb_procs=2\n${extra.join("\n")}\n`;
const build = (nodeCfg: string, previous?: FanoutAssignment[]) =>
  topologyOf(configOf(baseZeekctlCfg(), nodeCfg), previous ? { previousFanout: previous } : {});
const ids = (t: ReturnType<typeof build>) => t.fanout.map((g) => `${g.interface}=${g.id}/${g.origin}`);

describe("AF_PACKET fanout ids", () => {
  it("the first interface of a host keeps Zeek's default 23 and renders nothing extra", () => {
    const t = build(HEAD + worker("worker-1", "eth0"));
    assert.deepEqual(ids(t), ["eth0=23/assigned"]);
    assert.ok(!t.files["zeekctl-config.zeek"]?.includes("af_packet plugin"));
    assert.deepEqual(t.specs.find((s) => s.name === "worker-1-2")?.fanout, {
      id: 23,
      mode: "AF_Packet::FANOUT_HASH",
      interface: "eth0",
    });
    assert.deepEqual(t.specs.find((s) => s.name === "worker-1-2")?.argv.slice(0, 2), [
      "-i",
      "af_packet::eth0",
    ]);
  });

  it("a second interface on the host gets the next free id, rendered like an explicit one", () => {
    const t = build(HEAD + worker("worker-1", "eth0") + worker("worker-2", "eth1"));
    assert.deepEqual(ids(t), ["eth0=23/assigned", "eth1=24/assigned"]);
    const text = t.files["zeekctl-config.zeek"] ?? "";
    const block = text.slice(text.indexOf("\n# Begin code from af_packet plugin"));
    assert.equal(
      block,
      "\n# Begin code from af_packet plugin\n\n" +
        '@if( peer_description == "worker-2-1" ) \n  redef AF_Packet::fanout_id = 24;\n@endif\n' +
        '@if( peer_description == "worker-2-2" ) \n  redef AF_Packet::fanout_id = 24;\n@endif\n' +
        "# End code from af_packet plugin\n",
    );
  });

  it("explicit ids always win; the others avoid them", () => {
    const t = build(HEAD + worker("worker-1", "eth0") + worker("worker-2", "eth1", "af_packet_fanout_id=23"));
    assert.deepEqual(ids(t), ["eth0=24/assigned", "eth1=23/explicit"]);
  });

  it("different hosts are different namespaces: both keep 23", () => {
    const cfg = `[manager]\ntype=manager\nhost=10.0.0.1\n\n[proxy-1]\ntype=proxy\nhost=10.0.0.1\n${worker("a", "eth0").replace("localhost", "10.0.0.2")}${worker("b", "eth0").replace("localhost", "10.0.0.3")}`;
    const x = "x".repeat(40);
    const r = buildTopology(configOf(baseZeekctlCfg(), cfg), {
      ...INPUTS,
      curveKeys: { serverPublic: x, serverSecret: x, clientPublic: x, clientSecret: x },
    });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.topology?.fanout.map((g) => `${g.host}:${g.interface}=${g.id}`),
      ["10.0.0.2:eth0=23", "10.0.0.3:eth0=23"],
    );
  });

  it("two interfaces with one explicit id on one host is an error at the key's line", () => {
    const cfg =
      HEAD +
      worker("worker-1", "eth0", "af_packet_fanout_id=30") +
      worker("worker-2", "eth1", "af_packet_fanout_id=30");
    const r = buildTopology(configOf(baseZeekctlCfg(), cfg), INPUTS);
    assert.equal(r.topology, undefined);
    assert.deepEqual(r.problems.map(formatProblem), [
      "node.cfg:23: fanout id 30 is used on both interface 'eth0' and interface 'eth1' of host 'localhost'",
    ]);
  });

  it("ids stay stable across revisions when interfaces are added before them", () => {
    const first = build(HEAD + worker("worker-1", "eth0") + worker("worker-2", "eth1"));
    const previous = first.fanout.map(({ host, interface: i, id }) => ({ host, interface: i, id }));
    const second = build(
      HEAD + worker("worker-0", "eth2") + worker("worker-1", "eth0") + worker("worker-2", "eth1"),
      previous,
    );
    assert.deepEqual(ids(second), ["eth2=25/assigned", "eth0=23/previous", "eth1=24/previous"]);
  });
});
