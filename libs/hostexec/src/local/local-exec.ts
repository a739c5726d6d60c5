/**
 * {@link HostExec} on this machine: `child_process.spawn` with an argv and no shell, in its own
 * process group so a timeout kills the command and everything it started.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { InternalError } from "@zeekbus/contracts";
import { feedStdin } from "@zeekbus/pipes";
import { commandEnv } from "../command.js";
import { fileError } from "../file-errors.js";
import { RunState } from "../run-state.js";
import type {
  DirFiles,
  HostExec,
  RunOptions,
  RunResult,
  SwapDirOptions,
  WriteFileOptions,
} from "../types.js";
import { validateAbsPath, validateArgv, validateEnv, validateSwap, validateTimeout } from "../validate.js";
import { swapDirLocal, writeFileAtomic } from "./files.js";

/** Runs commands and writes files on the local machine (host name `local` unless given). */
export class LocalExec implements HostExec {
  constructor(readonly host = "local") {}

  /** See {@link HostExec.run}; a program that cannot be started ends with code 127 (126 if not executable), like `env`. */
  run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
    validateArgv(argv);
    validateEnv(opts.env);
    validateTimeout(opts.timeoutMs);
    if (opts.cwd !== undefined) validateAbsPath(opts.cwd, "cwd");
    return new Promise((resolve, reject) => {
      const state = new RunState(this.host, argv, opts, resolve, reject);
      const [program, ...args] = argv as [string, ...string[]];
      const child = spawn(program, args, {
        cwd: opts.cwd,
        env: commandEnv(opts.env),
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
      });
      const killGroup = () => {
        if (child.pid !== undefined && child.exitCode === null) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            child.kill("SIGKILL");
          }
        }
      };
      child.stdout.on("data", (c: Buffer) => state.stdout(c));
      child.stderr.on("data", (c: Buffer) => state.stderr(c));
      child.on("error", (err: NodeJS.ErrnoException) => {
        state.stderr(Buffer.from(`${program}: ${err.message}\n`));
        state.finish(err.code === "EACCES" ? 126 : 127, null);
      });
      child.on("close", (code, signal) => state.finish(code, signal));
      state.setKill(killGroup);
      state.arm();
      feedStdin(child, opts.stdin ?? "", (err) =>
        state.fail(new InternalError(`stdin of ${program} on host ${this.host}: ${err.message}`)),
      );
    });
  }

  /** See {@link HostExec.writeFile}. */
  writeFile(path: string, data: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    validateAbsPath(path);
    return writeFileAtomic(path, data, opts.mode ?? 0o644).catch((err) => {
      throw fileError("writeFile", path, this.host, err);
    });
  }

  /** See {@link HostExec.readFile}. */
  readFile(path: string): Promise<Buffer> {
    validateAbsPath(path);
    return readFile(path).catch((err) => {
      throw fileError("readFile", path, this.host, err);
    });
  }

  /** See {@link HostExec.swapDir}. */
  swapDir(target: string, files: DirFiles, opts: SwapDirOptions = {}): Promise<void> {
    validateSwap(target, files);
    return swapDirLocal(target, files, opts.modes ?? {}).catch((err) => {
      throw fileError("swapDir", target, this.host, err);
    });
  }

  /** Nothing to release locally. */
  async close(): Promise<void> {}
}
