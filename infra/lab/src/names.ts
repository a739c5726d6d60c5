import { LabOptionError } from "./errors.js";

/** Every namespace, root-side link and process tag of the lab starts with this. */
export const PREFIX = "zb-";
export const SUBNET = "10.99.0.0/16";
export const HOST_NET = "10.99.0";
export const ROOT_IP = `${HOST_NET}.254`;
export const SWITCH_NS = `${PREFIX}sw`;
export const GEN_NS = `${PREFIX}gen`;
export const ROOT_LINK = `${PREFIX}ctl`;
export const BRIDGE = "br0";
export const ZEEK_PREFIX = "/opt/zeek";
export const SSH_USER = "root";
export const MAX_HOSTS = 200;
/** Environment marker on every long-lived process the lab starts, so `down` finds strays. */
export const TAG_ENV = "ZEEKBUS_LAB";
/** File name of a host's sshd config; `down` finds stray lab sshds by it in their command line. */
export const sshdConfigName = (host: string): string => `${PREFIX}sshd-${host}.conf`;
export const SSHD_CONFIG_RE = new RegExp(`/${PREFIX}sshd-h\\d+\\.conf\\b`);

export const hostName = (i: number): string => `h${i}`;
export const hostNetns = (name: string): string => `${PREFIX}${name}`;
export const hostIp = (i: number): string => `${HOST_NET}.${i}`;
export const monIface = (k: number): string => `mon${k}`;
export const genIface = (host: string, k: number): string => `g-${host}-${k}`;
export const switchPort = (host: string): string => `p-${host}`;

/** Parses "h3" into 3; throws a LabOptionError for anything else. */
export function hostIndex(name: string): number {
  const m = /^h([1-9][0-9]*)$/.exec(name);
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n >= 1 && n <= MAX_HOSTS))
    throw new LabOptionError(`not a lab host name: "${name}" (expected h1..h${MAX_HOSTS})`);
  return n;
}
