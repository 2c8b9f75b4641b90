// The dashboard's answer, shared with the Banner (GET /api/admin/dashboard).
export type { DashboardPoint, DashboardView } from '../app/dashboard/dashboard-view.js';
