/**
 * The one error of this package outside the closed set's plain classes. Host key refusals are
 * `ValidationError`s (code `ValidationError`, not retryable): repeating the request cannot help,
 * an operator has to look at the key and update the known_hosts file.
 */
import { ValidationError } from "@zeekbus/contracts";

/** Why a host key was refused. */
export type HostKeyProblem = "unknown" | "changed" | "revoked";

/** A host presented a key that is not pinned (or a different or revoked one); nothing was executed. */
export class HostKeyError extends ValidationError {
  constructor(
    readonly host: string,
    readonly problem: HostKeyProblem,
    readonly fingerprint: string,
    readonly knownHostsPath: string,
    expected: string[] = [],
  ) {
    super(
      hostKeyMessage(host, problem, fingerprint, knownHostsPath),
      expected.map((f) => `expected: ${f}`),
    );
    this.name = "HostKeyError";
  }
}

function hostKeyMessage(host: string, problem: HostKeyProblem, fp: string, file: string): string {
  if (problem === "unknown")
    return `Host key for ${host} is not known (${fp}); not in ${file} and trust-on-first-use is off`;
  if (problem === "revoked") return `Host key for ${host} is revoked (${fp}) in ${file}`;
  return `Host key for ${host} has changed (${fp}), it does not match ${file}; refusing to connect`;
}
