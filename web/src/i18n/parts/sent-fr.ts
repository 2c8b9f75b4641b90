import type { SentKey } from './sent-en';

export const SENT_FR: Readonly<Record<SentKey, string>> = {
};
