/**
 * One node's lifecycle machine, driven by real effects. The machine (libs/lifecycle) decides;
 * this runner supplies spawn/ready/rejoin as actors, events, transitions and signals as
 * actions, persists every new snapshot, and feeds process exits back in as `PROCESS_EXITED`.
 */
import type {
  NodeEventData,
  NodeEventName,
  NodeSpec,
  NodeState,
  NodeStatus,
  ObservedNode,
} from "@zeekbus/contracts";
import {
  type LifecyclePolicy,
  type NodeMachine,
  nodeMachine,
  resolvePolicy,
  stateOf,
} from "@zeekbus/lifecycle";
import { type Actor, createActor, fromPromise } from "xstate";
import { writeCrashReport } from "../crash/report.js";
import type { ProcIdentity } from "../process/proc.js";
import { type EffectTimeouts, NodeEffects } from "./effects.js";

/** The state an event reports when its name is not itself a state. */
const EVENT_STATE: Partial<Record<NodeEventName, NodeState>> = { restarted: "running", exited: "crashed" };

/** What the runner reports outward. */
export interface RunnerSinks {
  /** A lifecycle event to publish (in order). */
  event(name: NodeEventName, data: NodeEventData): void;
  /** The observed state and process to persist after each transition. */
  persist(observed: ObservedNode, process: { identity: ProcIdentity; startedAt: number } | undefined): void;
  /** A state change (every transition). */
  transition(data: NodeEventData): void;
  /** A problem worth a log line. */
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Options of a runner (what is left of a group after its leader exited gets the policy's stop timeout). */
export interface RunnerOptions extends Omit<EffectTimeouts, "groupGraceMs"> {
  host: string;
  policy: Partial<LifecyclePolicy>;
  sinks: RunnerSinks;
  /** A running process found after a supervisor restart, verified by identity. */
  adopted?: { identity: ProcIdentity; startedAt: number };
}

function machineFor(effects: NodeEffects, runner: () => NodeRunner): NodeMachine {
  return nodeMachine.provide({
    actors: {
      spawnNode: fromPromise(() => effects.spawn()),
      waitReady: fromPromise(({ signal }) => effects.waitReady(signal)),
      waitRejoin: fromPromise(async ({ signal }) => void (await effects.waitRejoin(signal))),
    },
    actions: {
      persist: (_args, params: { state: NodeState }) => runner().transitioned(params.state),
      emitEvent: (_args, params: { event: NodeEventName; reason?: string }) =>
        runner().emit(params.event, params.reason),
      signalTerm: () => void effects.signal("SIGTERM"),
      signalKill: () => void effects.signal("SIGKILL"),
    },
  });
}

/** Runs one node. */
export class NodeRunner {
  readonly effects: NodeEffects;
  readonly actor: Actor<NodeMachine>;
  /** The last state seen by the snapshot subscription (the state before a transition in progress). */
  private seen: NodeState | undefined;
  /** The last state the machine reported entering. */
  private entered: NodeState | undefined;
  /** Directory of the last crash report kept; the supervisor clears it when it starts the node. */
  crashReport: string | undefined;

  constructor(
    spec: NodeSpec,
    private readonly options: RunnerOptions,
  ) {
    const timeouts = { ...options, groupGraceMs: resolvePolicy(options.policy).stopTimeoutMs };
    this.effects = new NodeEffects(spec, timeouts, (exit) =>
      this.actor.send({ type: "PROCESS_EXITED", code: exit.code, signal: exit.signal, at: exit.at }),
    );
    if (options.adopted) this.effects.adopt(options.adopted.identity, options.adopted.startedAt);
    const adopted = options.adopted
      ? { pid: options.adopted.identity.pid, startedAt: options.adopted.startedAt }
      : undefined;
    this.actor = createActor(
      machineFor(this.effects, () => this),
      {
        input: {
          node: { name: spec.name, type: spec.type },
          policy: options.policy,
          ...(adopted ? { adopted } : {}),
        },
      },
    );
    this.actor.subscribe(() => this.onSnapshot());
    this.actor.start();
    this.onSnapshot();
  }

  private onSnapshot(): void {
    const state = this.state;
    if (state === this.seen) return;
    this.seen = state;
    this.persist();
  }

  /**
   * Publishes one state entered, as the machine's `persist` action reports it: also the
   * transient ones (`crashed`) that a snapshot subscription never sees.
   */
  transitioned(state: NodeState): void {
    const previous = this.entered;
    this.entered = state;
    const pid = this.effects.current?.identity.pid;
    this.options.sinks.transition({
      node: this.spec.name,
      host: this.options.host,
      type: this.spec.type,
      state,
      ...(previous ? { previous } : {}),
      ...(pid ? { pid } : {}),
      restarts: this.actor.getSnapshot().context.restarts,
    });
  }

  get spec(): NodeSpec {
    return this.effects.nodeSpec;
  }
  get state(): NodeState {
    return stateOf(this.actor.getSnapshot());
  }

  /** Replaces the spec used for the next start (the current process is not touched). */
  updateSpec(spec: NodeSpec): void {
    this.effects.nodeSpec = spec;
  }

  /** The node as the status reply and heartbeat show it. */
  status(): NodeStatus {
    const ctx = this.actor.getSnapshot().context;
    const proc = this.effects.current;
    return {
      name: this.spec.name,
      type: this.spec.type,
      state: this.state,
      ...(proc ? { pid: proc.identity.pid, startedAt: new Date(proc.startedAt).toISOString() } : {}),
      restarts: ctx.restarts,
      crashes: ctx.crashTimes.length,
    };
  }

  /** Resolves with the state once `done(state)` holds, or rejects after `timeoutMs`. */
  waitFor(done: (s: NodeState) => boolean, timeoutMs: number): Promise<NodeState> {
    return new Promise((resolve, reject) => {
      if (done(this.state)) return resolve(this.state);
      const timer = setTimeout(() => {
        sub.unsubscribe();
        reject(new Error(`${this.spec.name} still ${this.state} after ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = this.actor.subscribe(() => {
        if (!done(this.state)) return;
        clearTimeout(timer);
        sub.unsubscribe();
        resolve(this.state);
      });
    });
  }

  emit(event: NodeEventName, reason?: string): void {
    const ctx = this.actor.getSnapshot().context;
    if (event === "crashed") this.crashReport = this.writeCrashReport();
    const exit = ctx.lastExit;
    const ended = event === "crashed" || event === "stopped" || event === "exited";
    const pid = ended ? this.effects.ended?.identity.pid : this.effects.current?.identity.pid;
    const data: NodeEventData = {
      node: this.spec.name,
      host: this.options.host,
      type: this.spec.type,
      state: EVENT_STATE[event] ?? (event as NodeState),
      ...(this.seen ? { previous: this.seen } : {}),
      ...(pid ? { pid } : {}),
      ...(ended && exit?.code !== null && exit?.code !== undefined ? { exitCode: exit.code } : {}),
      ...(ended && exit?.signal ? { signal: exit.signal } : {}),
      ...(reason ? { reason } : ctx.failure && event === "failed" ? { reason: ctx.failure } : {}),
      restarts: ctx.restarts,
      ...(event === "crashed" && this.crashReport ? { crashReport: this.crashReport } : {}),
    };
    this.options.sinks.event(event, data);
  }

  /** Persists the current state again (after a change the machine does not see). */
  refresh(): void {
    this.persist();
  }

  private persist(): void {
    const snap = this.actor.getSnapshot();
    const state = this.state;
    const proc = this.effects.current;
    const ctx = snap.context;
    this.options.sinks.persist(
      {
        node: this.spec.name,
        host: this.options.host,
        type: this.spec.type,
        state,
        ...(proc ? { pid: proc.identity.pid, startedAt: proc.startedAt } : {}),
        restarts: ctx.restarts,
        crashes: ctx.crashTimes.length,
        ...(ctx.failure ? { reason: ctx.failure } : ctx.stopReason ? { reason: ctx.stopReason } : {}),
        snapshot: this.actor.getPersistedSnapshot(),
        updatedAt: new Date().toISOString(),
      },
      proc ? { identity: proc.identity, startedAt: proc.startedAt } : undefined,
    );
  }

  private writeCrashReport(): string | undefined {
    const ended = this.effects.ended;
    if (!ended) return undefined;
    try {
      return writeCrashReport({ ...ended, spec: this.spec, pid: ended.identity.pid });
    } catch (err) {
      this.options.sinks.warn("cannot write crash report", {
        node: this.spec.name,
        err: (err as Error).message,
      });
      return undefined;
    }
  }

  /** Stops the machine and the watch; the process itself keeps running. */
  detach(): void {
    this.effects.detach();
    this.actor.stop();
  }
}
