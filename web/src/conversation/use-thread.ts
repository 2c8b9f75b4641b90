import { useEffect, useReducer, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { Refusal } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import type { EventBus } from '../live/event-bus';
import { emptyThread, threadReducer, type ThreadAction, type ThreadState } from './thread-model';

export interface ThreadHandle {
  readonly state: ThreadState;
  readonly dispatch: (a: ThreadAction) => void;
  readonly failure: Refusal | null;
}

/**
 * A thread loaded once and kept current by the live stream; loaded again when `reloadToken` changes (the stream
 * could not replay what was missed). The caller keys the component by interaction, so the state starts afresh.
 */
export function useThread(api: AgentApi, bus: EventBus, interactionId: string, reloadToken: number): ThreadHandle {
  const [state, dispatch] = useReducer(threadReducer, interactionId, emptyThread);
  const [failure, setFailure] = useState<Refusal | null>(null);

  // Subscribed before loading, so nothing that happens during the load is missed.
  useEffect(() => bus.subscribe((event) => dispatch({ kind: 'event', event })), [bus]);

  useEffect(() => {
    let live = true;
    api.thread(interactionId).then(
      (thread) => {
        if (!live) return;
        dispatch({ kind: 'loaded', thread });
        setFailure(null);
      },
      (e: unknown) => {
        if (live) setFailure(toRefusal(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, interactionId, reloadToken]);

  return { state, dispatch, failure };
}
