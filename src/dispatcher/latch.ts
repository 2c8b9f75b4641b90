// Wakes the dispatcher's loop: any number of notify() calls while it works collapse into one
// more round; wait() also returns after a timeout (the polling fallback).

export class Latch {
  private pending = false;
  private release: (() => void) | null = null;

  notify(): void {
    this.pending = true;
    this.release?.();
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.release = null;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.release = done;
    });
  }
}
