/** The agent plane of one host: start, stop, restart, status, unquarantine. */
import { type EndpointDef, endpoint } from "@zeekbus/bus";
import {
  AgentRestart,
  AgentStart,
  AgentStatus,
  AgentStop,
  AgentUnquarantine,
  CommandReply,
  StatusReply,
  type Subjects,
  UnquarantineReply,
} from "@zeekbus/contracts";
import type { HostSupervisor } from "../node/supervisor.js";

/** Endpoints for `<root>.agent.<cluster>.<host>.<verb>`. */
export function agentEndpoints(
  sup: HostSupervisor,
  subjects: Subjects,
  cluster: string,
  host: string,
  agentVersion: string,
): EndpointDef[] {
  const subject = (verb: string) => subjects.agent(cluster, host, verb);
  return [
    endpoint({
      name: "start",
      subject: subject("start"),
      request: AgentStart,
      reply: CommandReply,
      handler: async (data) => ({ results: await sup.start(data.specs, { waitRejoin: data.waitRejoin }) }),
    }),
    endpoint({
      name: "stop",
      subject: subject("stop"),
      request: AgentStop,
      reply: CommandReply,
      handler: async (data) => ({ results: await sup.stop(data.nodes, data.timeoutMs) }),
    }),
    endpoint({
      name: "restart",
      subject: subject("restart"),
      request: AgentRestart,
      reply: CommandReply,
      handler: async (data) => ({ results: await sup.restart(data.nodes) }),
    }),
    endpoint({
      name: "status",
      subject: subject("status"),
      request: AgentStatus,
      reply: StatusReply,
      handler: (data) => ({ host, nodes: sup.status(data.nodes), agentVersion }),
    }),
    endpoint({
      name: "unquarantine",
      subject: subject("unquarantine"),
      request: AgentUnquarantine,
      reply: UnquarantineReply,
      handler: async (data) => ({ node: data.node, state: await sup.unquarantine(data.node) }),
    }),
  ] as EndpointDef[];
}
