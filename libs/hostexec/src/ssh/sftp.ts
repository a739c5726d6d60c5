/** Promise wrappers for the few SFTP operations used, and an atomic remote file write. */
import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import type { SFTPWrapper } from "ssh2";

function call<T = void>(fn: (cb: (err: Error | undefined | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

/** Opens an SFTP session on a connection's channel. */
export function openSftp(client: {
  sftp(cb: (err: Error | undefined, sftp: SFTPWrapper) => void): void;
}): Promise<SFTPWrapper> {
  return call<SFTPWrapper>((cb) => client.sftp(cb));
}

/** Creates a file (failing if it exists), writes it, sets its mode, fsyncs and closes it. */
export async function sftpCreate(
  sftp: SFTPWrapper,
  path: string,
  data: string | Buffer,
  mode: number,
): Promise<void> {
  const buf = typeof data === "string" ? Buffer.from(data) : data;
  const handle = await call<Buffer>((cb) => sftp.open(path, "wx", { mode }, cb));
  try {
    if (buf.length > 0) await call((cb) => sftp.write(handle, buf, 0, buf.length, 0, cb));
    await call((cb) => sftp.fchmod(handle, mode, cb));
    await call((cb) => sftp.ext_openssh_fsync(handle, cb));
  } finally {
    await call((cb) => sftp.close(handle, cb));
  }
}

/** Writes to a temporary sibling, then renames it over `path` (OpenSSH posix-rename). */
export async function sftpWriteAtomic(
  sftp: SFTPWrapper,
  path: string,
  data: string | Buffer,
  mode: number,
): Promise<void> {
  const tmp = posix.join(posix.dirname(path), `.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await sftpCreate(sftp, tmp, data, mode);
    await call((cb) => sftp.ext_openssh_rename(tmp, path, cb));
  } catch (err) {
    await call((cb) => sftp.unlink(tmp, cb)).catch(() => undefined);
    throw err;
  }
}

/** Reads a whole remote file. */
export function sftpRead(sftp: SFTPWrapper, path: string): Promise<Buffer> {
  return call<Buffer>((cb) => sftp.readFile(path, cb));
}

/** Creates one directory with the given mode. */
export async function sftpMkdir(sftp: SFTPWrapper, path: string, mode: number): Promise<void> {
  await call((cb) => sftp.mkdir(path, { mode }, cb));
  await call((cb) => sftp.chmod(path, mode, cb));
}
