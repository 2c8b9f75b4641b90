// What the thread says of an inbound message's media: the Banner does not display pictures (attachments are out of
// scope), but an agent must know one arrived, or a picture-only reply reads as an empty message.
import type { ThreadMessage } from '../api/types';
import type { MessageKey, Vars } from '../i18n/translate';

/** The line to show under a message that carried media, or null when it carried none. */
export function mediaNotice(m: Pick<ThreadMessage, 'media'>): { readonly key: MessageKey; readonly vars: Vars } | null {
  const count = m.media?.length ?? 0;
  if (count === 0) return null;
  return count === 1 ? { key: 'conv.media.one', vars: {} } : { key: 'conv.media.other', vars: { count } };
}
