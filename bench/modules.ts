import type { BenchModule } from './benchModule';
import { catalogBenchmark } from './catalog';
import { coldStartBenchmark } from './coldStart';
import { dynamodbLocalCapacityBenchmark } from './dynamodbLocalCapacity';
import { eventDeliveryBenchmark } from './eventDelivery';
import { eventStoreBenchmark } from './eventstore';
import { gatewayBenchmark } from './gateway';
import { moderationBenchmark } from './moderation';
import { nocDashboardBenchmark } from './nocDashboard';
import { nocDashboardPageBenchmark } from './nocDashboardPage';
import { premiumBenchmark } from './premium';
import { publishWorkflowBenchmark } from './publishWorkflow';
import { qosIngestBenchmark } from './qosIngest';
import { qosIngestProfileBenchmark } from './qosIngestProfile';
import { sessionIngestBenchmark } from './sessionIngest';
import { startupBenchmark } from './startup';
import { webAppBenchmark } from './webApp';

/** Every benchmark `npm run bench` runs, in order: add yours here (one module, one section). */
export const benchModules: readonly BenchModule[] = [dynamodbLocalCapacityBenchmark, eventStoreBenchmark, gatewayBenchmark, eventDeliveryBenchmark, startupBenchmark, sessionIngestBenchmark, catalogBenchmark, premiumBenchmark, qosIngestProfileBenchmark, qosIngestBenchmark, nocDashboardBenchmark, nocDashboardPageBenchmark, publishWorkflowBenchmark, moderationBenchmark, coldStartBenchmark, webAppBenchmark];
