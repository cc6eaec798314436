/**
 * Facts about a CreatorSync account's Twitch links, on its stream `account-<userId>`.
 * Tokens are never part of these events: they are stored encrypted outside the log.
 */
import { z } from 'zod';

export const TwitchAccountLinkedV1 = z.object({
  userId: z.string().min(1),
  broadcasterId: z.string().min(1),
  login: z.string().min(1),
  displayName: z.string().min(1),
  scopes: z.array(z.string()),
  linkedAt: z.iso.datetime({ offset: true }),
});

export const TwitchAccountUnlinkedV1 = z.object({
  userId: z.string().min(1),
  broadcasterId: z.string().min(1),
  unlinkedAt: z.iso.datetime({ offset: true }),
});

/** The streamer chose the time zone their channel's hour-of-week metrics (best time to stream) use. */
export const ChannelTimeZoneSetV1 = z.object({
  userId: z.string().min(1),
  broadcasterId: z.string().min(1),
  /** An IANA time zone name, e.g. "Europe/Berlin". */
  timeZone: z
    .string()
    .min(1)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone name such as "Europe/Berlin"'),
  setAt: z.iso.datetime({ offset: true }),
});
