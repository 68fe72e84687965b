import { z } from 'zod';
import { defineOperation } from '../define';
import { roles } from '../roles';

export const sessionUser = z.object({
  userId: z.string(),
  username: z.string(),
  role: z.enum(roles),
  storeIds: z.array(z.string()).nullable(),
});

export const authOperations = {
  'auth-login': defineOperation({
    method: 'POST',
    path: '/auth/login',
    input: z.object({ username: z.string().min(1), password: z.string().min(1) }),
    output: z.object({ token: z.string(), user: sessionUser }),
    roles: ['any'],
    summary: 'Sign in; answers a bearer token',
  }),
  'auth-me': defineOperation({
    method: 'GET',
    path: '/auth/me',
    input: z.object({}),
    output: sessionUser,
    roles: ['cashier', 'store_manager', 'back_office', 'admin'],
    summary: 'Who is signed in',
  }),
  'users-create': defineOperation({
    method: 'POST',
    path: '/users',
    input: z.object({
      username: z
        .string()
        .regex(/^[a-z0-9_.-]{3,32}$/, 'must be 3–32 of lower-case a–z, 0–9, _ . or -'),
      password: z.string().min(8, 'must be at least 8 characters'),
      role: z.enum(roles),
      storeIds: z.array(z.string()).nullable().default(null),
    }),
    output: sessionUser,
    roles: ['admin'],
    summary: 'Add a person with a role and store scope',
  }),
};
