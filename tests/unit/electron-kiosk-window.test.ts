import { describe, expect, it } from 'vitest';
import { isKioskLaunch, kioskWindowOptions, mainWindowOptions } from '../../electron/window';

describe('the Electron kiosk window', () => {
  it('is full screen in kiosk mode with every security option of the main window', () => {
    const k = kioskWindowOptions('/p.js');
    expect(k).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(k.webPreferences).toEqual(mainWindowOptions('/p.js').webPreferences);
  });

  it('opens with --kiosk or HANDOFF_KIOSK=1 only', () => {
    expect(isKioskLaunch(['electron', '.', '--kiosk'], {})).toBe(true);
    expect(isKioskLaunch(['electron', '.'], { HANDOFF_KIOSK: '1' })).toBe(true);
    expect(isKioskLaunch(['electron', '.'], {})).toBe(false);
    expect(isKioskLaunch(['electron', '.'], { HANDOFF_KIOSK: '0' })).toBe(false);
  });
});
