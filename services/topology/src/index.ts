export { readTopologySettings, serviceVersion, TopologySettings } from "./config.js";
export type { TopologyDeps } from "./deps.js";
export { type Planned, planAgainst } from "./plan/plan.js";
export { toWirePlan } from "./plan/to-wire.js";
export { startTopologyService, type TopologyServiceOptions } from "./service.js";
export { type CurveKeys, newCurveKeys, newHashSeed, z85Encode } from "./state/secrets.js";
export { DesiredStore } from "./state/store.js";
export {
  type BuildResult,
  buildFromSource,
  formatWire,
  type KeptInputs,
  keptInputs,
  stateOf,
  topologyOfState,
  toWireProblem,
} from "./validate/build.js";
export {
  isLiteralHost,
  type Lookup,
  lookupFailedMessage,
  resolveHosts,
  systemLookup,
} from "./validate/resolve.js";
export { parseSource, ZEEKCTL_FILES } from "./validate/source.js";
