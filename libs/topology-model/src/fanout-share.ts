/**
 * The kernel's PACKET_FANOUT_HASH model: a flow hash h (32 bits) goes to member
 * floor(h·n / 2^32) of the current n members. A member leaving is replaced in its slot by the
 * last member; a joiner is appended. From two slot lists this computes exactly how many of the
 * 2^32 hash values change owner.
 */

const SPACE = 2n ** 32n;

/** Number of hash values (of 2^32) in the fanout hash space. */
export const HASH_SPACE = 2 ** 32;

/** First hash owned by slot k of n: ceil(k·2^32 / n). */
function boundary(k: number, n: number): bigint {
  return (BigInt(k) * SPACE + BigInt(n) - 1n) / BigInt(n);
}

/** Slot order after members leave (each replaced by the last member) and others join (appended). */
export function slotsAfter(
  before: readonly string[],
  leaving: readonly string[],
  joining: readonly string[],
): string[] {
  const slots = [...before];
  for (const member of leaving) {
    const i = slots.indexOf(member);
    if (i < 0) continue;
    const last = slots.pop()!;
    if (i < slots.length) slots[i] = last;
  }
  return [...slots, ...joining];
}

/**
 * Exact number of hash values whose owner differs between two slot lists. With no members
 * before nothing moves; with none after every hash loses its owner.
 */
export function movedHashes(before: readonly string[], after: readonly string[]): number {
  const n = before.length;
  const m = after.length;
  if (n === 0) return 0;
  if (m === 0) return HASH_SPACE;
  const points = new Set<bigint>([SPACE]);
  for (let k = 0; k < n; k++) points.add(boundary(k, n));
  for (let k = 0; k < m; k++) points.add(boundary(k, m));
  const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let moved = 0n;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    const owner = before[Number((start * BigInt(n)) / SPACE)];
    const next = after[Number((start * BigInt(m)) / SPACE)];
    if (owner !== next) moved += end - start;
  }
  return Number(moved);
}
