import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { logout } from '../api/auth';
import { useApp } from '../app';
import { ErrorMessage } from './status';
import { useHasRole } from './useMe';

const SignOut = () => {
  const { api, setSession } = useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const signOut = async () => {
    // Signing out here always ends the tab's session; the API call also revokes the refresh tokens.
    await logout(api).catch((e: unknown) => setError(e));
    setSession(null);
    queryClient.clear();
    void navigate('/');
  };
  return (
    <>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
      <ErrorMessage error={error} />
    </>
  );
};

const Nav = () => {
  const { session } = useApp();
  const creator = useHasRole('creator');
  const reviewer = useHasRole('reviewer');
  const operator = useHasRole('operator');
  const admin = useHasRole('admin');
  return (
    <nav aria-label="Main">
      <ul>
        <li>
          <NavLink to="/">Catalogue</NavLink>
        </li>
        {session !== null && (
          <li>
            <NavLink to="/premium">Premium</NavLink>
          </li>
        )}
        {creator && (
          <li>
            <NavLink to="/studio">My shows</NavLink>
          </li>
        )}
        {creator && (
          <li>
            <NavLink to="/studio/upload">Upload</NavLink>
          </li>
        )}
        {reviewer && (
          <li>
            <NavLink to="/reviews">Reviews</NavLink>
          </li>
        )}
        {operator && (
          <li>
            <NavLink to="/noc" end>
              NOC
            </NavLink>
          </li>
        )}
        {operator && (
          <li>
            <NavLink to="/noc/alert-rules">Alert rules</NavLink>
          </li>
        )}
        {operator && (
          <li>
            <NavLink to="/insights">Insights</NavLink>
          </li>
        )}
        {operator && (
          <li>
            <NavLink to="/admin/needs-a-hand">Needs a hand</NavLink>
          </li>
        )}
        {admin && (
          <li>
            <NavLink to="/admin/users">Users</NavLink>
          </li>
        )}
        {session === null ? (
          <>
            <li>
              <NavLink to="/sign-in">Sign in</NavLink>
            </li>
            <li>
              <NavLink to="/sign-up">Sign up</NavLink>
            </li>
          </>
        ) : (
          <li className="account">
            <span className="muted">{session.email}</span> <SignOut />
          </li>
        )}
      </ul>
    </nav>
  );
};

export const Layout = () => (
  <>
    <a className="skip" href="#content">
      Skip to content
    </a>
    <header>
      <p className="brand">Showrunner</p>
      <Nav />
    </header>
    <main id="content" tabIndex={-1}>
      <Outlet />
    </main>
  </>
);
