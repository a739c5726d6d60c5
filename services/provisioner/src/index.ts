export { agentEnv, agentPaths, LAUNCH_SCRIPT, launchArgv } from "./bootstrap/launch.js";
export { type AgentProbe, probeAgent } from "./bootstrap/probe.js";
export { checkArgv, checkEnv, selectNodes } from "./check/argv.js";
export { stagedDirs, stagedEnv, stageZeekPath } from "./check/stage.js";
export { PROVISIONER_VERSION, ProvisionerEnv, readProvisionerEnv } from "./config.js";
export { parseCpuCount, parseDfAvail, parseInterfaces } from "./facts/parse.js";
export {
  parseZeekVersion,
  readZeekVersion,
  ZEEK_VERSION_SCRIPT,
  type ZeekVersionRead,
  zeekVersionOf,
} from "./facts/zeek-version.js";
export { addressOf, HostAccess, LOCAL_ADDRESSES } from "./hosts/access.js";
export { installedScriptsDir, policyDirs } from "./install/layout.js";
export { manifestMatches, manifestText } from "./install/manifest.js";
export { mirrorNeeded, mirrorWanted } from "./install/mirror.js";
export { MIRRORED_DIRS, mirroredMode, ZeekSource } from "./install/zeek-source.js";
export { type ProvisionerOptions, type RunningProvisioner, startProvisioner } from "./service.js";
