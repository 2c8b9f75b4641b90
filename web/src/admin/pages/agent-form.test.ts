import { describe, expect, it } from 'vitest';
import { agentDraft, agentUpdateBody, inviteBody, newInvite } from './agent-form';

describe('the agent forms', () => {
  it('invite an agent without a profile as null, in the language chosen', () => {
    expect(inviteBody({ ...newInvite('fr'), email: ' ann@acme.example ', name: 'Ann' })).toEqual({ email: 'ann@acme.example', name: 'Ann', role: 'agent', profileId: null, lang: 'fr' });
    expect(inviteBody({ ...newInvite('en'), email: 'b@x.example', name: 'B', role: 'admin', profileId: 'p1' })).toMatchObject({ role: 'admin', profileId: 'p1', lang: 'en' });
  });

  it('send every change of an existing agent, disabling included', () => {
    const a = { id: 'a1', email: 'a@x.example', name: 'Al', role: 'agent' as const, profileId: null, disabled: false, lang: 'en' as const };
    expect(agentUpdateBody(agentDraft(a))).toEqual({ name: 'Al', role: 'agent', profileId: null, lang: 'en', disabled: false });
    expect(agentUpdateBody({ ...agentDraft(a), profileId: 'p2', disabled: true })).toEqual({ name: 'Al', role: 'agent', profileId: 'p2', lang: 'en', disabled: true });
  });
});
