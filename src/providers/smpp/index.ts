export { createSmppProvider, type SmppAccepted, type SmppProvider } from './provider.js';
export type { SmppConfig } from './config.js';
