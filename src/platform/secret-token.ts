// Session ids and API tokens are 256-bit random values: a fast hash is enough to store them,
// and the database never holds a value that would let someone log in.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
