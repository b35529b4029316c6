import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

/** A keyboard shortcut a screen offers; the help overlay (press ?) lists every registered one. */
export interface Shortcut {
  /** e.g. "Alt+N", "/", "?" — matched case-insensitively against the pressed key. */
  keys: string;
  description: string;
  run(): void;
  /** Also fires while typing in a field (for Alt/Ctrl combinations). */
  inFields?: boolean;
}

interface Registry {
  add(s: Shortcut): () => void;
  list(): Shortcut[];
  version: number;
}

const ShortcutContext = createContext<Registry | null>(null);

export function keyOf(e: KeyboardEvent): string {
  const parts: string[] = [];
  if (e.ctrlKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  if (e.metaKey) parts.push('Meta');
  // Shifted symbols ("?") arrive as their own key; only letters carry Shift explicitly.
  const k = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  if (e.shiftKey && /^[A-Z]$/.test(k) && parts.length) parts.push('Shift');
  parts.push(k === ' ' ? 'Space' : k);
  return parts.join('+');
}

const isField = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function ShortcutProvider({ children }: { children: ReactNode }) {
  const items = useRef(new Set<Shortcut>());
  const [version, setVersion] = useState(0);
  const registry: Registry = {
    add(s) {
      items.current.add(s);
      setVersion((v) => v + 1);
      return () => {
        items.current.delete(s);
        setVersion((v) => v + 1);
      };
    },
    list: () => [...items.current],
    version,
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const pressed = keyOf(e).toUpperCase();
      // Later registrations (the current screen) win over global ones.
      const match = [...items.current]
        .reverse()
        .find((s) => s.keys.toUpperCase() === pressed && (s.inFields || !isField(e.target)));
      if (!match) return;
      e.preventDefault();
      match.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return <ShortcutContext.Provider value={registry}>{children}</ShortcutContext.Provider>;
}

/** Registers a shortcut while the calling component is mounted. */
export function useShortcut(
  keys: string,
  description: string,
  run: () => void,
  opts: { inFields?: boolean; enabled?: boolean } = {},
): void {
  const registry = useContext(ShortcutContext);
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  const enabled = opts.enabled ?? true;
  const inFields = opts.inFields ?? false;
  const add = registry?.add;
  useEffect(() => {
    if (!add || !enabled) return;
    return add({ keys, description, inFields, run: () => runRef.current() });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys, description, inFields, enabled]);
}

export function useShortcutList(): Shortcut[] {
  const registry = useContext(ShortcutContext);
  return registry ? registry.list() : [];
}
