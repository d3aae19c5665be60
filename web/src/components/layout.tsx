import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { logout, type Role } from '../api/auth';
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

/** The sections a role opens, in the order the nav lists them; `end` keeps /noc from lighting up on /noc/alert-rules. */
const sections: readonly { readonly to: string; readonly label: string; readonly role: Role; readonly end?: boolean }[] = [
  { to: '/studio', label: 'My shows', role: 'creator', end: true },
  { to: '/studio/upload', label: 'Upload', role: 'creator' },
  { to: '/reviews', label: 'Reviews', role: 'reviewer' },
  { to: '/noc', label: 'NOC', role: 'operator', end: true },
  { to: '/noc/alert-rules', label: 'Alert rules', role: 'operator' },
  { to: '/insights', label: 'Insights', role: 'operator' },
  { to: '/admin/needs-a-hand', label: 'Needs a hand', role: 'operator' },
  { to: '/admin/stream-dead-letters', label: 'Dead letters', role: 'operator' },
  { to: '/admin/users', label: 'Users', role: 'admin' },
];

const SectionLink = ({ section }: { readonly section: (typeof sections)[number] }) =>
  useHasRole(section.role) ? (
    <li>
      <NavLink to={section.to} end={section.end}>
        {section.label}
      </NavLink>
    </li>
  ) : null;

const Nav = () => {
  const { session } = useApp();
  return (
    <nav aria-label="Main">
      <ul>
        <li>
          <NavLink to="/" end>
            Catalogue
          </NavLink>
        </li>
        {session !== null && (
          <li>
            <NavLink to="/premium">Premium</NavLink>
          </li>
        )}
        {sections.map((section) => (
          <SectionLink key={section.to} section={section} />
        ))}
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
