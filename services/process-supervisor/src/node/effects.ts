/**
 * The effects a node machine needs, bound to one node's process: spawn, readiness, rejoin,
 * signals. A node is its process group: signals go to the whole group (a zeek behind a wrapper,
 * whatever zeek forks), and the node has ended once its leader exited and the group is empty.
 * A signal is only ever sent while the leader's identity (pid + start time + arguments) is still
 * the one this supervisor started or adopted, or, once the leader is gone, while live members of
 * its group remain (the kernel keeps that group id from being reused): nothing unknown is killed.
 */
import type { NodeSpec } from "@zeekbus/contracts";
import { type ExitInfo, watchAdopted, watchChild } from "../process/exit.js";
import { groupAlive, groupEnded, signalGroup } from "../process/group.js";
import { type ProcIdentity, readPeakRssBytes, readProc, sameProcess } from "../process/proc.js";
import { spawnNode } from "../process/spawn.js";
import { waitRejoin } from "../readiness/metrics.js";
import { readStatusLine, waitRunning } from "../readiness/status-file.js";

/** The process a node currently has. */
export interface NodeProcess {
  identity: ProcIdentity;
  startedAt: number;
  peakRssBytes?: number;
  cancelWatch?: () => void;
  /** The process group it leads (its pid), when it leads one. */
  pgid?: number;
}

/** Timeouts of the waits (ms). */
export interface EffectTimeouts {
  readyTimeoutMs: number;
  rejoinTimeoutMs: number;
  /** How long what is left of a group after its leader's exit may run before SIGKILL. */
  groupGraceMs: number;
}

/** The group `pid` leads, if it leads one. */
function ledGroup(pid: number): number | undefined {
  return readProc(pid)?.pgid === pid ? pid : undefined;
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
    const { pid } = spawned.identity;
    this.watch(
      { identity: spawned.identity, startedAt: spawned.startedAt, pgid: pid },
      watchChild(spawned.child),
    );
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
    const pgid = ledGroup(identity.pid);
    this.watch({ identity, startedAt, cancelWatch: watch.cancel, ...(pgid ? { pgid } : {}) }, exited);
  }

  /** Watches the leader's exit, then the rest of its group; reports the exit once all is gone. */
  private watch(proc: NodeProcess, leaderExited: Promise<ExitInfo>): void {
    this.current = proc;
    const stop = new AbortController();
    const cancel = proc.cancelWatch;
    proc.cancelWatch = () => {
      cancel?.();
      stop.abort();
    };
    const ended = leaderExited.then(async (exit) => {
      if (proc.pgid) await groupEnded(proc.pgid, this.timeouts.groupGraceMs, { signal: stop.signal });
      return exit;
    });
    void ended.then((exit) => {
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

  /**
   * Sends a signal to the current process's group (to the process alone when it leads none),
   * only while the leader is still the same process or, once it is gone (or a zombie), its
   * group still has live members.
   */
  signal(sig: NodeJS.Signals): boolean {
    const proc = this.current;
    if (!proc) return false;
    const leader = sameProcess(proc.identity);
    if (proc.pgid !== undefined && (leader ? leader.pgid === proc.pgid : groupAlive(proc.pgid))) {
      return signalGroup(proc.pgid, sig);
    }
    if (!leader) return false;
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
