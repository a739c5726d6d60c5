/**
 * zeekbus itself, run exactly as an operator would: `zeekbus up` (all-in-one) as a child whose
 * output goes to a log file, and the CLI verbs (deploy, status, nodes, stop) as short-lived
 * children whose output is shown. Children get their own process group, so a Ctrl-C in the
 * terminal reaches only the demo, which then stops them in order.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LabInfo } from "@zeekbus/lab";
import { info, quote } from "./say.js";
import { checkStop, DemoError, type Teardown } from "./teardown.js";

const cliMain = fileURLToPath(import.meta.resolve("@zeekbus/cli/main"));

/** A running all-in-one. */
export interface Zeekbus {
  url: string;
  /** Pid of the `zeekbus up` process. */
  pid: number | undefined;
  cluster: string;
  logPath: string;
  /** Runs a CLI verb against this bus; output shown (unless quiet) and returned. */
  cli(args: string[], opts?: { quiet?: boolean; timeoutMs?: number }): Promise<{ code: number; out: string }>;
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/**
 * nats-server's client port on `host`: 4222 when it (and `up`'s monitor port, +4000) is free,
 * else a random free pair.
 */
async function pickPort(host: string): Promise<number> {
  const pairFree = async (p: number) => (await portFree(host, p)) && (await portFree(host, p + 4000));
  if (await pairFree(4222)) return 4222;
  for (let i = 0; i < 50; i++) {
    const p = 20_000 + Math.floor(Math.random() * 30_000);
    if (await pairFree(p)) return p;
  }
  throw new DemoError(`no free port pair for nats-server on ${host}`);
}

function lastLines(path: string, n = 15): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-n).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Waits for a child to exit, up to `ms`; true if it did. */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops `up` (SIGTERM: it stops its services and nats-server), SIGKILL of its group if it hangs. */
async function stopUp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  if (await exited(child, 20_000)) return;
  info("zeekbus up did not stop within 20 s; killing its process group");
  if (child.pid) process.kill(-child.pid, "SIGKILL");
  await exited(child, 5000);
}

/**
 * Starts `zeekbus up` with nats-server on the lab's root address (4222 when free, else any
 * free port), the provisioner set up for the lab and `env` added; resolves once it is ready.
 */
export async function startZeekbus(
  lab: LabInfo,
  cluster: string,
  env: Record<string, string>,
  td: Teardown,
  signal: AbortSignal,
): Promise<Zeekbus> {
  const stateDir = mkdtempSync(join(tmpdir(), "zeekbus-demo-state-"));
  td.add("remove the state directory", () => rmSync(stateDir, { recursive: true, force: true }));
  const port = await pickPort(lab.rootIp);
  const logPath = join(stateDir, "up.log");
  const log = createWriteStream(logPath);
  log.on("error", (err) => info(`cannot write the log of zeekbus up (${logPath}): ${err.message}`));
  const args = ["--cluster", cluster, "up", "--nats-listen", lab.rootIp, "--nats-port", String(port)];
  const child = spawn(process.execPath, [cliMain, ...args, "--state-dir", stateDir], {
    env: {
      ...process.env,
      ...env,
      // up starts its own nats-server here; a ZEEKBUS_NATS of the caller's would name another.
      ZEEKBUS_NATS: undefined,
      // The agents the deploy bootstraps inside the hosts connect to nats-server here.
      ZEEKBUS_AGENT_NATS: `nats://${lab.rootIp}:${port}`,
      ZEEKBUS_LOG_LEVEL: process.env.ZEEKBUS_LOG_LEVEL ?? "warn",
      // The lab's tag: should the demo be killed -9, the next lab teardown (`npm run cleanup`,
      // the next demo's lab up) also ends this all-in-one, its services and its nats-server.
      ZEEKBUS_LAB: "zeekbus-up",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  td.add("stop zeekbus up (its services and nats-server)", () => stopUp(child), 40_000);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  info(`zeekbus ${args.join(" ")}  (pid ${child.pid}; its log: ${logPath})`);

  const url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new DemoError(`zeekbus up not ready within 30 s:\n${lastLines(logPath)}`)),
      30_000,
    );
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = /zeekbus up: nats (\S+),/.exec(seen);
      if (m?.[1]) {
        child.stdout?.off("data", onData);
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code, sig) => {
      clearTimeout(timer);
      reject(new DemoError(`zeekbus up exited (${sig ?? code}) before it was ready:\n${lastLines(logPath)}`));
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new DemoError(`cannot start zeekbus up: ${err.message}`));
    });
    signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
  }).catch((err) => {
    checkStop(signal);
    throw err;
  });

  const cli: Zeekbus["cli"] = (verbArgs, opts = {}) =>
    new Promise((resolve, reject) => {
      const argv = [cliMain, "--nats", url, "--cluster", cluster, ...verbArgs];
      const c = spawn(process.execPath, argv, { stdio: ["ignore", "pipe", "pipe"], detached: true });
      let out = "";
      let pending = "";
      const show = (d: Buffer) => {
        out += d.toString();
        if (opts.quiet) return;
        pending += d.toString();
        const cut = pending.lastIndexOf("\n");
        if (cut >= 0) {
          quote(pending.slice(0, cut));
          pending = pending.slice(cut + 1);
        }
      };
      c.stdout?.on("data", show);
      c.stderr?.on("data", show);
      const kill = () => c.kill("SIGTERM");
      signal.addEventListener("abort", kill, { once: true });
      const timer = setTimeout(kill, opts.timeoutMs ?? 300_000);
      c.once("error", reject);
      c.once("close", (code) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", kill);
        if (pending && !opts.quiet) quote(pending);
        resolve({ code: code ?? 1, out });
      });
    });
  return { url, pid: child.pid, cluster, logPath, cli };
}
