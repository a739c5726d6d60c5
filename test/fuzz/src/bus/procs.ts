/**
 * Service processes under the fuzz: each a real child process with its output in a log file,
 * identified by pid and kernel start time (so a restart under the same pid is still seen).
 * Services run in a private mount namespace whose resolv.conf names only 127.0.0.1: a host
 * name a hostile payload makes up is never sent to a real resolver.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A process the fuzz watches: a child it started, or an agent a deploy started. */
export interface WatchedProcess {
  name: string;
  pid: number;
  /** Start time in clock ticks since boot (field 22 of /proc/PID/stat). */
  startTime: string;
  /** Its log file (line counts go into the report). */
  log: string;
  /** Why it is gone, once it is (exit code or signal); undefined while it runs. */
  gone(): string | undefined;
}

/** Start time of a process in clock ticks since boot, or undefined when there is none. */
export function procStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] === "Z" ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** The argv that runs `argv` with resolv.conf replaced by `resolvConf` (a private mount). */
export function withoutDns(resolvConf: string, argv: readonly string[]): string[] {
  const script = 'mount --bind "$0" /etc/resolv.conf && exec "$@"';
  return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, resolvConf, ...argv];
}

/** Writes the resolv.conf services get: only loopback, where no resolver listens. */
export function loopbackResolvConf(dir: string): string {
  const path = join(dir, "resolv.conf");
  writeFileSync(path, "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
  return path;
}

/** Starts a service's main module (`@zeekbus/<svc>/main`) as a watched child process. */
export function startService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  dir: string,
  resolvConf: string,
): { proc: Promise<WatchedProcess>; child: ChildProcess } {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, "a");
  const main = fileURLToPath(import.meta.resolve(entry));
  const argv = withoutDns(resolvConf, [process.execPath, main]);
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ["ignore", fd, fd] });
  let gone: string | undefined;
  child.once("exit", (code, signal) => {
    gone = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  const proc = new Promise<WatchedProcess>((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", () => {
      const pid = child.pid!;
      resolve({ name, pid, startTime: procStartTime(pid) ?? "?", log, gone: () => gone });
    });
  });
  return { proc, child };
}

/** A process the fuzz did not start (a bootstrapped agent), watched through /proc. */
export function watchPid(name: string, pid: number, log: string): WatchedProcess {
  const startTime = procStartTime(pid) ?? "?";
  return {
    name,
    pid,
    startTime,
    log,
    gone: () => (procStartTime(pid) === startTime ? undefined : "no longer running"),
  };
}

/** Lines in a log file (0 when it cannot be read). */
export function logLines(path: string): number {
  try {
    return readFileSync(path, "utf8").split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
}

/**
 * SIGKILLs every process started from a program under `dir` (the zeek of a stack whose
 * supervisor died and so could not stop its nodes); returns how many it found.
 */
export function killProcessesUnder(dir: string): number {
  let found = 0;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let program: string;
    try {
      program = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "";
    } catch {
      continue;
    }
    if (!program.startsWith(`${dir}/`)) continue;
    found += 1;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
