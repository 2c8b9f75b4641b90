// The announcement's sound: a short two-note chime made with the Web Audio API, so no audio file
// is shipped or fetched. Browsers start an AudioContext suspended until the page has had a click:
// `unlockTone` is called from the click that turns the sound on.
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = typeof window === 'undefined' ? undefined : window.AudioContext;
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    return null;
  }
  return ctx;
}

/** From a click: lets later chimes play while the page is in the background. */
export function unlockTone(): void {
  void context()?.resume().catch(() => undefined);
}

/** About 0.35 s: 880 Hz then 1320 Hz, soft attack and release so it does not click. */
export function playTone(): void {
  const c = context();
  if (!c) return;
  void c.resume().catch(() => undefined);
  const start = c.currentTime + 0.01;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    const t = start + i * 0.15;
    osc.type = 'sine';
    osc.frequency.setValueAtTime(freq, t);
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.15, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, t + 0.2);
    osc.connect(gain).connect(c.destination);
    osc.start(t);
    osc.stop(t + 0.22);
  }
}
