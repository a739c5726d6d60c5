import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem, parseZeekctlFiles } from "@zeekbus/config";
import fc from "fast-check";
import { buildTopology } from "./topology.js";
import type { Topology } from "./types.js";

const SEED = 20261128;
const X = "x".repeat(40);
const INPUTS = {
  hashSeed: "5eed5eed",
  curveKeys: { serverPublic: X, serverSecret: X, clientPublic: X, clientSecret: X },
};

interface Group {
  host: number;
  iface: number;
  procs: number | null;
  afPacket: boolean;
  fanoutId: number | null;
  cpus: number[];
}

const group = fc.record({
  host: fc.integer({ min: 1, max: 3 }),
  iface: fc.integer({ min: 0, max: 3 }),
  procs: fc.option(fc.integer({ min: 1, max: 6 })),
  afPacket: fc.boolean(),
  fanoutId: fc.option(fc.integer({ min: 20, max: 40 }), { nil: null, freq: 2 }),
  cpus: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }),
});

const cluster = fc.record({
  loggers: fc.integer({ min: 0, max: 3 }),
  proxies: fc.integer({ min: 1, max: 3 }),
  workers: fc.array(group, { maxLength: 6 }),
  zeekPort: fc.integer({ min: 1024, max: 60000 }),
  metricsPort: fc.constantFrom(0, 9991),
  zeroMq: fc.boolean(),
});
type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

function nodeCfg(c: Cluster): string {
  const sections = ["[manager]\ntype=manager\nhost=10.0.0.1"];
  for (let i = 1; i <= c.loggers; i++) sections.push(`[logger-${i}]\ntype=logger\nhost=10.0.0.1`);
  for (let i = 1; i <= c.proxies; i++) sections.push(`[proxy-${i}]\ntype=proxy\nhost=10.0.0.1`);
  c.workers.forEach((w: Group, i: number) => {
    const lines = [`[worker-${i + 1}]`, "type=worker", `host=10.0.0.${w.host}`, `interface=eth${w.iface}`];
    if (w.procs !== null)
      lines.push(`lb_procs=${w.procs}`, `lb_method=${w.afPacket ? "af_packet" : "custom"}`);
    else if (w.afPacket) lines[3] = `interface=af_packet::eth${w.iface}`;
    if (w.fanoutId !== null) lines.push(`af_packet_fanout_id=${w.fanoutId}`);
    if (w.cpus.length > 0) lines.push(`pin_cpus=${w.cpus.join(",")}`);
    sections.push(lines.join("\n"));
  });
  return `${sections.join("\n\n")}\n`;
}

function build(c: Cluster): { topology?: Topology; errors: string[] } {
  const cfg = `ZeekPort = ${c.zeekPort}\nMetricsPort = ${c.metricsPort}\nClusterBackend = ${c.zeroMq ? "ZeroMQ" : "Broker"}\n`;
  const parsed = parseZeekctlFiles({
    zeekctlCfg: { text: cfg, file: "zeekctl.cfg" },
    nodeCfg: { text: nodeCfg(c), file: "node.cfg" },
  });
  assert.ok(parsed.config, parsed.problems.map(formatProblem).join("\n"));
  const r = buildTopology(parsed.config, INPUTS);
  return {
    ...(r.topology ? { topology: r.topology } : {}),
    errors: r.problems.filter((p) => p.level === "error").map(formatProblem),
  };
}

const run = (p: fc.IPropertyWithHooks<[Cluster]>) => fc.assert(p, { seed: SEED, numRuns: 300 });

describe(`topology properties (fast-check, seed ${SEED})`, () => {
  it("ports are unique: cluster ports among themselves, metrics ports among themselves", () => {
    run(
      fc.property(cluster, (c) => {
        const t = build(c).topology;
        if (!t) return;
        const ports = [t.ports.xpub, t.ports.xsub, t.ports.control, ...t.nodes.map((n) => n.port)].filter(
          (p) => p !== undefined,
        );
        assert.equal(new Set(ports).size, ports.length);
        const metrics = t.nodes.map((n) => n.metricsPort).filter((p) => p !== undefined);
        assert.equal(new Set(metrics).size, metrics.length);
        assert.equal(metrics.length, c.metricsPort === 0 ? 0 : t.nodes.length);
      }),
    );
  });

  it("fanout ids are unique per host across interfaces, or the clash is reported", () => {
    run(
      fc.property(cluster, (c) => {
        const r = build(c);
        if (!r.topology) {
          assert.ok(
            r.errors.some((e) => e.includes("fanout")),
            r.errors.join("\n"),
          );
          return;
        }
        for (const g of r.topology.fanout) {
          const clash: unknown = r.topology.fanout.find((o) => o !== g && o.host === g.host && o.id === g.id);
          assert.equal(clash, undefined);
        }
        const members = r.topology.fanout.flatMap((g) => g.members);
        const afWorkers = r.topology.nodes.filter((n) => n.interface?.startsWith("af_packet::"));
        assert.deepEqual([...members].sort(), afWorkers.map((n) => n.name).sort());
      }),
    );
  });

  it("expansion preserves counts: lb_procs processes per group, counts 1..k per type", () => {
    run(
      fc.property(cluster, (c) => {
        const t = build(c).topology;
        if (!t) return;
        const workers = t.nodes.filter((n) => n.type === "worker");
        assert.equal(
          workers.length,
          c.workers.reduce((s: number, w: Group) => s + (w.procs ?? 1), 0),
        );
        assert.deepEqual(
          workers.map((n) => n.count),
          workers.map((_, i) => i + 1),
        );
        assert.equal(t.nodes.length, 1 + c.loggers + c.proxies + workers.length);
        for (const w of workers) assert.ok(w.pinCpus.length <= 1 || w.lbProcs === undefined);
      }),
    );
  });

  it("rendering is deterministic", () => {
    run(
      fc.property(cluster, (c) => {
        const a = build(c);
        const b = build(c);
        assert.deepEqual(a.topology?.files, b.topology?.files);
        assert.deepEqual(a.topology?.specs, b.topology?.specs);
        assert.deepEqual(a.errors, b.errors);
      }),
    );
  });
});

describe("property generator sanity", () => {
  it("most generated clusters build (the properties are not vacuous)", () => {
    const samples = fc.sample(cluster, { seed: SEED, numRuns: 300 });
    const built = samples.filter((c) => build(c).topology !== undefined).length;
    const withFanout = samples.filter((c) => (build(c).topology?.fanout.length ?? 0) > 1).length;
    console.log(`property samples: ${built}/300 built, ${withFanout} with several fanout groups`);
    assert.ok(built >= 150 && withFanout >= 30);
  });
});
