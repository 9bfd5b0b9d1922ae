import { z } from 'zod';
import type { Activity } from 'botbuilder';

/**
 * The incoming activity at the boundary. botbuilder trusts the JSON it is
 * given, and a number where a string belongs (a `locale` of 5, an attachment
 * without `contentType`) used to crash the turn and then its error handler.
 * Here the fields the bot reads are made to have their declared types: a
 * wrong-typed optional field is dropped, a wrong-typed account refuses the
 * activity; everything else passes through untouched.
 */
const optionalString = z.string().optional().catch(undefined);
const Account = z.object({ id: z.string().max(1024) }).passthrough();

const Attachment = z.object({ contentType: optionalString, name: optionalString, contentUrl: optionalString }).passthrough();

const IncomingActivity = z
  .object({
    type: z.string().min(1).max(64),
    id: optionalString,
    channelId: optionalString,
    serviceUrl: optionalString,
    text: optionalString,
    textFormat: optionalString,
    locale: optionalString,
    replyToId: optionalString,
    deliveryMode: optionalString,
    from: Account.optional(),
    recipient: Account.optional(),
    conversation: Account.optional(),
    attachments: z
      .array(z.unknown())
      .optional()
      .catch(undefined)
      .transform((list) =>
        list?.flatMap((a) => {
          const parsed = Attachment.safeParse(a);
          return parsed.success ? [parsed.data] : [];
        }),
      ),
    membersAdded: z.array(Account).optional().catch(undefined),
  })
  .passthrough();

/** The activity with its fields' types made right, or undefined when it is not an activity at all. */
export function sanitiseActivity(body: unknown): (Partial<Activity> & Record<string, unknown>) | undefined {
  const parsed = IncomingActivity.safeParse(body);
  if (!parsed.success) return undefined;
  // Dropped fields are removed, not left as explicit undefined.
  const out = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return out as Partial<Activity> & Record<string, unknown>;
}
