import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from './session-verifier.js';

export const IS_PUBLIC = 'creatorsync:public';
export const IS_ADMIN_ONLY = 'creatorsync:admin-only';

/** The route needs no session token (health checks, sign-in). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs the admin key header or an admin role claim. */
export const AdminOnly = () => SetMetadata(IS_ADMIN_ONLY, true);

export interface RequestWithUser {
  user?: AuthenticatedUser;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<RequestWithUser>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});
