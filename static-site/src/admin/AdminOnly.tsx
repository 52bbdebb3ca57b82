import type { ComponentChildren } from 'preact';
import { useServices } from '../app/services';
import { Empty, SignInRequired } from '../ui/Feedback';
import { useStore } from '../ui/hooks';

/**
 * The administration pages, for administrators: signed in at the administrators' sign-in (which
 * asks for an authenticator code) and in its admin group. The API checks it again on every request.
 */
export function AdminOnly({ children }: { children: ComponentChildren }) {
  const { config, session, signOut } = useServices();
  const user = useStore(session.user);
  if (!config.admin) {
    return (
      <Empty>
        <p>This shop is not managed from this site: it offers no administrator sign-in.</p>
      </Empty>
    );
  }
  if (!user) {
    return <SignInRequired realm="admin">Sign in as an administrator to manage the shop.</SignInRequired>;
  }
  if (user.realm !== 'admin') {
    return (
      <Empty>
        <p>
          This page is for administrators. You are signed in as {user.name}, a shopper: sign out, then sign in as an
          administrator.
        </p>
        <p>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </p>
      </Empty>
    );
  }
  if (!user.isAdmin) {
    return (
      <Empty>
        <p>This page is for administrators. {user.name} is not in the administrators' admin group.</p>
      </Empty>
    );
  }
  return <>{children}</>;
}
