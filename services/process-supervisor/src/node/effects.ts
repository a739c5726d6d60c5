/**
 * The effects a node machine needs, bound to one node's process: spawn, readiness, rejoin,
 * signals. A signal is only ever sent to a process whose identity (pid + start time + cmdline)
 * is still the one this supervisor started or adopted, so nothing unknown is ever killed.
 */
import type { NodeSpec } from "@zeekbus/contracts";
import { type ExitInfo, watchAdopted, watchChild } from "../process/exit.js";
import { isSameProcess, type ProcIdentity, readPeakRssBytes } from "../process/proc.js";
import { spawnNode } from "../process/spawn.js";
import { waitRejoin } from "../readiness/metrics.js";
import { readStatusLine, waitRunning } from "../readiness/status-file.js";

/** The process a node currently has. */
export interface NodeProcess {
  identity: ProcIdentity;
  startedAt: number;
  peakRssBytes?: number;
  cancelWatch?: () => void;
}

/** Timeouts of the waits (ms). */
export interface EffectTimeouts {
  readyTimeoutMs: number;
  rejoinTimeoutMs: number;
}

/** One node's process and the operations on it. */
export class NodeEffects {
  current: NodeProcess | undefined;
  /** Facts of the process that ended last, for the crash report. */
  ended: (NodeProcess & { exit: ExitInfo }) | undefined;

  constructor(
    private spec: NodeSpec,
    private readonly timeouts: EffectTimeouts,
    private readonly onExit: (exit: ExitInfo) => void,
  ) {}

  get nodeSpec(): NodeSpec {
    return this.spec;
  }
  set nodeSpec(spec: NodeSpec) {
    this.spec = spec;
  }

  /** Starts the process and begins watching it; resolves with pid and start time. */
  async spawn(): Promise<{ pid: number; startedAt: number }> {
    const spawned = await spawnNode(this.spec);
    this.watch({ identity: spawned.identity, startedAt: spawned.startedAt }, watchChild(spawned.child));
    return { pid: spawned.identity.pid, startedAt: spawned.startedAt };
  }

  /**
   * Takes over a running process found after a supervisor restart. Its exit status cannot be
   * read (it is not our child), so a `.status` of `TERMINATED [atexit]` counts as exit code 0.
   */
  adopt(identity: ProcIdentity, startedAt: number): void {
    const watch = watchAdopted(identity);
    const exited = watch.done.then((exit) =>
      exit.code === null && readStatusLine(this.spec.cwd) === "TERMINATED [atexit]"
        ? { ...exit, code: 0 }
        : exit,
    );
    this.watch({ identity, startedAt, cancelWatch: watch.cancel }, exited);
  }

  private watch(proc: NodeProcess, exited: Promise<ExitInfo>): void {
    this.current = proc;
    void exited.then((exit) => {
      if (this.current !== proc) return;
      this.current = undefined;
      this.ended = { ...proc, exit };
      this.onExit(exit);
    });
  }

  /** Resolves when `.status` says RUNNING. */
  waitReady(signal?: AbortSignal): Promise<void> {
    return waitRunning(this.spec.cwd, {
      timeoutMs: this.timeouts.readyTimeoutMs,
      ...(signal ? { signal } : {}),
    });
  }

  /** Resolves when a worker receives packets again (or its link is quiet). */
  async waitRejoin(signal?: AbortSignal): Promise<string> {
    if (this.spec.type !== "worker" || this.spec.metricsPort === undefined) return "no_metrics";
    return waitRejoin({
      metricsPort: this.spec.metricsPort,
      ...(this.spec.interface ? { iface: this.spec.interface } : {}),
      timeoutMs: this.timeouts.rejoinTimeoutMs,
      ...(signal ? { signal } : {}),
    });
  }

  /** Sends a signal to the current process if it is still the same process. */
  signal(sig: NodeJS.Signals): boolean {
    const proc = this.current;
    if (!proc || !isSameProcess(proc.identity)) return false;
    try {
      process.kill(proc.identity.pid, sig);
      return true;
    } catch {
      return false;
    }
  }

  /** Samples the peak memory of the current process (called periodically). */
  sampleMemory(): void {
    const proc = this.current;
    if (!proc) return;
    const peak = readPeakRssBytes(proc.identity.pid);
    if (peak !== undefined) proc.peakRssBytes = Math.max(proc.peakRssBytes ?? 0, peak);
  }

  /** Stops watching (supervisor shutdown): the process itself keeps running. */
  detach(): void {
    this.current?.cancelWatch?.();
  }
}
