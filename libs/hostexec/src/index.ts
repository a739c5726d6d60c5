export { buildCommandLine, type CommandSpec, commandEnv, describeArgv, quoteArgs } from "./command.js";
export { HostKeyError, type HostKeyProblem } from "./errors.js";
export { LocalExec } from "./local/local-exec.js";
export { connectFailure, type SshTarget } from "./ssh/connect.js";
export {
  blobKeyType,
  checkHostKey,
  entryMatches,
  fingerprint,
  type HostKeyCheck,
  type KnownHostEntry,
  knownHostsLine,
  knownHostsName,
  parseKnownHosts,
} from "./ssh/known-hosts.js";
export { POOL_DEFAULTS, SshPool, type SshPoolOptions } from "./ssh/pool.js";
export { SshExec } from "./ssh/ssh-exec.js";
export { planSwap, SWAP_SCRIPT, type SwapPlan } from "./swap-plan.js";
export {
  DEFAULT_PATH,
  type DirFiles,
  type HostExec,
  type RunOptions,
  type RunResult,
  type SwapDirOptions,
  type WriteFileOptions,
} from "./types.js";
export {
  ENV_NAME,
  MAX_ARG_BYTES,
  MAX_ARGS,
  MAX_PATH_BYTES,
  validateAbsPath,
  validateArgv,
  validateEnv,
  validateRelPath,
} from "./validate.js";
