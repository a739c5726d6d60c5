import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createCaptureLinks } from "./capture/links.js";
import { teardown } from "./down.js";
import { LabOptionError, PreconditionError } from "./errors.js";
import { labHealth } from "./health.js";
import { configureHostNamespaces, startHolder } from "./host/holder.js";
import { ensureClientKey, ensureHostKey, writeKnownHosts } from "./host/keys.js";
import { sshdPaths, startSshd } from "./host/sshd.js";
import {
  GEN_NS,
  hostIp,
  hostName,
  hostNetns,
  MAX_HOSTS,
  ROOT_IP,
  SSH_USER,
  SUBNET,
  SWITCH_NS,
  ZEEK_PREFIX,
} from "./names.js";
import { addGuardRoute } from "./net/guard.js";
import { createHostNet, createSwitchAndGenerator } from "./net/switch.js";
import { defaultLabDir, emptyFile, hostZeekDir, knownHosts } from "./paths.js";
import { tryReadLab, writeLab } from "./state.js";
import type { LabHost, LabInfo, LabUpOptions } from "./types.js";

function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LabOptionError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
  return value;
}

async function startHost(
  dir: string,
  i: number,
  lab: Pick<LabInfo, "keyPath" | "captureIfaces" | "captureQueues">,
) {
  const name = hostName(i);
  const ns = hostNetns(name);
  const ip = hostIp(i);
  await createHostNet(name, ns, ip);
  const capture = await createCaptureLinks(name, ns, lab.captureIfaces, lab.captureQueues);
  const privateDir = hostZeekDir(dir, name);
  rmSync(privateDir, { recursive: true, force: true });
  const nsPid = await startHolder(name, ns);
  await configureHostNamespaces(name, nsPid, privateDir, emptyFile(dir));
  const sshdPid = await startSshd(dir, name, ip, nsPid);
  const host: LabHost = {
    name,
    netns: ns,
    ip,
    sshPort: 22,
    sshUser: SSH_USER,
    keyPath: lab.keyPath,
    knownHostsPath: knownHosts(dir),
    prefix: ZEEK_PREFIX,
    privateDir,
    capture,
    nsPid,
    sshdPid,
    generatorNetns: GEN_NS,
  };
  return host;
}

/**
 * Brings up a lab of `hosts` fake hosts. Idempotent: a healthy lab with the same shape in the
 * same directory is returned as is; anything else (also leftovers of a crash) is torn down first.
 */
export async function labUp(opts: LabUpOptions): Promise<LabInfo> {
  if (process.getuid?.() !== 0)
    throw new PreconditionError("the lab needs root (network namespaces, mounts)");
  const hosts = checkInt("hosts", opts.hosts, 1, MAX_HOSTS);
  const captureQueues = checkInt("capture queues", opts.captureQueues ?? 2, 1, 64);
  const captureIfaces = checkInt("capture interfaces", opts.captureIfaces ?? 1, 1, 16);
  const dir = resolve(opts.dir ?? defaultLabDir());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await addGuardRoute();
  const existing = tryReadLab(dir);
  if (
    existing?.hosts.length === hosts &&
    existing.captureQueues === captureQueues &&
    existing.captureIfaces === captureIfaces &&
    (await labHealth(existing)).every((h) => h.ok)
  ) {
    return existing;
  }
  await teardown(dir, true);
  try {
    mkdirSync("/run/sshd", { recursive: true });
    writeFileSync(emptyFile(dir), "");
    const indices = Array.from({ length: hosts }, (_, k) => k + 1);
    const [keyPath, hostKeys] = await Promise.all([
      ensureClientKey(dir),
      Promise.all(indices.map((i) => ensureHostKey(sshdPaths(dir, hostName(i)).hostKey, hostName(i)))),
      createSwitchAndGenerator(),
    ]);
    const knownHostsPath = writeKnownHosts(
      dir,
      indices.map((i, k) => ({ ip: hostIp(i), publicKey: hostKeys[k] ?? "" })),
    );
    const shape = { keyPath, captureIfaces, captureQueues };
    const info: LabInfo = {
      version: 1,
      dir,
      createdAt: new Date().toISOString(),
      subnet: SUBNET,
      rootIp: ROOT_IP,
      switchNetns: SWITCH_NS,
      generatorNetns: GEN_NS,
      sshUser: SSH_USER,
      keyPath,
      knownHostsPath,
      captureQueues,
      captureIfaces,
      hosts: await Promise.all(indices.map((i) => startHost(dir, i, shape))),
    };
    writeLab(info);
    return info;
  } catch (err) {
    await teardown(dir);
    throw err;
  }
}
