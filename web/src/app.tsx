import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { apiFor, type Api } from './api/client';
import type { AppConfig } from './config';
import { readSession, writeSession, type Session } from './session';

interface AppState {
  readonly config: AppConfig;
  readonly session: Session | null;
  readonly api: Api;
  setSession(session: Session | null): void;
}

const AppContext = createContext<AppState | null>(null);

/** The config, the session and the API client made from both: what every page reads. */
export const AppProvider = ({ config, children }: { config: AppConfig; children: ReactNode }) => {
  const [session, setSessionState] = useState<Session | null>(readSession);
  const value = useMemo<AppState>(
    () => ({
      config,
      session,
      api: apiFor(config, session?.accessToken ?? null),
      setSession: (next) => {
        writeSession(next);
        setSessionState(next);
      },
    }),
    [config, session],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
};

export const useApp = (): AppState => {
  const state = useContext(AppContext);
  if (state === null) throw new Error('useApp outside AppProvider');
  return state;
};
