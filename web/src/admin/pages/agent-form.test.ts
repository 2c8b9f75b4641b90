import { describe, expect, it } from 'vitest';
import { agentDraft, agentUpdateBody, inviteBody, newInvite } from './agent-form';

describe('the agent forms', () => {
  it('invite an agent without a profile as null, in the language chosen', () => {
    expect(inviteBody({ ...newInvite('fr'), email: ' ann@acme.example ', name: 'Ann' })).toEqual({ email: 'ann@acme.example', name: 'Ann', role: 'agent', profileId: null, lang: 'fr' });
    expect(inviteBody({ ...newInvite('en'), email: 'b@x.example', name: 'B', role: 'admin', profileId: 'p1' })).toMatchObject({ role: 'admin', profileId: 'p1', lang: 'en' });
  });

  it('send every change of an existing agent, disabling included', () => {
    const a = { id: 'a1', email: 'a@x.example', name: 'Al', role: 'agent' as const, profileId: null, disabled: false, lang: 'en' as const, supervisedQueueIds: [] };
    expect(agentUpdateBody(agentDraft(a))).toEqual({ name: 'Al', role: 'agent', profileId: null, lang: 'en', disabled: false });
    expect(agentUpdateBody({ ...agentDraft(a), profileId: 'p2', disabled: true })).toEqual({ name: 'Al', role: 'agent', profileId: 'p2', lang: 'en', disabled: true });
  });

  it('send a supervisor’s queues, and no queues for another role', () => {
    const invite = { ...newInvite('en'), email: 's@x.example', name: 'Sue', role: 'supervisor' as const, supervisedQueueIds: ['q1', 'q2'] };
    expect(inviteBody(invite)).toMatchObject({ role: 'supervisor', supervisedQueueIds: ['q1', 'q2'] });
    expect(inviteBody({ ...invite, role: 'agent' })).not.toHaveProperty('supervisedQueueIds');
    const a = { id: 'a1', email: 'a@x.example', name: 'Al', role: 'supervisor' as const, profileId: null, disabled: false, lang: 'en' as const, supervisedQueueIds: ['q1'] };
    expect(agentUpdateBody(agentDraft(a))).toMatchObject({ role: 'supervisor', supervisedQueueIds: ['q1'] });
    expect(agentUpdateBody({ ...agentDraft(a), role: 'admin' })).not.toHaveProperty('supervisedQueueIds');
  });
});
