/** A bundle download read from the streamed export route. */
export interface FetchedBundle {
  readonly filename: string;
  readonly text: string;
}

/** Bytes received so far and the total from Content-Length (undefined when absent). */
export type OnProgress = (received: number, total: number | undefined) => void;

/** The wire `domainError` of a refused export (same shape as tRPC's `error.data.domainError`). */
export class ExportError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

function filenameOf(response: Response, districtId: number): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? `district-${districtId}.evmlog.json`;
}

async function refusal(response: Response): Promise<ExportError> {
  // Every plain-HTTP route answers a refusal as { error: { message, domainError } } (api http/session-routes.ts).
  const body = (await response.json().catch(() => null)) as { error?: { domainError?: { type: string; message: string } } } | null;
  const domainError = body?.error?.domainError;
  return new ExportError(domainError?.type ?? 'http_error', domainError?.message ?? `Export failed (HTTP ${response.status})`);
}

/** Downloads `GET /export/districts/:id/bundle.json`, reporting progress as the bytes arrive. */
export async function fetchBundle(districtId: number, onProgress: OnProgress): Promise<FetchedBundle> {
  const response = await fetch(`/export/districts/${districtId}/bundle.json`, { credentials: 'same-origin' });
  if (!response.ok) throw await refusal(response);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const parts: Uint8Array[] = [];
  let received = 0;
  onProgress(0, total);
  if (response.body) {
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parts.push(chunk.value);
      received += chunk.value.length;
      onProgress(received, total);
    }
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { filename: filenameOf(response, districtId), text: new TextDecoder().decode(bytes) };
}
