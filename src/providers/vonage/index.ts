export { createVonageProvider, type VonageProvider } from './provider.js';
export type { VonageConfig } from './config.js';
export type { VonageAccepted, VonageSubmitResult } from './submit-response.js';
export { sign as signVonageParams, verifySignature as verifyVonageSignature, type SignatureMethod } from './signature.js';
