import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LabError } from "../errors.js";
import { waitFor } from "../exec.js";
import { hostCommand } from "../host/command.js";
import { repoRoot } from "../paths.js";
import { findHost } from "../state.js";
import type { LabHost, LabInfo } from "../types.js";
import { layoutText, type SimNode } from "./layout.js";

/** The zeek stand-in as built by `make -C infra/zeek-sim/c`, and its script directory. */
export const simBinary = (): string => join(repoRoot(), "infra", "zeek-sim", "bin", "zeek");
export const simShare = (): string => join(repoRoot(), "infra", "zeek-sim", "share", "zeek");
export const simAvailable = (): boolean => existsSync(simBinary());

export interface StartOptions {
  /** Capture interface, e.g. "mon0" (workers only). */
  iface?: string;
  fanoutId?: number;
  env?: Record<string, string>;
}

export interface SimProcess {
  name: string;
  pid: number;
  /** The node's directory in the root namespace. */
  dir: string;
  child: ChildProcess;
  /** Resolves with the exit code (null if killed by a signal). */
  exited: Promise<number | null>;
  running: boolean;
  stderr: () => string;
}

/** Runs zeek-sim nodes on one lab host the way zeekctl would: spool dirs under the host's /opt/zeek. */
export class SimCluster {
  readonly host: LabHost;
  private readonly spool = "spool";

  constructor(
    private readonly lab: LabInfo,
    host: string,
    readonly nodes: readonly SimNode[],
  ) {
    this.host = findHost(lab, host);
    const auto = join(this.host.privateDir, this.spool, "auto");
    mkdirSync(auto, { recursive: true });
    writeFileSync(join(auto, "cluster-layout.zeek"), layoutText(nodes));
  }

  metricsUrl(name: string): string {
    const node = this.nodes.find((n) => n.name === name);
    if (node?.metricsPort === undefined) throw new LabError(`sim node ${name} has no metrics port`);
    return `http://${this.host.ip}:${node.metricsPort}/metrics`;
  }

  /** Root-namespace path of a file in a node's directory. */
  nodeFile(name: string, file: string): string {
    return join(this.host.privateDir, this.spool, name, file);
  }

  /** Starts a node and waits until its .status says RUNNING or it exits. */
  async start(name: string, opts: StartOptions = {}): Promise<SimProcess> {
    const dir = join(this.host.privateDir, this.spool, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, ".status"), "");
    const share = simShare();
    const inHost = `${this.host.prefix}/${this.spool}`;
    const zeekpath = [
      `${inHost}/auto`,
      share,
      `${share}/policy`,
      `${share}/site`,
      `${share}/builtin-plugins`,
    ];
    const argv = [simBinary(), ...(opts.iface ? ["-i", `af_packet::${opts.iface}`] : [])];
    argv.push("-U", ".status", "-p", "zeekctl", "-p", "zeekctl-live", "-p", "local", "-p", name);
    argv.push("policy/frameworks/cluster/backend/zeromq", "local.zeek");
    if (opts.fanoutId !== undefined) argv.push(`AF_Packet::fanout_id=${opts.fanoutId}`);
    const [cmd, ...args] = hostCommand(this.lab, this.host.name, argv, { cwd: `${inHost}/${name}` });
    const out = openSync(join(dir, "stdout.log"), "w");
    const err = openSync(join(dir, "stderr.log"), "w");
    const env = { ...process.env, CLUSTER_NODE: name, ZEEKPATH: zeekpath.join(":"), ...opts.env };
    const child = spawn(cmd as string, args, { stdio: ["ignore", out, err], env });
    closeSync(out);
    closeSync(err);
    const proc: SimProcess = {
      name,
      pid: child.pid ?? -1,
      dir,
      child,
      running: true,
      exited: new Promise((resolve) => {
        child.on("exit", (code) => resolve(code));
        child.once("error", () => resolve(null));
      }),
      stderr: () => readFileSync(join(dir, "stderr.log"), "utf8"),
    };
    proc.exited.then(() => {
      proc.running = false;
    });
    await waitFor(() => (!proc.running || this.status(name).startsWith("RUNNING") ? true : undefined), 10000);
    return proc;
  }

  status(name: string): string {
    try {
      return readFileSync(this.nodeFile(name, ".status"), "utf8");
    } catch {
      return "";
    }
  }
}
