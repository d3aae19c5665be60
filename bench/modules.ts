import type { BenchModule } from './benchModule';
import { eventStoreBenchmark } from './eventstore';

/** Every benchmark `npm run bench` runs, in order: add yours here (one module, one section). */
export const benchModules: readonly BenchModule[] = [eventStoreBenchmark];
