import { z } from 'zod';

/** The only reader of process.env in the api (t3's restrictEnvAccess habit). */
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  /** District signing keys, one file each; default `keys` next to PGLITE_DATA_DIR (docs/keys.md). */
  EVMTRAIL_KEY_DIR: z.string().min(1).optional(),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  API_HOST: z.string().default('127.0.0.1'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  NODE_ENV: z.string().default('production'),
  /** The map's tile URL template; the CSP allows images from its origin. VITE_TILE_URL is read too. */
  TILE_URL: z.string().optional(),
  VITE_TILE_URL: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

/** Development mode shows stack traces in api errors; anything else (production, test) never does. */
export function isDevelopment(source: NodeJS.ProcessEnv = process.env): boolean {
  return source.NODE_ENV === 'development';
}
