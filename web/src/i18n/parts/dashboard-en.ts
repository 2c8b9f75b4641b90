// The words of the administration's dashboard screens; merged into the English dictionary.
export const DASHBOARD_EN = {
} as const;

export type DashboardKey = keyof typeof DASHBOARD_EN;
