import { z } from 'zod';

import { textSchema } from './common.ts';

/** The password is taken as typed: never trimmed. */
export const SignInInputSchema = z.strictObject({
  username: textSchema(64).trim().min(1),
  password: textSchema(256).min(1),
});
export type SignInInput = z.infer<typeof SignInInputSchema>;
