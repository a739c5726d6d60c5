/**
 * All nodes of one host: creates a runner per node, starts them tier by tier (each tier gated
 * on its nodes settling), stops them in reverse order, and adopts the processes it finds
 * still running after its own restart.
 */
import type { NodeOutcome, NodeSpec, NodeState, NodeStatus } from "@zeekbus/contracts";
import { MAX_TIMER_MS, NotFoundError, ValidationError } from "@zeekbus/contracts";
import type { LifecyclePolicy } from "@zeekbus/lifecycle";
import { isSameProcess, type ProcIdentity } from "../process/proc.js";
import type { LocalStore } from "../state/local-store.js";
import { tiers } from "./order.js";
import { NodeRunner, type RunnerSinks } from "./runner.js";
import { startOutcome } from "./start-outcome.js";

/** Settings of a host supervisor. */
export interface HostSupervisorOptions {
  host: string;
  policy: Partial<LifecyclePolicy>;
  readyTimeoutMs: number;
  rejoinTimeoutMs: number;
  store: LocalStore;
  sinks: RunnerSinks;
}

const SETTLED_AFTER_START: NodeState[] = ["running", "failed", "quarantined", "stopped"];
/** How long a stop waits for `stopped` beyond its timeout. */
const STOP_GRACE_MS = 10_000;
/**
 * The longest stop timeout a timer can hold: Node runs a longer `setTimeout` after 1 ms, which
 * would SIGKILL at once. The agent contract allows an hour; this guards every other caller.
 */
const MAX_STOP_WAIT_MS = MAX_TIMER_MS - STOP_GRACE_MS;
const WITHOUT_PROCESS: NodeState[] = ["declared", "installed", "stopped", "failed"];

export class HostSupervisor {
  readonly runners = new Map<string, NodeRunner>();
  private readonly expect = new Map<string, boolean>();

  constructor(private readonly options: HostSupervisorOptions) {}

  /** Adopts recorded processes that are still the same process; starts expected ones that died. */
  adoptRecorded(): { adopted: string[]; restarted: string[]; problems: string[] } {
    const { records, problems } = this.options.store.loadAll();
    const adopted: string[] = [];
    const restarted: string[] = [];
    for (const rec of records) {
      const proc = rec.process && { ...rec.process, args: rec.process.args ?? rec.spec.argv };
      this.expect.set(rec.spec.name, rec.expectRunning);
      if (proc && isSameProcess(proc)) {
        const { pid, startTicks, cmdline, args } = proc;
        const identity = { pid, startTicks, cmdline, args };
        this.runners.set(rec.spec.name, this.newRunner(rec.spec, { identity, startedAt: proc.startedAt }));
        adopted.push(rec.spec.name);
      } else if (rec.expectRunning) {
        this.runners.set(rec.spec.name, this.newRunner(rec.spec));
        this.runners.get(rec.spec.name)?.actor.send({ type: "START" });
        restarted.push(rec.spec.name);
      } else {
        this.runners.set(rec.spec.name, this.newRunner(rec.spec));
      }
    }
    return { adopted, restarted, problems };
  }

  private newRunner(spec: NodeSpec, adopted?: { identity: ProcIdentity; startedAt: number }): NodeRunner {
    const { sinks } = this.options;
    return new NodeRunner(spec, {
      host: this.options.host,
      policy: this.options.policy,
      readyTimeoutMs: this.options.readyTimeoutMs,
      rejoinTimeoutMs: this.options.rejoinTimeoutMs,
      ...(adopted ? { adopted } : {}),
      sinks: {
        ...sinks,
        persist: (observed, proc) => {
          this.options.store.save({
            spec: this.runners.get(spec.name)?.spec ?? spec,
            expectRunning: this.expect.get(spec.name) ?? false,
            ...(proc ? { process: { ...proc.identity, startedAt: proc.startedAt } } : {}),
          });
          sinks.persist(observed, proc);
        },
      },
    });
  }

  /** Starts the specs tier by tier; a running node with the same spec is left alone. */
  async start(specs: NodeSpec[], options: { waitRejoin?: boolean } = {}): Promise<NodeOutcome[]> {
    for (const spec of specs) {
      if (spec.host !== this.options.host) {
        throw new ValidationError(
          `node ${spec.name} belongs to host ${spec.host}, not ${this.options.host}`,
          [`specs.${spec.name}.host: expected ${this.options.host}`],
        );
      }
    }
    const outcomes: NodeOutcome[] = [];
    for (const tier of tiers(specs, (s) => s.type)) {
      outcomes.push(
        ...(await Promise.all(tier.map((spec) => this.startOne(spec, options.waitRejoin ?? false)))),
      );
    }
    return outcomes;
  }

  private async startOne(spec: NodeSpec, waitRejoin: boolean): Promise<NodeOutcome> {
    this.expect.set(spec.name, true);
    let runner = this.runners.get(spec.name);
    if (runner && !WITHOUT_PROCESS.includes(runner.state) && runner.state !== "quarantined") {
      return {
        node: spec.name,
        outcome: "already_running",
        ...(runner.status().pid ? { pid: runner.status().pid } : {}),
      };
    }
    if (runner) runner.updateSpec(spec);
    else {
      runner = this.newRunner(spec);
      this.runners.set(spec.name, runner);
    }
    runner.crashReport = undefined;
    runner.actor.send({ type: "START" });
    const state = await runner
      .waitFor((s) => SETTLED_AFTER_START.includes(s), this.options.readyTimeoutMs + 5000)
      .catch(() => runner.state);
    return startOutcome(runner, state, waitRejoin);
  }

  private select(names: string[]): NodeRunner[] {
    if (names.length === 0) return [...this.runners.values()];
    return names.map((n) => {
      const r = this.runners.get(n);
      if (!r)
        throw new NotFoundError(`no node ${n} on host ${this.options.host}`, [`nodes: unknown node ${n}`]);
      return r;
    });
  }

  /** Stops nodes in reverse tier order: SIGTERM, wait, SIGKILL after the timeout. */
  async stop(names: string[], timeoutMs?: number): Promise<NodeOutcome[]> {
    const outcomes: NodeOutcome[] = [];
    for (const tier of tiers(this.select(names), (r) => r.spec.type).reverse()) {
      outcomes.push(...(await Promise.all(tier.map((r) => this.stopOne(r, timeoutMs)))));
    }
    return outcomes;
  }

  private async stopOne(runner: NodeRunner, timeoutMs?: number): Promise<NodeOutcome> {
    const name = runner.spec.name;
    this.expect.set(name, false);
    if (WITHOUT_PROCESS.includes(runner.state)) {
      runner.refresh();
      return { node: name, outcome: "not_running" };
    }
    runner.actor.send({ type: "STOP" });
    const policyTimeout = runner.actor.getSnapshot().context.policy.stopTimeoutMs;
    const wait = Math.min(timeoutMs ?? policyTimeout, MAX_STOP_WAIT_MS);
    const kill =
      timeoutMs === undefined ? undefined : setTimeout(() => runner.effects.signal("SIGKILL"), wait);
    const state = await runner
      .waitFor((s) => s === "stopped", wait + STOP_GRACE_MS)
      .catch(() => runner.state);
    clearTimeout(kill);
    if (state !== "stopped") return { node: name, outcome: "stop_failed", error: `node is ${state}` };
    const reason = runner.actor.getSnapshot().context.stopReason;
    return {
      node: name,
      outcome: reason === "crashed during shutdown" ? "crashed_during_shutdown" : "stopped",
    };
  }

  /** Stops, then starts the named nodes with their current specs. */
  async restart(names: string[]): Promise<NodeOutcome[]> {
    const runners = this.select(names);
    await this.stop(runners.map((r) => r.spec.name));
    const started = await this.start(runners.map((r) => r.spec));
    return started.map((o) => ({ ...o, outcome: o.outcome === "started" ? "restarted" : "restart_failed" }));
  }

  /** Lets a quarantined node start again. */
  async unquarantine(name: string): Promise<NodeState> {
    const [runner] = this.select([name]);
    if (runner!.state !== "quarantined") {
      throw new ValidationError(`node ${name} is not quarantined (it is ${runner!.state})`, [
        `node: ${name} is ${runner!.state}`,
      ]);
    }
    this.expect.set(name, true);
    runner!.actor.send({ type: "UNQUARANTINE" });
    return runner!
      .waitFor((s) => SETTLED_AFTER_START.includes(s), this.options.readyTimeoutMs + 5000)
      .catch(() => runner!.state);
  }

  status(names: string[] = []): NodeStatus[] {
    return this.select(names).map((r) => r.status());
  }

  /** Samples memory of every process (peak RSS for crash reports). */
  sample(): void {
    for (const r of this.runners.values()) r.effects.sampleMemory();
  }

  /** Stops supervising; every zeek process keeps running. */
  detach(): void {
    for (const r of this.runners.values()) r.detach();
  }
}
