/** A host list (identities, certificates, anchors) with reload; load errors surface as a notice. */
import { useCallback, useEffect, useState } from 'react';

export function useList<T>(load: () => Promise<T[]>, onError: (e: unknown) => void): [T[] | undefined, () => Promise<void>] {
  const [items, setItems] = useState<T[]>();
  const reload = useCallback(async () => {
    try {
      setItems(await load());
    } catch (e) {
      setItems([]);
      onError(e);
    }
  }, [load, onError]);
  useEffect(() => void reload(), [reload]);
  return [items, reload];
}
