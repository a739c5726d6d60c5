/**
 * Crash reports, kept like zeekctl keeps them (`<spool>/tmp/post-terminate-<type>-<ts>-<pid>-crash`):
 * why it ended, the last 100 lines of stderr and stdout, `.status`, `.cmdline`, the environment,
 * uptime, peak memory and a core file if one was written. Unlike zeekctl the spool dir itself
 * stays in place, so the restarted node can start at once; logs are never moved or deleted.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
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

function tail(path: string, lines: number): string {
  try {
    const text = readFileSync(path, "utf8");
    const all = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
    return `${all.slice(-lines).join("\n")}\n`;
  } catch {
    return "";
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
  writeFileSync(join(dir, "stderr.log"), tail(join(spec.cwd, "stderr.log"), TAIL_LINES));
  writeFileSync(join(dir, "stdout.log"), tail(join(spec.cwd, "stdout.log"), TAIL_LINES));
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
  };
  writeFileSync(join(dir, "crash-report.json"), `${JSON.stringify(report, null, 2)}\n`);
  return dir;
}
