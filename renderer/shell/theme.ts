import { useEffect, useState } from 'react';

export type Theme = 'system' | 'light' | 'dark';
const KEY = 'handoff.theme';
const ORDER: Theme[] = ['system', 'dark', 'light'];

function read(): Theme {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Dark mode for night shifts: follows the system unless the desk chose light or dark. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(read);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      /* private mode: the choice lasts this session */
    }
  }, [theme]);
  const next = () => setTheme((t) => ORDER[(ORDER.indexOf(t) + 1) % ORDER.length]!);
  return [theme, next];
}
