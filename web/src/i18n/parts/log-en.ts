// The words of the administration's log screens; merged into the English dictionary.
export const LOG_EN = {
} as const;

export type LogKey = keyof typeof LOG_EN;
