// biome-ignore-all lint/suspicious/noTemplateCurlyInString: zeekctl.cfg text contains literal ${Name} references
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatProblem } from "./problem.js";
import { optInt, optString } from "./resolve-options.js";
import { clusterSpecJsonSchema } from "./spec-schema.js";
import { parseYamlSpec } from "./yaml-spec.js";
import { loadZeekctlDir, parseZeekctlFiles } from "./zeekctl-files.js";

const FIXTURES = new URL("../test-fixtures/etc/", import.meta.url);
const fixture = (name: string) => readFile(new URL(name, FIXTURES), "utf8");

describe("zeekctl.cfg substitution", () => {
  it("resolves ${Name} and ${Name:default} in defaults case-insensitively and recursively; values stay as written", async () => {
    const r = parseZeekctlFiles({
      zeekctlCfg: {
        text: "ZeekBase = /srv/zeek\nSpoolDir = ${zeekbase}/var/spool\nMailTo = ${NoSuchOption:ops@example.org}\n",
        file: "zeekctl.cfg",
      },
      nodeCfg: { text: await fixture("node.cfg__default"), file: "node.cfg" },
    });
    assert.ok(r.config, r.problems.map(formatProblem).join("\n"));
    const o = r.config.options;
    assert.equal(optString(o, "SpoolDir"), "${zeekbase}/var/spool");
    assert.equal(optString(o, "StateFile"), "/srv/zeek/var/spool/state.db");
    assert.equal(optString(o, "Zeek"), "/srv/zeek/bin/zeek");
    assert.equal(optString(o, "MailTo"), "${NoSuchOption:ops@example.org}");
    assert.equal(optString(o, "MailAlarmsTo"), "ops@example.org");
    assert.equal(optInt(o, "ZeekPort"), 27760);
  });
});

const YAML = `options:
  ZeekPort: 41234
  Env_Vars: "A=1"
nodes:
  - name: manager
    type: manager
    host: localhost
  - name: proxy-1
    type: proxy
    host: localhost
  - name: worker-1
    type: worker
    host: localhost
    interface: eth0
    lb_procs: 2
    lb_method: af_packet
    pin_cpus: [1, 2]
    env_vars: { B: "2" }
    af_packet: { fanout_id: 42, buffer_size: 67108864 }
networks:
  - 10.0.0.0/8 office
  - { cidr: "fe80::/64" }
`;

describe("native YAML/JSON spec", () => {
  it("describes the same model as zeekctl's files", () => {
    const r = parseYamlSpec(YAML, "cluster.yaml");
    assert.deepEqual(r.problems, []);
    const w = r.config!.nodes[2]!;
    assert.equal(w.lbProcs, 2);
    assert.deepEqual(w.pinCpus, [1, 2]);
    assert.deepEqual(w.envVars, { B: "2" });
    assert.deepEqual(w.extra, { af_packet_fanout_id: "42", af_packet_buffer_size: "67108864" });
    assert.equal(w.keyLines.lb_procs, 15);
    assert.equal(optInt(r.config!.options, "zeekport"), 41234);
    assert.deepEqual(
      r.config!.networks.map((n) => [n.cidr, n.tag, n.source.line]),
      [
        ["10.0.0.0/8", "office", 21],
        ["fe80::/64", undefined, 22],
      ],
    );
  });
  it("reports schema and rule violations with the YAML line", () => {
    const bad = YAML.replace("lb_procs: 2", "lb_procs: 0").replace(
      "host: localhost\n  - name: proxy-1",
      "hots: x\n  - name: proxy-1",
    );
    const r = parseYamlSpec(bad, "cluster.yaml");
    assert.equal(r.config, undefined);
    assert.deepEqual(r.problems.map(formatProblem), [
      'cluster.yaml:7: nodes.0.hots: Unrecognized key: "hots"',
    ]);
    const r2 = parseYamlSpec(YAML.replace("lb_procs: 2", "lb_procs: 0"), "cluster.yaml");
    assert.deepEqual(r2.problems.map(formatProblem), [
      "cluster.yaml:15: number of load-balanced processes must be greater than zero for node 'worker-1'",
    ]);
  });
  it("accepts JSON and reports YAML syntax errors as problems", () => {
    const json = JSON.stringify({
      nodes: [{ name: "zeek", type: "standalone", host: "localhost", interface: "eth0" }],
    });
    assert.equal(parseYamlSpec(json, "cluster.json").config?.nodes[0]?.name, "zeek");
    const broken = parseYamlSpec("nodes: [\n", "x.yaml");
    assert.equal(broken.config, undefined);
    assert.equal(broken.problems[0]?.file, "x.yaml");
  });
  it("exports a JSON Schema with descriptions", () => {
    const schema = clusterSpecJsonSchema() as { properties: Record<string, { description?: string }> };
    assert.match(schema.properties.nodes?.description ?? "", /node\.cfg/);
    assert.ok(JSON.stringify(schema).includes("Base port of the cluster"));
  });
});

describe("loadZeekctlDir", () => {
  it("reads etc/ and reports a missing node.cfg", async () => {
    const dir = await mkdtemp(join(tmpdir(), "zeekbus-config-"));
    const missing = await loadZeekctlDir(dir);
    assert.match(missing.problems[0]?.message ?? "", /^cannot read node config file: /);
    await writeFile(join(dir, "node.cfg"), await fixture("node.cfg__logger"));
    await writeFile(join(dir, "networks.cfg"), await fixture("networks.cfg__ipv4"));
    const r = await loadZeekctlDir(dir);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.config?.nodes.map((n) => n.name),
      ["logger", "manager", "proxy-1", "worker-1", "worker-2"],
    );
  });
});

describe("parseYamlSpec and aliases", () => {
  it("refuses an alias bomb with a located problem instead of throwing", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const r = parseYamlSpec(`${levels.join("\n")}\nnodes: []\n`, "spec.yaml");
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.file, "spec.yaml");
    assert.equal(r.problems[0]!.line, 1);
    assert.match(r.problems[0]!.message, /^document: .*alias/i);
  });

  it("still resolves a few aliases", () => {
    const text = [
      "nodes:",
      "  - {name: manager, type: manager, host: &h h1}",
      "  - {name: proxy-1, type: proxy, host: *h}",
      "  - {name: worker-1, type: worker, host: *h, interface: eth0}",
      "",
    ].join("\n");
    const r = parseYamlSpec(text, "s.yaml");
    assert.deepEqual(r.problems.map(formatProblem), []);
  });
});

describe("parseYamlSpec and unresolved aliases", () => {
  it("refuses an alias to no anchor with a located problem instead of throwing", () => {
    const r = parseYamlSpec("nodes: *missing\n", "spec.yaml");
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.file, "spec.yaml");
    assert.ok((r.problems[0]!.line ?? 0) >= 1);
  });
});
