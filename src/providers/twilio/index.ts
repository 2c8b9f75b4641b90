export { createTwilioProvider, type TwilioProvider, type TwilioProviderContext } from './provider.js';
export { twilioConfigSchema, type TwilioConfig, type ResolvedTwilioConfig } from './config.js';
export { twilioSignature, verifyTwilioSignature, urlPortVariants, type FormParams } from './signature.js';
export { twilioError, isRetryableDeliveryError, type TwilioErrorAction, type TwilioErrorInfo } from './errors.js';
export { mapTwilioStatus } from './status-map.js';
export { MESSAGE_ID_PARAM } from './webhook-handler.js';
