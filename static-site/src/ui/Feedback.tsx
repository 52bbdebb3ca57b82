// The states every page has besides "here it is": loading, empty, failed.
import type { ApiProblem } from '@serverless-shop/api-client';
import type { ComponentChildren } from 'preact';
import { useServices } from '../app/services';
import type { Realm } from '../config';
import { problemView, type ProblemView } from '../problems/problemView';

export function Loading({ children }: { children: ComponentChildren }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

/**
 * A failed request: the problem's title and detail, the field errors no field on the page shows,
 * and what the reader can do about it (try again, sign in again).
 */
export function ProblemAlert({
  problem,
  onRetry,
  children,
}: {
  problem: ApiProblem | ProblemView;
  onRetry?: () => void;
  children?: ComponentChildren;
}) {
  const { signIn, session } = useServices();
  const view = 'other' in problem ? problem : problemView(problem);
  const unauthorized = view.status === 401;
  return (
    <div class="problem" role="alert">
      <p class="problem__title">{view.title}</p>
      {view.detail && <p class="problem__detail">{view.detail}</p>}
      {view.other.length > 0 && (
        <ul>
          {view.other.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {(onRetry || unauthorized || children) && (
        <p class="actions">
          {unauthorized && (
            <button
              type="button"
              onClick={() => {
                // Again where the session came from: an administrator's at the administrators' sign-in.
                const realm = session.realm ?? 'shopper';
                session.expired();
                signIn(realm);
              }}
            >
              Sign in again
            </button>
          )}
          {onRetry && !unauthorized && (
            <button type="button" onClick={onRetry}>
              Try again
            </button>
          )}
          {children}
        </p>
      )}
    </div>
  );
}

export function LoadMore({
  visible,
  busy,
  onClick,
  what,
}: {
  visible: boolean;
  busy: boolean;
  onClick: () => void;
  what: string;
}) {
  if (!visible) {
    return null;
  }
  return (
    <p class="load-more">
      <button type="button" class="secondary" onClick={onClick} disabled={busy} aria-busy={busy}>
        {busy ? `Loading more ${what}…` : `Load more ${what}`}
      </button>
    </p>
  );
}

/** The page's main heading; it takes the focus when the page changes (see App), so it can be focused. */
export function PageHeading({ children }: { children: ComponentChildren }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}

/** Where a page needs somebody signed in: a shopper, unless the realm says administrator. */
export function SignInRequired({ realm = 'shopper', children }: { realm?: Realm; children: ComponentChildren }) {
  const { signIn } = useServices();
  return (
    <div class="empty">
      <p>{children}</p>
      <p>
        <button type="button" onClick={() => signIn(realm)}>
          {realm === 'admin' ? 'Sign in as administrator' : 'Sign in'}
        </button>
      </p>
    </div>
  );
}
