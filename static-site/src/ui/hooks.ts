// The few hooks the pages share: following a store, loading one thing, loading a list page by page.
import type { ApiProblem } from '@serverless-shop/api-client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { asProblem } from '../problems/problemView';
import type { Store } from '../store';

export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; problem: ApiProblem };

/**
 * Loads once per change of deps (the caller names what the loader depends on, as with useCallback);
 * an answer to an older request never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => void, (value: T) => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState({ status: 'loading' });
    load().then(
      (value) => mine === generation.current && setState({ status: 'ready', value }),
      (error: unknown) => mine === generation.current && setState({ status: 'failed', problem: asProblem(error) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's, checked where this hook is called (eslint.config.mjs)
  }, deps);
  useEffect(run, [run]);
  const replace = useCallback((value: T) => setState({ status: 'ready', value }), []);
  return [state, run, replace];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface PagedList<T> {
  items: T[];
  /** Loading the first page. */
  loading: boolean;
  loadingMore: boolean;
  problem: ApiProblem | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces one item in place (after a change made on the page). */
  replace: (matches: (item: T) => boolean, next: T) => void;
}

/**
 * A keyset-paginated list: the first page on each change of deps (what loadPage depends on), the
 * next one on "Load more".
 */
export function usePagedList<T>(loadPage: (cursor?: string) => Promise<Page<T>>, deps: unknown[]): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const generation = useRef(0);

  const fetchPage = useCallback((after: string | undefined) => {
    const mine = after === undefined ? ++generation.current : generation.current;
    (after === undefined ? setLoading : setLoadingMore)(true);
    setProblem(null);
    loadPage(after)
      .then(
        (page) => {
          if (mine !== generation.current) {
            return;
          }
          setItems((previous) => (after === undefined ? page.items : [...previous, ...page.items]));
          setCursor(page.nextCursor ?? null);
        },
        (error: unknown) => {
          if (mine === generation.current) {
            setProblem(asProblem(error));
          }
        },
      )
      .finally(() => {
        if (mine === generation.current) {
          (after === undefined ? setLoading : setLoadingMore)(false);
        }
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are the caller's, checked where this hook is called (eslint.config.mjs)
  }, deps);

  useEffect(() => {
    setItems([]);
    setCursor(null);
    fetchPage(undefined);
  }, [fetchPage]);

  return {
    items,
    loading,
    loadingMore,
    problem,
    hasMore: cursor !== null,
    loadMore: () => cursor !== null && !loadingMore && fetchPage(cursor),
    reload: () => fetchPage(undefined),
    replace: (matches, next) => setItems((previous) => previous.map((item) => (matches(item) ? next : item))),
  };
}

/** The document's title, for the tab and for screen readers arriving on the page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · serverless-shop`;
  }, [title]);
}
