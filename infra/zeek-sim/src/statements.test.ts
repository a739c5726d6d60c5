import assert from "node:assert/strict";
import { realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { configText, layoutText, type NodeSpec, spoolDir, writeCluster, zeekctlArgs } from "./fixtures.js";
import { cleanup, readStatus, runSim, tempDir } from "./harness.js";

const nodes: NodeSpec[] = [
  { name: "control", type: "CONTROL", port: 27762 },
  { name: "manager", type: "MANAGER", port: 27763, metricsPort: 9991 },
  { name: "proxy-1", type: "PROXY", port: 27764, metricsPort: 9992 },
];

const KEY = "x".repeat(40);
/** zeekctl's CURVE block (plugins/cluster_backend_zeromq.py); `end` closes each key redef. */
const curveBlock = (end: string) =>
  ["server_publickey", "server_secretkey", "client_publickey", "client_secretkey"]
    .map((k) =>
      [
        `@if ( |Cluster::Backend::ZeroMQ::curve_${k}| == 0 )`,
        `redef Cluster::Backend::ZeroMQ::curve_${k} = "${KEY}"${end}`,
        "@endif",
      ].join("\n"),
    )
    .join("\n");

const NETWORKS =
  "# Automatically generated. Do not edit.\n\nredef Site::local_nets = {\n\t10.0.0.0/8,\n};\n\n";

/** A cluster dir with the given zeekctl-config.zeek (and local-networks.zeek); runs `zeek -a` as the manager. */
async function check(config: string, opts: { networks?: string; site?: string; args?: string[] } = {}) {
  const dir = tempDir();
  const zeekpath = writeCluster(dir, layoutText(nodes), config);
  if (opts.networks !== undefined) writeFileSync(join(dir, "auto", "local-networks.zeek"), opts.networks);
  const site = tempDir();
  writeFileSync(join(site, "local.zeek"), opts.site ?? "@load misc/stats\n");
  const cwd = spoolDir(dir, "manager");
  const r = await runSim(["-a", ...zeekctlArgs("manager"), ...(opts.args ?? [])], {
    cwd,
    env: { ZEEKCTL_CHECK_CONFIG: "1", ZEEKPATH: `${site}:${zeekpath}`, CLUSTER_NODE: "manager" },
  });
  const real = (p: string) => realpathSync(p);
  return {
    ...r,
    status: readStatus(join(cwd, ".status")),
    config: real(join(dir, "auto", "zeekctl-config.zeek")),
    networksFile: join(real(join(dir, "auto")), "local-networks.zeek"),
    local: real(join(site, "local.zeek")),
  };
}

describe("zeek-sim -a: a redef must end with ';' (Zeek's grammar)", () => {
  after(cleanup);

  it("accepts zeekctl's CURVE block, and refuses it with a key redef missing its ';' as Zeek does", async () => {
    const good = await check(configText(`\n${curveBlock(";")}\n`));
    assert.equal(good.stderr, "");
    assert.equal(good.code, 0);
    const bad = await check(configText(`\n${curveBlock("")}\n`));
    assert.equal(bad.code, 1);
    const line = configText().split("\n").length + 5;
    assert.equal(bad.stderr, `error in ${bad.config}, line ${line}: syntax error, at or near "redef"\n`);
    assert.equal(bad.status, "TERMINATED [fatal_error]");
  });

  it("a redef left open at the end of a file fails at the next file's first statement", async () => {
    const r = await check(configText(), { networks: NETWORKS, site: "redef AF_Packet::enable_defrag = T\n" });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `error in ${r.networksFile}, line 3: syntax error, at or near "redef" or end of file ${r.local}\n`,
    );
  });

  it("a redef left open at the end of all scripts fails at the end of input", async () => {
    const open = `${configText()}\nredef Pcap::snaplen = 100\n`;
    const r = await check(open);
    assert.equal(
      r.stderr,
      `error in ${r.config}, line ${open.split("\n").length - 1}: syntax error, at end of file ${r.config}\n`,
    );
    const params = await check(open, { args: ["Pcap::bufsize=64"] });
    assert.equal(
      params.stderr,
      `error in <params>, line 1: syntax error, at or near "redef" or end of file ${params.config}\n`,
    );
  });

  it("accepts redefs that span lines, carry attributes, regexes and records, and an inactive @if", async () => {
    const site = [
      "redef Site::local_nets += {",
      "\t10.0.0.0/8,\t# office",
      "\t[fe80::]/64,",
      "};",
      "redef HTTP::skip = /print|redef|event/ &redef;",
      "redef record Conn::Info += { note: string &log &optional; };",
      "redef Log::default_rotation_interval = 1 hr;",
      '@if ( peer_description == "worker-9" )',
      "redef AF_Packet::fanout_id = 24",
      "@endif",
      "event zeek_init()",
      "\t{",
      '\tprint "redef";',
      "\t}",
      "",
    ].join("\n");
    const r = await check(configText(), { networks: NETWORKS, site });
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
  });
});
