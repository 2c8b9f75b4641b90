// The Banner's words for sent; merged into the English dictionary.
export const SENT_EN = {
} as const;

export type SentKey = keyof typeof SENT_EN;
