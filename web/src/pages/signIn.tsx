import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { login, register, type Credentials } from '../api/auth';
import { useApp } from '../app';
import { ErrorMessage } from '../components/status';

const CredentialsForm = ({ submitLabel, onSubmit, newPassword }: { submitLabel: string; onSubmit: (c: Credentials) => Promise<void>; newPassword: boolean }) => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    await onSubmit({ email, password }).catch((e: unknown) => setError(e));
    setBusy(false);
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <label>
        Email
        <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete={newPassword ? 'new-password' : 'current-password'} required value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={newPassword ? 'password-rule' : undefined} />
      </label>
      {newPassword && (
        <p id="password-rule" className="muted">
          At least 12 characters, with upper and lower case letters and a digit.
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Please wait…' : submitLabel}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
};

const useSignIn = () => {
  const { api, setSession } = useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async (credentials: Credentials) => {
    const tokens = await login(api, credentials);
    setSession({ accessToken: tokens.accessToken, email: credentials.email, ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }) });
    await queryClient.invalidateQueries();
    void navigate('/');
  };
};

export const SignInPage = () => {
  const signIn = useSignIn();
  return (
    <section aria-labelledby="sign-in-title" className="narrow">
      <h1 id="sign-in-title">Sign in</h1>
      <CredentialsForm submitLabel="Sign in" onSubmit={signIn} newPassword={false} />
      <p>
        New here? <Link to="/sign-up">Create an account</Link>.
      </p>
    </section>
  );
};

export const SignUpPage = () => {
  const { api } = useApp();
  const signIn = useSignIn();
  const signUp = async (credentials: Credentials) => {
    await register(api, credentials);
    await signIn(credentials);
  };
  return (
    <section aria-labelledby="sign-up-title" className="narrow">
      <h1 id="sign-up-title">Create an account</h1>
      <CredentialsForm submitLabel="Sign up" onSubmit={signUp} newPassword />
      <p>
        Have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </section>
  );
};
