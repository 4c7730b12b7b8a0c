import type { Condition } from '@touchpoint/core';

/**
 * What a condition reads, as keys an incoming change is matched against (a GIN-indexed text[] on the segment):
 * `event:<name>` a customer event by name, `events:any` any customer event (last/first seen), `field:<name>` a
 * profile column (`field:attributes` for every custom attribute), `orders` the orders table (order count, lifetime
 * value), `segment:<id>` another segment's membership. A change re-evaluates only the segments sharing a key with it.
 */
export function listConditionDependencies(condition: Condition | null): string[] {
  const keys = new Set<string>();
  const visit = (node: Condition) => {
    switch (node.kind) {
      case 'attribute':
        if (node.key === 'traits.orderCount' || node.key === 'traits.lifetimeValue') keys.add('orders');
        else if (node.key.startsWith('traits.')) keys.add('events:any');
        else if (node.key.startsWith('attributes.')) keys.add('field:attributes');
        else keys.add(`field:${node.key}`);
        break;
      case 'event':
        keys.add(`event:${node.name}`);
        break;
      case 'survey':
        keys.add('event:survey.answered');
        break;
      case 'segment':
        keys.add(`segment:${node.segmentId}`);
        break;
      case 'all':
      case 'any':
        node.conditions.forEach(visit);
        break;
    }
  };
  if (condition) visit(condition);
  return [...keys].sort();
}

/** The keys a batch of customer events touches. */
export function listEventKeys(names: Iterable<string>): string[] {
  return ['events:any', ...new Set([...names].map((name) => `event:${name}`))];
}

/** The keys a `contact.updated` with these changed fields touches (`timeZone`, `attributes`…). */
export function listFieldKeys(fields: readonly string[]): string[] {
  return fields.map((field) => `field:${field}`);
}

/** Segment ids a condition refers to, to refuse a segment that would contain itself. */
export function listReferencedSegments(condition: Condition | null): string[] {
  return listConditionDependencies(condition).filter((key) => key.startsWith('segment:')).map((key) => key.slice('segment:'.length));
}
