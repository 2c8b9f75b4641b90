// int8 columns arrive as decimal strings (pg's default, kept so values beyond 2^53 are never
// silently rounded). Credits and counts fit in a double by far: convert, refusing the rest.

export function int8ToNumber(value: string | number | bigint | null | undefined, what = 'value'): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is not a safe integer: ${String(value)}`);
  return n;
}
