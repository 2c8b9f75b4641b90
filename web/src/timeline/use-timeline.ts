// A number's timeline as the Banner shows it: loaded when the number is set, kept live from the
// event stream when there is one (a Direct SMS's status; a conversation, call or opt-out change
// reloads it), older pages on demand, and the contact name changed in place.
import { useEffect, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { Refusal } from '../errors/error-text';
import { toRefusal } from '../errors/to-refusal';
import type { EventBus } from '../live/event-bus';
import { withName, withOlder, withStatus } from './timeline-model';
import type { NumberTimeline } from './timeline-types';

export interface TimelineState {
  readonly timeline: NumberTimeline | null;
  readonly failure: Refusal | null;
  readonly loadingMore: boolean;
  reload(): void;
  loadMore(): void;
  /** Saves the name (empty removes it); the refusal when the server refused it. */
  saveName(name: string): Promise<Refusal | null>;
}

// What changes a timeline: conversations, calls and opt-outs. A message in a conversation only
// moves its count, which the next reload shows; a new Direct SMS (the agent's own) is an entry.
const RELOADING_EVENTS = new Set(['interaction.started', 'interaction.waiting', 'interaction.taken', 'interaction.closed', 'waiting.taken', 'optout.changed', 'call.started', 'call.ended']);
const RELOAD_AFTER_MS = 400;

/** What was loaded, and for which number: a change of number shows nothing stale meanwhile. */
interface Loaded {
  readonly number: string;
  readonly timeline: NumberTimeline | null;
  readonly failure: Refusal | null;
}

export function useTimeline(api: AgentApi, number: string | null, bus?: EventBus, pageSize = 20): TimelineState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const mine = loaded !== null && loaded.number === number ? loaded : null;
  const timeline = mine?.timeline ?? null;
  // Changes that arrive for the number shown, and only then.
  const update = (n: string, f: (t: NumberTimeline) => NumberTimeline) => setLoaded((l) => (l && l.number === n && l.timeline ? { ...l, timeline: f(l.timeline) } : l));

  useEffect(() => {
    if (number === null) return;
    let live = true;
    api.timeline(number, { limit: pageSize }).then(
      (t) => {
        if (live) setLoaded({ number, timeline: t, failure: null });
      },
      (e: unknown) => {
        if (live) setLoaded((l) => ({ number, timeline: l?.number === number ? l.timeline : null, failure: toRefusal(e) }));
      },
    );
    return () => {
      live = false;
    };
  }, [api, number, generation, pageSize]);

  useEffect(() => {
    if (!bus || number === null) return;
    // Most events name no number: a burst of them (a busy queue) reloads once, shortly after.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = bus.subscribe((e) => {
      if (e.type === 'message.status' && e.interactionId === null) {
        setLoaded((l) => (l && l.number === number && l.timeline ? { ...l, timeline: withStatus(l.timeline, e.messageId, e.status, e.errorCode) } : l));
      } else if (e.type === 'contact.changed') {
        // A colleague renamed this number: the heading and the panel follow.
        if (e.number === number) setLoaded((l) => (l && l.number === number && l.timeline ? { ...l, timeline: { ...l.timeline, name: e.name } } : l));
        else if (e.number === null && timer === null) timer = setTimeout(() => {
          timer = null;
          setGeneration((g) => g + 1);
        }, RELOAD_AFTER_MS);
      } else if ((RELOADING_EVENTS.has(e.type) || (e.type === 'message.created' && e.interactionId === null)) && timer === null) {
        timer = setTimeout(() => {
          timer = null;
          setGeneration((g) => g + 1);
        }, RELOAD_AFTER_MS);
      }
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [bus, number]);

  const reload = () => setGeneration((g) => g + 1);

  const loadMore = () => {
    const before = timeline?.nextBefore;
    if (!before || number === null) return;
    setLoadingMore(true);
    api.timeline(number, { limit: pageSize, before }).then(
      (older) => {
        update(number, (t) => withOlder(t, older));
        setLoadingMore(false);
      },
      (e: unknown) => {
        setLoaded((l) => (l && l.number === number ? { ...l, failure: toRefusal(e) } : l));
        setLoadingMore(false);
      },
    );
  };

  const saveName = async (name: string): Promise<Refusal | null> => {
    if (number === null) return null;
    try {
      const c = await api.setContactName(number, name);
      update(number, (t) => withName(t, c.name));
      return null;
    } catch (e) {
      return toRefusal(e);
    }
  };

  return { timeline, failure: mine?.failure ?? null, loadingMore, reload, loadMore, saveName };
}
