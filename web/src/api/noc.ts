import type { components, operations } from '../../../client/schema';
import { unwrap, type Api } from './client';

export type Range = '1h' | '6h' | '24h' | '7d' | '30d';
export interface NocFilter {
  readonly show?: string;
  readonly country?: string;
  readonly cdn?: string;
}

type SeriesAnswer = operations['qosDashboardSeries']['responses'][200]['content']['application/json'];
export type Series = SeriesAnswer;
export type SeriesMetrics = SeriesAnswer['total'];
export type WorstAnswer = operations['qosDashboardWorst']['responses'][200]['content']['application/json'];
export type AlertRulesAnswer = operations['qosAlertRules']['responses'][200]['content']['application/json'];
export type AlertRule = AlertRulesAnswer['rules'][number];
export type Thresholds = Pick<AlertRule, 'raiseAbove' | 'clearBelow' | 'minAttempts' | 'windowMinutes'>;
export type { components };

const defined = (filter: NocFilter) => Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as NocFilter;

export const dashboardSeries = (api: Api, range: Range, filter: NocFilter) =>
  unwrap(api.GET('/qos/dashboard/series', { params: { query: { range, ...defined(filter) } } }));

export const dashboardWorst = (api: Api, range: Range, dimension: 'show' | 'country' | 'cdn') =>
  unwrap(api.GET('/qos/dashboard/worst', { params: { query: { range, dimension, limit: 5 } } }));

export interface AlertTransition {
  readonly type: string;
  readonly at: string;
  readonly value?: number;
  readonly threshold?: number;
}
export interface AlertWithHistory {
  readonly alertKey: string;
  readonly status: 'open' | 'resolved';
  readonly ruleId?: string;
  readonly metric?: string;
  readonly dimension?: string;
  readonly dimensionValue?: string;
  readonly value?: number;
  readonly changedAt?: string;
  readonly history?: readonly AlertTransition[];
}

export const alertsWithHistory = async (api: Api, status: 'open' | 'resolved'): Promise<AlertWithHistory[]> => {
  const answer = await unwrap(api.GET('/qos/alerts', { params: { query: { status, history: 'true', limit: 20 } } }));
  return answer.items as AlertWithHistory[];
};

export const alertRules = (api: Api) => unwrap(api.GET('/qos/alert-rules'));

export const updateAlertRule = (api: Api, ruleId: string, version: number, thresholds: Thresholds) =>
  unwrap(api.PUT('/qos/alert-rules/{ruleId}', { params: { path: { ruleId }, header: { 'if-match': `"v${version}"` } }, body: thresholds }));
