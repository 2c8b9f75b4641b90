import { useRef, useState } from 'react';
import type { Refusal } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import { refusalPlace } from './admin-refusal';

export interface RefusedAction {
  readonly busy: boolean;
  /** What the last action that went through said, for the status line. */
  readonly status: string;
  /** The API's refusal of the last action if it named this place (a field of `fields`, or `form`). */
  errorAt(place: string): Refusal | null;
  /** Forgets the last outcome: the form changed under it. */
  clear(): void;
  /** Runs an action; its answer becomes the status, its refusal is placed on the field it names. Resolves with whether it went through. */
  run(work: () => Promise<string>): Promise<boolean>;
}

/** Busy, then a status or a refusal placed on one of the form's fields (else above its buttons). */
export function useRefusedAction(fields: readonly string[]): RefusedAction {
  const [refusal, setRefusal] = useState<{ place: string; refusal: Refusal } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const clear = () => {
    setRefusal(null);
    setStatus('');
  };
  // The submit button stays enabled while busy (a disabled button drops the keyboard focus): a second press is ignored here.
  const running = useRef(false);
  const run = async (work: () => Promise<string>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    clear();
    try {
      setStatus(await work());
      return true;
    } catch (err) {
      const r = toRefusal(err);
      setRefusal({ place: refusalPlace(r, fields), refusal: r });
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, status, errorAt: (place) => (refusal?.place === place ? refusal.refusal : null), clear, run };
}
