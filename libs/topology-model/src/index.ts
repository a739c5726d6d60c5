export { isIPv4, isIPv6, resolveAddress, zeekAddr } from "./addresses.js";
export { backendScript, zeekArgv } from "./argv.js";
export { cycleCpus, expandDecls, sortNodes } from "./expand.js";
export { assignFanout, DEFAULT_FANOUT_ID, DEFAULT_FANOUT_MODE } from "./fanout.js";
export { HASH_SPACE, movedHashes, slotsAfter } from "./fanout-share.js";
export { buildNodeSpec, startCommandLine, zeekPath } from "./node-spec.js";
export { describeNode, renderNodesText } from "./nodes-text.js";
export type { FanoutChange, FileChange, NodeChange, Plan } from "./plan.js";
export { plan } from "./plan.js";
export { applyPlugins } from "./plugins.js";
export { assignPorts, layoutOrder, usesZeroMq } from "./ports.js";
export { renderZeekctlConfig } from "./render-config.js";
export { renderClusterLayout, renderStandaloneLayout } from "./render-layout.js";
export { renderLocalNetworks } from "./render-networks.js";
export {
  isAlive,
  planRollout,
  type RolloutCommand,
  type RolloutInput,
  type RolloutPhase,
} from "./rollout/rollout.js";
export { shellValue, shellWords } from "./shell.js";
export { buildTopology } from "./topology.js";
export type {
  ExpandedNode,
  FanoutAssignment,
  FanoutGroup,
  SharedPorts,
  Topology,
  TopologyInputs,
} from "./types.js";
export { DEFAULT_ZEEK_VERSION } from "./types.js";
