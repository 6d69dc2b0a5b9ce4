/**
 * An async iterator fed by `push`. Values the client has not read yet are folded into one by
 * `combine` (by default the newest wins: frames that are whole snapshots), so a slow client
 * never builds a queue. `return()` (the client unsubscribing) runs `onClose` once.
 */
export function pushIterator<T>(onClose: () => void, combine: (unread: T, next: T) => T = (_unread, next) => next) {
  let pending: { value: T } | undefined;
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let closed = false;
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
      if (!closed) {
        closed = true;
        onClose();
        waiting?.({ value: undefined, done: true });
        waiting = undefined;
      }
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
    } else pending = { value: pending ? combine(pending.value, value) : value };
  };
  return { iterator, push };
}
