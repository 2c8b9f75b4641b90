export * from './reasons.js';
export * from './table.js';
export * from './classify.js';
