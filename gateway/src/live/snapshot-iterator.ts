/**
 * An async iterator of whole snapshots fed by `push`. Only the newest unread snapshot is kept:
 * a slow client skips to the latest state instead of queueing stale ones.
 * `return()` (the client unsubscribing) runs `onClose` once.
 */
export function snapshotIterator<T>(onClose: () => void) {
  let pending: { value: T } | undefined;
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      new Promise<IteratorResult<T>>((resolve) => {
        if (pending) {
          resolve({ value: pending.value, done: false });
          pending = undefined;
        } else if (closed) resolve({ value: undefined, done: true });
        else waiting = resolve;
      }),
    return: async () => {
      close();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  const push = (value: T) => {
    if (closed) return;
    if (waiting) {
      waiting({ value, done: false });
      waiting = undefined;
    } else pending = { value };
  };
  return { iterator, push, close };
}
