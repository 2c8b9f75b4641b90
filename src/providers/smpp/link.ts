// One SMPP transceiver bind kept alive: connect, bind, answer the SMSC, detect a dead link, reconnect with back-off,
// and a send window with per-request timers. node-smpp has none of the last three (no response timeouts, issue
// #57; callbacks dropped silently on close), so responses are matched here by sequence_number.
import type { PDU, PduFields, Session } from 'smpp';
import { useRawShortMessages } from './wire.js';
import { ESME_RINVCMDID, ESME_RX_T_APPN, classifyCommandStatus, describeCommandStatus } from './status-codes.js';

const smpp = useRawShortMessages();
const MAX_GIVEN_UP = 10_000;

export interface LinkSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  readonly addrTon: number;
  readonly addrNpi: number;
  readonly addressRange: string;
  /** Outstanding submit_sm/query_sm at most. */
  readonly window: number;
  /** Requests per second at most; 0 for no limit. */
  readonly throughputPerSecond: number;
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
  readonly enquireLinkIntervalMs: number;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
  readonly throttleInitialMs: number;
  readonly throttleMaxMs: number;
}

export type LinkState = 'connecting' | 'binding' | 'bound' | 'disconnected' | 'closed';

/** Why the link is not bound: the TCP connection, the credentials, or anything else. */
export type LinkProblem = 'unreachable' | 'credentials' | 'unexpected';

export type RequestOutcome =
  | { readonly kind: 'response'; readonly pdu: PDU }
  /** The PDU never left this process: resending is safe. */
  | { readonly kind: 'not_sent'; readonly reason: string }
  /** The PDU was written and no answer came: the SMSC may have it. */
  | { readonly kind: 'no_response'; readonly reason: string };

export interface LinkHooks {
  /** Answers a deliver_sm or data_sm: the command_status to send back, once the content is safe. */
  onDeliverSm(pdu: PDU): Promise<number>;
  /** A response that came after its request was given up on. */
  onLateResponse(tag: string, pdu: PDU): void;
  onStateChange?(state: LinkState, detail?: string): void;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** How long to wait for a bound link and a free window slot before giving up without sending. */
  readonly queueTimeoutMs: number;
  /** Passed back to onLateResponse. */
  readonly tag?: string;
}

interface Pending {
  readonly resolve: (o: RequestOutcome) => void;
  readonly timer: NodeJS.Timeout;
  readonly windowed: boolean;
  readonly tag: string | undefined;
  readonly cleanup: () => void;
}

interface Waiter {
  readonly grant: () => void;
}

export class SmppLink {
  private session: Session | undefined;
  private currentState: LinkState = 'disconnected';
  private closing = false;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private enquireTimer: NodeJS.Timeout | undefined;
  private enquireOutstanding = false;
  private pumpTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly givenUp = new Map<number, string>();
  private readonly waiters: Waiter[] = [];
  private inFlight = 0;
  private pauseUntil = 0;
  private nextSendAt = 0;
  private consecutiveThrottles = 0;
  private lastErrorText: string | undefined;
  private lastProblemKind: LinkProblem | undefined;
  private bindCount = 0;
  private readonly boundWaiters = new Set<() => void>();

  constructor(
    private readonly settings: LinkSettings,
    private readonly hooks: LinkHooks,
  ) {}

  get state(): LinkState {
    return this.currentState;
  }

  get lastError(): string | undefined {
    return this.lastErrorText;
  }

  get lastProblem(): LinkProblem | undefined {
    return this.lastProblemKind;
  }

  /** Counts successful binds: a PDU answered under one generation was answered on a connection since lost. */
  get generation(): number {
    return this.bindCount;
  }

  get outstanding(): number {
    return this.inFlight;
  }

  start(): void {
    if (this.closing || this.session) return;
    this.connect();
  }

  /** Resolves true once bound, false after timeoutMs or on close. */
  waitBound(timeoutMs: number): Promise<boolean> {
    if (this.currentState === 'bound') return Promise.resolve(true);
    if (this.closing) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.boundWaiters.delete(onBound);
        resolve(ok);
      };
      const onBound = () => {
        if (this.currentState === 'bound' || this.closing) done(this.currentState === 'bound');
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.boundWaiters.add(onBound);
    });
  }

  /**
   * Tells the link the SMSC said ESME_RTHROTTLED: nothing more is sent until the back-off ends, and each throttle
   * in a row doubles it. Returns the back-off in ms.
   */
  throttled(): number {
    this.consecutiveThrottles++;
    const backoff = Math.min(
      this.settings.throttleMaxMs,
      this.settings.throttleInitialMs * 2 ** (this.consecutiveThrottles - 1),
    );
    this.pauseUntil = Math.max(this.pauseUntil, Date.now() + backoff);
    return backoff;
  }

  /** Drops the connection and binds again (the SMSC said we are not bound: ESME_RINVBNDSTS). */
  rebind(reason: string): void {
    const session = this.session;
    if (!session || this.closing) return;
    this.noteProblem('unexpected', reason);
    session.destroy();
  }

  /** A windowed request (submit_sm, query_sm). */
  async request(command: string, fields: PduFields, options: RequestOptions): Promise<RequestOutcome> {
    const granted = await this.acquire(options);
    if (granted !== true) return { kind: 'not_sent', reason: granted };
    const session = this.session;
    if (!session || this.currentState !== 'bound') {
      this.release();
      return { kind: 'not_sent', reason: 'link down' };
    }
    return this.send(session, command, fields, { windowed: true, tag: options.tag, signal: options.signal });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.pumpTimer);
    for (const w of this.waiters.splice(0)) w.grant();
    const session = this.session;
    if (session && this.currentState === 'bound') {
      await this.send(session, 'unbind', {}, { windowed: false, tag: undefined, timeoutMs: 1000 });
    }
    if (session) {
      await new Promise<void>((resolve) => {
        if (session.socket.destroyed) return resolve();
        session.socket.once('close', () => resolve());
        session.close();
        setTimeout(() => session.destroy(), 1000).unref();
      });
    }
    this.setState('closed');
  }

  private noteProblem(kind: LinkProblem, text: string): void {
    this.lastProblemKind = kind;
    this.lastErrorText = text;
  }

  private setState(state: LinkState, detail?: string): void {
    if (this.currentState === 'closed') return;
    this.currentState = state;
    this.hooks.onStateChange?.(state, detail);
    for (const w of [...this.boundWaiters]) w();
  }

  private connect(): void {
    this.setState('connecting');
    const scheme = this.settings.tls ? 'ssmpp' : 'smpp';
    const session = smpp.connect({ url: `${scheme}://${this.settings.host}:${this.settings.port}` });
    this.session = session;
    this.connectTimer = setTimeout(() => {
      this.noteProblem('unreachable', `no TCP connection within ${this.settings.connectTimeoutMs} ms`);
      session.destroy();
    }, this.settings.connectTimeoutMs);
    let connected = false;
    session.on(this.settings.tls ? 'secureConnect' : 'connect', () => {
      connected = true;
      clearTimeout(this.connectTimer);
      void this.bind(session);
    });
    // An unhandled 'error' would end the process (node-smpp emits it for socket and parse errors); 'close' follows.
    session.on('error', (e: Error) => this.noteProblem(connected ? 'unexpected' : 'unreachable', e.message));
    session.on('close', () => this.onClosed(session));
    session.on('pdu', (pdu: PDU) => this.dispatch(session, pdu));
  }

  private async bind(session: Session): Promise<void> {
    this.setState('binding');
    const outcome = await this.send(
      session,
      'bind_transceiver',
      {
        system_id: this.settings.systemId,
        password: this.settings.password,
        system_type: this.settings.systemType,
        // node-smpp defaults to 0x50 (SMPP 5.0); this adapter speaks 3.4.
        interface_version: 0x34,
        addr_ton: this.settings.addrTon,
        addr_npi: this.settings.addrNpi,
        address_range: this.settings.addressRange,
      },
      { windowed: false, tag: undefined },
    );
    if (session !== this.session) return;
    if (outcome.kind !== 'response' || outcome.pdu.command_status !== 0) {
      if (outcome.kind === 'response') {
        const status = outcome.pdu.command_status;
        this.noteProblem(classifyCommandStatus(status) === 'config' ? 'credentials' : 'unexpected', `bind refused: ${describeCommandStatus(status)}`);
      } else {
        this.noteProblem('unexpected', `bind failed: ${outcome.reason}`);
      }
      session.destroy();
      return;
    }
    this.reconnectAttempt = 0;
    this.lastErrorText = undefined;
    this.lastProblemKind = undefined;
    this.bindCount++;
    this.setState('bound');
    this.enquireTimer = setInterval(() => this.enquire(session), this.settings.enquireLinkIntervalMs);
    this.pump();
  }

  private enquire(session: Session): void {
    if (this.enquireOutstanding || session !== this.session) return;
    this.enquireOutstanding = true;
    void this.send(session, 'enquire_link', {}, { windowed: false, tag: undefined }).then((outcome) => {
      this.enquireOutstanding = false;
      // A peer that does not answer enquire_link is gone even if TCP says otherwise: start again.
      if (outcome.kind !== 'response' && session === this.session) {
        this.noteProblem('unexpected', 'enquire_link unanswered');
        session.destroy();
      }
    });
  }

  private onClosed(session: Session): void {
    if (session !== this.session) return;
    this.session = undefined;
    clearTimeout(this.connectTimer);
    clearInterval(this.enquireTimer);
    for (const [seq, p] of this.pending) {
      this.pending.delete(seq);
      this.settle(p, { kind: 'no_response', reason: `connection lost${this.lastErrorText ? ` (${this.lastErrorText})` : ''}` });
    }
    // Sequence numbers start again on the next session: an old one must not match a new request.
    this.givenUp.clear();
    this.inFlight = 0;
    if (this.closing) {
      this.setState('closed');
      return;
    }
    this.setState('disconnected', this.lastErrorText);
    const ceiling = Math.min(this.settings.reconnectMaxMs, this.settings.reconnectInitialMs * 2 ** this.reconnectAttempt);
    this.reconnectAttempt++;
    // Half fixed, half random: many clients reconnecting at once do not stay in step.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private dispatch(session: Session, pdu: PDU): void {
    if (pdu.isResponse()) {
      this.onResponse(pdu);
      return;
    }
    switch (pdu.command) {
      case 'enquire_link':
        session.send(pdu.response());
        return;
      case 'unbind':
        session.send(pdu.response(), undefined, () => session.close());
        return;
      // data_sm is the SMSC's other way to carry a receipt or an MO message (text in message_payload): answered
      // data_sm_resp the same way, once the content is safe. generic_nack would make it retry or drop it.
      case 'deliver_sm':
      case 'data_sm':
        this.hooks.onDeliverSm(pdu).then(
          (status) => session.send(pdu.response({ command_status: status })),
          // Not safe yet: a temporary error makes the SMSC deliver it again later.
          () => session.send(pdu.response({ command_status: ESME_RX_T_APPN })),
        );
        return;
      case 'alert_notification':
      case 'outbind':
        return;
      default:
        session.send(pdu.command === 'unknown' ? pdu.response() : pdu.response({ command_status: ESME_RINVCMDID }));
    }
  }

  private onResponse(pdu: PDU): void {
    const p = this.pending.get(pdu.sequence_number);
    if (p) {
      this.pending.delete(pdu.sequence_number);
      if (pdu.command === 'submit_sm_resp' && pdu.command_status === 0) this.consecutiveThrottles = 0;
      this.settle(p, { kind: 'response', pdu });
      return;
    }
    const tag = this.givenUp.get(pdu.sequence_number);
    if (tag !== undefined) {
      this.givenUp.delete(pdu.sequence_number);
      this.hooks.onLateResponse(tag, pdu);
    }
  }

  private settle(p: Pending, outcome: RequestOutcome): void {
    clearTimeout(p.timer);
    p.cleanup();
    if (p.windowed) this.release();
    p.resolve(outcome);
  }

  private send(
    session: Session,
    command: string,
    fields: PduFields,
    opts: { windowed: boolean; tag: string | undefined; signal?: AbortSignal | undefined; timeoutMs?: number },
  ): Promise<RequestOutcome> {
    return new Promise((resolve) => {
      const pdu = new smpp.PDU(command, fields);
      if (!session.send(pdu)) {
        if (opts.windowed) this.release();
        resolve({ kind: 'not_sent', reason: 'socket not writable' });
        return;
      }
      const seq = pdu.sequence_number;
      const giveUp = (reason: string) => {
        const p = this.pending.get(seq);
        if (!p) return;
        this.pending.delete(seq);
        if (opts.tag !== undefined) {
          // An SMSC that never answers would otherwise grow this for the life of the session.
          if (this.givenUp.size >= MAX_GIVEN_UP) this.givenUp.delete(this.givenUp.keys().next().value ?? 0);
          this.givenUp.set(seq, opts.tag);
        }
        this.settle(p, { kind: 'no_response', reason });
      };
      const onAbort = () => giveUp('aborted while waiting for the response');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const timeoutMs = opts.timeoutMs ?? this.settings.responseTimeoutMs;
      this.pending.set(seq, {
        resolve,
        windowed: opts.windowed,
        tag: opts.tag,
        timer: setTimeout(() => giveUp(`no ${command}_resp within ${timeoutMs} ms`), timeoutMs),
        cleanup: () => opts.signal?.removeEventListener('abort', onAbort),
      });
    });
  }

  /** true, or why no slot was given. */
  private acquire(options: RequestOptions): Promise<true | string> {
    if (this.closing) return Promise.resolve('link closed');
    if (options.signal?.aborted) return Promise.resolve('aborted before sending');
    return new Promise((resolve) => {
      const finish = (result: true | string) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(result);
      };
      const waiter: Waiter = { grant: () => finish(this.closing ? 'link closed' : true) };
      const onAbort = () => finish('aborted before sending');
      const timer = setTimeout(
        () => finish(this.currentState === 'bound' ? 'send window full' : `not bound (${this.lastErrorText ?? this.currentState})`),
        options.queueTimeoutMs,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  private release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.pump();
  }

  private pump(): void {
    clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
    while (this.waiters.length > 0 && this.currentState === 'bound' && this.inFlight < this.settings.window) {
      const now = Date.now();
      const wait = Math.max(this.pauseUntil, this.nextSendAt) - now;
      if (wait > 0) {
        this.pumpTimer = setTimeout(() => this.pump(), wait);
        return;
      }
      if (this.settings.throughputPerSecond > 0) {
        this.nextSendAt = Math.max(now, this.nextSendAt) + 1000 / this.settings.throughputPerSecond;
      }
      const waiter = this.waiters.shift();
      if (!waiter) return;
      this.inFlight++;
      waiter.grant();
    }
  }
}
