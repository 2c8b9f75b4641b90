// What every writing form needs to know about the signed-in agent without each parent passing it
// down: their id (drafts are per agent), their name (system variables) and the labels the
// administrator gave the account's numbers (shown wherever a sender appears).
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AgentApi } from '../api/endpoints';
import type { Queue } from '../api/types';
import { pruneDrafts } from './drafts';
import { senderText } from './sender-model';

export interface WritingFacts {
  readonly agentId: string;
  readonly agentName: string;
  /** Address → label, from the agent's queues; Direct senders carry their own. */
  readonly senderLabels: ReadonlyMap<string, string>;
}

const WritingContext = createContext<WritingFacts>({ agentId: '', agentName: '', senderLabels: new Map() });

export interface WritingProviderProps {
  readonly api: Pick<AgentApi, 'queues'>;
  readonly agentId: string;
  readonly agentName: string;
  readonly children: ReactNode;
}

/** Around the Banner: reads the queues' sender labels once, and drops drafts past their age. */
export function WritingProvider({ api, agentId, agentName, children }: WritingProviderProps) {
  const [queues, setQueues] = useState<readonly Queue[]>([]);
  useEffect(() => {
    let live = true;
    // Labels are a nicety: without them the addresses show alone.
    api.queues().then(
      (q) => live && setQueues(q),
      () => undefined,
    );
    try {
      pruneDrafts(window.localStorage, Date.now());
    } catch {
      // storage disabled: there are no drafts to prune
    }
    return () => {
      live = false;
    };
  }, [api, agentId]);
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
