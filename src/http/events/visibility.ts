// Who may see an event: the agent it names; members of its queue when it names no agent
// (a new waiting conversation, or one a member has just taken); everyone in the account for account-wide events; the
// unassigned inbox and the administration audit trail only for administrators.

export interface EventRow {
  readonly id: number;
  readonly accountId: string;
  readonly agentId: string | null;
  readonly queueId: string | null;
  readonly type: string;
  readonly payload: unknown;
  readonly createdAt: string;
}

export interface Viewer {
  readonly accountId: string;
  readonly agentId: string;
  readonly role: 'agent' | 'admin' | 'supervisor';
  queueIds: ReadonlySet<string>;
}

export function canSee(v: Viewer, e: EventRow): boolean {
  if (e.accountId !== v.accountId) return false;
  if (e.agentId !== null) return e.agentId === v.agentId;
  if (e.queueId !== null) return v.queueIds.has(e.queueId);
  if (e.type.startsWith('inbox.') || e.type.startsWith('admin.')) return v.role === 'admin';
  return true;
}
