/**
 * Test support for deploy/install/check: zeekbus on this machine — topology and provisioner as
 * child processes, a process supervisor for host `localhost`, a zeek-sim prefix and a config
 * directory with a site policy script — on the suite's nats-server.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectBus } from "@zeekbus/bus";
import { SupervisorProcess } from "@zeekbus/process-supervisor/testing";
import {
  buildSimCluster,
  clusterPortBase,
  LOCAL_CLUSTER_NODE_CFG,
  type NatsFixture,
  uniqueCluster,
} from "@zeekbus/test-harness";
import { configDir, runCli } from "../topology/testing.js";

/** zeekbus on this machine for one suite; stopped by the fixture's teardown. */
export interface LocalZeekbus {
  cluster: string;
  prefix: string;
  /** The config directory (etc/ files and `site/local.zeek`). */
  etc: string;
  cli(...args: string[]): ReturnType<typeof runCli>;
}

/**
 * Starts it. With `zeekVersion`, the prefix's `bin/zeek` is a wrapper that makes zeek-sim say
 * that version (as a host with another Zeek would).
 */
export async function startLocalZeekbus(nats: NatsFixture, zeekVersion?: string): Promise<LocalZeekbus> {
  const cluster = uniqueCluster("deploy");
  const bus = await connectBus({ servers: nats.url, name: "test" });
  const prefix = mkdtempSync(join(tmpdir(), "zeekbus-prefix-"));
  const base = clusterPortBase();
  const options = `ZeekPort = ${base}\nMetricsPort = ${base + 100}\n`;
  buildSimCluster({ prefix, nodeCfg: LOCAL_CLUSTER_NODE_CFG, zeekctlCfg: options });
  if (zeekVersion) {
    const zeek = join(prefix, "bin", "zeek");
    renameSync(zeek, `${zeek}-sim`);
    writeFileSync(zeek, `#!/bin/sh\nZEEK_SIM_VERSION=${zeekVersion} exec "$0-sim" "$@"\n`, { mode: 0o755 });
  }
  const env = {
    ...process.env,
    ZEEKBUS_NATS: nats.url,
    ZEEKBUS_CLUSTER: cluster,
    ZEEKBUS_ZEEK_PREFIX: prefix,
  };
  const services = ["@zeekbus/topology/main", "@zeekbus/provisioner/main"].map((entry) =>
    spawn(process.execPath, [fileURLToPath(import.meta.resolve(entry))], {
      env: { ...env, ZEEKBUS_LOG_LEVEL: "warn" },
      stdio: "inherit",
    }),
  );
  const sup = new SupervisorProcess({ nats: nats.url, cluster, host: "localhost" });
  await sup.start(bus);
  const etc = await configDir({
    "zeekctl.cfg": `ZeekBase = ${prefix}\n${options}`,
    "node.cfg": LOCAL_CLUSTER_NODE_CFG,
  });
  mkdirSync(join(etc, "site"));
  writeFileSync(join(etc, "site", "local.zeek"), "@load misc/stats\n");
  const cli = (...args: string[]) => runCli(["--nats", nats.url, "--cluster", cluster, ...args]);
  nats.teardown(async () => {
    await cli("stop");
    await sup.kill();
    for (const s of services) s.kill("SIGTERM");
    await bus.close();
  });
  return { cluster, prefix, etc, cli };
}
