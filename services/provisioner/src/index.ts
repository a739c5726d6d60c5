export { checkArgv, checkEnv, selectNodes } from "./check/argv.js";
export { PROVISIONER_VERSION, ProvisionerEnv, readProvisionerEnv } from "./config.js";
export { parseCpuCount, parseDfAvail, parseInterfaces, parseZeekVersion } from "./facts/parse.js";
export { addressOf, HostAccess, LOCAL_ADDRESSES } from "./hosts/access.js";
export { installedScriptsDir, policyDirs } from "./install/layout.js";
export { manifestMatches, manifestText } from "./install/manifest.js";
export { type ProvisionerOptions, type RunningProvisioner, startProvisioner } from "./service.js";
