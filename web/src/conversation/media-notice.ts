// What the thread says of an inbound message's media: the Banner does not display pictures (attachments are out of
// scope), but an agent must know one arrived, or a picture-only reply reads as an empty message.
import type { ThreadMessage } from '../api/types';
import type { MessageKey, Vars } from '../i18n/translate';

export type MediaNotice = { readonly key: MessageKey; readonly vars: Vars };

/** The line to show under a message that carried media, or null when it carried none. */
export function mediaNotice(m: Pick<ThreadMessage, 'media'>): MediaNotice | null {
  return mediaNoticeFor(m.media?.length ?? 0);
}

/** The same line from a count alone (the unassigned inbox gives the count, not the links). */
export function mediaNoticeFor(count: number): MediaNotice | null {
  if (count <= 0) return null;
  return count === 1 ? { key: 'conv.media.one', vars: {} } : { key: 'conv.media.other', vars: { count } };
}
