import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYamlSpec, parseZeekctlFiles } from "@zeekbus/config";
import { baseZeekctlCfg, etc } from "./testing/fixtures.js";
import { buildTopology } from "./topology.js";

const SEED = 0x5eedf00d;
const RUNS = 10_000;
const NODE_CFGS = [
  "node.cfg__af_packet",
  "node.cfg__cluster",
  "node.cfg__env_vars",
  "node.cfg__lb_interfaces_inline",
  "node.cfg__logger",
  "node.cfg__myricom_env",
  "node.cfg__pfring_2_nics",
  "node.cfg__pfring_pin_cpus",
  "node.cfg__default",
].map(etc);
const CFGS = [baseZeekctlCfg(), etc("zeekctl.cfg__debug"), etc("zeekctl.cfg__pfring_round_robin")];
const ALPHABET = "[]=:%$(){}\n\t #;,.\"'\\-_0123456789azAZ/@!*";
const SNIPPETS = [
  "lb_procs=",
  "lb_method=interfaces",
  "type=standalone",
  "af_packet_fanout_id=",
  "env_vars=A",
  "${",
  "%(type)s",
  "[DEFAULT]\n",
  "host=::1",
  "ZeekPort = -1",
  "MetricsPort=",
  "Env_Vars = X=",
  "PFRINGClusterType=inner-6-tuple",
  "lb_custom.InterfacePrefix = pf_ring::",
  "ClusterBackend = Broker",
  "interface=zc:eth9",
  "pin_cpus=99999999999999999999",
];

/** mulberry32: a small seeded PRNG, so every run mutates the same way. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, rnd: () => number): string {
  let out = text;
  const steps = 1 + Math.floor(rnd() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const lines = out.split("\n");
    const li = Math.floor(rnd() * lines.length);
    switch (Math.floor(rnd() * 6)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rnd() * 8));
        break;
      case 1:
        out = out.slice(0, at) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + out.slice(at);
        break;
      case 3:
        lines.splice(li, 0, lines[Math.floor(rnd() * lines.length)] ?? "");
        out = lines.join("\n");
        break;
      case 4:
        lines.splice(li, 1);
        out = lines.join("\n");
        break;
      default:
        out = out.slice(0, at);
    }
  }
  return out;
}

describe("fuzzing: mutated node.cfg / zeekctl.cfg never throw", () => {
  it(`${RUNS} mutated inputs (seed ${SEED}) each yield a config or problems`, () => {
    const rnd = prng(SEED);
    const tally = { configs: 0, rejected: 0, topologies: 0 };
    for (let i = 0; i < RUNS; i++) {
      const node = NODE_CFGS[i % NODE_CFGS.length]!;
      const cfg = CFGS[i % CFGS.length]!;
      const which = rnd();
      const texts = {
        nodeCfg: { text: which < 0.7 ? mutate(node, rnd) : node, file: "node.cfg" },
        zeekctlCfg: { text: which >= 0.5 ? mutate(cfg, rnd) : cfg, file: "zeekctl.cfg" },
      };
      const r = parseZeekctlFiles(texts);
      assert.equal(
        r.config === undefined,
        r.problems.some((p) => p.level === "error"),
        `input #${i}`,
      );
      if (!r.config) {
        tally.rejected++;
        continue;
      }
      tally.configs++;
      const t = buildTopology(r.config, { hashSeed: "f00df00d" });
      assert.equal(
        t.topology === undefined,
        t.problems.some((p) => p.level === "error"),
        `input #${i}`,
      );
      if (t.topology) tally.topologies++;
      if (i % 50 === 0)
        parseYamlSpec(mutate(JSON.stringify({ nodes: [{ name: "z", type: "standalone" }] }), rnd), "f.json");
    }
    console.log(
      `fuzz: ${RUNS} inputs, seed ${SEED}: ${tally.configs} configs (${tally.topologies} topologies), ${tally.rejected} rejected with problems, 0 exceptions`,
    );
    assert.equal(tally.configs + tally.rejected, RUNS);
  });
});
