/** Per-host failures as closed-set errors whose message always names the host. */
import { errorFromCode, toZeekbusError, type ZeekbusError } from "@zeekbus/contracts";

/** Converts a failure on a host; the message gets a `host <h> (<address>):` prefix unless it names it. */
export function hostError(err: unknown, host: string, address: string): ZeekbusError {
  const e = toZeekbusError(err);
  if (e.message.includes(host) || e.message.includes(address)) return e;
  const where = host === address ? `host ${host}` : `host ${host} (${address})`;
  return errorFromCode(e.code, `${where}: ${e.message}`, e.details);
}
