/** Test support for `zeekbus up`: running it as a child and looking at the processes it runs. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventually } from "@zeekbus/test-harness";
import { CLI } from "../topology/testing.js";

/** A running `zeekbus up`. */
export interface UpProcess {
  child: ChildProcess;
  stateDir: string;
  /** Everything it printed on stdout so far (its banner and its JSON log lines). */
  out(): string;
  /** Its exit code, once it exits. */
  exited: Promise<number | null>;
  /** The bus URL of its banner, once printed. */
  url(): Promise<string>;
}

/** Starts `zeekbus <args> up <upArgs>` with a fresh state directory. */
export function startUp(upArgs: string[], env: NodeJS.ProcessEnv = {}, args: string[] = []): UpProcess {
  const stateDir = mkdtempSync(join(tmpdir(), "zeekbus-up-"));
  const child = spawn(process.execPath, [CLI, ...args, "up", "--state-dir", stateDir, ...upArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const url = () =>
    eventually(() => /zeekbus up: nats (\S+),/.exec(out)?.[1], { timeoutMs: 20_000, what: "up banner" });
  return { child, stateDir, out: () => out, exited, url };
}

/** The names of the services `zeekbus services` lists on `url`, once there are at least `count`. */
export function servicesOn(url: string, count = 3): Promise<string[]> {
  return eventually(
    () => {
      const r = spawnSync(process.execPath, [CLI, "services", "--nats", url, "--json"], { encoding: "utf8" });
      const names = (JSON.parse(r.stdout || "[]") as { name: string }[]).map((s) => s.name).sort();
      return names.length >= count ? names : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 200, what: `services listed on ${url}` },
  );
}

function stat(pid: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ");
  } catch {
    return undefined;
  }
}

/** The live (not zombie) child processes of `pid`, with their command names. */
export function childrenOf(pid: number): { pid: number; comm: string }[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d) && stat(d)?.[1] === String(pid) && stat(d)?.[0] !== "Z")
    .map((d) => ({ pid: Number(d), comm: readFileSync(`/proc/${d}/comm`, "utf8").trim() }));
}

/** True while `pid` runs (a zombie counts as gone). */
export function alive(pid: number): boolean {
  const s = stat(String(pid));
  return s !== undefined && s[0] !== "Z";
}

/** Pids of the processes whose environment names `cluster` (the services `up` started for it). */
export function processesOfCluster(cluster: string): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d) && alive(Number(d)))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/environ`, "utf8").split("\0").includes(`ZEEKBUS_CLUSTER=${cluster}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}
