import type { LogKey } from './log-en';

export const LOG_FR: Readonly<Record<LogKey, string>> = {
};
