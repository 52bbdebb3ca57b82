// Form fields with their label, hint and error wired for assistive technology: the error is next
// to the field, named by aria-describedby, and the field is aria-invalid while it has one.
import type { ComponentChildren, InputHTMLAttributes, TextareaHTMLAttributes } from 'preact';

interface FieldProps {
  /** The field's JSON path ("shipping_address.zip_code"): its id, and the key of its error. */
  name: string;
  label: string;
  error?: string;
  hint?: string;
}

const idOf = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function described(name: string, error?: string, hint?: string) {
  const ids = [hint ? `${idOf(name)}-hint` : '', error ? `${idOf(name)}-error` : ''].filter((id) => id !== '');
  return {
    id: idOf(name),
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

function Shell({ name, label, error, hint, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={idOf(name)}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${idOf(name)}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field__error" id={`${idOf(name)}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What a text control needs to be labelled, described and controlled. */
function textControl(
  name: string,
  error: string | undefined,
  hint: string | undefined,
  value: string,
  onValue: (value: string) => void,
) {
  return {
    ...described(name, error, hint),
    value,
    onInput: (event: { currentTarget: { value: string } }) => onValue(event.currentTarget.value),
  };
}

/** A text control's props: the field's, the element's own, and the value with its setter. */
type TextProps<Attributes> = FieldProps &
  Omit<Attributes, 'name' | 'label' | 'value'> & {
    value: string;
    onValue: (value: string) => void;
  };

export function TextField({
  name,
  label,
  error,
  hint,
  value,
  onValue,
  ...input
}: TextProps<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Shell name={name} label={label} error={error} hint={hint}>
      <input type="text" {...input} {...textControl(name, error, hint, value, onValue)} />
    </Shell>
  );
}

export function TextArea({
  name,
  label,
  error,
  hint,
  value,
  onValue,
  ...textarea
}: TextProps<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Shell name={name} label={label} error={error} hint={hint}>
      <textarea {...textarea} {...textControl(name, error, hint, value, onValue)} />
    </Shell>
  );
}

export function Checkbox({
  name,
  label,
  error,
  hint,
  checked,
  onChecked,
}: FieldProps & {
  checked: boolean;
  onChecked: (checked: boolean) => void;
}) {
  return (
    <div class={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <input
        type="checkbox"
        {...described(name, error, hint)}
        checked={checked}
        onChange={(event) => onChecked(event.currentTarget.checked)}
      />
      <label for={idOf(name)}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${idOf(name)}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${idOf(name)}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function Select({
  name,
  label,
  error,
  hint,
  value,
  onValue,
  options,
}: FieldProps & {
  value: string;
  onValue: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <Shell name={name} label={label} error={error} hint={hint}>
      <select {...described(name, error, hint)} value={value} onChange={(event) => onValue(event.currentTarget.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** Moves focus to the first field with an error, so a keyboard or screen reader user lands on it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
