export { createSmppProvider, type SmppAccepted, type SmppConnectionTest, type SmppProvider } from './provider.js';
export type { SmppConfig } from './config.js';
