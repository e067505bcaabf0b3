import { MANIFEST_CHUNK_LINES } from '@evmtrail/shared';

export interface ManifestChunk {
  /** File line number of the chunk's first line. */
  readonly firstLine: number;
  readonly text: string;
}

/** A manifest file cut into chunks the api takes one request at a time (the progress bar's steps). */
export function manifestChunks(text: string, size = MANIFEST_CHUNK_LINES): ManifestChunk[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const chunks: ManifestChunk[] = [];
  for (let i = 0; i < lines.length; i += size) chunks.push({ firstLine: i + 1, text: lines.slice(i, i + size).join('\n') });
  return chunks;
}
