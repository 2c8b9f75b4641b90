import type { AttentionKey } from './attention-en';

export const ATTENTION_FR: Readonly<Record<AttentionKey, string>> = {
};
