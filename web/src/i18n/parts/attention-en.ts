// The Banner's words for attention; merged into the English dictionary.
export const ATTENTION_EN = {
} as const;

export type AttentionKey = keyof typeof ATTENTION_EN;
