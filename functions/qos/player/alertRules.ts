import { handleCommand, loadAggregate, registryCodec, WrongExpectedVersionError, type EventStore } from '../../../adapters/eventstore';
import { CommandRefusedError } from '../../../domain/decider';
import { alertRuleSetDecider, alertRuleSetRegistry, alertRulesStreamId, type AlertRule } from '../../../domain/qos';
import { versionOfIfMatch } from '../../catalog/httpCache';
import { HttpError } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import type { Clock } from '../../runtime/clock';
import { qosRoutes } from '../routes';
import type { PlayerDeps } from './deps';

const codec = registryCodec(alertRuleSetRegistry);

/** The rule set as it now reads (the configured rules, changed by every QoeAlertRuleSetChanged), with its version. */
export const loadAlertRules = async (store: EventStore, configured: readonly AlertRule[]) => {
  const loaded = await loadAggregate({ store, decider: alertRuleSetDecider(configured), codec, streamId: alertRulesStreamId });
  return { rules: loaded.state.rules, version: loaded.version };
};

/** How long an evaluator keeps the rules it read: a changed threshold applies within this time. */
export const alertRulesTtlMs = 30_000;

/** The current rules for evaluation, read from the event store at most once per TTL per container. */
export const cachedAlertRules = (store: () => EventStore, configured: readonly AlertRule[], clock: Clock, ttlMs = alertRulesTtlMs) => {
  let cached: { rules: readonly AlertRule[]; at: number } | undefined;
  return async (): Promise<readonly AlertRule[]> => {
    const now = clock().getTime();
    if (cached === undefined || now - cached.at >= ttlMs) cached = { rules: (await loadAlertRules(store(), configured)).rules, at: now };
    return cached.rules;
  };
};

/** GET /qos/alert-rules: every rule and its thresholds, and the version to send back as If-Match. */
export const getAlertRules = (deps: PlayerDeps) => httpHandler({ ...qosRoutes.alertRules, clock: deps.clock }, async () => {
  const { rules, version } = await loadAlertRules(deps.store(), deps.qos.QOS_ALERT_RULES);
  return json(200, { version, rules }, { etag: `"v${version}"` });
});

const stale = (sent: number) => new HttpError(412, 'precondition_failed', `the alert rules changed since you read them (you sent version ${sent}): GET /qos/alert-rules again, re-apply your change and send its ETag in If-Match`);

const expectedVersionOf = (ifMatch: string | undefined): number => {
  const version = versionOfIfMatch(ifMatch);
  if (version === undefined) throw new HttpError(428, 'if_match_required', 'send If-Match with the ETag of GET /qos/alert-rules, so a change made meanwhile by someone else is not overwritten');
  if (Number.isNaN(version)) throw new HttpError(400, 'invalid_if_match', 'If-Match must be an ETag of this API or a version such as "3"');
  return version;
};

const refusal = (error: unknown): unknown => {
  if (!(error instanceof CommandRefusedError)) return error;
  return new HttpError(error.code === 'unknown_rule' ? 404 : 400, error.code, error.message);
};

/** PUT /qos/alert-rules/{ruleId}: an admin changes one rule's thresholds, as a QoeAlertRuleSetChanged on the rules' stream. */
export const updateAlertRule = (deps: PlayerDeps) => httpHandler({ ...qosRoutes.updateAlertRule, clock: deps.clock }, async ({ path, body, headers, caller, requestId, now }) => {
  const expectedVersion = expectedVersionOf(headers['if-match']);
  const store = deps.store();
  const current = await loadAlertRules(store, deps.qos.QOS_ALERT_RULES);
  if (current.version !== expectedVersion) throw stale(expectedVersion);
  try {
    const handled = await handleCommand({
      store,
      decider: alertRuleSetDecider(deps.qos.QOS_ALERT_RULES),
      codec,
      streamId: alertRulesStreamId,
      command: { type: 'ChangeAlertRule', ruleId: path.ruleId, thresholds: body },
      commandId: headers['idempotency-key'] ?? requestId,
      expectedVersion,
      metadata: { context: 'playback', occurredAt: now, correlationId: requestId, actor: { id: caller?.userId ?? 'anonymous', kind: 'user' } },
    });
    const { rules } = await loadAlertRules(store, deps.qos.QOS_ALERT_RULES);
    const rule = rules.find((r) => r.id === path.ruleId);
    return json(200, { version: handled.nextExpectedVersion, rule }, { etag: `"v${handled.nextExpectedVersion}"` });
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) throw stale(expectedVersion);
    throw refusal(error);
  }
});
