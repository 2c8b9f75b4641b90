// The Banner's words for timeline; merged into the English dictionary.
export const TIMELINE_EN = {
} as const;

export type TimelineKey = keyof typeof TIMELINE_EN;
