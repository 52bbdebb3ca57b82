// What a form shows for a failed request: the problem's title and detail in its summary, and each
// of the problem's field errors next to the field it names (errors[].field is the JSON name or
// path as sent: "sku", "shipping_address.zip_code", "items[1].quantity").
import { ApiProblem, isApiProblem } from '@serverless-shop/api-client';

export interface ProblemView {
  title: string;
  detail?: string;
  code: string;
  status: number;
  /** One message per form field, keyed by the field's JSON path. */
  fields: Record<string, string>;
  /** Field errors about fields this form does not show, for the summary. */
  other: string[];
}

/** Problems that concern one field although their errors[] names none. */
export const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  DUPLICATE_SKU: 'sku',
  DUPLICATE_SLUG: 'slug',
};

/**
 * What shoppers read when the answer is not a service's problem document: API Gateway's own
 * answers (and proxies' pages) say no more than the status's name, so the page says what it means.
 */
const WORDING_BY_STATUS: Readonly<Record<number, { title: string; detail: string }>> = {
  400: { title: 'The shop could not read this request', detail: 'Reload the page and try again.' },
  401: { title: 'You are signed out', detail: 'Your session has ended or is not valid. Sign in again.' },
  403: { title: 'You may not do this', detail: 'Your account does not have access to it.' },
  404: { title: 'Not found', detail: 'There is nothing at this address. Go back and try again.' },
  413: { title: 'This is too large to send', detail: 'Make it shorter and try again.' },
  429: { title: 'The shop is getting too many requests', detail: 'Try again in a few seconds.' },
  500: { title: 'Something went wrong in the shop', detail: 'Try again; if it keeps happening, try again later.' },
  503: { title: 'The shop is busy', detail: 'It did not answer in time. Try again in a moment.' },
};
const SERVER_TROUBLE = { title: 'The shop is not answering properly', detail: 'Try again in a moment.' };

/** Anything a request can throw, as an ApiProblem (a bug in the page becomes a readable one too). */
export function asProblem(error: unknown): ApiProblem {
  if (isApiProblem(error)) {
    return error;
  }
  return new ApiProblem({
    status: 0,
    code: 'CLIENT_ERROR',
    title: 'Something went wrong in this page',
    detail: error instanceof Error ? error.message : String(error),
    source: 'unexpected',
  });
}

/** The title and detail to show: a service's own words, else the page's words for the status. */
function wording(problem: ApiProblem): { title: string; detail?: string } {
  const answeredWithoutProblem =
    problem.source === 'gateway' || (problem.source === 'unexpected' && problem.status > 0);
  if (!answeredWithoutProblem) {
    return { title: problem.title, detail: problem.detail };
  }
  return WORDING_BY_STATUS[problem.status] ?? (problem.status >= 500 ? SERVER_TROUBLE : { title: problem.title });
}

/**
 * @param formFields the JSON paths of the fields this form shows; an error about "items[0].quantity"
 *                   goes to "items[0]" when that is the closest field the form has.
 */
export function problemView(
  error: unknown,
  formFields: readonly string[] = [],
  fieldOfCode: Readonly<Record<string, string>> = FIELD_OF_CODE,
): ProblemView {
  const problem = asProblem(error);
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const fieldError of problem.errors) {
    const field = closestField(fieldError.field, formFields);
    if (field === undefined) {
      other.push(`${fieldError.field} ${fieldError.message}`);
    } else {
      fields[field] = fields[field] ? `${fields[field]}; ${fieldError.message}` : fieldError.message;
    }
  }
  const { title, detail } = wording(problem);
  const codeField = fieldOfCode[problem.code];
  if (problem.errors.length === 0 && codeField !== undefined && formFields.includes(codeField)) {
    fields[codeField] = detail ?? title;
  }
  return { title, detail, code: problem.code, status: problem.status, fields, other };
}

/** The longest form field that is the error's path or contains it ("items[0]" contains "items[0].quantity"). */
function closestField(path: string, formFields: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const field of formFields) {
    const matches = path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
    if (matches && (best === undefined || field.length > best.length)) {
      best = field;
    }
  }
  return best;
}
