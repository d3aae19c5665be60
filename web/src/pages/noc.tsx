import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { alertsWithHistory, dashboardSeries, dashboardWorst, type NocFilter, type Range, type Series, type SeriesMetrics } from '../api/noc';
import { useApp } from '../app';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useHasRole } from '../components/useMe';
import { TimePlot, type PlotLine } from './nocPlot';

/** How often the open dashboard reads again. */
const refreshMs = 10_000;
const ranges: readonly Range[] = ['1h', '6h', '24h', '7d', '30d'];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? 'no data' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? 'no data' : `${Math.round(v * 100) / 100}${unit}`);

interface Panel {
  readonly title: string;
  readonly lines: readonly { label: string; color: string; of: (m: SeriesMetrics) => number | null }[];
  readonly summary: (total: SeriesMetrics) => string;
}

/** One panel per QoE metric; the caption gives the whole range's value. */
const panels: readonly Panel[] = [
  { title: 'Plays', lines: [{ label: 'plays', color: '#1f6feb', of: (m) => m.plays }], summary: (t) => `${t.plays} plays of ${t.attempts} attempts` },
  { title: 'Concurrent viewers', lines: [{ label: 'viewers (average)', color: '#8250df', of: (m) => m.concurrentViewers }], summary: (t) => `${num(t.concurrentViewers)} on average` },
  {
    title: 'Video start time',
    lines: [
      { label: 'p50 (ms)', color: '#1a7f37', of: (m) => m.videoStartTimeMs.p50 },
      { label: 'p95 (ms)', color: '#bf8700', of: (m) => m.videoStartTimeMs.p95 },
    ],
    summary: (t) => `p50 ${num(t.videoStartTimeMs.p50, ' ms')}, p95 ${num(t.videoStartTimeMs.p95, ' ms')}`,
  },
  { title: 'Rebuffering ratio', lines: [{ label: 'ratio', color: '#cf222e', of: (m) => m.rebufferingRatio }], summary: (t) => pct(t.rebufferingRatio) },
  { title: 'Video start failures', lines: [{ label: 'failures', color: '#a40e26', of: (m) => m.videoStartFailures }], summary: (t) => `${t.videoStartFailures} failed to start` },
  { title: 'Exits before video start', lines: [{ label: 'exits', color: '#6e7781', of: (m) => m.exitsBeforeVideoStart }], summary: (t) => `${t.exitsBeforeVideoStart} left before the first frame` },
  { title: 'Average bitrate', lines: [{ label: 'kbps', color: '#0969da', of: (m) => m.averageBitrateKbps }], summary: (t) => num(t.averageBitrateKbps, ' kbps') },
];

const Plots = ({ series, busy }: { series: Series; busy: boolean }) => {
  const times = series.points.map((p) => Date.parse(p.start) / 1000);
  return (
    <div className="panels">
      {panels.map((panel) => {
        const lines: PlotLine[] = panel.lines.map((l) => ({ label: l.label, color: l.color, values: series.points.map((p) => l.of(p.metrics)) }));
        return <TimePlot key={panel.title} title={panel.title} times={times} lines={lines} summary={panel.summary(series.total)} busy={busy} />;
      })}
    </div>
  );
};

const Filters = ({ range, setRange, filter, setFilter }: { range: Range; setRange: (r: Range) => void; filter: NocFilter; setFilter: (f: NocFilter) => void }) => (
  <form className="filters" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
    <label>
      Time range
      <select value={range} onChange={(e) => setRange(e.target.value as Range)}>
        {ranges.map((r) => (
          <option key={r} value={r}>
            last {r}
          </option>
        ))}
      </select>
    </label>
    <label>
      Show (content id)
      <input value={filter.show ?? ''} onChange={(e) => setFilter({ ...filter, show: e.target.value.trim() || undefined })} />
    </label>
    <label>
      Country (ISO code)
      <input value={filter.country ?? ''} maxLength={3} onChange={(e) => setFilter({ ...filter, country: e.target.value.trim().toUpperCase() || undefined })} />
    </label>
    <label>
      CDN
      <input value={filter.cdn ?? ''} onChange={(e) => setFilter({ ...filter, cdn: e.target.value.trim() || undefined })} />
    </label>
  </form>
);

const Worst = ({ range, dimension, title }: { range: Range; dimension: 'show' | 'country' | 'cdn'; title: string }) => {
  const { api } = useApp();
  const worst = useQuery({ queryKey: ['noc', 'worst', range, dimension], queryFn: () => dashboardWorst(api, range, dimension), refetchInterval: refreshMs });
  return (
    <section className="worst" aria-labelledby={`worst-${dimension}`} aria-busy={worst.isFetching}>
      <h3 id={`worst-${dimension}`}>{title}</h3>
      {worst.isPending && <Loading what={title.toLowerCase()} />}
      <ErrorMessage error={worst.error} />
      {worst.data?.items.length === 0 && <Empty>No traffic in this range.</Empty>}
      <ol>
        {worst.data?.items.map((item) => (
          <li key={item.value}>
            <strong>{item.value}</strong> <span className="muted">errors {pct(item.metrics.errorRatio)} of {item.attempts} attempts</span>
          </li>
        ))}
      </ol>
    </section>
  );
};

const Alerts = () => {
  const { api } = useApp();
  const open = useQuery({ queryKey: ['noc', 'alerts', 'open'], queryFn: () => alertsWithHistory(api, 'open'), refetchInterval: refreshMs });
  const resolved = useQuery({ queryKey: ['noc', 'alerts', 'resolved'], queryFn: () => alertsWithHistory(api, 'resolved'), refetchInterval: refreshMs });
  const list = (items: Awaited<ReturnType<typeof alertsWithHistory>> | undefined, label: string) => (
    <ul aria-label={label}>
      {items?.map((alert) => (
        <li key={alert.alertKey} className={`alert ${alert.status}`}>
          <strong>{alert.ruleId}</strong> on {alert.dimension} <strong>{alert.dimensionValue}</strong>: {alert.status}
          <ol className="history" aria-label={`History of ${alert.alertKey}`}>
            {alert.history?.map((t) => (
              <li key={`${t.type}-${t.at}`}>
                {t.type === 'QoeAlertRaised' ? 'raised' : 'resolved'} {new Date(t.at).toLocaleString()} at {num(t.value)} (threshold {num(t.threshold)})
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts</h2>
      <ErrorMessage error={open.error ?? resolved.error} />
      <h3>Open</h3>
      {open.data?.length === 0 && <Empty>No open alert.</Empty>}
      {list(open.data, 'Open alerts')}
      <h3>Recently resolved</h3>
      {resolved.data?.length === 0 && <Empty>No resolved alert.</Empty>}
      {list(resolved.data, 'Resolved alerts')}
    </section>
  );
};

/** The operators' NOC dashboard: QoE plots with filters, the worst shows, countries and CDNs, alerts; it refreshes itself. */
export const NocPage = () => {
  const { api } = useApp();
  const allowed = useHasRole('operator');
  // The range lives in the address: a link or a reload opens the same view.
  const [params, setParams] = useSearchParams();
  const range = ranges.find((r) => r === params.get('range')) ?? '1h';
  const setRange = (next: Range) => setParams((current) => ({ ...Object.fromEntries(current), range: next }), { replace: true });
  const [filter, setFilter] = useState<NocFilter>({});
  const series = useQuery({ queryKey: ['noc', 'series', range, filter], queryFn: () => dashboardSeries(api, range, filter), refetchInterval: refreshMs, enabled: allowed });
  if (!allowed) return <p role="alert">The NOC dashboard is for operators and admins: sign in with such an account.</p>;
  return (
    <section aria-labelledby="noc-title" className="noc">
      <h1 id="noc-title">NOC dashboard</h1>
      <Filters range={range} setRange={setRange} filter={filter} setFilter={setFilter} />
      {series.isPending && <Loading what="the QoE series" />}
      <ErrorMessage error={series.error} />
      {series.data !== undefined && <Plots series={series.data} busy={series.isFetching} />}
      <h2>Worst over the last {range}</h2>
      <div className="worst-lists">
        <Worst range={range} dimension="show" title="Shows" />
        <Worst range={range} dimension="country" title="Countries" />
        <Worst range={range} dimension="cdn" title="CDNs" />
      </div>
      <Alerts />
    </section>
  );
};
