/** The alert sound's per-workstation setting (a desk PC beside a sleeping unit may turn it off). */
const SOUND_KEY = 'handoff.alertSound';

export function alertSoundOn(): boolean {
  return window.localStorage.getItem(SOUND_KEY) !== 'off';
}
export function setAlertSound(on: boolean): void {
  window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

let ctx: AudioContext | null = null;

/**
 * Two short tones (a third beep for "over target"), made with Web Audio: no sound file to ship.
 * A browser may keep audio suspended until the page has had a click or key press; the desk has.
 */
export function beep(urgent: boolean): void {
  if (!alertSoundOn() || typeof AudioContext === 'undefined') return;
  try {
    ctx ??= new AudioContext();
    void ctx.resume();
    const tones = urgent ? [880, 660, 880] : [660, 880];
    tones.forEach((freq, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      const start = ctx!.currentTime + i * 0.22;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(start);
      osc.stop(start + 0.2);
    });
  } catch {
    // No audio device: the badge and the title still tell.
  }
}
