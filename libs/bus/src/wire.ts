/**
 * How payloads and errors travel: JSON bodies, and failures as micro-service error headers
 * (`Nats-Service-Error-Code` = HTTP-like status, `Nats-Service-Error` = message) plus the
 * zeekbus code in `Zeekbus-Error-Code` and `{ code, message, details }` in the body.
 * An error reply is bounded (see {@link boundedError}), so however many issues a request has,
 * its answer fits in one message.
 */
import { headers, type Msg, type MsgHdrs } from "@nats-io/nats-core";
import {
  errorFromCode,
  MAX_ERROR_DETAIL,
  MAX_ERROR_DETAILS,
  MAX_ERROR_DETAILS_TOTAL,
  MAX_ERROR_MESSAGE,
  ValidationError,
  type ZeekbusError,
} from "@zeekbus/contracts";
import type { z } from "zod";

export const ERROR_CODE_HEADER = "Zeekbus-Error-Code";
const SERVICE_ERROR = "Nats-Service-Error";
const SERVICE_ERROR_CODE = "Nats-Service-Error-Code";

/** Encodes a value as a JSON body. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses a JSON body; a syntax error becomes a ValidationError naming the subject. */
export function decodeJson(msg: Msg): unknown {
  try {
    return JSON.parse(msg.string());
  } catch (err) {
    throw new ValidationError(`malformed JSON on ${msg.subject}`, [`(body): ${(err as Error).message}`]);
  }
}

/** Formats zod issues as `path: message` lines. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
}

/** Validates a value against a schema, throwing a ValidationError with `path: message` details. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = issueLines(result.error);
    throw new ValidationError(`invalid ${what}: ${capDetails(details).join("; ")}`, details);
  }
  return result.data;
}

/** Cuts text to `max` characters, ending a cut one with `…`. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The first details that fit: at most {@link MAX_ERROR_DETAILS} lines of at most
 * {@link MAX_ERROR_DETAIL} characters, {@link MAX_ERROR_DETAILS_TOTAL} in all, then one
 * `… and K more` line for the rest.
 */
export function capDetails(details: readonly string[]): string[] {
  const out: string[] = [];
  let total = 0;
  for (const detail of details) {
    const line = cut(detail, MAX_ERROR_DETAIL);
    if (out.length === MAX_ERROR_DETAILS || total + line.length > MAX_ERROR_DETAILS_TOTAL) break;
    out.push(line);
    total += line.length;
  }
  if (out.length < details.length) out.push(`… and ${details.length - out.length} more`);
  return out;
}

/** The same error with its message cut to {@link MAX_ERROR_MESSAGE} characters and its details capped. */
export function boundedError(err: ZeekbusError): ZeekbusError {
  return errorFromCode(err.code, cut(err.message, MAX_ERROR_MESSAGE), capDetails(err.details));
}

/** Headers and body of an error reply, bounded by {@link boundedError}. */
export function errorReply(error: ZeekbusError): { body: string; hdrs: MsgHdrs } {
  const err = boundedError(error);
  const hdrs = headers();
  hdrs.set(ERROR_CODE_HEADER, err.code);
  hdrs.set(SERVICE_ERROR_CODE, String(err.status));
  // A header value cannot hold a line break; control characters become spaces.
  hdrs.set(SERVICE_ERROR, err.message.replace(/\p{Cc}/gu, " "));
  return { body: encodeJson({ code: err.code, message: err.message, details: err.details }), hdrs };
}

/** Returns the ZeekbusError carried by a reply, or undefined when the reply is a success. */
export function errorFromReply(msg: Msg): ZeekbusError | undefined {
  const h = msg.headers;
  if (!h?.has(SERVICE_ERROR_CODE) && !h?.has(ERROR_CODE_HEADER)) return undefined;
  const description = h.get(SERVICE_ERROR) || "service error";
  let body: { code?: string; message?: string; details?: string[] } = {};
  try {
    body = JSON.parse(msg.string());
  } catch {
    body = {};
  }
  const code = h.get(ERROR_CODE_HEADER) || body.code || "Internal";
  return errorFromCode(code, body.message ?? description, Array.isArray(body.details) ? body.details : []);
}
