import type { WritingKey } from './writing-en';

export const WRITING_FR: Readonly<Record<WritingKey, string>> = {
};
