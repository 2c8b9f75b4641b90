import type { LiveEvent } from './events';

export type Listener = (e: LiveEvent) => void;

/** Fans the one stream out to what is on screen (the Banner's lists, an open conversation). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }

  emit(e: LiveEvent): void {
    for (const l of this.listeners) l(e);
  }
}
