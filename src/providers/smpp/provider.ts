// The SMPP 3.4 adapter: SmsProvider over one transceiver bind. Receipts and inbound messages arrive on the same
// link and are pushed through onEvent; each deliver_sm is answered only once the listeners have taken its event.
import { createHash, randomUUID } from 'node:crypto';
import type { PDU } from 'smpp';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { OutboundSms, ReconcileResult, SmsProvider, SubmitResult } from '../../domain/ports.js';
import type { ConnectionTestResult, InboundEvent, StatusEvent } from '../webhook.js';
import { AddressError, inboundAddress, recipientAddress, senderAddress, type AddressPlan } from './addresses.js';
import { linkSettings, resolveSmppConfig, type ResolvedSmppConfig, type SmppConfig } from './config.js';
import { readDeliverSm, type MoPart } from './deliver-sm.js';
import { EventSink, type EventListener } from './event-sink.js';
import { canonicalId, convertReceiptId } from './ids.js';
import { SmppLink, type LinkState, type RequestOutcome } from './link.js';
import { PartsBuffer, type PartialMessage } from './parts-buffer.js';
import { MoIds } from './mo-ids.js';
import { messageStateToStat, statToStatus } from './receipt.js';
import { encodeForSmpp, type SmppPart } from './segment.js';
import { SubmittedIds } from './submitted-ids.js';
import {
  ESME_RINVBNDSTS,
  ESME_ROK,
  ESME_RTHROTTLED,
  ESME_RX_T_APPN,
  classifyCommandStatus,
  describeCommandStatus,
} from './status-codes.js';
import { decodeText } from './text.js';

/** `accepted`, with every part's id (receipts come per part) and how many parts did not go through. */
export interface SmppAccepted {
  readonly kind: 'accepted';
  /** The first part's id, canonical (ids.ts). Each part's receipt is reported under its own id. */
  readonly providerMessageId: string;
  readonly partMessageIds: readonly string[];
  /** Parts refused or unanswered after the first was accepted; the message cannot end `delivered`. */
  readonly failedParts: number;
}

export interface SmppProvider extends SmsProvider {
  readonly name: 'smpp';
  submit(message: OutboundSms, signal: AbortSignal): Promise<SubmitResult>;
  onEvent(listener: EventListener): void;
  /** Waits for the bind (up to the connect timeout) and says whether the SMSC took the credentials. */
  testConnection(signal?: AbortSignal): Promise<ConnectionTestResult>;
  readonly state: LinkState;
  close(): Promise<void>;
}

type PartOutcome =
  | { readonly kind: 'accepted'; readonly id: string }
  | Exclude<SubmitResult, { kind: 'accepted' }>;

/** What a submit_sm answered after it was given up on: reconcile's only evidence. */
type LateOutcome = { readonly kind: 'accepted'; readonly id: string } | { readonly kind: 'refused' } | { readonly kind: 'incomplete' };

interface MoBody {
  readonly part: MoPart;
}

const LATE_OUTCOMES_MAX = 10_000;
const PART_RETRIES = 3;

export function createSmppProvider(input: SmppConfig, now: () => Date = () => new Date()): SmppProvider {
  const config = resolveSmppConfig(input);
  return new SmppAdapter(config, now);
}

class SmppAdapter implements SmppProvider {
  readonly name = 'smpp' as const;
  private readonly link: SmppLink;
  private readonly sink = new EventSink(5_000);
  private readonly submittedIds: SubmittedIds;
  private readonly moParts: PartsBuffer<MoBody>;
  private readonly lateOutcomes = new Map<string, LateOutcome>();
  private readonly moIds: MoIds;
  private readonly plan: AddressPlan;
  private readonly expiryTimer: NodeJS.Timeout;
  private nextRef = Math.floor(Math.random() * 256);

  constructor(
    private readonly config: ResolvedSmppConfig,
    private readonly now: () => Date,
  ) {
    this.plan = config;
    const clock = () => this.now().getTime();
    this.submittedIds = new SubmittedIds({ ttlMs: config.receiptTrackingMs, max: config.receiptTrackingMax, now: clock });
    this.moParts = new PartsBuffer({ maxMessages: config.inboundMaxPending, expiryMs: config.inboundExpiryMs, now: clock });
    this.moIds = new MoIds({ windowMs: config.inboundExpiryMs, max: config.inboundMaxPending, now: clock });
    this.link = new SmppLink(linkSettings(config), {
      onDeliverSm: (pdu) => this.onDeliverSm(pdu),
      onLateResponse: (tag, pdu) => this.onLateResponse(tag, pdu),
    });
    this.expiryTimer = setInterval(() => this.flushPartials(this.moParts.expire()), Math.min(config.inboundExpiryMs, 60_000));
    this.expiryTimer.unref();
    this.link.start();
  }

  get state(): LinkState {
    return this.link.state;
  }

  onEvent(listener: EventListener): void {
    this.sink.add(listener);
  }

  async submit(message: OutboundSms, signal: AbortSignal): Promise<SubmitResult> {
    let parts: SmppPart[];
    let source: ReturnType<typeof senderAddress>;
    let destination: ReturnType<typeof recipientAddress>;
    try {
      source = senderAddress(message.from, this.plan);
      destination = recipientAddress(message.to, this.plan);
      parts = encodeForSmpp(message.body, {
        encoding: message.encoding,
        ...(message.nationalLanguage ? { nationalLanguage: message.nationalLanguage } : {}),
        nationalLanguageShift: this.config.nationalLanguageShift,
        ref: this.takeRef(),
      });
    } catch (e) {
      const code = e instanceof AddressError ? 'invalid_address' : 'unencodable';
      return { kind: 'permanent', error: (e as Error).message, code };
    }
    const ids: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (!part) break;
      let outcome = await this.submitPart(message, part, i, parts.length, source, destination, signal);
      if (i === 0 && outcome.kind !== 'accepted') return outcome;
      // Part 1 is out: resending the message would duplicate it, so the later parts are retried here instead.
      for (let retry = 0; outcome.kind === 'transient' && retry < PART_RETRIES && !signal.aborted; retry++) {
        await delay(outcome.retryAfterMs ?? this.config.throttleInitialMs);
        outcome = await this.submitPart(message, part, i, parts.length, source, destination, signal);
      }
      // A hole makes the rest useless to the handset; what is out will be reported as failed.
      if (outcome.kind !== 'accepted') break;
      this.submittedIds.remember(outcome.id);
      ids.push(outcome.id);
    }
    const first = ids[0] ?? '';
    const accepted: SmppAccepted = {
      kind: 'accepted',
      providerMessageId: first,
      partMessageIds: ids,
      failedParts: parts.length - ids.length,
    };
    return accepted;
  }

  async reconcile(message: OutboundSms): Promise<ReconcileResult> {
    const late = this.lateOutcomes.get(message.messageId);
    if (late?.kind === 'refused') return { kind: 'not_found' };
    if (late?.kind !== 'accepted') return { kind: 'unknown' };
    if (!this.config.querySm) return { kind: 'found', providerMessageId: late.id };
    const status = await this.query(message, late.id);
    return { kind: 'found', providerMessageId: late.id, ...(status ? { status } : {}) };
  }

  async testConnection(): Promise<ConnectionTestResult> {
    if (await this.link.waitBound(this.config.connectTimeoutMs)) return { ok: true };
    return { ok: false, problem: this.link.lastProblem ?? 'unexpected', reason: this.link.lastError ?? `not bound (${this.link.state})` };
  }

  async close(): Promise<void> {
    clearInterval(this.expiryTimer);
    this.sink.close();
    await this.link.close();
  }

  /** An error code on a delivered or intermediate receipt says nothing; on a failure it says why (`err:000`, none: receipt.ts). */
  private statusEvent(id: string, status: MessageStatus, word: string, errorCode: string | undefined, at: Date): StatusEvent {
    const qualified = status !== 'delivered' && status !== 'sent' && errorCode ? errorCode : undefined;
    return {
      type: 'status',
      accountId: this.config.accountId,
      providerMessageId: id,
      status,
      providerStatus: word,
      ...(qualified ? { errorCode: qualified } : {}),
      at,
    };
  }

  private takeRef(): number {
    this.nextRef = (this.nextRef + 1) & 0xff;
    return this.nextRef;
  }

  private async submitPart(
    message: OutboundSms,
    part: SmppPart,
    index: number,
    total: number,
    source: ReturnType<typeof senderAddress>,
    destination: ReturnType<typeof recipientAddress>,
    signal: AbortSignal,
  ): Promise<PartOutcome> {
    const outcome: RequestOutcome = await this.link.request(
      'submit_sm',
      {
        service_type: '',
        source_addr_ton: source.ton,
        source_addr_npi: source.npi,
        source_addr: source.addr,
        dest_addr_ton: destination.ton,
        dest_addr_npi: destination.npi,
        destination_addr: destination.addr,
        esm_class: part.esmClass,
        protocol_id: 0,
        priority_flag: 0,
        registered_delivery: this.config.registeredDelivery,
        ...(this.config.validitySeconds ? { validity_period: relativeTime(this.config.validitySeconds) } : {}),
        data_coding: part.dataCoding,
        short_message: part.shortMessage,
      },
      { signal, queueTimeoutMs: this.config.queueTimeoutMs, tag: lateTag(message.messageId, index, total) },
    );
    if (outcome.kind === 'not_sent') return { kind: 'transient', error: `not sent: ${outcome.reason}`, code: 'not_sent' };
    if (outcome.kind === 'no_response') return { kind: 'uncertain', error: outcome.reason };
    const status = outcome.pdu.command_status;
    const id = outcome.pdu.message_id ?? '';
    if (status === ESME_ROK && id.trim() !== '') return { kind: 'accepted', id: canonicalId(id) };
    // A resp with status 0 and no id: the SMSC took it but we cannot follow it. Not refused, not trackable.
    if (status === ESME_ROK) return { kind: 'uncertain', error: 'submit_sm_resp without message_id' };
    const code = describeCommandStatus(status);
    if (status === ESME_RINVBNDSTS) this.link.rebind(`SMSC answered ${code}`);
    switch (classifyCommandStatus(status)) {
      case 'transient':
        return {
          kind: 'transient',
          error: `SMSC refused the part for now: ${code}`,
          code,
          ...(status === ESME_RTHROTTLED ? { retryAfterMs: this.link.throttled() } : {}),
        };
      case 'config':
        return { kind: 'permanent', error: `SMSC refused the bind state: ${code}`, code };
      default:
        return { kind: 'permanent', error: `SMSC refused the message: ${code}`, code };
    }
  }

  private onLateResponse(tag: string, pdu: PDU): void {
    const { messageId, index, total } = parseLateTag(tag);
    if (index !== 0 || pdu.command !== 'submit_sm_resp') return;
    const id = pdu.message_id?.trim();
    let outcome: LateOutcome;
    if (pdu.command_status !== ESME_ROK) outcome = { kind: 'refused' };
    else if (!id) return;
    // Only the first part was out when the message was given up on: the rest never went, so it is not "found".
    else if (total > 1) outcome = { kind: 'incomplete' };
    else {
      outcome = { kind: 'accepted', id: canonicalId(id) };
      this.submittedIds.remember(outcome.id);
    }
    if (this.lateOutcomes.size >= LATE_OUTCOMES_MAX) {
      const oldest = this.lateOutcomes.keys().next();
      if (!oldest.done) this.lateOutcomes.delete(oldest.value);
    }
    this.lateOutcomes.set(messageId, outcome);
  }

  private async query(message: OutboundSms, id: string): Promise<MessageStatus | undefined> {
    let source: ReturnType<typeof senderAddress>;
    try {
      source = senderAddress(message.from, this.plan);
    } catch {
      return undefined;
    }
    const outcome = await this.link.request(
      'query_sm',
      { message_id: id, source_addr_ton: source.ton, source_addr_npi: source.npi, source_addr: source.addr },
      { queueTimeoutMs: this.config.queueTimeoutMs },
    );
    if (outcome.kind !== 'response' || outcome.pdu.command_status !== ESME_ROK) return undefined;
    const stat = messageStateToStat(outcome.pdu.message_state ?? 0);
    return stat ? statToStatus(stat) : undefined;
  }

  private async onDeliverSm(pdu: PDU): Promise<number> {
    // node-smpp emits every PDU of a TCP chunk in one loop, so a receipt can be handled before the code awaiting the
    // submit_sm_resp just before it has recorded the part's id. Resuming after the pending promise callbacks lets
    // that code run first.
    await new Promise((resolve) => setImmediate(resolve));
    const d = readDeliverSm(pdu);
    const at = this.now();
    if (d.kind === 'unreadable') return ESME_ROK;
    if (d.kind === 'receipt') {
      const { receipt } = d;
      if (!receipt.status) return ESME_ROK;
      // Each part's receipt under the part's own id: the product stored the parts and merges them.
      const id = this.submittedIds.resolve(convertReceiptId(receipt.messageId, this.config.receiptIdConversion));
      const event = this.statusEvent(id, receipt.status, receipt.stat, receipt.errorCode, at);
      return (await this.sink.deliver(event)) ? ESME_ROK : ESME_RX_T_APPN;
    }
    const { part } = d;
    if (!part.concat) return this.deliverSingle(part, at);
    const key = `${part.source}|${part.destination}|${part.concat.ref}`;
    const partId = createHash('sha256').update(key).update(`|${part.concat.seq}|`).update(part.body).digest('hex');
    const { result, evicted } = this.moParts.add(key, part.concat.total, part.concat.seq, partId, { part });
    this.flushPartials(evicted);
    if (result.kind !== 'complete') return ESME_ROK;
    return this.deliverInbound(result.parts.map((p) => p.part), at);
  }

  private async deliverSingle(part: MoPart, at: Date): Promise<number> {
    const key = createHash('sha256')
      .update(`${part.source}|${part.destination}|${part.alphabet}|`)
      .update(part.body)
      .digest('hex');
    const generation = this.link.generation;
    const id = this.moIds.idFor(key, generation);
    const event = this.inboundEvent([part], at, id);
    const ok = event ? await this.sink.deliver(event) : true;
    this.moIds.answered(key, id, generation, ok);
    return ok ? ESME_ROK : ESME_RX_T_APPN;
  }

  private async deliverInbound(parts: readonly MoPart[], at: Date): Promise<number> {
    const event = this.inboundEvent(parts, at);
    // The parts were acknowledged as they came, so a complete message has nobody left to resend it: hold it.
    if (event) await this.sink.deliverOrHold(event);
    return ESME_ROK;
  }

  private inboundEvent(
    parts: readonly (MoPart | undefined)[],
    at: Date,
    id = `smpp-mo-${randomUUID()}`,
  ): InboundEvent | undefined {
    const first = parts.find((p): p is MoPart => p !== undefined);
    if (!first) return undefined;
    // Octets are joined before decoding (a surrogate pair may straddle two parts); a missing part becomes "…".
    const runs: string[] = [];
    let octets: Buffer[] = [];
    for (const p of parts) {
      if (p) {
        octets.push(p.body);
        continue;
      }
      runs.push(decodeText(Buffer.concat(octets), first.alphabet, first.tables), '…');
      octets = [];
    }
    runs.push(decodeText(Buffer.concat(octets), first.alphabet, first.tables));
    const from = inboundAddress(first.source, first.sourceTon, first.sourceNpi, this.config.defaultCountry);
    // An unreadable destination needs no flag: no number of the account matches it, so it is unassigned anyway.
    const to = inboundAddress(first.destination, first.destinationTon, first.destinationNpi, this.config.defaultCountry);
    return {
      type: 'inbound',
      accountId: this.config.accountId,
      providerMessageId: id,
      from: from.address,
      to: to.address,
      body: runs.join(''),
      at,
      ...(from.kind === 'unresolved' ? { senderUnresolved: true } : {}),
    };
  }

  private flushPartials(partials: readonly PartialMessage<MoBody>[]): void {
    for (const partial of partials) {
      const event = this.inboundEvent(
        partial.parts.map((p) => p?.part),
        new Date(partial.firstAt),
      );
      if (event) void this.sink.deliverOrHold(event);
    }
  }
}

function lateTag(messageId: string, index: number, total: number): string {
  return JSON.stringify([messageId, index, total]);
}

function parseLateTag(tag: string): { messageId: string; index: number; total: number } {
  const [messageId, index, total] = JSON.parse(tag) as [string, number, number];
  return { messageId, index, total };
}

/** SMPP relative time: YYMMDDhhmmss000R. */
function relativeTime(seconds: number): string {
  let s = Math.max(0, Math.floor(seconds));
  const units = [365 * 86_400, 30 * 86_400, 86_400, 3_600, 60, 1].map((u) => {
    const n = Math.floor(s / u);
    s -= n * u;
    return String(Math.min(n, 99)).padStart(2, '0');
  });
  return `${units.join('')}000R`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
