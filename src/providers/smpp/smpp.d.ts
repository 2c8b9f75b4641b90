// Types for the parts of npm `smpp` 0.5.1 (farhadi/node-smpp) that this folder uses. The package ships none.
// PDU fields are the SMPP 3.4 parameter names; the package reads and writes them as plain properties.

declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** Mandatory parameters and the TLVs this product reads or writes (SMPP 3.4 §4 and §5.3). */
  export interface PduFields {
    // bind_*
    system_id?: string;
    password?: string;
    system_type?: string;
    interface_version?: number;
    addr_ton?: number;
    addr_npi?: number;
    address_range?: string;
    // submit_sm / deliver_sm
    service_type?: string;
    source_addr_ton?: number;
    source_addr_npi?: number;
    source_addr?: string;
    dest_addr_ton?: number;
    dest_addr_npi?: number;
    destination_addr?: string;
    esm_class?: number;
    protocol_id?: number;
    priority_flag?: number;
    schedule_delivery_time?: string;
    validity_period?: string;
    registered_delivery?: number;
    replace_if_present_flag?: number;
    data_coding?: number;
    sm_default_msg_id?: number;
    /** A Buffer once `wire.ts` has switched the package's text filters off. */
    short_message?: Buffer;
    // *_resp, query_sm
    message_id?: string;
    final_date?: string;
    message_state?: number;
    error_code?: number;
    // TLVs
    receipted_message_id?: string;
    network_error_code?: Buffer;
    user_message_reference?: number;
    sar_msg_ref_num?: number;
    sar_total_segments?: number;
    sar_segment_seqnum?: number;
    message_payload?: Buffer;
    more_messages_to_send?: number;
    command_status?: number;
    sequence_number?: number;
  }

  export interface PDU extends PduFields {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    response(options?: PduFields): PDU;
    toBuffer(): Buffer;
  }

  export interface Session extends EventEmitter {
    readonly socket: Socket;
    /** Returns false (and sends nothing) when the socket is no longer writable. */
    send(pdu: PDU, responseCallback?: (pdu: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export interface ConnectOptions {
    url?: string;
    host?: string;
    port?: number;
    connectTimeout?: number;
    auto_enquire_link_period?: number;
  }

  export interface Server extends NetServer {
    readonly sessions: Session[];
  }

  export interface ParamType {
    read(buffer: Buffer, offset: number, length?: number): unknown;
    write(value: unknown, buffer: Buffer, offset: number): void;
    size(value: unknown): number;
    default: unknown;
  }

  export interface ParamDef {
    type: ParamType;
    default?: unknown;
    filter?: unknown;
  }

  export interface CommandDef {
    id: number;
    params?: Record<string, ParamDef>;
    tlvMap?: Record<string, string>;
  }

  export interface TlvDef {
    id: number;
    type: ParamType;
    filter?: unknown;
    multiple?: boolean;
  }

  /** The CommonJS exports object, which is what an ES module import of the package receives as default. */
  export interface SmppModule {
    PDU: new (command: string, options?: PduFields) => PDU;
    connect(options: ConnectOptions, listener?: () => void): Session;
    createServer(options: Record<string, never>, listener: (session: Session) => void): Server;
    commands: Record<string, CommandDef>;
    tlvs: Record<string, TlvDef>;
    types: { buffer: ParamType; cstring: ParamType; tlv: { buffer: ParamType } };
    addCommand(command: string, options: CommandDef): void;
    addTLV(tag: string, options: TlvDef): void;
  }

  const smpp: SmppModule;
  export default smpp;
}
