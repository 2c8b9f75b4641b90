// The Sent view's data: the first page, older pages on demand, and the live layer's events.
// A new Direct SMS or a row turned into a failure reloads what is shown (the server adds the
// contact's name, the sender's label and the plain reason); any other status is applied at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { EventBus } from '../live/event-bus';
import { appendPage, applyStatus } from './sent-model';
import type { SentDirectMessage } from './sent-types';

const PAGE = 50;

export interface SentState {
  readonly messages: readonly SentDirectMessage[];
  readonly nextBefore: string | null;
  readonly loaded: boolean;
  readonly failed: boolean;
}

export function useSent(api: AgentApi, bus: EventBus, reloadToken: number) {
  const [state, setState] = useState<SentState>({ messages: [], nextBefore: null, loaded: false, failed: false });
  const shown = useRef(state.messages);
  useEffect(() => {
    shown.current = state.messages;
  }, [state.messages]);
  const generation = useRef(0);

  /** Reloads as many rows as are shown (at least a page), so a reload never shortens the list. */
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const page = await api.sentDirect({ limit: Math.min(200, Math.max(PAGE, shown.current.length)) });
      if (mine !== generation.current) return;
      setState({ messages: page.messages, nextBefore: page.nextBefore, loaded: true, failed: false });
    } catch {
      if (mine === generation.current) setState((s) => ({ ...s, loaded: true, failed: true }));
    }
  }, [api]);

  const loadMore = useCallback(async () => {
    const before = state.nextBefore;
    if (!before) return;
    const mine = ++generation.current;
    try {
      const page = await api.sentDirect({ limit: PAGE, before });
      if (mine !== generation.current) return;
      setState((s) => ({ ...s, messages: appendPage(s.messages, page), nextBefore: page.nextBefore }));
    } catch {
      setState((s) => ({ ...s, failed: true }));
    }
  }, [api, state.nextBefore]);

  useEffect(() => {
    void reload();
  }, [reload, reloadToken]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Several events in a burst (a resend's created and its first statuses) make one reload.
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void reload(), 150);
    };
    const off = bus.subscribe((e) => {
      if (e.type === 'message.created' && e.interactionId === null && e.message.direction === 'out') soon();
      if (e.type === 'contact.changed') {
        const { number, name } = e;
        if (number === null) soon();
        else setState((s) => (s.messages.some((m) => m.to === number) ? { ...s, messages: s.messages.map((m) => (m.to === number ? { ...m, customerName: name } : m)) } : s));
      }
      if (e.type === 'message.status' && e.interactionId === null) {
        const r = applyStatus(shown.current, e);
        if (r.messages !== shown.current) setState((s) => ({ ...s, messages: applyStatus(s.messages, e).messages }));
        if (r.reload) soon();
      }
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [bus, reload]);

  return { ...state, reload, loadMore };
}
