import { useCallback, useRef, useState } from 'react';
import type { Refusal } from '../../errors/error-text';
import { toRefusal } from '../../errors/to-refusal';

export interface Submit {
  readonly busy: boolean;
  /** The API's refusal of the last submission, shown on the field it names. */
  readonly refusal: Refusal | null;
  /** What the last successful submission said, for the form's status line. */
  readonly done: string | null;
  run(action: () => Promise<string>): Promise<boolean>;
  /** The administrator changed something: the last outcome no longer describes the form. */
  reset(): void;
}

/** One form's submission: busy while it runs, then either its refusal or its success message. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The submit button stays enabled while busy (a disabled button drops the keyboard focus): a second press is ignored here.
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<string>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setRefusal(null);
    setDone(null);
    try {
      setDone(await action());
      return true;
    } catch (e) {
      setRefusal(toRefusal(e));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => {
    setRefusal(null);
    setDone(null);
  }, []);
  return { busy, refusal, done, run, reset };
}
