/**
 * {@link HostExec} on a remote host over a pooled ssh2 connection. Commands go through
 * {@link buildCommandLine}; files go over SFTP; a directory swap stages over SFTP and renames
 * with a constant script whose paths arrive as positional arguments.
 */
import { InternalError, ZeekbusError } from "@zeekbus/contracts";
import type { SFTPWrapper } from "ssh2";
import { buildCommandLine } from "../command.js";
import { fileError } from "../file-errors.js";
import { RunState } from "../run-state.js";
import { planSwap, type SwapPlan, swapArgv } from "../swap-plan.js";
import type {
  DirFiles,
  HostExec,
  RunOptions,
  RunResult,
  SwapDirOptions,
  WriteFileOptions,
} from "../types.js";
import { validateAbsPath } from "../validate.js";
import { execOnLease, isChannelOpenFailure } from "./channel.js";
import type { HostPool, Lease } from "./host-pool.js";
import { openSftp, sftpCreate, sftpMkdir, sftpRead, sftpWriteAtomic } from "./sftp.js";

/** Channel-open refusals retried on a shrunk connection before giving up. */
const CHANNEL_RETRIES = 3;

/** Runs commands and moves files on one remote host; get one from `SshPool.host()`. */
export class SshExec implements HostExec {
  constructor(private readonly pool: HostPool) {}

  /** The host as given in its target. */
  get host(): string {
    return this.pool.target.host;
  }

  /** See {@link HostExec.run}. A dropped connection fails the command with `UnreachableError`. */
  run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
    buildCommandLine({ argv, env: opts.env, cwd: opts.cwd, timeoutMs: opts.timeoutMs });
    return new Promise((resolve, reject) => {
      const state = new RunState(this.host, argv, opts, resolve, reject);
      state.arm();
      this.startRun(state).catch((err: Error) => state.fail(err));
    });
  }

  private async startRun(state: RunState): Promise<void> {
    const { opts, argv } = state;
    for (let attempt = 0; ; attempt++) {
      const lease = await this.pool.acquire();
      if (state.done) return lease.release();
      const line = buildCommandLine({
        argv: [...argv],
        env: opts.env,
        cwd: opts.cwd,
        timeoutMs: state.remainingMs(),
      });
      try {
        return await execOnLease(lease, line, state, opts.stdin, (pid) => this.killRemote(pid));
      } catch (err) {
        const retry = isChannelOpenFailure(err as Error) && attempt < CHANNEL_RETRIES;
        if (retry) lease.shrink();
        lease.release();
        if (!retry) throw wrap(err, this.host);
      }
    }
  }

  /** TERM to the remote shell's pid (the command, or coreutils timeout which passes it on). */
  private killRemote(pid: number): void {
    this.run(["kill", "-TERM", "--", String(pid)], { timeoutMs: 10_000 }).catch(() => undefined);
  }

  /** A lease and an SFTP session on it, retrying channel-open refusals like {@link run}. */
  private async openSftpLease(): Promise<{ lease: Lease; sftp: SFTPWrapper }> {
    for (let attempt = 0; ; attempt++) {
      const lease = await this.pool.acquire();
      try {
        return { lease, sftp: await openSftp(lease.client) };
      } catch (err) {
        const retry = isChannelOpenFailure(err as Error) && attempt < CHANNEL_RETRIES;
        if (retry) lease.shrink();
        lease.release();
        if (!retry) throw wrap(err, this.host);
      }
    }
  }

  private async withSftp<T>(op: string, path: string, fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const { lease, sftp } = await this.openSftpLease();
    try {
      return await fn(sftp);
    } catch (err) {
      throw fileError(op, path, this.host, err);
    } finally {
      sftp.end();
      lease.release();
    }
  }

  /** See {@link HostExec.writeFile}; the parent directory must exist. */
  writeFile(path: string, data: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    validateAbsPath(path);
    return this.withSftp("writeFile", path, (sftp) => sftpWriteAtomic(sftp, path, data, opts.mode ?? 0o644));
  }

  /** See {@link HostExec.readFile}. */
  readFile(path: string): Promise<Buffer> {
    validateAbsPath(path);
    return this.withSftp("readFile", path, (sftp) => sftpRead(sftp, path));
  }

  /** See {@link HostExec.swapDir}; the parent of `target` must exist. */
  swapDir(target: string, files: DirFiles, opts: SwapDirOptions = {}): Promise<void> {
    return this.swap(planSwap(target, files), files, opts.modes ?? {});
  }

  private async swap(plan: SwapPlan, files: DirFiles, modes: Record<string, number>): Promise<void> {
    try {
      await this.withSftp("swapDir", plan.target, async (sftp) => {
        await sftpMkdir(sftp, plan.version, 0o755);
        for (const dir of plan.dirs) await sftpMkdir(sftp, `${plan.version}/${dir}`, 0o755);
        for (const rel of plan.files) {
          await sftpCreate(
            sftp,
            `${plan.version}/${rel}`,
            files[rel] as string | Buffer,
            modes[rel] ?? 0o644,
          );
        }
      });
      const argv = swapArgv(plan);
      const swap = await this.run(argv);
      if (swap.code !== 0) {
        const why = swap.stderr.trim() || `exit ${swap.code}`;
        throw new InternalError(`swapDir ${plan.target} failed on host ${this.host}: ${why}`);
      }
    } catch (err) {
      await this.run(["rm", "-rf", "--", plan.version, plan.link]).catch(() => undefined);
      throw err;
    }
  }

  /** Closes this host's connections. */
  async close(): Promise<void> {
    this.pool.close();
  }
}

function wrap(err: unknown, host: string): ZeekbusError {
  if (err instanceof ZeekbusError) return err;
  return new InternalError(`ssh operation on host ${host} failed: ${(err as Error).message}`);
}
