/**
 * The closed set of errors that travel on the bus. Every reply that fails carries one of
 * these codes (as micro-service error headers), and every client maps it back to the class.
 * `retryable` tells a caller whether the same request may succeed later unchanged.
 */

/** Every error code zeekbus puts on the wire. */
export const ERROR_CODES = [
  "ValidationError",
  "NotFound",
  "Conflict",
  "Unreachable",
  "Timeout",
  "Internal",
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Numeric codes used in the micro-service `Nats-Service-Error-Code` header (HTTP-like). */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  ValidationError: 400,
  NotFound: 404,
  Conflict: 409,
  Unreachable: 503,
  Timeout: 504,
  Internal: 500,
};

/** Whether a request failing with this code may succeed when repeated unchanged. */
export const ERROR_RETRYABLE: Record<ErrorCode, boolean> = {
  ValidationError: false,
  NotFound: false,
  Conflict: true,
  Unreachable: true,
  Timeout: true,
  Internal: false,
};

/** Base of every zeekbus error: a code, a message and optional `path: message` details. */
export class ZeekbusError extends Error {
  readonly code: ErrorCode;
  readonly details: string[];
  constructor(code: ErrorCode, message: string, details: string[] = []) {
    super(message);
    this.code = code;
    this.details = details;
    this.name = code;
  }
  /** Whether the same request may succeed later. */
  get retryable(): boolean {
    return ERROR_RETRYABLE[this.code];
  }
  /** The status number carried in the service error header. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Input failed its schema or a validation rule; `details` lists `path: message` lines. */
export class ValidationError extends ZeekbusError {
  constructor(message: string, details: string[] = []) {
    super("ValidationError", message, details);
  }
}
/** The named resource (node, host, revision) does not exist. */
export class NotFoundError extends ZeekbusError {
  constructor(message: string, details: string[] = []) {
    super("NotFound", message, details);
  }
}
/** A compare-and-set lost, or the request conflicts with the current state. */
export class ConflictError extends ZeekbusError {
  constructor(message: string, details: string[] = []) {
    super("Conflict", message, details);
  }
}
/** Nobody serves the subject, or the host cannot be reached. */
export class UnreachableError extends ZeekbusError {
  constructor(message: string, details: string[] = []) {
    super("Unreachable", message, details);
  }
}
/** The peer did not answer in time. */
export class TimeoutError extends ZeekbusError {
  constructor(message: string, details: string[] = []) {
    super("Timeout", message, details);
  }
}
/** A bug or an unexpected failure on the serving side. */
export class InternalError extends ZeekbusError {
  constructor(message: string, details: string[] = []) {
    super("Internal", message, details);
  }
}

const CLASSES: Record<ErrorCode, new (message: string, details?: string[]) => ZeekbusError> = {
  ValidationError,
  NotFound: NotFoundError,
  Conflict: ConflictError,
  Unreachable: UnreachableError,
  Timeout: TimeoutError,
  Internal: InternalError,
};

/** True when `code` is one of the closed set. */
export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** Builds the error class for a code received on the wire (unknown codes become Internal). */
export function errorFromCode(code: string, message: string, details: string[] = []): ZeekbusError {
  const Cls = isErrorCode(code) ? CLASSES[code] : InternalError;
  return new Cls(message, details);
}

/** Turns any thrown value into a ZeekbusError (non-zeekbus errors become Internal). */
export function toZeekbusError(err: unknown): ZeekbusError {
  if (err instanceof ZeekbusError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new InternalError(message);
}
