import type { ReactNode } from 'react';

/** The API's own message (or any error's), announced to screen readers. */
export const ErrorMessage = ({ error }: { error: unknown }) =>
  error === null || error === undefined ? null : (
    <p role="alert" className="error">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );

export const Loading = ({ what }: { what: string }) => (
  <p role="status" aria-live="polite" className="muted">
    Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;
