/**
 * The desired bucket as topology uses it: one key per cluster (`<cluster>.spec`) whose KV revision
 * is the desired revision. Values are stored with `revision: 0`; reads fill in the KV revision.
 * Writes are compare-and-set on the revision the caller read: a lost race is a Conflict.
 */
import type { Bus, TypedKv } from "@zeekbus/bus";
import { openKv } from "@zeekbus/bus";
import { DESIRED_BUCKET, DesiredState, desiredKey } from "@zeekbus/contracts";

/** Reads and writes one cluster's desired state. */
export class DesiredStore {
  private constructor(
    private readonly kv: TypedKv<typeof DesiredState>,
    private readonly key: string,
  ) {}

  /** Opens (creating if needed) the desired bucket for `cluster`. */
  static async open(bus: Bus, cluster: string, replicas = 1): Promise<DesiredStore> {
    const kv = await openKv(bus, DESIRED_BUCKET, DesiredState, { replicas, history: 10 });
    return new DesiredStore(kv, desiredKey(cluster));
  }

  /** The current revision, or undefined when nothing was applied yet. */
  async current(): Promise<DesiredState | undefined> {
    const entry = await this.kv.get(this.key);
    return entry ? { ...entry.value, revision: entry.revision } : undefined;
  }

  /** Stores `state` as the successor of `baseRevision` (0 = first); returns the new revision. */
  write(state: DesiredState, baseRevision: number): Promise<number> {
    const value = { ...state, revision: 0 };
    return baseRevision === 0
      ? this.kv.create(this.key, value)
      : this.kv.update(this.key, value, baseRevision);
  }
}
