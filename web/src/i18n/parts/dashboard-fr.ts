import type { DashboardKey } from './dashboard-en';

export const DASHBOARD_FR: Readonly<Record<DashboardKey, string>> = {
};
