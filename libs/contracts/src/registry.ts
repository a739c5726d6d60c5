/** Every message definition, for JSON Schema export and documentation. */
import {
  AgentRestart,
  AgentStart,
  AgentStatus,
  AgentStop,
  AgentUnquarantine,
  CommandReply,
  StatusReply,
  UnquarantineReply,
} from "./agent.js";
import type { MessageDef } from "./envelope.js";
import { NodeEvents, NodeTransition } from "./events.js";
import { Heartbeat } from "./heartbeat.js";
import { NodeSpec } from "./node-spec.js";
import { ObservedNode } from "./observed.js";
import {
  CheckReply,
  FactsReply,
  HostFacts,
  InstallReply,
  ProvisionerCheck,
  ProvisionerFacts,
  ProvisionerInstall,
} from "./provisioner.js";
import { BootstrapReply, ProvisionerBootstrap } from "./provisioner-bootstrap.js";
import { CheckEvents, HostEvents } from "./provisioner-events.js";
import { DeployLease, DeployReply, RolloutProgress, TopologyDeploy } from "./rollout.js";
import {
  ApplyReply,
  DesiredState,
  TopologyApplied,
  TopologyApply,
  TopologyGet,
  TopologyPlan,
  TopologyValidate,
  ValidateReply,
} from "./topology.js";
import { RenderReply, TopologyRender } from "./topology-render.js";

/** Every enveloped message type. */
export const MESSAGES: readonly MessageDef[] = [
  AgentStart,
  AgentStop,
  AgentRestart,
  AgentUnquarantine,
  AgentStatus,
  ...Object.values(NodeEvents),
  NodeTransition,
  Heartbeat,
  TopologyGet,
  TopologyValidate,
  TopologyPlan,
  TopologyApply,
  TopologyApplied,
  TopologyRender,
  ProvisionerFacts,
  ProvisionerInstall,
  ProvisionerCheck,
  ProvisionerBootstrap,
  ...Object.values(HostEvents),
  ...Object.values(CheckEvents),
  TopologyDeploy,
  RolloutProgress,
];

/** Payload schemas that travel inside replies or KV values, by name. */
export const PAYLOADS = {
  NodeSpec,
  ObservedNode,
  CommandReply,
  StatusReply,
  UnquarantineReply,
  ValidateReply,
  ApplyReply,
  DesiredState,
  RenderReply,
  HostFacts,
  FactsReply,
  InstallReply,
  CheckReply,
  BootstrapReply,
  DeployReply,
  DeployLease,
} as const;
