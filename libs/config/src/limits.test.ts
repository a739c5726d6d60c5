import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "./problem.js";
import { parseYamlSpec } from "./yaml-spec.js";
import { parseZeekctlFiles } from "./zeekctl-files.js";

const HEAD = "[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n\n";

/** Errors of a cluster whose `[worker-1]` header is line 9 and whose worker keys start at line 10. */
function errorsOf(workerLines: string[], zeekctlCfg = "", more = ""): string[] {
  const r = parseZeekctlFiles({
    zeekctlCfg: { text: zeekctlCfg, file: "zeekctl.cfg" },
    nodeCfg: { text: `${HEAD}[worker-1]\n${workerLines.join("\n")}\n${more}`, file: "node.cfg" },
  });
  return r.problems.filter((p) => p.level === "error").map(formatProblem);
}

const worker = (...lines: string[]) => ["type=worker", "host=localhost", "interface=eth0", ...lines];

describe("bounds on node.cfg, found before anything is expanded", () => {
  it("lb_procs=100000000 of an AF_PACKET worker: at most 256, the fanout group's size", () => {
    assert.deepEqual(errorsOf(worker("lb_method=af_packet", "lb_procs=100000000")), [
      "node.cfg:14: number of load-balanced processes must be at most 256 for node 'worker-1' (an AF_PACKET fanout group has at most 256 members)",
    ]);
    assert.deepEqual(errorsOf(worker("lb_method=af_packet", "lb_procs=256")), []);
    assert.equal(errorsOf(worker("lb_method=af_packet", `lb_procs=${"9".repeat(400)}`)).length, 1);
  });

  it("lb_procs of any worker: at most 65535, one port each", () => {
    assert.deepEqual(errorsOf(worker("lb_method=custom", "lb_procs=100000000")), [
      "node.cfg:14: number of load-balanced processes must be at most 65535 for node 'worker-1' (each process needs a port)",
    ]);
  });

  it("a cluster whose ports from ZeekPort would pass 65535: named at the lb_procs line that crosses", () => {
    assert.deepEqual(errorsOf(worker("lb_method=custom", "lb_procs=40000")), [
      "node.cfg:14: node 'worker-1' brings the cluster to 40002 processes: their ports from ZeekPort 27760 would reach 67764, past 65535",
    ]);
    const second =
      "\n[worker-2]\ntype=worker\nhost=localhost\ninterface=eth1\nlb_method=custom\nlb_procs=32000\n";
    assert.deepEqual(errorsOf(worker("lb_method=custom", "lb_procs=32000"), "ZeekPort = 1\n", second), [
      "node.cfg:21: node 'worker-2' brings the cluster to 64002 processes: their ports from MetricsPort 9991 would reach 73992, past 65535",
    ]);
    assert.deepEqual(errorsOf(worker(), "ZeekPort = 65532\n"), [
      "node.cfg:5: node 'proxy-1' brings the cluster to 2 processes: their ports from ZeekPort 65532 would reach 65536, past 65535",
    ]);
    assert.deepEqual(errorsOf(worker(), "ZeekPort = 65530\nMetricsPort = 0\n"), []);
  });

  it("ZeekPort, MetricsPort and WebSocketPort outside 1-65535 (MetricsPort 0 is off): named at their line", () => {
    assert.deepEqual(errorsOf(worker(), "ZeekPort = 70000\nMetricsPort = -1\nWebSocketPort = 0\n"), [
      "zeekctl.cfg:1: zeekctl option 'ZeekPort' must be a port from 1 to 65535, not 70000",
      "zeekctl.cfg:2: zeekctl option 'MetricsPort' must be 0 (off) or a port from 1 to 65535, not -1",
      "zeekctl.cfg:3: zeekctl option 'WebSocketPort' must be a port from 1 to 65535, not 0",
    ]);
    assert.deepEqual(errorsOf(worker(), "MetricsPort = 0\n"), []);
  });

  it("names, interfaces, CPU ids and values within what Linux takes", () => {
    const long = "w".repeat(98);
    const r = parseZeekctlFiles({
      nodeCfg: { text: `${HEAD}[${long}]\ntype=worker\nhost=localhost\ninterface=eth0\n`, file: "node.cfg" },
    });
    assert.ok(r.config, "98 characters are fine");
    const tooLong = parseZeekctlFiles({
      nodeCfg: {
        text: `${HEAD}[${long}]\ntype=worker\nhost=localhost\ninterface=eth0\nlb_method=custom\nlb_procs=100\n`,
        file: "node.cfg",
      },
    });
    assert.match(
      tooLong.problems.map(formatProblem).join("\n"),
      /^node\.cfg:9: node name 'w{40}…' is 102 characters long as 'w{40}…' after lb_procs expansion; at most 100 are allowed$/m,
    );
    assert.deepEqual(errorsOf(["type=worker", `host=${"h".repeat(254)}`]), [
      `node.cfg:11: host '${"h".repeat(254)}' of node 'worker-1' is 254 characters long; a host name has at most 253`,
    ]);
    assert.deepEqual(errorsOf(["type=worker", "host=localhost", "interface=af_packet::enp94s0f1np1v23"]), []);
    assert.deepEqual(errorsOf(["type=worker", "host=localhost", "interface=af_packet::enp94s0f1np1v234"]), [
      "node.cfg:12: interface 'af_packet::enp94s0f1np1v234' of node 'worker-1' names a kernel interface of 16 characters; Linux allows at most 15 (IFNAMSIZ)",
    ]);
    assert.deepEqual(
      errorsOf(["type=worker", "host=localhost", "interface=pf_ring::zc:enp94s0f1np1v234@1"]),
      [],
    );
    assert.deepEqual(errorsOf(worker("pin_cpus=1,8192")), [
      "node.cfg:13: pin cpus list of node 'worker-1' names CPU 8192; Linux has at most 8192 CPUs (0-8191)",
    ]);
    assert.deepEqual(errorsOf(worker(`env_vars=A=${"x".repeat(131_070)}`)), [
      "node.cfg:13: value of 'env_vars' of node 'worker-1' is 131072 characters long; a process argument or environment value has at most 131071 (MAX_ARG_STRLEN)",
    ]);
    assert.deepEqual(errorsOf(worker(), `ZeekArgs = ${"x".repeat(131_072)}\n`), [
      "zeekctl.cfg:1: value of zeekctl option 'zeekargs' is 131072 characters long; a process argument or environment value has at most 131071 (MAX_ARG_STRLEN)",
    ]);
  });

  it("the YAML spec: the same bounds, at the line of the key", () => {
    const yaml = `options:
  ZeekPort: 70000
nodes:
  - { name: manager, type: manager, host: localhost }
  - { name: proxy-1, type: proxy, host: localhost }
  - name: worker-1
    type: worker
    host: localhost
    interface: eth0
    lb_method: af_packet
    lb_procs: 100000000
`;
    assert.deepEqual(parseYamlSpec(yaml, "cluster.yaml").problems.map(formatProblem), [
      "cluster.yaml:2: zeekctl option 'ZeekPort' must be a port from 1 to 65535, not 70000",
      "cluster.yaml:11: number of load-balanced processes must be at most 256 for node 'worker-1' (an AF_PACKET fanout group has at most 256 members)",
    ]);
  });
});

describe("bounds on the cluster's size and environment", () => {
  it("more than 10000 processes: named at the lb_procs line that crosses, nothing expanded", () => {
    const more =
      "\n[worker-2]\ntype=worker\nhost=localhost\ninterface=eth1\nlb_method=custom\nlb_procs=6000\n";
    assert.deepEqual(errorsOf(worker("lb_method=custom", "lb_procs=5000"), "MetricsPort = 0", more), [
      "node.cfg:21: node 'worker-2' brings the cluster to 11002 processes; a cluster has at most 10000",
    ]);
  });

  it("more than 1000 hosts: named at the section that crosses", () => {
    const workers = Array.from(
      { length: 1000 },
      (_, i) => `[w${i}]\ntype=worker\nhost=h${i}\ninterface=eth0\n`,
    );
    const text = `[manager]\ntype=manager\nhost=m\n\n[proxy-1]\ntype=proxy\nhost=m\n\n${workers.join("\n")}`;
    const r = parseZeekctlFiles({
      zeekctlCfg: { text: "", file: "zeekctl.cfg" },
      nodeCfg: { text, file: "node.cfg" },
    });
    assert.deepEqual(r.problems.filter((p) => p.level === "error").map(formatProblem), [
      `node.cfg:${text.split("\n").indexOf("[w999]") + 1}: node 'w999' brings the cluster to 1001 hosts; a cluster has at most 1000`,
    ]);
  });

  it("more than 400 env_vars on a node", () => {
    const env = Array.from({ length: 401 }, (_, i) => `V${i}=x`).join(",");
    assert.deepEqual(errorsOf(worker(`env_vars=${env}`)), [
      "node.cfg:13: env_vars of node 'worker-1' sets 401 environment variables; at most 400 are allowed",
    ]);
    const ok = Array.from({ length: 400 }, (_, i) => `V${i}=x`).join(",");
    assert.deepEqual(errorsOf(worker(`env_vars=${ok}`)), []);
  });
});
