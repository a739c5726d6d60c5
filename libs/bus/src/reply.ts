/**
 * Sending a reply without ever throwing: a reply larger than the server's `max_payload` is
 * replaced by an Internal error that fits (`reply too large`), and a reply that still cannot be
 * sent (the connection closed, the server refused it) is logged. The service keeps serving.
 */
import type { Msg, MsgHdrs } from "@nats-io/nats-core";
import { InternalError } from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";
import { errorReply } from "./wire.js";

/** A reply ready to go: its JSON body and, for an error, its headers. */
export interface Outgoing {
  body: string;
  hdrs?: MsgHdrs;
}

/** Bytes a message takes against `max_payload`: the body plus the encoded headers. */
export function outgoingBytes(out: Outgoing): number {
  let bytes = Buffer.byteLength(out.body);
  if (out.hdrs) {
    bytes += Buffer.byteLength("NATS/1.0\r\n\r\n");
    for (const key of out.hdrs.keys()) {
      for (const value of out.hdrs.values(key)) bytes += Buffer.byteLength(`${key}: ${value}\r\n`);
    }
  }
  return bytes;
}

/** Answers `msg` with `out`, or with an Internal error when `out` exceeds `maxPayload`; never throws. */
export function sendReply(msg: Msg, out: Outgoing, maxPayload: number, log: Logger): void {
  let reply = out;
  const bytes = outgoingBytes(out);
  if (bytes > maxPayload) {
    log.error({ subject: msg.subject, bytes, maxPayload }, "reply too large");
    reply = errorReply(
      new InternalError(
        `reply too large: ${bytes} bytes, more than the server's max_payload of ${maxPayload}`,
      ),
    );
  }
  try {
    msg.respond(reply.body, reply.hdrs ? { headers: reply.hdrs } : undefined);
  } catch (err) {
    log.error({ err, subject: msg.subject }, "reply failed");
  }
}
