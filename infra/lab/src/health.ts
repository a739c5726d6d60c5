import { isAlive, netnsFileInode, nsInode } from "./host/procs.js";
import type { LabInfo } from "./types.js";

export interface HostHealth {
  name: string;
  ok: boolean;
  problems: string[];
}

/** Checks each host: namespace present, holder alive inside it, sshd alive. */
export async function labHealth(lab: LabInfo): Promise<HostHealth[]> {
  return lab.hosts.map((h) => {
    const problems: string[] = [];
    const nsInodeValue = netnsFileInode(h.netns);
    if (!nsInodeValue) problems.push(`namespace ${h.netns} missing`);
    if (!isAlive(h.nsPid) || nsInode(h.nsPid, "net") !== nsInodeValue) {
      problems.push(`namespace holder pid ${h.nsPid} gone`);
    }
    if (!isAlive(h.sshdPid)) problems.push(`sshd pid ${h.sshdPid} gone`);
    return { name: h.name, ok: problems.length === 0, problems };
  });
}
