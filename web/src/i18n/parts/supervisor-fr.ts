import type { SupervisorKey } from './supervisor-en';

export const SUPERVISOR_FR: Readonly<Record<SupervisorKey, string>> = {
};
