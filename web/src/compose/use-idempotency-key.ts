import { useMemo, useRef } from 'react';
import { newIdempotencyKey } from '../api/client';

export interface IdempotencyKeys {
  /** The key for this body: the same as last time while the body is unchanged and not yet sent. */
  keyFor(body: unknown): string;
  /** After a send succeeded: the same text sent again later is a new message. */
  reset(): void;
}

/**
 * Clicking Send again after a lost answer replays the first send instead of sending twice, while an edited
 * message gets a fresh key (the server refuses a key reused with another body).
 */
export function useIdempotencyKeys(): IdempotencyKeys {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(body: unknown) {
        const json = JSON.stringify(body);
        if (last.current?.body !== json) last.current = { body: json, key: newIdempotencyKey() };
        return last.current.key;
      },
      reset() {
        last.current = null;
      },
    }),
    [],
  );
}
