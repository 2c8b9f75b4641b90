import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { Call, Interaction, Me, Queue } from '../api/types';
import type { EventBus } from '../live/event-bus';
import type { LiveEvent } from '../live/events';

export interface BannerData {
  readonly me: Me;
  readonly open: readonly Interaction[];
  readonly waiting: readonly Interaction[];
  readonly closed: readonly Interaction[];
  readonly calls: readonly Call[];
  readonly queues: readonly Queue[];
}

/** Which lists an event makes stale; `fresh`: the profile itself changed, so the server must not answer from its cache. */
export function staleAfter(e: LiveEvent): { readonly lists: boolean; readonly me: boolean; readonly fresh?: true } {
  switch (e.type) {
    case 'profile.changed':
      return { lists: true, me: true, fresh: true };
    case 'waiting.taken':
      return { lists: true, me: false };
    case 'interaction.started':
    case 'interaction.waiting':
    case 'interaction.taken':
    case 'interaction.closed':
    case 'call.started':
    case 'call.ended':
      // The open count in /api/me moves with these too.
      return { lists: true, me: true };
    // Credits move with sends and refunds, and with top-ups: the balance is read again rather
    // than taken from the event, which two changes at once may deliver in either order.
    case 'message.created':
    case 'message.status':
    case 'credits.changed':
      return { lists: false, me: true };
    // Read in another tab (or on another device), a reply, or a contact name shown in the lists and the calls changed.
    case 'interaction.read':
    case 'message.received':
    case 'contact.changed':
      return { lists: true, me: false };
    default:
      return { lists: false, me: false };
  }
}

const COALESCE_MS = 150;

/** The Banner's lists, reloaded (coalesced) when live events say they changed. */
export function useBannerData(api: AgentApi, bus: EventBus, initialMe: Me): { data: BannerData; reload: () => void; reloadMe: () => void } {
  const [data, setData] = useState<BannerData>({ me: initialMe, open: [], waiting: [], closed: [], calls: [], queues: [] });

  // Loads can overlap (an event arrives while one is in flight) and answer in any order: an
  // older answer must not replace a newer one, or the lists step back and a reply goes unseen.
  const listsStarted = useRef(0);
  const listsShown = useRef(0);
  const loadLists = useCallback(async () => {
    const generation = ++listsStarted.current;
    const [open, waiting, closed, calls, queues] = await Promise.all([
      api.interactions('open'),
      api.interactions('waiting'),
      api.interactions('closed'),
      api.calls(),
      api.queues(),
    ]);
    if (generation < listsShown.current) return;
    listsShown.current = generation;
    setData((d) => ({ ...d, open, waiting, closed, calls, queues }));
  }, [api]);

  // The same for the profile (its credits move with every send).
  const meStarted = useRef(0);
  const meShown = useRef(0);
  const loadMeWith = useCallback(
    async (fresh: boolean) => {
      const generation = ++meStarted.current;
      const me = await (fresh ? api.me({ fresh: true }) : api.me());
      if (generation < meShown.current) return;
      meShown.current = generation;
      setData((d) => ({ ...d, me }));
    },
    [api],
  );
  const loadMe = useCallback(() => loadMeWith(false), [loadMeWith]);
  const loadMeFresh = useCallback(() => loadMeWith(true), [loadMeWith]);

  const timers = useRef<Record<'lists' | 'me' | 'fresh', ReturnType<typeof setTimeout> | null>>({ lists: null, me: null, fresh: null });
  const later = useCallback((which: 'lists' | 'me' | 'fresh', run: () => Promise<void>, delayMs = COALESCE_MS) => {
    if (timers.current[which]) return;
    timers.current[which] = setTimeout(() => {
      timers.current[which] = null;
      run().catch(() => undefined); // the next event or reconnect tries again
    }, delayMs);
  }, []);

  useEffect(() => {
    later('lists', loadLists, 0);
  }, [later, loadLists]);

  useEffect(
    () =>
      bus.subscribe((e) => {
        const stale = staleAfter(e);
        if (stale.lists) later('lists', loadLists);
        if (stale.fresh) later('fresh', loadMeFresh);
        else if (stale.me) later('me', loadMe);
      }),
    [bus, later, loadLists, loadMe, loadMeFresh],
  );

  useEffect(() => {
    const t = timers.current;
    return () => {
      if (t.lists) clearTimeout(t.lists);
      if (t.me) clearTimeout(t.me);
      if (t.fresh) clearTimeout(t.fresh);
    };
  }, []);

  const reload = useCallback(() => {
    later('lists', loadLists);
    later('me', loadMe);
  }, [later, loadLists, loadMe]);
  const reloadMe = useCallback(() => later('me', loadMe), [later, loadMe]);
  return { data, reload, reloadMe };
}
