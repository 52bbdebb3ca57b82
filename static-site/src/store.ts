// A value that the pages share and that tells who listens when it changes: the cart and the
// signed-in user. Framework-free so the rules around it can be tested without a DOM.
export interface Store<T> {
  get(): T;
  set(value: T): void;
  update(change: (value: T) => T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T) => {
    if (next === value) {
      return;
    }
    value = next;
    listeners.forEach((listener) => listener(value));
  };
  return {
    get: () => value,
    set,
    update: (change) => set(change(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
