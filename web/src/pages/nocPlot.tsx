import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface PlotLine {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
}

/**
 * One dashboard panel: a uPlot time series (canvas, fast at hundreds of points). The figure's caption says what
 * it shows and its latest value in words, for people who cannot see the canvas; `data-drawn` counts the draws, and
 * `aria-busy` says a newer answer is on its way.
 */
export const TimePlot = ({ title, times, lines, summary, busy = false }: { title: string; times: readonly number[]; lines: readonly PlotLine[]; summary: string; busy?: boolean }) => {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const figure = useRef<HTMLElement>(null);
  const data = [[...times], ...lines.map((l) => l.values.map((v) => v ?? null))] as uPlot.AlignedData;

  useEffect(() => {
    const el = holder.current;
    if (el === null) return undefined;
    const width = () => Math.max(240, el.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: 160,
      legend: { show: true },
      series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, spanGaps: false }))],
      axes: [{ stroke: '#444' }, { stroke: '#444', size: 60 }],
      hooks: {
        draw: [
          () => {
            const f = figure.current;
            if (f !== null) f.dataset.drawn = String(Number(f.dataset.drawn ?? '0') + 1);
          },
        ],
      },
    };
    plot.current = new uPlot(options, data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: width(), height: 160 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The plot is made once per set of lines; new data goes through setData below.
  }, [lines.map((l) => l.label).join('|')]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  return (
    <figure className="panel" ref={figure} aria-label={title} aria-busy={busy} data-summary={summary}>
      <figcaption>
        <strong>{title}</strong> <span className="muted">{summary}</span>
      </figcaption>
      <div ref={holder} role="img" aria-label={`${title}: ${summary}`} />
    </figure>
  );
};
