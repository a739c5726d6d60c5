/** Nearest-rank percentiles of a sample, rounded to 0.1 (for benchmark reports). */
export function percentiles(samples: readonly number[]): {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
} {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => {
    const v = s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
    return v === undefined ? Number.NaN : Math.round(v * 10) / 10;
  };
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}
