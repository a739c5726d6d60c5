/**
 * {@link HostExec} on this machine: `child_process.spawn` with an argv and no shell, in its own
 * process group so a timeout kills the command and everything it started.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { InternalError } from "@zeekbus/contracts";
import { feedStdin } from "@zeekbus/pipes";
import { commandEnv, describeArgv } from "../command.js";
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

/** Exit status of a program that cannot be run, as `env` reports it: missing 127, not executable 126. */
const NOT_RUNNABLE: Readonly<Record<string, number>> = {
  ENOENT: 127,
  ENOTDIR: 127,
  ENAMETOOLONG: 127,
  ELOOP: 127,
  EACCES: 126,
  EPERM: 126,
  ENOEXEC: 126,
};

/** Runs commands and writes files on the local machine (host name `local` unless given). */
export class LocalExec implements HostExec {
  constructor(readonly host = "local") {}

  /**
   * See {@link HostExec.run}. A program that is missing ends with code 127 (126 if not executable),
   * like `env`; a command this machine cannot start now (no file descriptor, process or memory
   * left: EMFILE, ENFILE, EAGAIN, ENOMEM…) rejects with an `InternalError` naming it.
   */
  run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
    validateArgv(argv);
    validateEnv(opts.env);
    validateTimeout(opts.timeoutMs);
    if (opts.cwd !== undefined) validateAbsPath(opts.cwd, "cwd");
    return new Promise((resolve, reject) => {
      const state = new RunState(this.host, argv, opts, resolve, reject);
      const [program, ...args] = argv as [string, ...string[]];
      let child: ChildProcess;
      try {
        child = spawn(program, args, {
          cwd: opts.cwd,
          env: commandEnv(opts.env),
          stdio: ["pipe", "pipe", "pipe"],
          detached: true,
        });
      } catch (err) {
        state.fail(this.notStarted(argv, err));
        return;
      }
      child.on("error", (err: NodeJS.ErrnoException) => {
        const code = NOT_RUNNABLE[err.code ?? ""];
        if (code === undefined) {
          state.fail(this.notStarted(argv, err));
          return;
        }
        state.stderr(Buffer.from(`${program}: ${err.message}\n`));
        state.finish(code, null);
      });
      if (!child.stdin || !child.stdout || !child.stderr) return;
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
      child.on("close", (code, signal) => state.finish(code, signal));
      state.setKill(killGroup);
      state.arm();
      feedStdin(child, opts.stdin ?? "", (err) =>
        state.fail(new InternalError(`stdin of ${program} on host ${this.host}: ${err.message}`)),
      );
    });
  }

  private notStarted(argv: readonly string[], err: unknown): InternalError {
    const why = err instanceof Error ? err.message : String(err);
    return new InternalError(`Cannot start ${describeArgv(argv)} on host ${this.host}: ${why}`);
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
