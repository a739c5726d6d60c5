/** Test helpers: spawn zeek-sim, wait for files and exits, scrape metrics, write layouts. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zeekSimBin } from "./index.js";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Sim {
  child: ChildProcess;
  exited: Promise<Exit>;
  stderr: () => string;
}

export interface SimOptions {
  cwd?: string;
  env?: Record<string, string>;
  netns?: string;
}

const live = new Set<ChildProcess>();
const dirs: string[] = [];

/** A fresh directory under the OS temp dir, removed by cleanup(). */
export function tempDir(prefix = "zbsim-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Start zeek-sim; with `netns`, run it through `ip netns exec` (which execs, so the pid is zeek-sim's). */
export function startSim(args: string[], opts: SimOptions = {}): Sim {
  const cmd = opts.netns ? "ip" : zeekSimBin;
  const argv = opts.netns ? ["netns", "exec", opts.netns, zeekSimBin, ...args] : args;
  const child = spawn(cmd, argv, { cwd: opts.cwd, env: { ...baseEnv(), ...opts.env } });
  live.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  child.once("error", (err) => {
    stderr += `${cmd}: ${err.message}\n`;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.on("close", (code, signal) => {
      live.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, exited, stderr: () => stderr };
}

/** Run zeek-sim to completion. */
export function runSim(args: string[], opts: SimOptions = {}): Promise<Exit> {
  return startSim(args, opts).exited;
}

export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("ZEEK") && k !== "CLUSTER_NODE") env[k] = v;
  }
  return env;
}

/** SIGKILLs every zeek-sim still running, waits for them, and removes the temp dirs. */
export async function cleanup(): Promise<void> {
  const waits = [...live].map((child) => new Promise((r) => child.once("close", r)));
  for (const child of live) child.kill("SIGKILL");
  await Promise.all(waits);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 5000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function readStatus(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** GET /metrics and parse `name{labels} value` lines into a map keyed by metric name. */
export async function scrape(
  port: number,
  netns?: string,
): Promise<{ text: string; values: Map<string, number> }> {
  let text: string;
  if (netns) {
    const get = `fetch("http://127.0.0.1:${port}/metrics").then((r) => r.text()).then((t) => process.stdout.write(t))`;
    const r = spawnSync("ip", ["netns", "exec", netns, process.execPath, "-e", get]);
    if (r.status !== 0) throw new Error(`scrape failed: ${r.stderr.toString()}`);
    text = r.stdout.toString();
  } else {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    text = await res.text();
  }
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)\{[^}]*\} (\S+)$/.exec(line);
    if (m?.[1] && m[2]) values.set(m[1], Number(m[2]));
  }
  return { text, values };
}

export async function scrapeWhenUp(port: number, netns?: string, ms = 5000) {
  return waitFor(
    `metrics on ${port}`,
    async () => {
      try {
        return await scrape(port, netns);
      } catch {
        return undefined;
      }
    },
    ms,
  );
}

/** The records of a conn.log (header lines dropped), each split into its tab-separated fields. */
export function connRecords(file: string): string[][] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"));
}
