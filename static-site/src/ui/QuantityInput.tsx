// A quantity between 1 and max: a number field with − and + buttons (phones show no spinners).
import { useEffect, useState } from 'preact/hooks';

export function QuantityInput({
  id,
  label,
  value,
  max,
  onValue,
}: {
  id: string;
  /** What is counted, for the label and the buttons' names ("Desk lamp"). */
  label: string;
  value: number;
  max: number;
  onValue: (value: number) => void;
}) {
  // What is being typed is kept as text and applied on change (blur, Enter), so typing "12" does
  // not get clamped at "1".
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const apply = (next: number) => {
    const clamped = Math.min(Math.max(1, Number.isFinite(next) ? Math.floor(next) : value), max);
    setText(String(clamped));
    if (clamped !== value) {
      onValue(clamped);
    }
  };
  return (
    <div class="quantity">
      <label for={id} class="visually-hidden">
        Quantity of {label}
      </label>
      <button
        type="button"
        class="quantity__step"
        aria-label={`One fewer ${label}`}
        disabled={value <= 1}
        onClick={() => apply(value - 1)}
      >
        −
      </button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        step={1}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={(event) => apply(event.currentTarget.value === '' ? value : Number(event.currentTarget.value))}
      />
      <button
        type="button"
        class="quantity__step"
        aria-label={`One more ${label}`}
        disabled={value >= max}
        onClick={() => apply(value + 1)}
      >
        +
      </button>
    </div>
  );
}
