import type { FastifyRequest } from 'fastify';
import { AppError } from '@touchpoint/core';
import { type ChannelInbox, saveVisitorProfile, type VisitorProfile, type WidgetVisitor } from '@touchpoint/channels';
import { handleOfAccount, mintSignInLink } from '@touchpoint/customers';
import { publicBaseUrl } from '../http/public-url.ts';
import type { Services } from '../services.ts';

/**
 * Sign-in to the portal from the chat widget. Only a user the host site vouched for (a `User <id>.<HMAC>` visitor,
 * checked against the inbox's identity secret) gets a link: an anonymous visitor's contact may carry an email anyone
 * could have typed, so it proves nothing about who they are. The link signs in the visitor's own contact (made now,
 * with the name and email the host page gave, if they never wrote; like the pre-chat form, an email already on another
 * contact is not linked), works once, and expires in two minutes: the widget opens it at once.
 */
export async function openPortalFromWidget(services: Services, request: FastifyRequest, inbox: ChannelInbox, visitor: WidgetVisitor, profile: VisitorProfile) {
  if (visitor.kind !== 'user') throw new AppError('forbidden', 'Forbidden', 'Only users verified by the host site (identity verification) can open the portal from the chat.');
  const contact = await saveVisitorProfile(services.db, inbox, visitor, profile);
  const [handle, link] = await Promise.all([handleOfAccount(services.db, inbox.accountId), mintSignInLink(services.db, inbox.accountId, contact.id, 'widget')]);
  const url = new URL(`/portal/${handle}/sign-in#token=${link.token}`, publicBaseUrl(request, services.config)).toString();
  return { url, expiresAt: link.expiresAt.toISOString() };
}
