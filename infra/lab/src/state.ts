import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { LabNotUpError, UnknownHostError } from "./errors.js";
import { labFile } from "./paths.js";
import type { LabHost, LabInfo } from "./types.js";

/** Reads DIR/lab.json; throws LabNotUpError when the lab is not up in DIR. */
export function readLab(dir: string): LabInfo {
  const file = labFile(resolve(dir));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new LabNotUpError(`no lab is up in ${resolve(dir)} (missing ${file}); run \`zeekbus-lab up\``);
  }
  let info: LabInfo | undefined;
  try {
    info = JSON.parse(text) as LabInfo;
  } catch {
    info = undefined;
  }
  if (info?.version !== 1 || !Array.isArray(info.hosts)) {
    throw new LabNotUpError(`unrecognised lab state in ${file}`);
  }
  return info;
}

export function tryReadLab(dir: string): LabInfo | undefined {
  try {
    return readLab(dir);
  } catch {
    return undefined;
  }
}

export function writeLab(info: LabInfo): void {
  const file = labFile(info.dir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function removeLabFile(dir: string): void {
  rmSync(labFile(resolve(dir)), { force: true });
}

export function findHost(lab: LabInfo, name: string): LabHost {
  const host = lab.hosts.find((h) => h.name === name);
  if (!host) {
    const known = lab.hosts.map((h) => h.name).join(", ");
    throw new UnknownHostError(`lab in ${lab.dir} has no host "${name}" (hosts: ${known})`);
  }
  return host;
}
