// The Banner's words for writing; merged into the English dictionary.
export const WRITING_EN = {
} as const;

export type WritingKey = keyof typeof WRITING_EN;
