/** Running one command line on an exec channel of a pooled connection. */
import { InternalError } from "@zeekbus/contracts";
import type { ClientChannel } from "ssh2";
import type { RunState } from "../run-state.js";
import type { Lease } from "./host-pool.js";

/** True for ssh2's refusal to open one more channel (sshd's MaxSessions). */
export function isChannelOpenFailure(err: Error): boolean {
  return err.message.includes("Channel open failure");
}

/**
 * Splits the remote shell's pid (the first stderr line, see `buildCommandLine`) from the
 * command's own stderr.
 */
class PidSplitter {
  pid: number | undefined;
  private head = Buffer.alloc(0);
  private done = false;

  constructor(private readonly onPid: (pid: number) => void) {}

  /** Returns the part of `chunk` that belongs to the command. */
  feed(chunk: Buffer): Buffer {
    if (this.done) return chunk;
    this.head = Buffer.concat([this.head, chunk]);
    const nl = this.head.indexOf(10);
    if (nl < 0) return Buffer.alloc(0);
    this.done = true;
    const line = this.head.subarray(0, nl).toString();
    if (/^[1-9][0-9]{0,9}$/.test(line)) {
      this.pid = Number(line);
      this.onPid(this.pid);
      return this.head.subarray(nl + 1);
    }
    return this.head;
  }
}

/**
 * Execs `commandLine` on the lease's connection, streaming into `state`. Resolves when the
 * channel is set up (or rejects with the ssh2 error so the caller may retry elsewhere); the
 * command's outcome is delivered through `state`. Ending it early (deadline, abort) closes the
 * channel and calls `killRemote` with the remote pid (sshd refuses signal requests for root).
 */
export function execOnLease(
  lease: Lease,
  commandLine: string,
  state: RunState,
  stdin: string | Buffer | undefined,
  killRemote: (pid: number) => void,
): Promise<void> {
  return new Promise((ready, refuse) => {
    lease.client.exec(commandLine, (err, stream: ClientChannel) => {
      if (err) return refuse(err);
      ready();
      let code: number | null = null;
      let signal: string | null = null;
      const end = () => {
        try {
          stream.close();
        } catch {
          stream.destroy();
        }
      };
      let killed = false;
      const pids = new PidSplitter((pid) => {
        if (killed) killRemote(pid);
      });
      lease.onLost((lost) => state.fail(lost));
      state.setKill(() => {
        killed = true;
        if (pids.pid !== undefined) killRemote(pids.pid);
        end();
      });
      if (state.done) end();
      stream.on("data", (c: Buffer) => state.stdout(c));
      stream.stderr.on("data", (c: Buffer) => {
        const own = pids.feed(c);
        if (own.length > 0) state.stderr(own);
      });
      stream.on("exit", (c: number | null, s?: string) => {
        code = c ?? null;
        signal = s ?? null;
      });
      stream.on("error", (e: Error) =>
        state.fail(new InternalError(`ssh channel error on host ${state.host}: ${e.message}`)),
      );
      stream.on("close", () => {
        lease.release();
        if (code === null && signal === null) {
          state.fail(new InternalError(`ssh channel on host ${state.host} closed without an exit status`));
        } else {
          state.finish(code, signal);
        }
      });
      stream.end(stdin ?? "");
    });
  });
}
