import { useEffect, useState } from 'react';

const listeners = new Set<(now: Date) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** The current time, ticking every 15 s for every relative time on the page at once (one timer). */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    listeners.add(setNow);
    timer ??= setInterval(() => {
      const t = new Date();
      for (const l of listeners) l(t);
    }, 15_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  return now;
}
