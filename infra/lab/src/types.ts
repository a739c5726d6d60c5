export interface CaptureLink {
  /** Interface name inside the host, e.g. "mon0". */
  iface: string;
  /** Its peer in the generator namespace; tcpreplay writes here. */
  generatorIface: string;
  queues: number;
}

export interface LabHost {
  name: string;
  netns: string;
  ip: string;
  sshPort: number;
  sshUser: string;
  keyPath: string;
  knownHostsPath: string;
  /** The Zeek prefix as seen on the host. */
  prefix: string;
  /** The root-namespace directory bind-mounted on `prefix` inside the host. */
  privateDir: string;
  capture: CaptureLink[];
  /** A process living in the host's net, UTS and mount namespaces (target for nsenter). */
  nsPid: number;
  sshdPid: number;
  generatorNetns: string;
}

export interface LabInfo {
  version: 1;
  dir: string;
  createdAt: string;
  subnet: string;
  rootIp: string;
  switchNetns: string;
  generatorNetns: string;
  sshUser: string;
  keyPath: string;
  knownHostsPath: string;
  captureQueues: number;
  captureIfaces: number;
  hosts: LabHost[];
}

export interface LabUpOptions {
  hosts: number;
  /** Queues per capture veth (default 2). */
  captureQueues?: number;
  /** Capture interfaces per host (default 1). */
  captureIfaces?: number;
  /** Lab directory (default: `.lab` in the repository root). */
  dir?: string;
}
