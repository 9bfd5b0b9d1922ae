import type { Feature } from '../bot/feature.js';
import { BIND_DIALOG, BindDialog, bindWithCode } from '../../dialogs/bind.js';
import { INVITE_DIALOG, InviteDialog, createInvite, parseInviteArgs } from '../../dialogs/invite.js';
import { CODE_PATTERN, normaliseCode } from '../domain/invitations.js';
import { sessionsCommand } from './sessions.js';

/** Binding with an invitation code, the office creating codes in chat, and the office ending the chat page's sign-ins. */
export function enrollmentFeature(): Feature {
  return {
    name: 'enrollment',
    dialogs: [new BindDialog(), new InviteDialog()],
    commands: {
      bind: async (turn, args) => {
        if (args.trim()) {
          if (!CODE_PATTERN.test(normaliseCode(args))) await turn.say(turn.text.common.badCodeFormat(turn.lang));
          else await bindWithCode(turn, args);
          return;
        }
        await turn.dc.beginDialog(BIND_DIALOG);
      },
      invite: async (turn, args) => {
        if (!args.trim()) {
          await turn.dc.beginDialog(INVITE_DIALOG);
          return;
        }
        const target = parseInviteArgs(args, turn);
        if (!target) await turn.say(turn.text.common.inviteBadArgs(turn.lang, turn.text.common.inviteUsage(turn.lang)));
        else await createInvite(turn, target);
      },
      sessions: sessionsCommand,
    },
    // An unbound user who just pastes a code means to bind with it.
    onMessage: async (turn, text) => {
      if (turn.user || !CODE_PATTERN.test(text.trim().toUpperCase())) return false;
      await bindWithCode(turn, text);
      return true;
    },
  };
}
