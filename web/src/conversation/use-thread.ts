import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { Refusal } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import type { EventBus } from '../live/event-bus';
import { emptyThread, threadReducer, type ThreadAction, type ThreadState } from './thread-model';

export interface ThreadHandle {
  readonly state: ThreadState;
  readonly dispatch: (a: ThreadAction) => void;
  readonly failure: Refusal | null;
  /** Loads the page before the first message shown (no-op while one loads or when there is none). */
  readonly loadEarlier: () => void;
  readonly loadingEarlier: boolean;
}

/**
 * A thread opened on its newest page and kept current by the live stream; loaded again when `reloadToken` changes (the stream
 * could not replay what was missed); earlier pages on demand. The caller keys the component by interaction, so the state starts afresh.
 */
export function useThread(api: AgentApi, bus: EventBus, interactionId: string, reloadToken: number): ThreadHandle {
  const [state, dispatch] = useReducer(threadReducer, interactionId, emptyThread);
  const [failure, setFailure] = useState<Refusal | null>(null);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const busy = useRef(false);
  const mounted = useRef(true);

  // Subscribed before loading, so nothing that happens during the load is missed.
  useEffect(() => bus.subscribe((event) => dispatch({ kind: 'event', event })), [bus]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

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

  // The first message the server knows (the agent's own unsent copies are at the end, never first).
  const first = state.messages.find((m) => !m.local)?.id;
  const loadEarlier = useCallback(() => {
    if (busy.current || !state.hasEarlier || !first) return;
    busy.current = true;
    setLoadingEarlier(true);
    api.thread(interactionId, first).then(
      (thread) => {
        if (mounted.current) dispatch({ kind: 'earlier', thread });
      },
      (e: unknown) => {
        if (mounted.current) setFailure(toRefusal(e));
      },
    ).finally(() => {
      busy.current = false;
      if (mounted.current) setLoadingEarlier(false);
    });
  }, [api, interactionId, first, state.hasEarlier]);

  return { state, dispatch, failure, loadEarlier, loadingEarlier };
}
