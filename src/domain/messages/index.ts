export * from './status.js';
export * from './plan-send.js';
export * from './opt-out.js';
export * from './parts.js';
export * from './submit-capability.js';
export * from './sending-window-rule.js';
