/**
 * zeekbus deploying onto lab hosts the way an operator runs it: a nats-server on the lab's root
 * address, the topology and provisioner services of a cluster (in this process), a Zeek
 * installation (zeek-sim) in a local directory for the provisioner to mirror, and hosts that
 * start empty — no Zeek, no agent. Deploys go through the topology `deploy` request, the CLI's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bus, connectBus, type RunningService, request } from "@zeekbus/bus";
import { DeployReply, type DeployReply as Reply, TopologyDeploy } from "@zeekbus/contracts";
import { acquireLabLock, type LabInfo, labDown, labUp } from "@zeekbus/lab";
import { createLogger } from "@zeekbus/log";
import { type NatsServer, startNatsServer } from "@zeekbus/nats-infra";
import { type RunningProvisioner, startProvisioner } from "@zeekbus/provisioner";
import { startTopologyService } from "@zeekbus/topology";
import { installZeekSim } from "@zeekbus/zeek-sim";

/** A lab with zeekbus's services, ready to deploy. */
export interface DeployLab {
  lab: LabInfo;
  nats: NatsServer;
  bus: Bus;
  /** Local Zeek installation the provisioner mirrors. */
  zeekSource: string;
  /** Starts topology + provisioner for `cluster` (known_hosts override for host-key tests). */
  serve(cluster: string, knownHostsPath?: string): Promise<void>;
  /** Sends one deploy of zeekctl etc/ files and site scripts; resolves with the reply. */
  deploy(
    cluster: string,
    files: Record<string, string>,
    site: Record<string, string>,
    extra?: { dryRun?: boolean },
  ): Promise<Reply>;
  teardown(): Promise<void>;
}

let seq = 0;

/** Brings up `hosts` empty lab hosts, nats on the lab's root address and a zeek-sim source dir. */
export async function startDeployLab(hosts: number): Promise<DeployLab> {
  const release = await acquireLabLock();
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-deploy-"));
  const zeekSource = join(dir, "zeek-source");
  const services: (RunningService | RunningProvisioner)[] = [];
  let lab: LabInfo | undefined;
  let nats: NatsServer | undefined;
  let bus: Bus | undefined;
  const teardown = async () => {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    await bus?.close().catch(() => undefined);
    await nats?.stop().catch(() => undefined);
    await labDown(join(dir, "lab")).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    release();
  };
  try {
    lab = await labUp({ hosts, dir: join(dir, "lab") });
    installZeekSim(zeekSource);
    nats = await startNatsServer({ host: lab.rootIp });
    const logger = createLogger({ name: "e2e-deploy", level: process.env.ZEEKBUS_LOG_LEVEL ?? "warn" });
    bus = await connectBus({ servers: nats.url, name: "e2e-deploy", logger });
  } catch (err) {
    await teardown();
    throw err;
  }
  const theLab = lab;
  const theBus = bus;
  const url = nats.url;
  return {
    lab: theLab,
    nats,
    bus: theBus,
    zeekSource,
    async serve(cluster, knownHostsPath) {
      services.push(await startTopologyService(theBus, { cluster }));
      const settings = {
        ZEEKBUS_SSH_USER: theLab.sshUser,
        ZEEKBUS_SSH_KEY: theLab.keyPath,
        ZEEKBUS_KNOWN_HOSTS: knownHostsPath ?? theLab.knownHostsPath,
        ZEEKBUS_SSH_TOFU: false,
        ZEEKBUS_ZEEK_PREFIX: "/opt/zeek",
        ZEEKBUS_ZEEK_SOURCE: zeekSource,
        ZEEKBUS_AGENT_NATS: url,
      };
      services.push(await startProvisioner(theBus, { cluster, settings }));
    },
    deploy(cluster, files, site, extra = {}) {
      seq += 1;
      const data = { source: { format: "zeekctl" as const, files }, site, deployId: `e2e-${seq}`, ...extra };
      return request(
        theBus,
        theBus.subjects.api(cluster, "topology", "deploy"),
        TopologyDeploy,
        cluster,
        data,
        DeployReply,
        {
          timeoutMs: 180_000,
        },
      );
    },
    teardown,
  };
}
