import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ThreadMessage } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { isAtBottom, onThreadChange } from './scroll-model';

export interface FollowNewestProps {
  readonly messages: readonly ThreadMessage[];
  readonly children: ReactNode;
}

/**
 * The thread's scrolling box: it opens at the newest message and follows new ones, unless the
 * agent scrolled up to read; then a button says new messages arrived and takes them there.
 */
export function FollowNewest({ messages, children }: FollowNewestProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const seen = useRef<{ count: number; atBottom: boolean } | null>(null);
  const [unseen, setUnseen] = useState(false);

  const toBottom = () => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  // Before paint, so the thread never shows at the top first.
  useLayoutEffect(() => {
    const prev = seen.current;
    const last = messages[messages.length - 1];
    const decision = onThreadChange({
      firstLoad: prev === null,
      added: messages.length - (prev?.count ?? 0),
      wasAtBottom: prev?.atBottom ?? true,
      ownSend: last?.direction === 'out' && last.local === true,
    });
    if (decision === 'scroll') {
      toBottom();
      setUnseen(false);
    } else if (decision === 'show-button') setUnseen(true);
    seen.current = { count: messages.length, atBottom: decision === 'scroll' || (prev?.atBottom ?? true) };
  }, [messages]);

  const onScroll = () => {
    const el = box.current;
    if (!el || !seen.current) return;
    const atBottom = isAtBottom(el);
    seen.current = { ...seen.current, atBottom };
    if (atBottom) setUnseen(false);
  };

  return (
    <div className="thread-box">
      {/* Focusable so the keyboard can scroll it (arrows, Page Up/Down) like a mouse wheel. */}
      <div ref={box} className="thread-box__scroll" data-testid="thread-scroll" role="region" aria-label={t('writing.threadRegion')} tabIndex={0} onScroll={onScroll}>
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
