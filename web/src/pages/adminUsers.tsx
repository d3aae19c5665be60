import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { disableUser, enableUser, findUsers, grantRole, revokeRole, type AdminUser } from '../api/admin';
import type { Role } from '../api/auth';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';

/** Every role an admin hands out; `viewer` is every signed-in user's already. */
const grantable: readonly Role[] = ['creator', 'reviewer', 'operator', 'admin'];

const RoleButtons = ({ user, who }: { user: AdminUser; who: string }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ role, held }: { role: Role; held: boolean }) => (held ? revokeRole(api, user.userId, role) : grantRole(api, user.userId, role)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin-users'] }),
  });
  return (
    <>
      <div className="actions" role="group" aria-label={`Roles of ${who}`}>
        {grantable.map((role) => {
          const held = user.roles.includes(role);
          return (
            <button key={role} type="button" aria-pressed={held} disabled={change.isPending} onClick={() => change.mutate({ role, held })}>
              {held ? `Revoke ${role} from ${who}` : `Grant ${role} to ${who}`}
            </button>
          );
        })}
      </div>
      <ErrorMessage error={change.error} />
    </>
  );
};

const UserRow = ({ user }: { user: AdminUser }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const who = user.email ?? user.userId;
  const toggle = useMutation({
    mutationFn: () => (user.enabled ? disableUser(api, user.userId) : enableUser(api, user.userId)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin-users'] }),
  });
  return (
    <li className="row">
      <h2>{who}</h2>
      <p className="muted">
        Roles: {user.roles.length === 0 ? 'viewer only' : user.roles.join(', ')} · {user.enabled ? 'can sign in' : 'disabled: cannot sign in'}
      </p>
      <RoleButtons user={user} who={who} />
      <button type="button" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
        {user.enabled ? `Disable ${who}` : `Enable ${who}`}
      </button>
      <ErrorMessage error={toggle.error} />
    </li>
  );
};

/** Admins: find users by the start of their address; grant and revoke roles; disable and enable. */
export const AdminUsersPage = () => {
  const { api } = useApp();
  const [draft, setDraft] = useState('');
  const [email, setEmail] = useState('');
  const users = useQuery({ queryKey: ['admin-users', email], queryFn: () => findUsers(api, email), enabled: email !== '' });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setEmail(draft.trim());
  };
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <form role="search" onSubmit={search}>
        <label>
          Email starts with
          <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="primary" disabled={draft.trim() === ''}>
          Find users
        </button>
      </form>
      {users.isFetching && <Loading what="users" />}
      <ErrorMessage error={users.error} />
      {users.data?.items.length === 0 && <Empty>No user's address starts with “{email}”.</Empty>}
      <ul className="rows" aria-label="Users found">
        {users.data?.items.map((user) => (
          <UserRow key={user.userId} user={user} />
        ))}
      </ul>
      {users.data?.nextCursor !== null && users.data !== undefined && <p className="muted">More users match: narrow the search.</p>}
    </section>
  );
};
