import { spawn } from "node:child_process";
import { feedStdin } from "@zeekbus/pipes";
import { CommandError } from "./errors.js";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Text to describe the step in error messages, e.g. "create namespace zb-h1". */
  context?: string;
  /** Do not throw on a non-zero exit. */
  allowFail?: boolean;
  /** Written to the command's stdin, which is then closed; a command may exit without reading it. */
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs argv (never through a shell) and collects its output. */
export function run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new TypeError("run: empty argv");
  const context = opts.context ?? cmd;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      timeout: opts.timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const failed = (err: Error) => reject(new CommandError(argv, null, err.message, context));
    child.on("error", failed);
    child.on("close", (code) => {
      const result = { code: code ?? -1, stdout, stderr };
      if (code === 0 || opts.allowFail) resolve(result);
      else reject(new CommandError(argv, code, stderr || stdout, context));
    });
    if (opts.input !== undefined) feedStdin(child, opts.input, failed);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined, or the deadline passes. */
export async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs: number,
  stepMs = 5,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(stepMs);
  }
}
