/** Maps file system and SFTP failures to the closed error set, naming operation, path and host. */
import { InternalError, NotFoundError, ZeekbusError } from "@zeekbus/contracts";

/** SFTP status code for a missing file (ssh2 sets it as `err.code`). */
const SFTP_NO_SUCH_FILE = 2;

/** `NotFoundError` for a missing file or directory, `InternalError` otherwise; zeekbus errors pass through. */
export function fileError(op: string, path: string, host: string, err: unknown): ZeekbusError {
  if (err instanceof ZeekbusError) return err;
  const e = err as { code?: string | number; message?: string };
  const message = `${op} ${path} on host ${host} failed: ${e.message ?? String(err)}`;
  if (e.code === "ENOENT" || e.code === SFTP_NO_SUCH_FILE) return new NotFoundError(message);
  return new InternalError(message);
}
