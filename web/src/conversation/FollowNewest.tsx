import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ThreadMessage } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { isAtBottom, isNearTop, onThreadChange } from './scroll-model';

export interface FollowNewestProps {
  readonly messages: readonly ThreadMessage[];
  /** The server holds earlier messages than the first shown: a button at the top loads them, and so does scrolling there. */
  readonly hasEarlier?: boolean;
  readonly loadingEarlier?: boolean;
  readonly onEarlier?: () => void;
  readonly children: ReactNode;
}

interface Seen {
  readonly count: number;
  readonly atBottom: boolean;
  readonly firstId: string | undefined;
  readonly lastId: string | undefined;
  /** Where the first message sat in the visible box: an earlier page added above it leaves it there. */
  readonly firstTop: number | null;
}

/** The message's distance from the top of what the box shows (negative when scrolled past). */
function shownTop(box: HTMLElement, id: string | undefined): number | null {
  if (!id) return null;
  const el = box.querySelector(`[data-message-id="${CSS.escape(id)}"]`);
  return el ? el.getBoundingClientRect().top - box.getBoundingClientRect().top : null;
}

/**
 * The thread's scrolling box: it opens at the newest message and follows new ones, unless the
 * agent scrolled up to read; then a button says new messages arrived and takes them there. At
 * the top, earlier messages load (scrolled there or with the button) without moving what the
 * agent was reading.
 */
export function FollowNewest({ messages, hasEarlier = false, loadingEarlier = false, onEarlier, children }: FollowNewestProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const seen = useRef<Seen | null>(null);
  const [unseen, setUnseen] = useState(false);

  const toBottom = () => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  // Before paint, so the thread never shows at the top first, nor jumps when an earlier page arrives.
  useLayoutEffect(() => {
    const el = box.current;
    const prev = seen.current;
    const first = messages[0];
    const last = messages[messages.length - 1];
    // An earlier page changes the first message and not the last: nothing arrived below.
    const prepended = prev !== null && first?.id !== prev.firstId && last?.id === prev.lastId;
    const decision = prepended
      ? 'stay'
      : onThreadChange({
          firstLoad: prev === null,
          added: messages.length - (prev?.count ?? 0),
          wasAtBottom: prev?.atBottom ?? true,
          ownSend: last?.direction === 'out' && last.local === true,
        });
    if (prepended && el && prev.firstTop !== null) {
      const now = shownTop(el, prev.firstId);
      if (now !== null) el.scrollTop += now - prev.firstTop;
    }
    if (decision === 'scroll') {
      toBottom();
      setUnseen(false);
    } else if (decision === 'show-button') setUnseen(true);
    seen.current = {
      count: messages.length,
      atBottom: decision === 'scroll' || (prev?.atBottom ?? true),
      firstId: first?.id,
      lastId: last?.id,
      firstTop: el ? shownTop(el, first?.id) : null,
    };
  }, [messages]);

  // The button goes once the first message is loaded: the keyboard's focus stays in the thread
  // rather than on the page. In the same commit as the removal (a layout effect), so nothing sees
  // the focus on the page in between; and only when the focus did fall to the page.
  const earlierFocused = useRef(false);
  useLayoutEffect(() => {
    if (!hasEarlier && earlierFocused.current) {
      earlierFocused.current = false;
      if (document.activeElement === null || document.activeElement === document.body) box.current?.focus();
    }
  }, [hasEarlier]);

  const onScroll = () => {
    const el = box.current;
    if (!el || !seen.current) return;
    const atBottom = isAtBottom(el);
    seen.current = { ...seen.current, atBottom, firstTop: shownTop(el, seen.current.firstId) };
    if (atBottom) setUnseen(false);
    if (hasEarlier && !loadingEarlier && isNearTop(el)) onEarlier?.();
  };

  return (
    <div className="thread-box">
      {/* Focusable so the keyboard can scroll it (arrows, Page Up/Down) like a mouse wheel. */}
      <div ref={box} className="thread-box__scroll" data-testid="thread-scroll" role="region" aria-label={t('writing.threadRegion')} tabIndex={0} onScroll={onScroll}>
        {hasEarlier && (
          <p className="thread-box__earlier">
            {/* Not disabled while loading: a disabled button would drop the keyboard's focus. */}
            <button
              type="button"
              className="button button--small"
              data-testid="earlier-messages"
              aria-busy={loadingEarlier}
              onFocus={() => (earlierFocused.current = true)}
              // A blur with nowhere to go is the button's own removal (the browser may report it): keep the mark.
              onBlur={(e) => {
                if (e.relatedTarget !== null) earlierFocused.current = false;
              }}
              onClick={() => onEarlier?.()}
            >
              {loadingEarlier ? t('writing.loadingEarlier') : `↑ ${t('writing.earlierMessages')}`}
            </button>
          </p>
        )}
        {children}
      </div>
      {unseen && (
        <button
          type="button"
          className="button thread-box__new"
          data-testid="new-messages"
          onClick={() => {
            toBottom();
            setUnseen(false);
          }}
        >
          {t('writing.newMessages')} ↓
        </button>
      )}
    </div>
  );
}
