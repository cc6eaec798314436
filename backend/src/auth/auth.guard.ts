/**
 * Every route needs a valid session token unless marked @Public(); @AdminOnly() routes need
 * either the X-Admin-Key header (compared in constant time; a wrong key is 401) or a session with
 * an admin role claim (a session without it is 403).
 */
import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { IS_ADMIN_ONLY, IS_PUBLIC, type RequestWithUser } from './auth.decorators.js';
import { InvalidSessionError, SessionVerifier } from './session-verifier.js';
import { must } from '../must.js';

export const ADMIN_KEY = Symbol('ADMIN_KEY');

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: SessionVerifier,
    @Inject(ADMIN_KEY) private readonly adminKey: string | undefined,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const adminOnly = this.reflector.getAllAndOverride<boolean>(IS_ADMIN_ONLY, targets);
    if (adminOnly && request.headers['x-admin-key'] !== undefined) {
      // A key that is sent must be right: a wrong one is refused outright, not quietly ignored in favour of the session.
      if (!this.hasAdminKey(request)) throw new UnauthorizedException('X-Admin-Key is not valid');
      request.user = { userId: 'admin-key', isAdmin: true };
      return true;
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('Missing bearer token: send "Authorization: Bearer <session token>"');
    try {
      request.user = await this.verifier.verify(must(match[1], 'match[1]'));
    } catch (error) {
      if (error instanceof InvalidSessionError) throw new UnauthorizedException(`Invalid session: ${error.reason}`);
      throw error;
    }
    if (adminOnly && !request.user.isAdmin)
      throw new ForbiddenException('Admin only: send X-Admin-Key or use an account with the admin role');
    return true;
  }

  private hasAdminKey(request: RequestWithUser): boolean {
    const given = request.headers['x-admin-key'];
    if (!this.adminKey || typeof given !== 'string') return false;
    // Hash both sides so the comparison takes the same time whatever the lengths.
    const digest = (value: string) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(given), digest(this.adminKey));
  }
}
