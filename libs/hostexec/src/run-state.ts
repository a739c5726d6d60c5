/**
 * Bookkeeping shared by both implementations of `run`: collecting output, the deadline,
 * the abort signal and turning the end into a result or a closed-set error.
 */
import { InternalError, TimeoutError, ZeekbusError } from "@zeekbus/contracts";
import { describeArgv } from "./command.js";
import type { RunOptions, RunResult } from "./types.js";

/** Collects one command's output and settles its promise exactly once. */
export class RunState {
  readonly started = Date.now();
  private readonly out: Buffer[] = [];
  private readonly err: Buffer[] = [];
  private timer: NodeJS.Timeout | undefined;
  private settled = false;
  private onAbort: (() => void) | undefined;
  private kill: () => void = () => undefined;

  constructor(
    readonly host: string,
    readonly argv: readonly string[],
    readonly opts: RunOptions,
    private readonly resolve: (r: RunResult) => void,
    private readonly reject: (e: Error) => void,
  ) {}

  /** Milliseconds left before the deadline (undefined without a timeout). */
  remainingMs(): number | undefined {
    if (this.opts.timeoutMs === undefined) return undefined;
    return Math.max(1, this.started + this.opts.timeoutMs - Date.now());
  }

  /** Sets how to end the running command when the deadline passes or the signal aborts. */
  setKill(kill: () => void): void {
    this.kill = kill;
  }

  /** Arms the deadline and the abort signal (call once, before waiting for anything). */
  arm(): void {
    const { timeoutMs, signal } = this.opts;
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.kill();
        this.fail(this.timeoutError());
      }, this.remainingMs());
    }
    if (signal) {
      this.onAbort = () => {
        this.kill();
        this.fail(this.abortError(signal.reason));
      };
      if (signal.aborted) this.onAbort();
      else signal.addEventListener("abort", this.onAbort, { once: true });
    }
  }

  /** True once resolved or rejected. */
  get done(): boolean {
    return this.settled;
  }

  stdout(chunk: Buffer): void {
    this.out.push(chunk);
    this.opts.onStdout?.(chunk);
  }

  stderr(chunk: Buffer): void {
    this.err.push(chunk);
    this.opts.onStderr?.(chunk);
  }

  /** The command ended: a result, or a TimeoutError when it ended at or after its deadline. */
  finish(code: number | null, signal: string | null): void {
    const { timeoutMs } = this.opts;
    if (timeoutMs !== undefined && Date.now() - this.started >= timeoutMs) {
      this.fail(this.timeoutError());
      return;
    }
    if (this.settle()) {
      this.resolve({
        code,
        signal: signal === null || signal.startsWith("SIG") ? signal : `SIG${signal}`,
        stdout: Buffer.concat(this.out).toString("utf8"),
        stderr: Buffer.concat(this.err).toString("utf8"),
        durationMs: Date.now() - this.started,
      });
    }
  }

  /** Rejects (if not settled yet). */
  fail(error: Error): void {
    if (this.settle()) this.reject(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    if (this.onAbort) this.opts.signal?.removeEventListener("abort", this.onAbort);
    return true;
  }

  private timeoutError(): TimeoutError {
    return new TimeoutError(
      `Command timeout on host ${this.host} after ${this.opts.timeoutMs} ms: ${describeArgv(this.argv)}`,
    );
  }

  private abortError(reason: unknown): ZeekbusError {
    if (reason instanceof ZeekbusError) return reason;
    return new InternalError(`Command aborted on host ${this.host}: ${describeArgv(this.argv)}`);
  }
}
