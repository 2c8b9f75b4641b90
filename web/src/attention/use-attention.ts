import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { Interaction } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { EventBus } from '../live/event-bus';
import { browserStore, loadSettings, saveSettings, type AttentionSettings } from './settings';
import { playTone, unlockTone } from './tone';
import { notificationBody } from './notification-body';
import { announcements, seqToMark, tabTitle, totalUnread, unreadOf, withMark, type Announcement, type ListsSnapshot, type ReadMarks } from './unread-model';

export type NotificationState = NotificationPermission | 'unsupported';

export interface Attention {
  /** Unread messages of a conversation as the agent should see them now. */
  readonly unreadOf: (i: Interaction) => number;
  readonly settings: AttentionSettings;
  readonly notification: NotificationState;
  readonly setSound: (on: boolean) => void;
  /** From a click only: asks the browser's permission the first time. */
  readonly setNotify: (on: boolean) => Promise<void>;
  readonly setShowText: (on: boolean) => void;
}

export interface AttentionInput {
  readonly api: AgentApi;
  readonly bus: EventBus;
  readonly agentId: string;
  readonly lists: ListsSnapshot & { readonly closed?: readonly Interaction[] };
  /** The conversation on screen. */
  readonly selectedId: string | null;
  /** A notification was clicked: show its conversation. */
  readonly onOpen: (i: Interaction) => void;
}

const notificationApi = (): typeof Notification | null => (typeof window !== 'undefined' && 'Notification' in window ? window.Notification : null);
const permissionNow = (): NotificationState => notificationApi()?.permission ?? 'unsupported';
/** The Banner is in front when its tab is shown and its window has the focus. */
const inFront = () => document.visibilityState === 'visible' && document.hasFocus();
/** More at once is noise: the tab title carries the rest. */
const MAX_NOTIFICATIONS = 3;

/**
 * What needs the agent now: unread counts with the agent's own marks applied, the conversation
 * on screen marked read while the page is visible (and again as replies arrive), the unread total
 * in the tab title, and a sound or a notification for what arrives while the Banner is not in front.
 */
export function useAttention({ api, bus, agentId, lists, selectedId, onOpen }: AttentionInput): Attention {
  const { t } = useI18n();
  const [marks, setMarks] = useState<ReadMarks>(() => new Map());
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  const [settings, setSettings] = useState<AttentionSettings>(() => loadSettings(browserStore(), agentId));
  const [notification, setNotification] = useState<NotificationState>(permissionNow);

  useEffect(() => {
    const changed = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', changed);
    return () => document.removeEventListener('visibilitychange', changed);
  }, []);

  // This agent's other tabs and devices read a conversation: its badge goes at once, before the lists reload.
  useEffect(() => bus.subscribe((e) => e.type === 'interaction.read' && setMarks((m) => withMark(m, e.interactionId, e.seq))), [bus]);

  // The conversation on screen is read while the page is visible: when it is opened, when a
  // reply arrives (the lists reload with it), and when the agent comes back to the tab.
  const selectedRow = useMemo(() => (selectedId ? [...lists.open, ...lists.waiting, ...(lists.closed ?? [])].find((i) => i.id === selectedId) : undefined), [lists, selectedId]);
  const pending = useRef(new Set<string>());
  const seq = visible ? seqToMark(selectedRow, marks) : null;
  useEffect(() => {
    if (seq === null || !selectedId) return;
    const key = `${selectedId}:${seq}`;
    if (pending.current.has(key)) return;
    pending.current.add(key);
    api
      .markRead(selectedId, seq)
      .then((r) => setMarks((m) => withMark(m, r.interactionId, r.lastReadSeq)))
      .catch(() => undefined) // the next reply, reload or return to the tab tries again
      .finally(() => pending.current.delete(key));
  }, [api, selectedId, seq]);

  const total = totalUnread(lists, marks);
  useEffect(() => {
    document.title = tabTitle(t('app.name'), total);
  }, [t, total]);
  useEffect(() => () => void (document.title = t('app.name')), [t]);

  // Announcements compare each load of the lists with the one before; the lists as first
  // rendered (before any load) are not a load.
  const initial = useRef(lists);
  const previous = useRef<ListsSnapshot | null>(null);
  const latest = useRef({ settings, notification, marks, onOpen, lists, t });
  useEffect(() => {
    latest.current = { settings, notification, marks, onOpen, lists, t };
  });
  useEffect(() => {
    if (lists.open === initial.current.open && lists.waiting === initial.current.waiting) return;
    const now = { open: lists.open, waiting: lists.waiting };
    const news = announcements(previous.current, now, latest.current.marks);
    previous.current = now;
    if (news.length === 0 || inFront()) return;
    announce(news, latest.current);
  }, [lists.open, lists.waiting]);

  const setSound = useCallback(
    (on: boolean) => {
      const next = { ...settings, sound: on };
      setSettings(next);
      saveSettings(browserStore(), agentId, next);
      if (on) {
        // The click lets the page play sound later, in the background; the chime shows what it will sound like.
        unlockTone();
        playTone();
      }
    },
    [agentId, settings],
  );

  const setNotify = useCallback(
    async (on: boolean) => {
      let permission = permissionNow();
      const N = notificationApi();
      if (on && N && permission === 'default') {
        permission = await N.requestPermission();
      }
      setNotification(permission);
      const next = { ...settings, notify: on && permission === 'granted' };
      setSettings(next);
      saveSettings(browserStore(), agentId, next);
    },
    [agentId, settings],
  );

  const setShowText = useCallback(
    (on: boolean) => {
      const next = { ...settings, showText: on };
      setSettings(next);
      saveSettings(browserStore(), agentId, next);
    },
    [agentId, settings],
  );

  const unread = useCallback((i: Interaction) => unreadOf(i, marks), [marks]);
  return { unreadOf: unread, settings, notification, setSound, setNotify, setShowText };
}

function announce(
  news: readonly Announcement[],
  o: { readonly settings: AttentionSettings; readonly notification: NotificationState; readonly onOpen: (i: Interaction) => void; readonly lists: ListsSnapshot; readonly t: ReturnType<typeof useI18n>['t'] },
): void {
  if (o.settings.sound) playTone();
  const N = notificationApi();
  if (!o.settings.notify || !N || N.permission !== 'granted') return;
  for (const a of news.slice(0, MAX_NOTIFICATIONS)) {
    const title = a.kind === 'reply' ? o.t('attention.notifyReply', { who: a.who }) : o.t('attention.notifyWaiting', { who: a.who });
    try {
      // One per conversation: a second reply replaces the first one's notification.
      const n = new N(title, { body: notificationBody(a, o.settings, o.t('attention.notifyHidden')), tag: `smsdesk-${a.interactionId}` });
      n.onclick = () => {
        window.focus();
        const row = [...o.lists.open, ...o.lists.waiting].find((i) => i.id === a.interactionId);
        if (row) o.onOpen(row);
        n.close();
      };
    } catch {
      // Some browsers only show notifications from a service worker: the sound and the title still tell.
    }
  }
}
