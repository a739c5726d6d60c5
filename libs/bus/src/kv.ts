/**
 * KV buckets where every write is compare-and-set. `create` succeeds only for an absent key;
 * `update` only when the key is still at the revision the writer read. A lost race is a
 * Conflict; a leader change is retried for up to 10 s. Reads go through the stream leader
 * (no direct get from replicas), so a read after a write never returns the older value.
 */
import { jetstream } from "@nats-io/jetstream";
import { type KV, type KvEntry, Kvm } from "@nats-io/kv";
import { ConflictError } from "@zeekbus/contracts";
import type { z } from "zod";
import type { Bus } from "./connection.js";
import { type RetryOptions, retryTransient } from "./retry.js";
import { encodeJson, parseWith } from "./wire.js";

/** Options of {@link openKv}. */
export interface KvOptions extends RetryOptions {
  /** Replicas for a new bucket (1 on a single server, 3 on a cluster). */
  replicas?: number;
  /** Values kept per key. */
  history?: number;
  /** Per-try timeout of a write (ms); default 1000. */
  tryTimeoutMs?: number;
}

/** A value with the revision it was read at. */
export interface Revisioned<T> {
  value: T;
  revision: number;
}

const WRONG_LAST_SEQUENCE = 10071;

function isCasFailure(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return e?.code === WRONG_LAST_SEQUENCE || /wrong last sequence|key exists/i.test(e?.message ?? "");
}

/** A typed KV bucket; values are JSON validated against `schema` on read and write. */
export class TypedKv<S extends z.ZodType> {
  constructor(
    readonly kv: KV,
    readonly bucket: string,
    private readonly schema: S,
    private readonly options: KvOptions,
  ) {}

  /** Reads a key; undefined when absent or deleted. */
  async get(key: string): Promise<Revisioned<z.output<S>> | undefined> {
    const entry: KvEntry | null = await retryTransient(
      `read ${this.bucket}/${key}`,
      () => this.kv.get(key),
      this.options,
    );
    if (entry?.operation !== "PUT") return undefined;
    return { value: parseWith(this.schema, entry.json(), `${this.bucket}/${key}`), revision: entry.revision };
  }

  /** Writes a new key; Conflict when it already exists. Returns the new revision. */
  create(key: string, value: z.input<S>): Promise<number> {
    return this.write(key, value, 0);
  }

  /** Replaces a key read at `revision`; Conflict when someone wrote it since. */
  update(key: string, value: z.input<S>, revision: number): Promise<number> {
    return this.write(key, value, revision);
  }

  /** Reads, applies `change`, and writes back with compare-and-set, retrying lost races. */
  async modify(
    key: string,
    change: (current: z.output<S> | undefined) => z.input<S>,
    attempts = 10,
  ): Promise<number> {
    for (let i = 0; ; i++) {
      const current = await this.get(key);
      try {
        return await this.write(key, change(current?.value), current?.revision ?? 0);
      } catch (err) {
        if (!(err instanceof ConflictError) || i + 1 >= attempts) throw err;
      }
    }
  }

  private async write(key: string, value: z.input<S>, previousSeq: number): Promise<number> {
    const body = encodeJson(parseWith(this.schema, value, `${this.bucket}/${key}`));
    const timeout = this.options.tryTimeoutMs ?? 1000;
    try {
      return await retryTransient(
        `write ${this.bucket}/${key}`,
        () => this.kv.put(key, body, { previousSeq, timeout }),
        this.options,
      );
    } catch (err) {
      if (isCasFailure(err)) {
        throw new ConflictError(`${this.bucket}/${key} changed since revision ${previousSeq}`, [
          `${key}: expected revision ${previousSeq}`,
        ]);
      }
      throw err;
    }
  }
}

/** Opens (creating if needed) a bucket of JSON values validated by `schema`. */
export async function openKv<S extends z.ZodType>(
  bus: Bus,
  bucket: string,
  schema: S,
  options: KvOptions = {},
): Promise<TypedKv<S>> {
  const kvm = new Kvm(jetstream(bus.nc, { timeout: options.tryTimeoutMs ?? 1000 }));
  const kv = await retryTransient(
    `open bucket ${bucket}`,
    () =>
      kvm.create(bucket, {
        replicas: options.replicas ?? 1,
        history: options.history ?? 5,
        allow_direct: false,
      }),
    options,
  );
  return new TypedKv(kv, bucket, schema, options);
}
