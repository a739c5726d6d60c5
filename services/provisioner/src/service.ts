/** The provisioner micro service: `facts`, `install`, `check`, `bootstrap` on `<root>.api.<cluster>.provisioner.<verb>`. */
import {
  type Bus,
  endpoint,
  ensureEventsStream,
  type HandlerContext,
  openKv,
  startService,
} from "@zeekbus/bus";
import {
  BootstrapReply,
  CheckReply,
  FactsReply,
  HOSTS_BUCKET,
  HostFacts,
  InstallReply,
  ProvisionerBootstrap,
  ProvisionerCheck,
  ProvisionerFacts,
  ProvisionerInstall,
} from "@zeekbus/contracts";
import { SUPERVISOR_VERSION } from "@zeekbus/process-supervisor";
import { type AgentBundle, bundleLoader, handleBootstrap } from "./bootstrap/bootstrap.js";
import { handleCheck } from "./check/check.js";
import { PROVISIONER_VERSION, type ProvisionerEnv } from "./config.js";
import { OutcomeEvents } from "./events/publish.js";
import { handleFacts } from "./facts/facts.js";
import { HostAccess } from "./hosts/access.js";
import { handleInstall } from "./install/install.js";

/** Options of {@link startProvisioner}. */
export interface ProvisionerOptions {
  cluster: string;
  settings: ProvisionerEnv;
  /** Replicas of the hosts bucket and the events stream when they are created. */
  replicas?: number;
  /** SSH port of every host (default 22). */
  sshPort?: number;
  /** The provisioner's own NATS URL(s) (ZEEKBUS_NATS): agents' default unless ZEEKBUS_AGENT_NATS is set. */
  natsUrl?: string;
  /** How long a bootstrapped agent has to answer (default 15 s). */
  agentAnswerTimeoutMs?: number;
  /** The host agent bootstrap puts on hosts (default: the bundle built with the process supervisor). */
  agentBundle?: AgentBundle;
}

/** A running provisioner; `stop()` ends serving and closes its SSH connections. */
export interface RunningProvisioner {
  readonly id: string;
  stop(): Promise<void>;
}

/** Opens the hosts bucket and starts serving. */
export async function startProvisioner(bus: Bus, options: ProvisionerOptions): Promise<RunningProvisioner> {
  const { cluster, settings } = options;
  const log = bus.log.child({ service: "provisioner" });
  const access = new HostAccess({
    user: settings.ZEEKBUS_SSH_USER,
    keyPath: settings.ZEEKBUS_SSH_KEY,
    knownHostsPath: settings.ZEEKBUS_KNOWN_HOSTS,
    trustOnFirstUse: settings.ZEEKBUS_SSH_TOFU,
    logger: log,
    ...(options.sshPort ? { port: options.sshPort } : {}),
  });
  const prefix = settings.ZEEKBUS_ZEEK_PREFIX;
  const source = settings.ZEEKBUS_ZEEK_SOURCE ?? prefix;
  const agentNats = settings.ZEEKBUS_AGENT_NATS ?? options.natsUrl ?? `nats://${bus.nc.getServer()}`;
  const bundle = options.agentBundle ?? bundleLoader(SUPERVISOR_VERSION);
  const hosts = await openKv(bus, HOSTS_BUCKET, HostFacts, { replicas: options.replicas ?? 1 });
  await ensureEventsStream(bus, { replicas: options.replicas ?? 1 });
  /** The outcome events of one request (ids derived from its envelope id). */
  const events = (ctx: HandlerContext) => new OutcomeEvents(bus, log, ctx.cluster, ctx.reqId);
  const subject = (verb: string) => bus.subjects.api(cluster, "provisioner", verb);
  const svc = await startService(bus, {
    name: "provisioner",
    version: PROVISIONER_VERSION,
    description:
      "Host facts, install of Zeek and policy files, zeek parse-only checks and agent bootstrap over SSH",
    metadata: { cluster },
    endpoints: [
      endpoint({
        name: "facts",
        subject: subject("facts"),
        request: ProvisionerFacts,
        reply: FactsReply,
        handler: (data, ctx) =>
          handleFacts({ bus, access, hosts, prefix, log }, events(ctx), ctx.cluster, data.hosts),
      }),
      endpoint({
        name: "install",
        subject: subject("install"),
        request: ProvisionerInstall,
        reply: InstallReply,
        handler: (data, ctx) => handleInstall({ access, prefix, source, log }, events(ctx), data.hosts),
      }),
      endpoint({
        name: "check",
        subject: subject("check"),
        request: ProvisionerCheck,
        reply: CheckReply,
        handler: (data, ctx) =>
          handleCheck({ access, prefix, log }, events(ctx), data.nodes, data.only, data.stage),
      }),
      endpoint({
        name: "bootstrap",
        subject: subject("bootstrap"),
        request: ProvisionerBootstrap,
        reply: BootstrapReply,
        handler: (data, ctx) =>
          handleBootstrap(
            {
              bus,
              access,
              prefix,
              agentNats,
              bundle,
              log,
              ...(options.agentAnswerTimeoutMs ? { answerTimeoutMs: options.agentAnswerTimeoutMs } : {}),
            },
            events(ctx),
            ctx.cluster,
            data.hosts,
            data.nats,
          ),
      }),
    ],
  });
  return {
    id: svc.id,
    async stop() {
      await svc.stop();
      await access.close();
    },
  };
}
