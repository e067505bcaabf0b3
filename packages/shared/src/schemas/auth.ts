import { z } from 'zod';

/** The password is taken as typed: never trimmed. */
export const SignInInputSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type SignInInput = z.infer<typeof SignInInputSchema>;
