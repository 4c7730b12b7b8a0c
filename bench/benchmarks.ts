import { apiLoadBenchmark } from './api-load.ts';
import { channelIngestBenchmark } from './channel-ingest.ts';
import { coldStartBenchmark } from './cold-start.ts';
import { drawConcurrencyBenchmark } from './draw-concurrency.ts';
import { eventsIngestBenchmark } from './events-ingest.ts';
import { giftClaimsBenchmark } from './gift-claims.ts';
import { inboxScaleBenchmark } from './inbox-scale.ts';
import { journeyTriggerBenchmark } from './journey-trigger.ts';
import type { Benchmark } from './lib/types.ts';
import { liveFeedFanoutBenchmark } from './live-feed-fanout.ts';
import { segmentsBenchmark } from './segments.ts';
import { outreachEmailBenchmark } from './outreach-email.ts';
import { promptLatencyBenchmark } from './prompt-latency.ts';
import { puzzleSolvesBenchmark } from './puzzle-solves.ts';
import { referralsBenchmark } from './referrals.ts';
import { touchpointMapBenchmark } from './touchpoint-map.ts';
import { widgetSocketsBenchmark } from './widget-sockets.ts';
import { delightBudgetBenchmark } from './delight-budget.ts';

/** Every benchmark `npm run bench` knows, in the order a full run takes them. */
export const BENCHMARKS: readonly Benchmark[] = [
  coldStartBenchmark,
  apiLoadBenchmark,
  inboxScaleBenchmark,
  channelIngestBenchmark,
  widgetSocketsBenchmark,
  eventsIngestBenchmark,
  segmentsBenchmark,
  outreachEmailBenchmark,
  journeyTriggerBenchmark,
  promptLatencyBenchmark,
  touchpointMapBenchmark,
  delightBudgetBenchmark,
  giftClaimsBenchmark,
  drawConcurrencyBenchmark,
  puzzleSolvesBenchmark,
  liveFeedFanoutBenchmark,
  referralsBenchmark,
];
