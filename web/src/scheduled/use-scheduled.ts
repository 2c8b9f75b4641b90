// The Scheduled view's data: both lists, reloaded on a resync and on any scheduled.* event.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventBus } from '../live/event-bus';
import type { ScheduledApi, ScheduledMessage } from './scheduled-api';

export interface Lists {
  readonly waiting: readonly ScheduledMessage[];
  readonly ended: readonly ScheduledMessage[];
}

export function useScheduled(api: ScheduledApi, bus: EventBus, reloadToken: number) {
  const [state, setState] = useState<{ readonly lists: Lists | null; readonly failed: boolean }>({ lists: null, failed: false });
  const { lists, failed } = state;
  const generation = useRef(0);

  /** The newest load wins: an older answer arriving late never replaces a newer one. */
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const both = await Promise.all([api.scheduled('waiting'), api.scheduled('ended')]);
      if (mine !== generation.current) return;
      setState({ lists: { waiting: both[0], ended: both[1] }, failed: false });
    } catch {
      if (mine === generation.current) setState((s) => ({ ...s, failed: true }));
    }
  }, [api]);

  useEffect(() => {
    // The state is set when the fetch resolves, not synchronously in the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload, reloadToken]);
  useEffect(() => bus.subscribe((e) => e.type.startsWith('scheduled.') && void reload()), [bus, reload]);
  return { lists, failed, reload };
}
