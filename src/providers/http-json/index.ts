export { createHttpJsonProvider, type HttpJsonProvider, type HttpJsonProviderContext } from './provider.js';
export { httpJsonConfigSchema, type HttpJsonConfig, type ResolvedHttpJsonConfig } from './config.js';
export { checkWebhookSignature, signatureHeaderValue, webhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, TOLERANCE_SECONDS } from './signature.js';
export { sendPayload, statusCallbackSchema, inboundCallbackSchema, CALLBACK_STATUSES, type SendPayload, type StatusCallback, type InboundCallback } from './payloads.js';
