import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventStore } from '../../../adapters/eventstore';
import { bucketsBetween, dimensionBucketKey, evaluateAlert, mayRaise, qoeMetrics, type AlertRule, type SessionQoe } from '../../../domain/qos';
import { alertStateOf, loadAlert, saveAlertState, watchAlert, type AlertItem } from './alertStore';
import { recordAlertDecision } from './alertTransitions';
import type { PlayerTables } from './config';
import { dimensionIndex, summariesIn } from './playerStore';

export interface AlertEvaluation {
  readonly client: DynamoDBDocumentClient;
  readonly tables: PlayerTables;
  readonly rules: readonly AlertRule[];
  readonly bucketMinutes: number;
  /** Where alert transitions are recorded: the outbox publisher takes them to the bus from there. */
  readonly store: EventStore;
}

/** One evaluation reads each dimension value's bucket once, however many rules watch it. */
type BucketReads = Map<string, Promise<SessionQoe[]>>;

/** The sessions one rule sees for one dimension value: attempted within the rule's window ending `now`. */
const windowSessions = async (deps: AlertEvaluation, reads: BucketReads, rule: AlertRule, value: string, now: string): Promise<SessionQoe[]> => {
  const from = new Date(Date.parse(now) - rule.windowMinutes * 60_000).toISOString();
  const buckets = bucketsBetween(from, now, deps.bucketMinutes, 24 * 60);
  const pages = await Promise.all(
    buckets.map((bucket) => {
      // The dimension has no `|` and the bucket key is unambiguous (domain/qos/dimensionKeys.ts).
      const key = `${rule.dimension}|${dimensionBucketKey(value, bucket)}`;
      const read = reads.get(key) ?? summariesIn(deps.client, deps.tables, rule.dimension, value, bucket);
      reads.set(key, read);
      return read;
    }),
  );
  return pages.flat().filter((s) => s.attemptedAt >= from && s.attemptedAt <= now);
};

/** What triggered an evaluation: sessions a stream batch projected, or the schedule (which re-reads regardless). */
type Trigger = { readonly kind: 'sessions'; readonly sessions: readonly SessionQoe[] } | { readonly kind: 'schedule' };

/** A stream batch that cannot raise an alert that is not open need not read its window. */
const cannotChange = (rule: AlertRule, trigger: Trigger, stored: AlertItem | undefined) => trigger.kind === 'sessions' && stored?.status !== 'open' && !mayRaise(rule, trigger.sessions);

const evaluateOne = async (deps: AlertEvaluation, reads: BucketReads, rule: AlertRule, value: string, trigger: Trigger, now: string): Promise<void> => {
  const stored = await loadAlert(deps.client, deps.tables, rule, value);
  if (cannotChange(rule, trigger, stored)) return;
  const metrics = qoeMetrics(await windowSessions(deps, reads, rule, value, now), now);
  const decision = evaluateAlert(rule, metrics, alertStateOf(stored));
  if (decision === undefined) {
    // Failures that did not raise it stay in the window for windowMinutes: until then, sessions ageing out
    // could raise it with nothing new arriving, so the schedule keeps evaluating it.
    if (trigger.kind === 'sessions' && stored?.status !== 'open') await watchAlert(deps.client, deps.tables, rule, value, new Date(Date.parse(now) + rule.windowMinutes * 60_000).toISOString());
    return;
  }
  const recorded = await recordAlertDecision(deps.store, rule, value, decision, now, stored?.transitions ?? 0);
  await saveAlertState(deps.client, deps.tables, rule, value, recorded);
};

/**
 * Evaluates every rule for every show, country or CDN the projected sessions touched, over the rule's window
 * ending `now` (skipping a resolved alert the batch cannot raise: see mayRaise). Hysteresis (domain/qos/alerts.ts)
 * and the alert stream's conditional append make one incident one raise and one resolve, however many batches re-evaluate it.
 * Answers the sessions whose evaluation failed, with why.
 */
export const evaluateAlerts = async (deps: AlertEvaluation, touched: readonly SessionQoe[], now: string): Promise<Map<string, unknown>> => {
  const reads: BucketReads = new Map();
  const work = deps.rules.flatMap((rule) => {
    const byValue = new Map<string, SessionQoe[]>();
    for (const session of touched) {
      const value = dimensionIndex[rule.dimension].of(session);
      if (value !== undefined) byValue.set(value, [...(byValue.get(value) ?? []), session]);
    }
    return [...byValue].map(([value, sessions]) => ({ rule, value, sessions }));
  });
  // Each (rule, value) is its own alert with its own conditional state: they can be evaluated side by side, and
  // one that fails holds back only the sessions that touched it (their records are retried).
  const outcomes = await Promise.allSettled(work.map(({ rule, value, sessions }) => evaluateOne(deps, reads, rule, value, { kind: 'sessions', sessions }, now)));
  const failed = new Map<string, unknown>();
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'rejected') for (const session of work[i]?.sessions ?? []) failed.set(session.sid, outcome.reason);
  });
  return failed;
};

/**
 * Re-evaluates the given alerts (rule and dimension value) over their windows ending `now`, whatever arrived:
 * what the schedule does, so an open alert whose traffic stopped resolves. Records transitions the same way
 * as evaluateAlerts, so racing a stream-driven evaluation makes no second event. Alerts of rules no longer in
 * the configuration are left as they are (their thresholds are gone) and returned.
 */
export const reevaluateAlerts = async (deps: AlertEvaluation, alerts: readonly { ruleId: string; dimensionValue: string }[], now: string): Promise<{ unknownRules: string[] }> => {
  const reads: BucketReads = new Map();
  const rules = new Map(deps.rules.map((rule) => [rule.id, rule]));
  const unknownRules = new Set<string>();
  await Promise.all(
    alerts.map(({ ruleId, dimensionValue }) => {
      const rule = rules.get(ruleId);
      if (rule === undefined) {
        unknownRules.add(ruleId);
        return Promise.resolve();
      }
      return evaluateOne(deps, reads, rule, dimensionValue, { kind: 'schedule' }, now);
    }),
  );
  return { unknownRules: [...unknownRules] };
};
