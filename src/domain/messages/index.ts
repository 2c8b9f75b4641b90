export * from './status.js';
export * from './plan-send.js';
