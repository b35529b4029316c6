import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../core/contract';
import { api } from './api/client';

export interface Query<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads a read method and reloads it when another desk changes one of `topics` (pushed over
 * IPC or server-sent events), so every screen stays live without polling.
 */
export function useApiQuery<K extends MethodName>(
  method: K,
  input: MethodInput<K>,
  topics: readonly string[] = [],
): Query<MethodOutput<K>> {
  const [data, setData] = useState<MethodOutput<K> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  const seq = useRef(0);
  const topicKey = topics.join(',');

  const load = useCallback(async () => {
    const mine = ++seq.current;
    const r = await api.call(method, JSON.parse(key) as MethodInput<K>);
    if (mine !== seq.current) return; // a newer load won
    setLoading(false);
    if (r.ok) {
      setData(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [method, key]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!topicKey)
      return api.onChange((e) => {
        if (e.topic === '*') void load();
      });
    const wanted = new Set(topicKey.split(','));
    return api.onChange((e) => {
      // '*': everything may have changed (after unlocking, after a restore).
      if (wanted.has(e.topic) || e.topic === '*') void load();
    });
  }, [topicKey, load]);

  return { data, error, loading, reload: () => void load() };
}
