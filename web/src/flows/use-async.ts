import { useEffect, useState } from 'react';
import type { Refusal } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';

export type Async<T> = { readonly state: 'loading' } | { readonly state: 'ready'; readonly value: T } | { readonly state: 'failed'; readonly refusal: Refusal };

/** Loads once per key; a late answer for an old key is dropped. */
export function useAsync<T>(load: () => Promise<T>, key: string): Async<T> {
  const [result, setResult] = useState<{ key: string; value: Async<T> }>({ key, value: { state: 'loading' } });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ key, value: { state: 'ready', value } }),
      (e: unknown) => {
        if (!live) return;
        setResult({ key, value: { state: 'failed', refusal: toRefusal(e) } });
      },
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; the key says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return result.key === key ? result.value : { state: 'loading' };
}
