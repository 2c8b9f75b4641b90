// What an account's SMPP connector is configured with, and the defaults that fill the rest.
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import type { LinkSettings } from './link.js';
import type { ReceiptIdConversion } from './ids.js';

export interface SmppConfig {
  readonly accountId: string;
  readonly host: string;
  readonly port: number;
  /** SMPP over TLS (`ssmpp`). */
  readonly tls?: boolean;
  /** ≤15 characters. */
  readonly systemId: string;
  /** ≤8 characters. */
  readonly password: string;
  readonly systemType?: string;
  /** Bind address_range; most SMSCs want it empty. */
  readonly addressRange?: string;
  /** Outstanding submit_sm at most (default 10, as Kannel). */
  readonly window?: number;
  /** Submissions per second at most (the account's MPS); 0 or absent: no limit. */
  readonly throughputPerSecond?: number;
  /** TON/NPI of numeric senders and recipients (default 1/1, international ISDN). */
  readonly numberTon?: number;
  readonly numberNpi?: number;
  /** TON/NPI of alphanumeric senders (default 5/0). */
  readonly alphanumericTon?: number;
  readonly alphanumericNpi?: number;
  /**
   * ISO 3166 country (e.g. `FR`) that national inbound numbers (TON 2, or TON 0 with the trunk prefix) belong to.
   * Absent: such numbers cannot be read as E.164 and land in the unassigned inbox as they came.
   */
  readonly defaultCountry?: string;
  /** Whether the SMSC honours the national language shift indicators (default true). */
  readonly nationalLanguageShift?: boolean;
  /** registered_delivery (default 0x01: final receipt, success or failure). */
  readonly registeredDelivery?: number;
  /** Relative validity in seconds; absent: the SMSC's default. */
  readonly validitySeconds?: number;
  /** When the SMSC writes receipt ids in another base than submit_sm_resp ids (Kannel's msg-id-type). */
  readonly receiptIdConversion?: ReceiptIdConversion;
  /** reconcile may ask the SMSC with query_sm once a late submit_sm_resp gave the id (default false). */
  readonly querySm?: boolean;
  readonly connectTimeoutMs?: number;
  /** Per submit_sm/enquire_link; no answer by then: the submission is uncertain (default 10 s). */
  readonly responseTimeoutMs?: number;
  /** How long a submission waits for a bound link and a window slot before it is refused as transient (default 5 s). */
  readonly queueTimeoutMs?: number;
  readonly enquireLinkIntervalMs?: number;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  readonly throttleInitialMs?: number;
  readonly throttleMaxMs?: number;
  /** Parts of a long inbound message held until the rest arrives: at most this many messages... */
  readonly inboundMaxPending?: number;
  /** ...for at most this long; then what arrived is passed on, marked incomplete. */
  readonly inboundExpiryMs?: number;
  /** How long the ids the SMSC gave are remembered to match receipts written in the other base (default 4 days: validity of 72 h, and margin). */
  readonly receiptTrackingMs?: number;
  readonly receiptTrackingMax?: number;
}

export interface ResolvedSmppConfig extends Required<Omit<SmppConfig, 'validitySeconds' | 'defaultCountry'>> {
  readonly validitySeconds: number | undefined;
  readonly defaultCountry: CountryCode | undefined;
}

export function resolveSmppConfig(c: SmppConfig): ResolvedSmppConfig {
  if (!c.host) throw new Error('SMPP host is required');
  if (!Number.isInteger(c.port) || c.port <= 0 || c.port > 65535) throw new Error('SMPP port must be 1–65535');
  if (!c.systemId || c.systemId.length > 15) throw new Error('SMPP system_id must be 1–15 characters');
  if (c.password.length > 8) throw new Error('SMPP password must be at most 8 characters');
  const window = c.window ?? 10;
  if (!Number.isInteger(window) || window < 1) throw new Error('SMPP window must be a positive integer');
  const country = c.defaultCountry?.toUpperCase();
  if (country !== undefined && !isSupportedCountry(country)) throw new Error('SMPP defaultCountry must be an ISO 3166 country code, e.g. FR');
  return {
    accountId: c.accountId,
    host: c.host,
    port: c.port,
    tls: c.tls ?? false,
    systemId: c.systemId,
    password: c.password,
    systemType: c.systemType ?? '',
    addressRange: c.addressRange ?? '',
    window,
    throughputPerSecond: c.throughputPerSecond ?? 0,
    numberTon: c.numberTon ?? 1,
    numberNpi: c.numberNpi ?? 1,
    alphanumericTon: c.alphanumericTon ?? 5,
    alphanumericNpi: c.alphanumericNpi ?? 0,
    defaultCountry: country as CountryCode | undefined,
    nationalLanguageShift: c.nationalLanguageShift ?? true,
    registeredDelivery: c.registeredDelivery ?? 0x01,
    validitySeconds: c.validitySeconds,
    receiptIdConversion: c.receiptIdConversion ?? 'none',
    querySm: c.querySm ?? false,
    connectTimeoutMs: c.connectTimeoutMs ?? 10_000,
    responseTimeoutMs: c.responseTimeoutMs ?? 10_000,
    queueTimeoutMs: c.queueTimeoutMs ?? 5_000,
    enquireLinkIntervalMs: c.enquireLinkIntervalMs ?? 30_000,
    reconnectInitialMs: c.reconnectInitialMs ?? 1_000,
    reconnectMaxMs: c.reconnectMaxMs ?? 60_000,
    throttleInitialMs: c.throttleInitialMs ?? 1_000,
    throttleMaxMs: c.throttleMaxMs ?? 30_000,
    inboundMaxPending: c.inboundMaxPending ?? 10_000,
    inboundExpiryMs: c.inboundExpiryMs ?? 10 * 60_000,
    receiptTrackingMs: c.receiptTrackingMs ?? 4 * 24 * 3_600_000,
    receiptTrackingMax: c.receiptTrackingMax ?? 200_000,
  };
}

export function linkSettings(c: ResolvedSmppConfig): LinkSettings {
  return {
    host: c.host,
    port: c.port,
    tls: c.tls,
    systemId: c.systemId,
    password: c.password,
    systemType: c.systemType,
    addrTon: 0,
    addrNpi: 0,
    addressRange: c.addressRange,
    window: c.window,
    throughputPerSecond: c.throughputPerSecond,
    connectTimeoutMs: c.connectTimeoutMs,
    responseTimeoutMs: c.responseTimeoutMs,
    enquireLinkIntervalMs: c.enquireLinkIntervalMs,
    reconnectInitialMs: c.reconnectInitialMs,
    reconnectMaxMs: c.reconnectMaxMs,
    throttleInitialMs: c.throttleInitialMs,
    throttleMaxMs: c.throttleMaxMs,
  };
}
