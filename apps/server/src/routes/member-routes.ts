import { z } from 'zod';
import { createInbox, createInvitation, listInboxes, listMembers, listPendingInvitations, removeMember, revokeInvitation, updateMember } from '@touchpoint/accounts';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import { emailInvitation } from './invitation-mail.ts';
import { AccountParamsSchema, accountParamsWith, EmailSchema, InboxChannelSchema, InboxSchema, InvitationSchema, MemberSchema, NameSchema, RoleSchema, UuidSchema } from './schemas.ts';

const InboxIdsSchema = z.array(UuidSchema).max(200);

export const memberRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/members',
    auth: 'account',
    summary: 'People in the account, with role and inboxes',
    tags: ['People'],
    params: AccountParamsSchema,
    response: z.array(MemberSchema),
    handler: (_input, { services, scope }) => listMembers(services.db, scope),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/members/:userId',
    auth: 'admin',
    summary: 'Change a member’s role or inbox memberships',
    tags: ['People'],
    params: accountParamsWith('userId'),
    body: z.strictObject({ role: RoleSchema.optional(), inboxIds: InboxIdsSchema.optional() }),
    response: MemberSchema,
    handler: ({ params, body }, { services, scope }) => updateMember(services.db, scope, params.userId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/members/:userId',
    auth: 'admin',
    summary: 'Remove a member from the account (the last admin cannot be removed)',
    tags: ['People'],
    params: accountParamsWith('userId'),
    handler: ({ params }, { services, scope }) => removeMember(services.db, scope, params.userId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/invitations',
    auth: 'admin',
    summary: 'Pending invitations',
    tags: ['People'],
    params: AccountParamsSchema,
    response: z.array(InvitationSchema),
    handler: (_input, { services, scope }) => listPendingInvitations(services.db, scope),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/invitations',
    auth: 'admin',
    summary: 'Invite a person; the answer holds the only copy of the invitation link',
    tags: ['People'],
    params: AccountParamsSchema,
    body: z.strictObject({ email: EmailSchema, role: RoleSchema, inboxIds: InboxIdsSchema.default([]) }),
    response: InvitationSchema.extend({ url: z.string(), emailed: z.boolean().describe('false when no SMTP relay is set up or sending failed: share the url yourself') }),
    status: 201,
    async handler({ body }, { services, scope, request }) {
      const { token, ...invitation } = await createInvitation(services.db, scope, body);
      const url = new URL(`/invite/${token}`, publicBaseUrl(request, services.config)).toString();
      const emailed = await emailInvitation(services, scope, invitation.email, url, new Date(invitation.expiresAt)).catch((error: unknown) => {
        request.log.warn({ err: error, invitationId: invitation.id }, 'invitation email not sent');
        return false;
      });
      return { ...invitation, url, emailed };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/invitations/:invitationId',
    auth: 'admin',
    summary: 'Revoke a pending invitation',
    tags: ['People'],
    params: accountParamsWith('invitationId'),
    handler: ({ params }, { services, scope }) => revokeInvitation(services.db, scope, params.invitationId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/inboxes',
    auth: 'account',
    summary: 'Inboxes: agents see the ones they work in, admins all',
    tags: ['Inboxes'],
    params: AccountParamsSchema,
    response: z.array(InboxSchema),
    handler: (_input, { services, scope }) => listInboxes(services.db, scope),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/inboxes',
    auth: 'admin',
    summary: 'Create an inbox',
    tags: ['Inboxes'],
    params: AccountParamsSchema,
    body: z.strictObject({ name: NameSchema, channel: InboxChannelSchema }),
    response: InboxSchema,
    status: 201,
    handler: ({ body }, { services, scope }) => createInbox(services.db, scope, body),
  }),
];
