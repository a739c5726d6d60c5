/** Test support for the topology verbs: running the built CLI and writing config directories. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The `zeekbus` command as installed: the bundled entry the package's bin names. */
export const CLI = fileURLToPath(new URL("../bundle/zeekbus.mjs", import.meta.url));

/** What one CLI run printed and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `zeekbus <args>` (the bundled CLI) as a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ZEEKBUS_LOG_LEVEL: "warn", ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const made: string[] = [];

/** Writes `files` (name → text) into a new temporary directory and returns its path. */
export async function configDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "zeekbus-cli-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** A file of topology-model's copy of zeekctl's test data (inputs under etc/, outputs under baseline/). */
export function zeekctlFixture(path: string): string {
  return fileURLToPath(new URL(`../test-fixtures/${path}`, import.meta.resolve("@zeekbus/topology-model")));
}

/** Removes every directory {@link configDir} made. */
export async function removeConfigDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
