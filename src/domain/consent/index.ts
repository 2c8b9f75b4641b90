export * from './keywords.js';
export * from './answers.js';
export * from './free-text.js';
export * from './precedence.js';
export * from './opt-outs-csv.js';
