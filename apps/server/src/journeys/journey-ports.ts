import type { OutreachPort } from '@touchpoint/core';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { createBasicConditionEvaluator, type JourneyPorts } from '@touchpoint/journeys';
import type { Services } from '../services.ts';

/**
 * The journey engine's ports as this server wires them. Conditions use the basic evaluator until
 * @touchpoint/segments' createConditionEvaluator is wired; templates, outreach, prompts, surveys and segment
 * membership answer "not available" (each step is logged `suppressed` with reason `channel_unavailable`, or
 * `template_error`, and the timeline shows it) until their packages are wired here. See docs/journeys.md#wiring.
 */
export function createJourneyPorts(services: Services, wired: Partial<JourneyPorts> = {}): JourneyPorts {
  const outreach: OutreachPort = {
    send: async () => ({ status: 'suppressed', reason: 'channel_unavailable', detail: 'outreach is not wired on this server' }),
    async recordSuppression(request, reason, detail) {
      await services.db.transaction((tx) => recordCustomerEvents(tx, request.accountId, [{
        contactId: request.contactId,
        kind: 'system',
        name: 'message.suppressed',
        properties: { channel: request.channel, reason, detail, ...(request.test ? { test: true } : {}) },
        touchpoint: request.touchpoint,
        messageId: `suppressed:${request.dedupeKey}`,
        source: 'system',
      }]));
    },
  };
  return {
    outreach,
    templates: { render: async () => ({ ok: false, error: 'message templates are not wired on this server' }) },
    prompts: { trigger: async () => ({ status: 'suppressed', reason: 'channel_unavailable' }) },
    surveys: { request: async () => ({ status: 'suppressed', reason: 'channel_unavailable' }) },
    segments: { add: async () => { throw new Error('segment membership is not wired on this server'); } },
    conditions: createBasicConditionEvaluator(services.db),
    ...wired,
  };
}

const portsByServices = new WeakMap<Services, JourneyPorts>();

/** The ports the routes and workers of this server use; tests and the lead's wiring set them with `setJourneyPorts`. */
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
