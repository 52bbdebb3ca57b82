// A form's errors in one place: its own checks before sending and the server's answer after, each
// message next to its field (keyed by the contract's JSON path), the rest in a summary, and the
// focus moved to the first field in error so keyboard and screen reader users land on it.
import { useRef, useState } from 'preact/hooks';
import { problemView, type ProblemView } from '../problems/problemView';
import { focusFirstInvalid } from './Field';

export function useFormErrors() {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ProblemView | null>(null);
  // After the render that marks the fields invalid.
  const focusLater = () => requestAnimationFrame(() => focusFirstInvalid(form.current));

  return {
    form,
    errors,
    problem,
    /** Shows the form's own findings; true when there are none and it may be sent. */
    check(invalid: Record<string, string>): boolean {
      setErrors(invalid);
      setProblem(null);
      const valid = Object.keys(invalid).length === 0;
      if (!valid) {
        focusLater();
      }
      return valid;
    },
    /** Shows a failed request, its field errors next to the fields the form has. */
    failed(error: unknown, fields: readonly string[]): ProblemView {
      const view = problemView(error, fields);
      setErrors(view.fields);
      setProblem(view);
      focusLater();
      return view;
    },
  };
}
