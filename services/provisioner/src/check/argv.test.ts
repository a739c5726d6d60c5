import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type NodeSpec, ValidationError } from "@zeekbus/contracts";
import { checkArgv, checkEnv, selectNodes } from "./argv.js";

function spec(name: string, type: NodeSpec["type"]): NodeSpec {
  return {
    name,
    type,
    host: "h1",
    zeek: "/opt/zeek/bin/zeek",
    argv: [],
    env: { CLUSTER_NODE: name },
    cwd: `/opt/zeek/spool/${name}`,
    pinCpus: [],
  };
}

describe("check command line", () => {
  it("drops the live-only options and appends zeekctl/check", () => {
    const live = [
      "-i",
      "af_packet::eth0",
      "-U",
      ".status",
      "-p",
      "zeekctl",
      "-p",
      "zeekctl-live",
      "-p",
      "local",
      "-p",
      "worker-1-1",
      "local.zeek",
      "zeekctl",
      "zeekctl/auto",
    ];
    assert.deepEqual(checkArgv(live), [
      "-a",
      "-p",
      "zeekctl",
      "-p",
      "local",
      "-p",
      "worker-1-1",
      "local.zeek",
      "zeekctl",
      "zeekctl/auto",
      "zeekctl/check",
    ]);
    assert.deepEqual(checkArgv(["-w", "trace.pcap", "--i=eth0", "x.zeek"]), [
      "-a",
      "x.zeek",
      "zeekctl/check",
    ]);
  });

  it("adds zeekctl's check switches to the node's env", () => {
    assert.deepEqual(checkEnv(spec("manager", "manager")), {
      CLUSTER_NODE: "manager",
      ZEEKCTL_CHECK_CONFIG: "1",
      ZEEKCTL_DISABLE_LISTEN: "1",
    });
  });
});

describe("check node selection", () => {
  const specs = [
    spec("logger", "logger"),
    spec("manager", "manager"),
    spec("proxy-1", "proxy"),
    spec("worker-1-1", "worker"),
    spec("worker-1-2", "worker"),
    spec("worker-2-1", "worker"),
  ];

  it("takes one node per type, the first of each", () => {
    assert.deepEqual(
      selectNodes(specs, []).map((s) => s.name),
      ["logger", "manager", "proxy-1", "worker-1-1"],
    );
  });

  it("takes the named nodes once each", () => {
    assert.deepEqual(
      selectNodes(specs, ["worker-2-1", "manager", "worker-2-1"]).map((s) => s.name),
      ["worker-2-1", "manager"],
    );
  });

  it("rejects unknown names", () => {
    assert.throws(() => selectNodes(specs, ["worker-9-9"]), ValidationError);
  });
});
