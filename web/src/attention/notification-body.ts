import type { AttentionSettings } from './settings';
import type { Announcement } from './unread-model';

/** The customer's words, or only a pointer to the Banner when the agent chose to hide them. */
export function notificationBody(a: Pick<Announcement, 'preview'>, settings: Pick<AttentionSettings, 'showText'>, hidden: string): string {
  return settings.showText ? a.preview : hidden;
}
