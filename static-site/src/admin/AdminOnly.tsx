import type { ComponentChildren } from 'preact';
import { useServices } from '../app/services';
import { Empty, SignInRequired } from '../ui/Feedback';
import { useStore } from '../ui/hooks';

/** The administration pages, for users of the admin group (the API checks it again on every request). */
export function AdminOnly({ children }: { children: ComponentChildren }) {
  const { session } = useServices();
  const user = useStore(session.user);
  if (!user) {
    return <SignInRequired>Sign in as an administrator to manage the shop.</SignInRequired>;
  }
  if (!user.isAdmin) {
    return (
      <Empty>
        <p>This page is for administrators. You are signed in as {user.name}, who is not one.</p>
      </Empty>
    );
  }
  return <>{children}</>;
}
