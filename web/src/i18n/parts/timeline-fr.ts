import type { TimelineKey } from './timeline-en';

export const TIMELINE_FR: Readonly<Record<TimelineKey, string>> = {
};
