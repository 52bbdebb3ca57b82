// RFC 9457 problem documents as one typed error, whichever API or layer answered. The services
// answer application/problem+json; API Gateway (and the local gateway) answer a few statuses
// themselves with {"message": "..."}; a request that never got an answer has no status at all.
// Callers handle all three the same way: status, code, title, detail, errors[], shortages[].
import {
  ProblemFromJSON,
  type FieldError,
  type StockShortage,
} from './generated/products/index.js';

export type { FieldError, StockShortage };

/** The code of a request that got no HTTP answer (offline, DNS, CORS, connection reset). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/**
 * The codes the contracts document for statuses, used when the answer is not a problem document
 * (API Gateway's own 401/403/404/429/500/503 bodies), so callers can branch on `code` alone.
 */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  428: 'PRECONDITION_REQUIRED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

export interface ApiProblemInit {
  status: number;
  code: string;
  title: string;
  detail?: string;
  type?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  shortages?: StockShortage[];
  retryAfterSeconds?: number;
}

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  /** The HTTP status; 0 when no answer arrived. */
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly type?: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly errors: readonly FieldError[];
  readonly shortages: readonly StockShortage[];
  /** Seconds from Retry-After (429, 503), when the answer had one. */
  readonly retryAfterSeconds?: number;

  constructor(init: ApiProblemInit, options?: ErrorOptions) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title, options);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.instance = init.instance;
    this.requestId = init.requestId;
    this.errors = init.errors ?? [];
    this.shortages = init.shortages ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Reads an error answer: a problem document when it is one, else the best the body offers. */
  static async fromResponse(response: Response): Promise<ApiProblem> {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (isProblemDocument(json)) {
      const problem = ProblemFromJSON(json);
      return new ApiProblem({ ...problem, status: problem.status || response.status, retryAfterSeconds });
    }
    const message = json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string'
      ? (json as { message: string }).message : '';
    return new ApiProblem({
      status: response.status,
      code: CODE_BY_STATUS[response.status] ?? `HTTP_${response.status}`,
      title: message || response.statusText || `HTTP ${response.status}`,
      retryAfterSeconds,
    });
  }

  /** A request that got no answer; retrying it is the caller's decision (and safe where idempotent). */
  static network(cause: unknown): ApiProblem {
    return new ApiProblem({
      status: 0,
      code: NETWORK_ERROR,
      title: 'The shop could not be reached',
      detail: 'Check your connection and try again.',
    }, { cause });
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

function isProblemDocument(json: unknown): json is Record<string, unknown> {
  return !!json && typeof json === 'object' && typeof (json as { code?: unknown }).code === 'string'
    && typeof (json as { title?: unknown }).title === 'string';
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) {
    return undefined;
  }
  return Number(value.trim());
}
