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
 * Execs `commandLine` on the lease's connection, streaming into `state`. Resolves when the
 * channel is set up (or rejects with the ssh2 error so the caller may retry elsewhere); the
 * command's outcome is delivered through `state`.
 */
export function execOnLease(
  lease: Lease,
  commandLine: string,
  state: RunState,
  stdin: string | Buffer | undefined,
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
      lease.onLost((lost) => state.fail(lost));
      state.setKill(() => {
        stream.signal("TERM");
        end();
      });
      if (state.done) end();
      stream.on("data", (c: Buffer) => state.stdout(c));
      stream.stderr.on("data", (c: Buffer) => state.stderr(c));
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
