/**
 * One deploy per cluster at a time, across every topology instance: a lease in KV
 * `zeekbus_leases` taken with compare-and-set, renewed while the deploy runs and released at its
 * end. A lease left by an instance that died lapses after {@link LEASE_MS} and may be taken over.
 */
import type { Bus, TypedKv } from "@zeekbus/bus";
import { openKv } from "@zeekbus/bus";
import { ConflictError, DeployLease, deployLeaseKey, LEASES_BUCKET } from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";

/** How long a lease holds without renewal. */
export const LEASE_MS = 60_000;
const RENEW_EVERY_MS = LEASE_MS / 4;

/** The leases of one cluster. */
export class DeployLeases {
  private constructor(
    private readonly kv: TypedKv<typeof DeployLease>,
    private readonly key: string,
    private readonly log: Logger,
  ) {}

  static async open(bus: Bus, cluster: string, replicas = 1): Promise<DeployLeases> {
    const kv = await openKv(bus, LEASES_BUCKET, DeployLease, { replicas, history: 1 });
    return new DeployLeases(kv, deployLeaseKey(cluster), bus.log);
  }

  /** Takes the lease for `deployId` (Conflict naming the running deploy); resolves with its release. */
  async acquire(deployId: string): Promise<() => Promise<void>> {
    const current = await this.kv.get(this.key);
    const held = current?.value;
    if (held?.state === "running" && Date.parse(held.until) > Date.now()) {
      throw new ConflictError(`deploy ${held.deployId} is still running`, [
        `deployId: ${held.deployId} holds the cluster's deploy lease until ${held.until}`,
      ]);
    }
    const lease = (state: DeployLease["state"]) => ({
      deployId,
      state,
      until: new Date(Date.now() + LEASE_MS).toISOString(),
    });
    let revision = current
      ? await this.kv.update(this.key, lease("running"), current.revision)
      : await this.kv.create(this.key, lease("running"));
    const renew = setInterval(() => {
      this.kv.update(this.key, lease("running"), revision).then(
        (next) => {
          revision = next;
        },
        (err: Error) => this.log.warn({ deployId, err: err.message }, "deploy lease not renewed"),
      );
    }, RENEW_EVERY_MS);
    return async () => {
      clearInterval(renew);
      await this.kv
        .update(this.key, lease("done"), revision)
        .catch((err: Error) => this.log.warn({ deployId, err: err.message }, "deploy lease not released"));
    };
  }
}
