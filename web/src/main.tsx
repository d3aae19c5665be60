import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProvider } from './app';
import { loadConfig } from './config';
import { router } from './routes';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <AppProvider config={config}>
            <RouterProvider router={router} />
          </AppProvider>
        </QueryClientProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <main>
        <h1>Showrunner could not start</h1>
        <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
      </main>,
    ),
);
