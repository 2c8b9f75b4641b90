export { MAX_SEGMENTS } from './types.js';
export type {
  LookalikeReplacement,
  NationalLanguage,
  NonGsmCharacter,
  SmsAnalysis,
  SmsAnalysisOptions,
  SmsEncoding,
} from './types.js';
export { analyzeSms } from './analyze.js';
export { toGsmLookalikes } from './lookalikes.js';
export { isGsm7Char } from './charset.js';
