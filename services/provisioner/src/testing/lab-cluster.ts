/** Test helpers: a lab with zeek-sim installed on every host, and a rendered cluster for it. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatProblem, parseZeekctlFiles } from "@zeekbus/config";
import type { NodeSpec } from "@zeekbus/contracts";
import { acquireLabLock, type LabInfo, labDown, labUp, repoRoot } from "@zeekbus/lab";
import { buildTopology } from "@zeekbus/topology-model";
import type { ProvisionerEnv } from "../config.js";

/** Why lab tests are skipped here, or false when they can run. */
export function labSkipReason(): string | false {
  return process.getuid?.() !== 0 ? "needs root (network namespaces, sshd)" : false;
}

/** A running lab whose hosts have the zeek-sim prefix at their `/opt/zeek`. */
export interface ZeekLab {
  lab: LabInfo;
  down(): Promise<void>;
}

/** Takes the lab lock, brings up `hosts` hosts and installs zeek-sim into each private dir. */
export async function startZeekLab(hosts: number): Promise<ZeekLab> {
  const release = await acquireLabLock();
  const dir = mkdtempSync(join(tmpdir(), "prov-lab-"));
  const down = async () => {
    try {
      await labDown(dir);
      rmSync(dir, { recursive: true, force: true });
    } finally {
      release();
    }
  };
  try {
    const lab = await labUp({ hosts, dir });
    const sim = join(repoRoot(), "infra", "zeek-sim", "c");
    for (const h of lab.hosts) {
      execFileSync("make", ["-s", "-C", sim, "install", `PREFIX=${h.privateDir}`], { stdio: "ignore" });
    }
    return { lab, down };
  } catch (err) {
    await down();
    throw err;
  }
}

/** Provisioner settings for a lab; `knownHostsPath` overrides the lab's pinned keys. */
export function labSettings(lab: LabInfo, knownHostsPath = lab.knownHostsPath): ProvisionerEnv {
  return {
    ZEEKBUS_SSH_USER: lab.sshUser,
    ZEEKBUS_SSH_KEY: lab.keyPath,
    ZEEKBUS_KNOWN_HOSTS: knownHostsPath,
    ZEEKBUS_SSH_TOFU: false,
    ZEEKBUS_ZEEK_PREFIX: lab.hosts[0]?.prefix ?? "/opt/zeek",
    // zeek-sim as installed into the first host's private dir: every host is `current`.
    ...(lab.hosts[0] ? { ZEEKBUS_ZEEK_SOURCE: lab.hosts[0].privateDir } : {}),
  };
}

/** Specs and generated files of logger, manager and proxy on `h1`, one worker on `h2`. */
export function renderCluster(
  h1: string,
  h2: string,
  prefix: string,
): { specs: NodeSpec[]; auto: Record<string, string> } {
  const nodeCfg = `[logger]\ntype=logger\nhost=${h1}\n[manager]\ntype=manager\nhost=${h1}\n[proxy-1]\ntype=proxy\nhost=${h1}\n[worker-1]\ntype=worker\nhost=${h2}\ninterface=eth0\n`;
  const parsed = parseZeekctlFiles({
    zeekctlCfg: { text: `ZeekBase = ${prefix}\n`, file: "zeekctl.cfg" },
    nodeCfg: { text: nodeCfg, file: "node.cfg" },
  });
  const errors = parsed.problems.filter((p) => p.level === "error");
  if (!parsed.config || errors.length > 0) throw new Error(errors.map(formatProblem).join("\n"));
  const keys = {
    serverPublic: "a".repeat(40),
    serverSecret: "b".repeat(40),
    clientPublic: "c".repeat(40),
    clientSecret: "d".repeat(40),
  };
  const built = buildTopology(parsed.config, { hashSeed: "0a1b2c3d", curveKeys: keys });
  if (!built.topology) throw new Error(built.problems.map(formatProblem).join("\n"));
  return { specs: built.topology.specs, auto: built.topology.files };
}
