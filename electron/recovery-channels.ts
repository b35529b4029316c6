/**
 * The recovery window's two IPC channels (electron/recovery-window.ts); its preload imports only
 * this, so the sandboxed bundle stays a few lines.
 */
export const RECOVERY_SUBMIT_CHANNEL = 'handoff:recovery:submit';
export const RECOVERY_CANCEL_CHANNEL = 'handoff:recovery:cancel';

/** What main answers a typed key with: a message to show, or that the app is opening. */
export type RecoveryReply = { ok: true } | { ok: false; message: string };
