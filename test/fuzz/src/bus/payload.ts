/**
 * Hostile payloads: the base request in its envelope with 1–3 mutations (mutate.ts), or a body
 * that is not JSON. Each carries the contracts' own verdict on it (`contractValid`), so a report
 * can tell an edge that let an invalid payload through from a contract that allows a value. A
 * payload the contract accepts is sent only when `harmless` says the request it makes is harmless.
 */
import type { MessageDef } from "@zeekbus/contracts";
import type { Rng } from "../rng.js";
import { RAW_BODIES } from "./hostile.js";
import { type Json, MUTATORS, NAMES, render, renderUpTo, restore, VALUE_ONLY } from "./mutate.js";

/** One payload ready to send; `withheld` when every try made a valid request that would act. */
export interface Payload {
  body: string;
  /** Mutation names with the path each hit (`huge-number@data.timeoutMs`). */
  mutations: string[];
  /** Whether the request message's envelope schema accepts the body. */
  contractValid: boolean;
  withheld?: boolean;
}

/** Says whether a request the contract accepts is harmless to run (its data as parsed). */
export type Harmless = (data: unknown) => boolean;

function parsed(def: MessageDef, body: string): { ok: boolean; data?: unknown } {
  try {
    const r = def.envelope.safeParse(JSON.parse(body));
    return r.success ? { ok: true, data: r.data.data } : { ok: false };
  } catch {
    return { ok: false };
  }
}

function contractAccepts(def: MessageDef, body: string): boolean {
  return parsed(def, body).ok;
}

function rawBody(env: Record<string, Json>, rng: Rng): { body: string; what: string } {
  const text = JSON.stringify(env);
  switch (rng.int(4)) {
    case 0:
      return { body: text.slice(0, rng.int(text.length)), what: "truncated" };
    case 1: {
      const at = rng.int(text.length);
      return {
        body: text.slice(0, at) + rng.pick(["\u0000", "\\", '"', "{", "]", "\uFFFF"]) + text.slice(at + 1),
        what: "byte",
      };
    }
    case 2:
      return { body: JSON.stringify([env]), what: "array-body" };
    default: {
      const body = rng.pick(RAW_BODIES);
      return { body, what: JSON.stringify(body) };
    }
  }
}

/** One try at a hostile payload for `def` from `data` in an envelope of `cluster`. */
function tryPayload(
  def: MessageDef,
  cluster: string,
  data: Json,
  rng: Rng,
  maxBytes: number,
  id: string,
): Payload {
  const env: Record<string, Json> = {
    type: def.type,
    id,
    ts: new Date().toISOString(),
    cluster,
    data: structuredClone(data),
  };
  for (let tries = 0; rng.chance(0.08) && tries < 5; tries++) {
    const raw = rawBody(env, rng);
    if (!contractAccepts(def, raw.body)) {
      return { body: raw.body, mutations: [`invalid-json:${raw.what}`], contractValid: false };
    }
  }
  const raws: string[] = [];
  const mutations: string[] = [];
  const steps = 1 + (rng.chance(0.3) ? rng.int(3) : 0);
  for (let tries = 0; mutations.length < steps && tries < 20; tries++) {
    const name = rng.pick(NAMES);
    const before = structuredClone(env);
    const done = MUTATORS[name]!(env, rng, raws, maxBytes);
    if (!done) continue;
    const text = renderUpTo(env, raws, maxBytes);
    if (text === undefined || (!VALUE_ONLY.has(name) && contractAccepts(def, text))) {
      restore(env, before);
      continue;
    }
    mutations.push(done);
  }
  const body = render(env, raws);
  return { body, mutations, contractValid: contractAccepts(def, body) };
}

/** Builds one hostile payload; a valid one is re-drawn (up to 10 times) unless `harmless`. */
export function hostilePayload(
  def: MessageDef,
  cluster: string,
  data: Json,
  rng: Rng,
  maxBytes: number,
  id: string,
  harmless: Harmless = () => true,
): Payload {
  let p = tryPayload(def, cluster, data, rng, maxBytes, id);
  for (let tries = 0; tries < 10; tries++) {
    const v = parsed(def, p.body);
    if (!v.ok || harmless(v.data)) return p;
    p = tryPayload(def, cluster, data, rng, maxBytes, id);
  }
  return { ...p, withheld: true };
}
