/**
 * A labelled progress bar. With `max` unknown (undefined) it is indeterminate and shows only
 * what is done so far (`doneText`).
 */
export function ProgressBar({ label, value, max, doneText }: { label: string; value: number; max?: number; doneText?: string }) {
  const percent = max && max > 0 ? Math.min(100, Math.round((value / max) * 100)) : undefined;
  return (
    <div className="progress">
      <progress aria-label={label} value={max ? value : undefined} max={max} />
      <span className="hint" aria-live="polite">
        {percent === undefined ? doneText : `${percent}%`}
      </span>
    </div>
  );
}
