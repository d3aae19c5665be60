import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { alertRules, updateAlertRule, type AlertRule, type Thresholds } from '../api/noc';
import { useApp } from '../app';
import { ErrorMessage, Loading } from '../components/status';
import { useHasRole } from '../components/useMe';

const fields: readonly { key: keyof Thresholds; label: string; step: string }[] = [
  { key: 'raiseAbove', label: 'Raise above (ratio 0-1)', step: '0.001' },
  { key: 'clearBelow', label: 'Clear below (ratio 0-1)', step: '0.001' },
  { key: 'minAttempts', label: 'Minimum attempts', step: '1' },
  { key: 'windowMinutes', label: 'Window (minutes)', step: '1' },
];

/** One rule: its thresholds shown to everyone here, editable by admins (sent with the rule set's version). */
const RuleRow = ({ rule, version, editable }: { rule: AlertRule; version: number; editable: boolean }) => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Record<keyof Thresholds, string>>({
    raiseAbove: String(rule.raiseAbove), clearBelow: String(rule.clearBelow), minAttempts: String(rule.minAttempts), windowMinutes: String(rule.windowMinutes),
  });
  const save = useMutation({
    mutationFn: () => updateAlertRule(api, rule.id, version, { raiseAbove: Number(draft.raiseAbove), clearBelow: Number(draft.clearBelow), minAttempts: Number(draft.minAttempts), windowMinutes: Number(draft.windowMinutes) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alert-rules'] }),
  });
  return (
    <li className="row">
      <h2>{rule.id}</h2>
      <p className="muted">
        {rule.metric} per {rule.dimension}
      </p>
      <form aria-label={`Thresholds of ${rule.id}`} onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        {fields.map((f) => (
          <label key={f.key}>
            {f.label}
            <input type="number" step={f.step} value={draft[f.key]} readOnly={!editable} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          </label>
        ))}
        {editable && (
          <button type="submit" className="primary" disabled={save.isPending}>
            Save {rule.id}
          </button>
        )}
      </form>
      {save.isSuccess && <p role="status">Saved: the rule set is now at version {save.data.version}.</p>}
      <ErrorMessage error={save.error} />
    </li>
  );
};

/** Alert rules and thresholds: operators see them, admins change them. */
export const AlertRulesPage = () => {
  const { api } = useApp();
  const operator = useHasRole('operator');
  const admin = useHasRole('admin');
  const rules = useQuery({ queryKey: ['alert-rules'], queryFn: () => alertRules(api), enabled: operator });
  if (!operator) return <p role="alert">Alert rules are for operators and admins: sign in with such an account.</p>;
  return (
    <section aria-labelledby="rules-title">
      <h1 id="rules-title">Alert rules</h1>
      {rules.isPending && <Loading what="the alert rules" />}
      <ErrorMessage error={rules.error} />
      <ul className="rows">
        {/* Keyed by rule only: a save moves the version, and a remount would drop the row's "Saved" and its draft. */}
        {rules.data?.rules.map((rule) => <RuleRow key={rule.id} rule={rule} version={rules.data.version} editable={admin} />)}
      </ul>
    </section>
  );
};
