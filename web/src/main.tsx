import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProvider } from './app';
import { loadConfig } from './config';
import { AppRoutes } from './routes';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <AppProvider config={config}>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
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
