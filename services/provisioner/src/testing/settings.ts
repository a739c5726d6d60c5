/**
 * Provisioner settings for tests on this machine: no usable SSH key or known_hosts (under `dir`,
 * never created) and no trust on first use, so only `localhost` (run without SSH) is reachable.
 */
import { join } from "node:path";

export function localOnlySettings(dir: string, zeekPrefix: string = dir) {
  return {
    ZEEKBUS_SSH_USER: "nobody",
    ZEEKBUS_SSH_KEY: join(dir, "no-key"),
    ZEEKBUS_KNOWN_HOSTS: join(dir, "no-known-hosts"),
    ZEEKBUS_SSH_TOFU: false,
    ZEEKBUS_ZEEK_PREFIX: zeekPrefix,
  };
}
