import type { GenerateProgress, GenerateResult } from './index';

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** One progress line: a bar of cities done, rows/s, ETA and heap. */
export function progressLine(p: GenerateProgress, width = 30): string {
  const filled = Math.round((p.done / p.total) * width);
  const rate = p.elapsedMs > 0 ? Math.round((p.rows / p.elapsedMs) * 1000) : 0;
  const eta = p.done > 0 ? ((p.total - p.done) * p.elapsedMs) / p.done : 0;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} cities` +
    ` | ${p.rows.toLocaleString('en-US')} rows | ${rate.toLocaleString('en-US')} rows/s` +
    ` | ETA ${duration(eta)} | heap ${mb(p.heapUsed)} | ${p.city.code} ${p.city.name}`
  );
}

/** Renders progress on a stream: rewrites one line on a terminal, one line per city otherwise. */
export function progressBar(stream: NodeJS.WriteStream): (p: GenerateProgress) => void {
  return (p) => {
    const line = progressLine(p);
    if (stream.isTTY) stream.write(`\r\x1b[2K${line}${p.done === p.total ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}

/** The final summary: rows per table, time, heap. */
export function summary(r: GenerateResult): string {
  const width = Math.max(...Object.keys(r.rows).map((t) => t.length));
  const lines = Object.entries(r.rows).map(
    ([t, n]) => `  ${t.padEnd(width)}  ${n.toLocaleString('en-US').padStart(12)}`,
  );
  const codes = r.cities.map((c) => c.code);
  const shown = codes.length <= 5 ? codes.join(', ') : `${codes.slice(0, 3).join(', ')} … ${codes.at(-1)}`;
  return [
    `generated ${r.cities.length} ${r.cities.length === 1 ? 'city' : 'cities'} (scale ${r.scale}, seed ${r.seed}): ${shown}`,
    ...lines,
    `  ${'total'.padEnd(width)}  ${r.totalRows.toLocaleString('en-US').padStart(12)}`,
    `time ${duration(r.ms)} (${Math.round((r.totalRows / Math.max(r.ms, 1)) * 1000).toLocaleString('en-US')} rows/s), heap ${mb(r.heapUsed)}, peak heap ${mb(r.peakHeap)}`,
  ].join('\n');
}
