import { apiLoadBenchmark } from './api-load.ts';
import { channelIngestBenchmark } from './channel-ingest.ts';
import { coldStartBenchmark } from './cold-start.ts';
import { inboxScaleBenchmark } from './inbox-scale.ts';
import type { Benchmark } from './lib/types.ts';
import { touchpointMapBenchmark } from './touchpoint-map.ts';
import { widgetSocketsBenchmark } from './widget-sockets.ts';

/** Every benchmark `npm run bench` knows, in the order a full run takes them. */
export const BENCHMARKS: readonly Benchmark[] = [coldStartBenchmark, apiLoadBenchmark, inboxScaleBenchmark, channelIngestBenchmark, widgetSocketsBenchmark, touchpointMapBenchmark];
