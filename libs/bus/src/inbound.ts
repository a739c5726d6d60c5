/**
 * The first look at a request, before JSON.parse and zod: a body larger than the endpoint takes
 * or nested deeper than any zeekbus message is a ValidationError, so it costs no parse, no
 * allocation proportional to its content and no handler call.
 */
import type { Msg } from "@nats-io/nats-core";
import { MAX_JSON_DEPTH, MAX_PAYLOAD_BYTES, ValidationError } from "@zeekbus/contracts";
import { decodeJson } from "./wire.js";

/** What an endpoint reads at most. */
export interface InboundLimits {
  /** Largest body in bytes (default 1 MiB, nats-server's default max_payload). */
  maxBytes: number;
  /** Deepest nesting of objects and arrays, the envelope included (default 32). */
  maxDepth: number;
}

/** The limits every endpoint applies unless its service sets others. */
export const DEFAULT_INBOUND_LIMITS: InboundLimits = {
  maxBytes: MAX_PAYLOAD_BYTES,
  maxDepth: MAX_JSON_DEPTH,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);

/** True when JSON text nests arrays and objects deeper than `max` (brackets inside strings do not count). */
export function nestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPEN.has(c)) {
      depth++;
      if (depth > max) return true;
    } else if (CLOSE.has(c)) depth--;
  }
  return false;
}

/** Decodes a request body within `limits`; too large, too deep or not JSON → ValidationError. */
export function decodeRequest(msg: Msg, limits: InboundLimits): unknown {
  const bytes = msg.data.length;
  if (bytes > limits.maxBytes) {
    throw new ValidationError(`request on ${msg.subject} is ${bytes} bytes, more than ${limits.maxBytes}`, [
      `(body): larger than ${limits.maxBytes} bytes`,
    ]);
  }
  if (nestsDeeper(msg.string(), limits.maxDepth)) {
    throw new ValidationError(`request on ${msg.subject} nests deeper than ${limits.maxDepth} levels`, [
      `(body): nested deeper than ${limits.maxDepth} levels`,
    ]);
  }
  return decodeJson(msg);
}
