// Agents as their forms hold them: an invitation, and the changes an administrator makes afterwards.
import type { AdminAgent, AgentCreateBody, AgentUpdateBody } from '../admin-types';

export type Role = AdminAgent['role'];
export type AgentLang = AdminAgent['lang'];

export interface InviteDraft {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** '' for no profile: the agent can sign in but send nothing until one is given. */
  readonly profileId: string;
  readonly lang: AgentLang;
  /** Kept while another role is chosen, sent only for a supervisor. */
  readonly supervisedQueueIds: readonly string[];
}

export interface AgentDraft {
  readonly name: string;
  readonly role: Role;
  readonly profileId: string;
  readonly lang: AgentLang;
  readonly disabled: boolean;
  readonly supervisedQueueIds: readonly string[];
}

/** A supervisor's queues; another role supervises nothing (the server refuses a list for it). */
const supervision = (d: { readonly role: Role; readonly supervisedQueueIds: readonly string[] }) => (d.role === 'supervisor' ? { supervisedQueueIds: [...d.supervisedQueueIds] } : {});

export function newInvite(lang: AgentLang): InviteDraft {
  return { email: '', name: '', role: 'agent', profileId: '', lang, supervisedQueueIds: [] };
}

export function inviteBody(d: InviteDraft): AgentCreateBody {
  return { email: d.email.trim(), name: d.name, role: d.role, profileId: d.profileId === '' ? null : d.profileId, lang: d.lang, ...supervision(d) };
}

export function agentDraft(a: AdminAgent): AgentDraft {
  return { name: a.name, role: a.role, profileId: a.profileId ?? '', lang: a.lang, disabled: a.disabled, supervisedQueueIds: a.supervisedQueueIds };
}

export function agentUpdateBody(d: AgentDraft): AgentUpdateBody {
  return { name: d.name, role: d.role, profileId: d.profileId === '' ? null : d.profileId, lang: d.lang, disabled: d.disabled, ...supervision(d) };
}

/** The password shown once, and to whom it must be handed. */
export interface IssuedPassword {
  readonly agentName: string;
  readonly email: string;
  readonly password: string;
}
