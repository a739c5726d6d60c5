/**
 * How payloads and errors travel: JSON bodies, and failures as micro-service error headers
 * (`Nats-Service-Error-Code` = HTTP-like status, `Nats-Service-Error` = message) plus the
 * zeekbus code in `Zeekbus-Error-Code` and `{ code, message, details }` in the body.
 */
import { headers, type Msg, type MsgHdrs } from "@nats-io/nats-core";
import { errorFromCode, ValidationError, type ZeekbusError } from "@zeekbus/contracts";
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
    throw new ValidationError(`invalid ${what}: ${details.join("; ")}`, details);
  }
  return result.data;
}

/** Headers and body of an error reply. */
export function errorReply(err: ZeekbusError): {
  status: number;
  description: string;
  body: string;
  hdrs: MsgHdrs;
} {
  const hdrs = headers();
  hdrs.set(ERROR_CODE_HEADER, err.code);
  return {
    status: err.status,
    description: err.message,
    body: encodeJson({ code: err.code, message: err.message, details: err.details }),
    hdrs,
  };
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
