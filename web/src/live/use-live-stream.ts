import { useEffect, useState } from 'react';
import type { EventBus } from './event-bus';
import { connectEventStream, type StreamStatus } from './event-stream';

/**
 * Connects the agent's live stream while the Banner is shown. `resyncs` counts the times the stream started
 * without being able to replay what was missed, so views reload what they show.
 */
export function useLiveStream(bus: EventBus, sessionStillValid: () => Promise<boolean>): { status: StreamStatus; resyncs: number } {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [resyncs, setResyncs] = useState(0);
  useEffect(() => {
    const stream = connectEventStream({
      onEvent: (e) => bus.emit(e),
      onStatus: setStatus,
      onFreshStart: () => setResyncs((n) => n + 1),
      beforeRetry: sessionStillValid,
    });
    const offline = () => stream.interrupt();
    const online = () => stream.retryNow();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      stream.stop();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, [bus, sessionStillValid]);
  return { status, resyncs };
}
