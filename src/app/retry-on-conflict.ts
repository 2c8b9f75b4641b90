// PostgreSQL (and PGlite) report a unique-index race as SQLSTATE 23505. The operations retried
// here read first, so the retry sees the winner's row and takes the other branch.
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505';
}

/** SQLSTATE 23503: a row the statement refers to is gone (deleted since it was read). */
export function isForeignKeyViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23503';
}

export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 4, retryable: (e: unknown) => boolean = isUniqueViolation): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !retryable(e)) throw e;
    }
  }
}
