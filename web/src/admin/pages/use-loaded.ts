import { useCallback, useEffect, useState } from 'react';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';

export interface Loaded<T> {
  /** null until the first answer. */
  readonly data: T | null;
  readonly refusal: Refusal | null;
  /** Loads again (after a change); resolves with the new data, or null if it failed. */
  reload(): Promise<T | null>;
}

/** Data a page shows, loaded when the page opens and again on demand. `load` must be stable (useCallback). */
export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setRefusal(null);
      },
      (e: unknown) => live && setRefusal(toRefusal(e)),
    );
    return () => {
      live = false;
    };
  }, [load]);

  const reload = useCallback(async () => {
    try {
      const d = await load();
      setData(d);
      setRefusal(null);
      return d;
    } catch (e) {
      setRefusal(toRefusal(e));
      return null;
    }
  }, [load]);

  return { data, refusal, reload };
}
