// The words of the administration's supervisor screens; merged into the English dictionary.
export const SUPERVISOR_EN = {
} as const;

export type SupervisorKey = keyof typeof SUPERVISOR_EN;
