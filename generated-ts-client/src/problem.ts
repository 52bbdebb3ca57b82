// Every failed request as one typed error, whichever layer answered. The contracts declare two
// shapes of error: the services' RFC 9457 problem documents (application/problem+json, Problem)
// and API Gateway's own answers (application/json, GatewayError: {"message": "..."}). The media
// type says which one an answer is; a request that never got an answer has no status at all.
// Callers handle all of them the same way: status, code, title, detail, errors[], shortages[].
import {
  GatewayErrorFromJSON,
  instanceOfGatewayError,
  instanceOfProblem,
  ProblemFromJSON,
  type FieldError,
  type StockShortage,
} from './generated/products/index.js';

export type { FieldError, StockShortage };

/** The code of a request that got no HTTP answer (offline, DNS, CORS, connection reset). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/**
 * Who answered: a service's problem document, API Gateway's own answer, nobody (the network), or
 * something in neither of the contracts' shapes (a proxy's HTML page, an empty body).
 */
export type ProblemSource = 'service' | 'gateway' | 'network' | 'unexpected';

const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const GATEWAY_MEDIA_TYPE = 'application/json';

/**
 * The codes the contracts document for statuses, used when the answer is not a problem document
 * (API Gateway's own answers, or an answer in neither shape), so callers can branch on `code` alone.
 */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
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
  /** Who answered; a problem made by hand is a service's unless it says otherwise. */
  source?: ProblemSource;
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
  readonly source: ProblemSource;

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
    this.source = init.source ?? 'service';
  }

  /** Reads an error answer in the shape its media type declares, else keeps what the status says. */
  static async fromResponse(response: Response): Promise<ApiProblem> {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    const mediaType = mediaTypeOf(response.headers.get('content-type'));
    const json = parseJsonObject(await response.text().catch(() => ''));
    if (json && mediaType === PROBLEM_MEDIA_TYPE && instanceOfProblem(json)) {
      const problem = ProblemFromJSON(json);
      return new ApiProblem({
        ...problem,
        status: problem.status || response.status,
        retryAfterSeconds,
        source: 'service',
      });
    }
    const gateway =
      json && mediaType === GATEWAY_MEDIA_TYPE && instanceOfGatewayError(json) ? GatewayErrorFromJSON(json) : undefined;
    return new ApiProblem({
      status: response.status,
      code: CODE_BY_STATUS[response.status] ?? `HTTP_${response.status}`,
      title: gateway?.message || response.statusText || `HTTP ${response.status}`,
      retryAfterSeconds,
      source: gateway ? 'gateway' : 'unexpected',
    });
  }

  /** A request that got no answer; retrying it is the caller's decision (and safe where idempotent). */
  static network(cause: unknown): ApiProblem {
    return new ApiProblem(
      {
        status: 0,
        code: NETWORK_ERROR,
        title: 'The shop could not be reached',
        detail: 'Check your connection and try again.',
        source: 'network',
      },
      { cause },
    );
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/** "application/problem+json; charset=utf-8" as "application/problem+json". */
function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function parseJsonObject(text: string): object | undefined {
  try {
    const json: unknown = text ? JSON.parse(text) : undefined;
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : undefined;
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
