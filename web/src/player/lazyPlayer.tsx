import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../components/status';

// hls.js is most of the app's weight: it loads when a page first plays something, not with the catalogue.
const Player = lazy(() => import('./player').then((m) => ({ default: m.Player })));

export const LazyPlayer = (props: ComponentProps<typeof Player>) => (
  <Suspense fallback={<Loading what="the player" />}>
    <Player {...props} />
  </Suspense>
);
