// What every writing form needs to know about the signed-in agent without each parent passing it
// down: their id (drafts are per agent), their name (system variables) and the labels the
// administrator gave the account's numbers (shown wherever a sender appears).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Queue } from '../api/types';
import { senderText } from './sender-model';

export interface WritingFacts {
  readonly agentId: string;
  readonly agentName: string;
  /** Address → label, from the agent's queues; Direct senders carry their own. */
  readonly senderLabels: ReadonlyMap<string, string>;
}

const WritingContext = createContext<WritingFacts>({ agentId: '', agentName: '', senderLabels: new Map() });

export function WritingProvider({ agentId, agentName, queues, children }: { readonly agentId: string; readonly agentName: string; readonly queues: readonly Queue[]; readonly children: ReactNode }) {
  const value = useMemo<WritingFacts>(() => {
    const senderLabels = new Map<string, string>();
    for (const q of queues) if (q.smsNumber && q.smsNumberLabel) senderLabels.set(q.smsNumber, q.smsNumberLabel);
    return { agentId, agentName, senderLabels };
  }, [agentId, agentName, queues]);
  return <WritingContext.Provider value={value}>{children}</WritingContext.Provider>;
}

export function useWriting(): WritingFacts {
  return useContext(WritingContext);
}

/** A sender as the agent reads it: "Support FR (+33757000001)". */
export function useSenderText(): (address: string, label?: string | null) => string {
  const { senderLabels } = useWriting();
  return (address, label) => senderText(address, label ?? senderLabels.get(address) ?? null);
}
