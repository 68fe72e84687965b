import { formatCalendarDate } from '#renderer/lib/time-format';
import { formatCount } from '#renderer/ui/format';
import { Table, type Column } from '#renderer/ui/Table';

export type TimelinePoint = { date: string; issued: number; redeemed: number };

const W = 640;
const H = 200;
const pad = { l: 44, r: 12, t: 12, b: 28 };

/** Round the top of the axis up to 1, 2 or 5 × 10^n so ticks read well. */
export const niceMax = (n: number): number => {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].find((m) => m * p >= n) ?? 10) * p;
};

/** Axis ticks for counts: whole numbers only, a half-way tick only where it is one. */
export const countTicks = (max: number): number[] => (max % 2 === 0 ? [0, max / 2, max] : [0, max]);

const numberColumns: Column<TimelinePoint>[] = [
  { header: 'Day', cell: (d) => formatCalendarDate(d.date) },
  { header: 'Issued', numeric: true, cell: (d) => formatCount(d.issued) },
  { header: 'Redeemed', numeric: true, cell: (d) => formatCount(d.redeemed) },
];

/** Issuals and redemptions per day as two lines; the numbers are also available as a table. */
export const TimelineChart = ({ days }: { days: readonly TimelinePoint[] }) => {
  if (days.length === 0) {
    return <p className="muted">No issuals or redemptions yet.</p>;
  }
  const max = niceMax(Math.max(...days.map((d) => Math.max(d.issued, d.redeemed))));
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const x = (i: number) => pad.l + (days.length === 1 ? iw / 2 : (i * iw) / (days.length - 1));
  const y = (v: number) => pad.t + ih - (v / max) * ih;
  const line = (key: 'issued' | 'redeemed') => days.map((d, i) => `${x(i)},${y(d[key])}`).join(' ');
  const totalIssued = days.reduce((a, d) => a + d.issued, 0);
  const totalRedeemed = days.reduce((a, d) => a + d.redeemed, 0);
  const labelEvery = Math.max(1, Math.ceil(days.length / 5));
  const ticks = countTicks(max);
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Issuals and redemptions from ${formatCalendarDate(days[0]?.date)} to ${formatCalendarDate(days[days.length - 1]?.date)}: ${formatCount(totalIssued)} issued, ${formatCount(totalRedeemed)} redeemed`}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="timeline__grid" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="timeline__tick">
              {formatCount(v)}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % labelEvery === 0 ? (
            <text key={d.date} x={x(i)} y={H - 8} textAnchor="middle" className="timeline__tick">
              {formatCalendarDate(d.date)}
            </text>
          ) : null,
        )}
        <polyline points={line('issued')} className="timeline__issued" />
        <polyline points={line('redeemed')} className="timeline__redeemed" />
        {days.map((d, i) => (
          <g key={`p${d.date}`}>
            <circle cx={x(i)} cy={y(d.issued)} r={3} className="timeline__issued-dot" />
            <circle cx={x(i)} cy={y(d.redeemed)} r={3} className="timeline__redeemed-dot" />
          </g>
        ))}
      </svg>
      <figcaption className="timeline__legend">
        <span className="timeline__key timeline__key--issued">
          Issued ({formatCount(totalIssued)})
        </span>
        <span className="timeline__key timeline__key--redeemed">
          Redeemed ({formatCount(totalRedeemed)})
        </span>
      </figcaption>
      <details>
        <summary>Show the numbers</summary>
        <Table
          label="Issuals and redemptions per day"
          compact
          columns={numberColumns}
          rows={days}
          rowKey={(d) => d.date}
          empty={null}
        />
      </details>
    </figure>
  );
};
