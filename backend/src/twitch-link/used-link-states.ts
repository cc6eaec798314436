/**
 * Single use of an OAuth state: redeeming records its nonce, and a nonce already recorded is
 * refused. Postgres holds the record (not memory), so it holds across restarts and instances.
 * Nonces are forgotten once their state has expired: an expired state is refused anyway.
 */
import type pg from 'pg';
import type { LinkState } from './link-state.js';

/** True the first time a state is redeemed, false on any later attempt. */
export async function redeemLinkState(pool: pg.Pool, state: LinkState, now: Date): Promise<boolean> {
  await pool.query(`DELETE FROM twitch_link_states_used WHERE expires_at < $1`, [now]);
  const { rowCount } = await pool.query(
    `INSERT INTO twitch_link_states_used (nonce, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (nonce) DO NOTHING`,
    [state.nonce, state.userId, new Date(state.expiresAtMs)],
  );
  return rowCount === 1;
}
