/** Adds the 16-bit big-endian words of buf[start, end) to a running one's-complement sum. */
export function sum16(buf: Uint8Array, start: number, end: number, acc = 0): number {
  let s = acc;
  let i = start;
  for (; i + 1 < end; i += 2) s += ((buf[i] ?? 0) << 8) | (buf[i + 1] ?? 0);
  if (i < end) s += (buf[i] ?? 0) << 8;
  return s;
}

/** Folds a sum into 16 bits and complements it. */
export function finish(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

/** Internet checksum of a byte range. */
export const checksum = (buf: Uint8Array, start: number, end: number): number =>
  finish(sum16(buf, start, end));

/** Sum of the IPv4 pseudo-header (addresses as 32-bit numbers). */
export function pseudoHeaderSum(src: number, dst: number, proto: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + length;
}
