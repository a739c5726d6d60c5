/**
 * A node machine actor with fake effects and a simulated clock, for tests: actors resolve
 * at once (or stay pending / reject on demand), and every effect call is recorded in order.
 */
import { type Actor, createActor, fromPromise, SimulatedClock } from "xstate";
import { type NodeMachine, nodeMachine } from "./machine.js";
import type { LifecyclePolicy } from "./policy.js";
import { stateOf } from "./snapshot.js";
import type {
  EmitParams,
  NodeRef,
  PersistParams,
  ProcessInfo,
  ProcessInput,
  SignalParams,
  SpawnInput,
} from "./types.js";

/** Wall-clock time the simulated clock's 0 stands for. */
export const EPOCH = 1_700_000_000_000;

/** How each fake actor behaves: settle at once, or stay pending until the test settles it. */
export interface FakeBehaviour {
  spawn: "resolve" | "pending" | { reject: string };
  ready: "resolve" | "pending" | { reject: string };
  rejoin: "resolve" | "pending" | { reject: string };
}

/** A pending actor call the test settles by hand. */
interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** A running node machine with fake effects and everything it did, in order. */
export class FakeNode {
  readonly clock = new SimulatedClock();
  readonly actor: Actor<NodeMachine>;
  /** Top-level states entered, as `persist` reported them. */
  readonly states: string[] = [];
  /** Lifecycle events emitted (`event` or `event:reason`). */
  readonly events: string[] = [];
  /** Signals sent, as `TERM:<pid>` / `KILL:<pid>`. */
  readonly signals: string[] = [];
  /** Actor calls, as `spawn`, `ready:<pid>`, `rejoin:<pid>`. */
  readonly calls: string[] = [];
  readonly behaviour: FakeBehaviour = { spawn: "resolve", ready: "resolve", rejoin: "resolve" };
  private readonly pending = new Map<string, Pending>();
  private nextPid = 100;

  constructor(node: NodeRef, options: { policy?: Partial<LifecyclePolicy>; adopted?: ProcessInfo } = {}) {
    const machine = nodeMachine.provide({
      actors: {
        spawnNode: fromPromise<ProcessInfo, SpawnInput>(() =>
          this.settle("spawn", this.behaviour.spawn, () => ({ pid: this.nextPid++, startedAt: this.now() })),
        ),
        waitReady: fromPromise<void, ProcessInput>(({ input }) =>
          this.settle(`ready:${input.pid}`, this.behaviour.ready, () => undefined),
        ),
        waitRejoin: fromPromise<void, ProcessInput>(({ input }) =>
          this.settle(`rejoin:${input.pid}`, this.behaviour.rejoin, () => undefined),
        ),
      },
      actions: {
        emitEvent: (_, params: EmitParams) => {
          this.events.push(params.reason === undefined ? params.event : `${params.event}:${params.reason}`);
        },
        persist: (_, params: PersistParams) => {
          this.states.push(params.state);
        },
        signalTerm: (_, params: SignalParams) => {
          this.signals.push(`TERM:${params.pid}`);
        },
        signalKill: (_, params: SignalParams) => {
          this.signals.push(`KILL:${params.pid}`);
        },
      },
    });
    const input = {
      node,
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.adopted ? { adopted: options.adopted } : {}),
    };
    this.actor = createActor(machine, { input, clock: this.clock });
    this.actor.start();
  }

  /** Current wall-clock time: `EPOCH` plus the simulated clock. */
  now(): number {
    return EPOCH + this.clock.now();
  }

  /** Current top-level state. */
  get state(): string {
    return stateOf(this.actor.getSnapshot());
  }

  /** Sends an event and lets promise actors settle. */
  async send(event: Parameters<Actor<NodeMachine>["send"]>[0]): Promise<void> {
    this.actor.send(event);
    await settled();
  }

  /** The current process exits now. */
  async exit(code: number | null, signal: string | null): Promise<void> {
    await this.send({ type: "PROCESS_EXITED", code, signal, at: this.now() });
  }

  /** Advances the simulated clock and lets promise actors settle. */
  async advance(ms: number): Promise<void> {
    this.clock.increment(ms);
    await settled();
  }

  /** Settles a pending actor call by its key (e.g. `spawn`, `ready:101`). */
  async resolve(key: string, value?: unknown): Promise<void> {
    this.take(key).resolve(value);
    await settled();
  }

  /** Rejects a pending actor call by its key. */
  async reject(key: string, message: string): Promise<void> {
    this.take(key).reject(new Error(message));
    await settled();
  }

  private take(key: string): Pending {
    const call = this.pending.get(key);
    if (call === undefined) throw new Error(`no pending ${key}`);
    this.pending.delete(key);
    return call;
  }

  private settle<T>(key: string, how: FakeBehaviour["spawn"], value: () => T): Promise<T> {
    this.calls.push(key);
    if (how === "resolve") return Promise.resolve(value());
    if (how !== "pending") return Promise.reject(new Error(how.reject));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(key, { resolve: resolve as (v: unknown) => void, reject });
    });
  }
}

/** Lets queued promise callbacks (actor results) run. */
export function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
