import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  agentEnv,
  agentPaths,
  LAUNCH_SCRIPT,
  lastLines,
  launchArgv,
  launchedPid,
  nodeMajor,
} from "./launch.js";

describe("agent launch", () => {
  it("places file, state and log under the prefix", () => {
    assert.deepEqual(agentPaths("/opt/zeek", "0.1.0"), {
      dir: "/opt/zeek/zeekbus",
      file: "/opt/zeek/zeekbus/zeekbus-supervisor-0.1.0.mjs",
      stateDir: "/opt/zeek/spool/zeekbus-supervisor",
      log: "/opt/zeek/spool/zeekbus-supervisor.log",
      pidFile: "/opt/zeek/spool/zeekbus-supervisor.pid",
    });
  });

  it("keeps data out of the script: file and node only as positional arguments", () => {
    const argv = launchArgv("/opt/zeek/zeekbus/zeekbus-supervisor-0.1.0.mjs");
    assert.deepEqual(argv.slice(0, 4), ["setsid", "-f", "sh", "-c"]);
    assert.equal(argv[4], LAUNCH_SCRIPT);
    assert.deepEqual(argv.slice(5), ["sh", "node", "/opt/zeek/zeekbus/zeekbus-supervisor-0.1.0.mjs"]);
    assert.doesNotMatch(LAUNCH_SCRIPT, /zeek\//);
    assert.match(LAUNCH_SCRIPT, /<\/dev\/null/);
  });

  it("builds the agent env, with ZEEKBUS_ROOT only when not the default", () => {
    const input = {
      nats: "nats://10.99.0.1:4222",
      cluster: "c1",
      root: "zeekbus",
      host: "h1",
      prefix: "/opt/zeek",
      logLevel: "warn",
    };
    assert.deepEqual(agentEnv(input), {
      ZEEKBUS_NATS: "nats://10.99.0.1:4222",
      ZEEKBUS_CLUSTER: "c1",
      ZEEKBUS_HOST: "h1",
      ZEEKBUS_STATE_DIR: "/opt/zeek/spool/zeekbus-supervisor",
      ZEEKBUS_AGENT_LOG: "/opt/zeek/spool/zeekbus-supervisor.log",
      ZEEKBUS_LOG_LEVEL: "warn",
    });
    assert.equal(agentEnv({ ...input, root: "lab" }).ZEEKBUS_ROOT, "lab");
  });

  it("parses node --version, the launched pid and log tails", () => {
    assert.equal(nodeMajor("v20.19.0\n"), 20);
    assert.equal(nodeMajor("v18.20.4"), 18);
    assert.equal(nodeMajor("sh: node: not found"), undefined);
    assert.equal(launchedPid("4242\n"), 4242);
    assert.equal(launchedPid(""), undefined);
    assert.equal(lastLines("a\n\nb\nc\n", 2), "b\nc");
    assert.equal(lastLines(`${"x".repeat(1000)}\nend`, 2), `${"x".repeat(300)} …\nend`);
  });
});
