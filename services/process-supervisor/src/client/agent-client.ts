/**
 * Typed calls to one host's process supervisor on the agent plane. The CLI, tests and (later)
 * the rollout use this instead of wiring subjects, messages and reply schemas themselves.
 */
import { type Bus, request } from "@zeekbus/bus";
import {
  AgentRestart,
  AgentStart,
  AgentStatus,
  AgentStop,
  AgentUnquarantine,
  CommandReply,
  type NodeSpec,
  StatusReply,
  UnquarantineReply,
} from "@zeekbus/contracts";

/** Long enough for a tier to become ready; the supervisor bounds its own waits. */
export const AGENT_COMMAND_TIMEOUT_MS = 120_000;
/** Status is answered from memory. */
export const AGENT_STATUS_TIMEOUT_MS = 5000;

/** The supervisor of `host` in `cluster`. */
export class AgentClient {
  constructor(
    private readonly bus: Bus,
    readonly cluster: string,
    readonly host: string,
    private readonly commandTimeoutMs = AGENT_COMMAND_TIMEOUT_MS,
  ) {}

  private subject(verb: string): string {
    return this.bus.subjects.agent(this.cluster, this.host, verb);
  }

  /**
   * Starts the specs. `waitRejoin`: workers answer only once they receive packets (or their link
   * is quiet); `revision`: the desired revision the specs come from.
   */
  start(specs: NodeSpec[], options: { waitRejoin?: boolean; revision?: number } = {}): Promise<CommandReply> {
    const data = {
      specs,
      ...(options.waitRejoin !== undefined ? { waitRejoin: options.waitRejoin } : {}),
      ...(options.revision !== undefined ? { revision: options.revision } : {}),
    };
    return request(this.bus, this.subject("start"), AgentStart, this.cluster, data, CommandReply, {
      timeoutMs: this.commandTimeoutMs,
    });
  }

  stop(nodes: string[] = [], timeoutMs?: number): Promise<CommandReply> {
    const data = { nodes, ...(timeoutMs ? { timeoutMs } : {}) };
    return request(this.bus, this.subject("stop"), AgentStop, this.cluster, data, CommandReply, {
      timeoutMs: this.commandTimeoutMs,
    });
  }

  restart(nodes: string[] = []): Promise<CommandReply> {
    return request(this.bus, this.subject("restart"), AgentRestart, this.cluster, { nodes }, CommandReply, {
      timeoutMs: this.commandTimeoutMs,
    });
  }

  status(nodes: string[] = [], timeoutMs = AGENT_STATUS_TIMEOUT_MS): Promise<StatusReply> {
    return request(this.bus, this.subject("status"), AgentStatus, this.cluster, { nodes }, StatusReply, {
      timeoutMs,
    });
  }

  unquarantine(node: string): Promise<UnquarantineReply> {
    return request(
      this.bus,
      this.subject("unquarantine"),
      AgentUnquarantine,
      this.cluster,
      { node },
      UnquarantineReply,
      { timeoutMs: this.commandTimeoutMs },
    );
  }
}
