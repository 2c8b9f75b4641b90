import { useCallback, useState } from 'react';
import { clearDraft, loadDraft, saveDraft, type Draft, type DraftScope, type DraftStorage } from './drafts';
import { useWriting } from './writing-context';

function browserStorage(): DraftStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: drafts are simply not kept
  }
}

export interface DraftHandle {
  /** The draft found when the form opened, or null. */
  readonly restored: Draft | null;
  readonly save: (draft: Omit<Draft, 'savedAt'>) => void;
  readonly clear: () => void;
}

/**
 * The draft of one place, for the signed-in agent: read once when the form mounts (the caller is
 * keyed by its place), written as the agent types.
 */
export function useDraft(scope: DraftScope): DraftHandle {
  const { agentId } = useWriting();
  const [storage] = useState(browserStorage);
  const [restored] = useState(() => (storage && agentId ? loadDraft(storage, agentId, scope) : null));
  const conversationId = scope.kind === 'conversation' ? scope.id : null;
  const save = useCallback(
    (draft: Omit<Draft, 'savedAt'>) => {
      if (storage && agentId) saveDraft(storage, agentId, conversationId ? { kind: 'conversation', id: conversationId } : { kind: 'new-sms' }, draft);
    },
    [storage, agentId, conversationId],
  );
  const clear = useCallback(() => {
    if (storage && agentId) clearDraft(storage, agentId, conversationId ? { kind: 'conversation', id: conversationId } : { kind: 'new-sms' });
  }, [storage, agentId, conversationId]);
  return { restored, save, clear };
}
