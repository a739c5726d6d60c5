/**
 * Spawning one Zeek node exactly as its spec says, the way zeekctl's start/run-zeek helpers do:
 * cwd = the node's spool dir, stdout/stderr to `stdout.log`/`stderr.log` there, `taskset -c`
 * for pinned CPUs, and the bookkeeping files `.pid`, `.cmdline`, `.env_vars`, `.startup`.
 * The process leads its own session and process group (every signal goes to the group) and
 * has file stdio, so it outlives its supervisor.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, closeSync, constants, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NodeSpec } from "@zeekbus/contracts";
import { watchChild } from "./exit.js";
import { groupEnded, signalGroup } from "./group.js";
import { type ProcIdentity, readIdentity } from "./proc.js";

/** The node could not be started at all (binary missing, cwd unusable): not worth a retry. */
export class SpawnError extends Error {
  override name = "SpawnError";
}

/** A freshly started node process. */
export interface SpawnedNode {
  child: ChildProcess;
  identity: ProcIdentity;
  startedAt: number;
}

/** The argv actually executed: `taskset -c CPUS zeek …` when pinned. */
export function commandLine(spec: NodeSpec): string[] {
  const base = [spec.zeek, ...spec.argv];
  return spec.pinCpus.length > 0 ? ["taskset", "-c", spec.pinCpus.join(","), ...base] : base;
}

/** The environment of the node: the supervisor's own (without zeekbus settings) plus the spec's. */
export function nodeEnvironment(spec: NodeSpec, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(parent)) if (!k.startsWith("ZEEKBUS_")) env[k] = v;
  return { ...env, ...spec.env };
}

function startupLines(now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${p(now.getFullYear() % 100)}-${p(now.getMonth() + 1)}-${p(now.getDate())}_${p(now.getHours())}.${p(now.getMinutes())}.${p(now.getSeconds())}`;
  return `${Math.floor(now.getTime() / 1000)}\n${now.toString()}\n${stamp}\n`;
}

function prepareCwd(spec: NodeSpec): void {
  try {
    mkdirSync(spec.cwd, { recursive: true });
    for (const stale of [".pid", ".status"]) rmSync(join(spec.cwd, stale), { force: true });
    writeFileSync(join(spec.cwd, ".test"), "");
    rmSync(join(spec.cwd, ".test"));
  } catch (err) {
    throw new SpawnError(`problem with Zeek working directory ${spec.cwd}: ${(err as Error).message}`);
  }
  try {
    accessSync(spec.zeek, constants.X_OK);
  } catch {
    throw new SpawnError(`zeek binary not found or not executable: ${spec.zeek}`);
  }
}

function writeBookkeeping(spec: NodeSpec, pid: number, startedAt: number): void {
  writeFileSync(join(spec.cwd, ".pid"), `${pid}\n`);
  writeFileSync(join(spec.cwd, ".cmdline"), `${spec.argv.join(" ")}\n`);
  writeFileSync(
    join(spec.cwd, ".env_vars"),
    Object.entries(spec.env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  );
  writeFileSync(join(spec.cwd, ".startup"), startupLines(new Date(startedAt)));
}

/**
 * The identity once the kernel has finished the exec. The spawn resolves when the exec passed
 * its point of no return, a moment before the new program's arguments are in place: until then
 * /proc/PID/cmdline reads empty. Waits for them (microseconds; at most EXEC_SETTLE_MS).
 */
async function execedIdentity(pid: number, args: string[]): Promise<ProcIdentity | undefined> {
  const deadline = Date.now() + EXEC_SETTLE_MS;
  let id = readIdentity(pid, args);
  while (id && id.cmdline.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1));
    id = readIdentity(pid, args);
  }
  return id;
}

const EXEC_SETTLE_MS = 200;

/** Kills a child that must not run (its whole group) and resolves once all of it is gone. */
async function killSpawned(child: ChildProcess, pid: number): Promise<void> {
  const exited = watchChild(child);
  if (child.exitCode === null && child.signalCode === null) signalGroup(pid, "SIGKILL");
  await exited;
  await groupEnded(pid, 0);
}

/**
 * Starts the node; resolves once the process exists and its bookkeeping files are written.
 * The identity is read at once: the spawn resolves after the child's exec (a failed exec is
 * reported through the spawn's error), so pid and start time are final, whatever the zeek is
 * (a binary, a script, `taskset` about to exec it). When the bookkeeping files cannot be
 * written, the process group is killed before the SpawnError: nothing runs unwatched.
 */
export async function spawnNode(spec: NodeSpec): Promise<SpawnedNode> {
  prepareCwd(spec);
  const argv = commandLine(spec);
  const env = nodeEnvironment(spec);
  const out = openSync(join(spec.cwd, "stdout.log"), "w");
  const err = openSync(join(spec.cwd, "stderr.log"), "w");
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: spec.cwd,
    env,
    stdio: ["ignore", out, err],
    detached: true,
  });
  closeSync(out);
  closeSync(err);
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (e) => reject(new SpawnError(`cannot start ${argv[0]}: ${e.message}`)));
  });
  const startedAt = Date.now();
  const pid = child.pid!;
  const identity = (await execedIdentity(pid, spec.argv)) ?? {
    pid,
    startTicks: -1,
    cmdline: argv,
    args: spec.argv,
  };
  try {
    writeBookkeeping(spec, pid, startedAt);
  } catch (e) {
    await killSpawned(child, pid);
    throw new SpawnError(
      `cannot write the bookkeeping files in ${spec.cwd} (${(e as Error).message}): the started process was killed`,
    );
  }
  return { child, identity, startedAt };
}
