// What the supervised conversations' routes answer (src/http/routes/supervision.ts); the admin pages use these types too.

export interface SupervisedConversation {
  readonly id: string;
  readonly status: 'waiting' | 'progressing';
  readonly queueId: string | null;
  readonly queueName: string | null;
  readonly customerNumber: string;
  readonly contactName: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  /** Since when the customer waits (created) — for an open one, when it began. */
  readonly createdAt: string;
  readonly lastActivityAt: string;
}

export interface TranscriptMessage {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly status: string;
  readonly body: string | null;
  readonly agentName: string | null;
  readonly createdAt: string;
}
