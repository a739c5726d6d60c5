/**
 * Crash reports, kept like zeekctl keeps them (`<spool>/tmp/post-terminate-<type>-<ts>-<pid>-crash`):
 * why it ended, the crashed process's whole `stdout.log` and `stderr.log` (moved there, so the
 * restarted node starts with fresh ones and nothing is lost), `.status`, `.cmdline`, the
 * environment, uptime, peak memory and core files. The report names the last 100 lines of
 * stderr in `crash-report.json`. Unlike zeekctl the spool dir itself stays in place, so the
 * node restarts at once; its Zeek logs are never moved or deleted.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { NodeSpec } from "@zeekbus/contracts";
import { describeExit, type ExitInfo } from "../process/exit.js";

/** What the supervisor knew about the process when it ended. */
export interface CrashFacts {
  spec: NodeSpec;
  pid: number;
  startedAt: number;
  exit: ExitInfo;
  peakRssBytes?: number;
}

const TAIL_LINES = 100;

/** The last `lines` lines of a file, read from its end (logs can be large). */
function tail(path: string, lines: number): string[] {
  try {
    const size = statSync(path).size;
    const start = Math.max(0, size - 64 * 1024);
    const buf = Buffer.alloc(size - start);
    const fd = openSync(path, "r");
    readSync(fd, buf, 0, buf.length, start);
    closeSync(fd);
    const all = buf.toString("utf8").split("\n");
    if (all.at(-1) === "") all.pop();
    return all.slice(-lines);
  } catch {
    return [];
  }
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:T]/g, "-").slice(0, 19);
}

/** Writes the report; returns its directory. */
export function writeCrashReport(facts: CrashFacts): string {
  const { spec, exit } = facts;
  const dir = join(
    dirname(spec.cwd),
    "tmp",
    `post-terminate-${spec.type}-${stamp(exit.at)}-${facts.pid}-crash`,
  );
  mkdirSync(dir, { recursive: true });
  for (const f of ["stderr.log", "stdout.log"]) {
    if (existsSync(join(spec.cwd, f))) renameSync(join(spec.cwd, f), join(dir, f));
  }
  for (const f of [".status", ".cmdline", ".env_vars", ".startup"]) {
    if (existsSync(join(spec.cwd, f))) copyFileSync(join(spec.cwd, f), join(dir, f));
  }
  const cores = readdirSync(spec.cwd).filter((f) => /^core(\.\d+)?$/.test(f));
  for (const core of cores) renameSync(join(spec.cwd, core), join(dir, core));
  const report = {
    node: spec.name,
    type: spec.type,
    host: spec.host,
    pid: facts.pid,
    exit: describeExit(exit),
    exitCode: exit.code,
    signal: exit.signal,
    startedAt: new Date(facts.startedAt).toISOString(),
    endedAt: new Date(exit.at).toISOString(),
    uptimeS: Math.max(0, (exit.at - facts.startedAt) / 1000),
    peakRssBytes: facts.peakRssBytes ?? null,
    cmdline: [spec.zeek, ...spec.argv],
    env: spec.env,
    cores,
    stderrTail: tail(join(dir, "stderr.log"), TAIL_LINES),
  };
  writeFileSync(join(dir, "crash-report.json"), `${JSON.stringify(report, null, 2)}\n`);
  return dir;
}
