// The filters' choices, shared with the Banner (GET /api/admin/dashboard/filters).
export type { FilterChoices } from '../app/supervision/filter-choices.js';
