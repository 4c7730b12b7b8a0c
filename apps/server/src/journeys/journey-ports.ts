import { randomUUID } from 'node:crypto';
import type { OutreachPort, OutreachResult } from '@touchpoint/core';
import type { JourneyPorts } from '@touchpoint/journeys';
import { renderMessageTemplate } from '@touchpoint/message-templates';
import { createOutreach, type InAppDelivery } from '@touchpoint/outreach';
import { deliverInAppMessage, triggerPrompt } from '@touchpoint/prompts';
import { addContactToSegment, createConditionEvaluator } from '@touchpoint/segments';
import { requestSurvey } from '@touchpoint/surveys';
import { backgroundBaseUrl } from '../http/public-url.ts';
import type { Services } from '../services.ts';
import { deliverDueSurveys } from '../survey-delivery.ts';

/** Outreach's in-app channel: a rendered message pushed over the customer's open widget or portal socket (prompts). */
function createInAppDelivery(services: Services): InAppDelivery {
  return {
    async deliver({ accountId, contactId, sendId, content, touchpoint }) {
      const queued = await services.db.transaction((tx) => deliverInAppMessage(tx, {
        accountId,
        contactId,
        touchpoint,
        dedupeKey: `outreach:${sendId}`,
        title: content.title ?? content.subject ?? '',
        body: content.text,
        ctaLabel: content.cta?.label ?? null,
        ctaUrl: content.cta?.url ?? null,
      }));
      return queued.status === 'queued' ? { delivered: true, messageId: queued.deliveryId } : { delivered: false, detail: 'already delivered' };
    },
  };
}

const outreachByServices = new WeakMap<Services, OutreachPort & { sendDeferred(sendId: string, accountId: string): Promise<OutreachResult> }>();

/** The one outreach of this server (consent, caps, quiet hours, control group; docs/outreach.md). */
export function outreachOf(services: Services) {
  let outreach = outreachByServices.get(services);
  if (!outreach) {
    outreach = createOutreach({ db: services.db, mailer: services.mailer, inApp: createInAppDelivery(services), publicUrl: backgroundBaseUrl(services.config).toString() });
    outreachByServices.set(services, outreach);
  }
  return outreach;
}

/** The journey engine's ports as this server wires them: each step goes to the domain that owns it. */
export function createJourneyPorts(services: Services, wired: Partial<JourneyPorts> = {}): JourneyPorts {
  const { db } = services;
  const publicUrl = backgroundBaseUrl(services.config).toString();
  return {
    outreach: outreachOf(services),
    templates: {
      render: (accountId, templateId, { contactId, event }) =>
        renderMessageTemplate(db, accountId, templateId, { contactId, event: event ? { name: event.name, properties: event.properties } : null }, { publicUrl }),
    },
    prompts: {
      async trigger({ accountId, contactId, promptId, touchpoint, reason, test }) {
        // A live run shows a step's prompt once per customer; every test run shows it again.
        const dedupeKey = test ? `journey-test:${touchpoint.id}:${touchpoint.stepId}:${contactId}:${randomUUID()}` : `journey:${touchpoint.id}:${touchpoint.stepId}:${contactId}`;
        const result = await db.transaction((tx) => triggerPrompt(tx, { accountId, contactId, promptId, touchpoint, reason, dedupeKey, test }));
        return result.status === 'queued' ? { status: 'triggered' } : { status: 'suppressed', reason: result.reason };
      },
    },
    surveys: {
      async request({ accountId, contactId, surveyId, channel, about, touchpoint, test }) {
        const result = await db.transaction((tx) => requestSurvey(tx, { accountId, contactId, surveyId, channel, about, touchpoint, test }));
        if (result.status !== 'requested') return { status: 'suppressed', reason: result.reason };
        // An email ask is due now: send it (and only it) with this step rather than at the scheduled job's next minute.
        if (channel === 'email') await deliverDueSurveys(services, outreachOf(services), result.requestId);
        return result;
      },
    },
    segments: {
      async add(accountId, segmentId, contactId) {
        await db.transaction((tx) => addContactToSegment(tx, accountId, segmentId, contactId));
      },
    },
    conditions: createConditionEvaluator(db),
    ...wired,
  };
}

const portsByServices = new WeakMap<Services, JourneyPorts>();

/** The ports the routes and workers of this server use; tests set their own with `setJourneyPorts`. */
export function journeyPortsOf(services: Services): JourneyPorts {
  let ports = portsByServices.get(services);
  if (!ports) {
    ports = createJourneyPorts(services);
    portsByServices.set(services, ports);
  }
  return ports;
}

export function setJourneyPorts(services: Services, ports: JourneyPorts) {
  portsByServices.set(services, ports);
}
