-- API and SDK events carry no touchpoint, and events of known users no anonymous id: those two indexes now hold only
-- the rows that have a value, so storing such an event writes two index entries fewer (every query on them names a value).
DROP INDEX IF EXISTS "customer_events_touchpoint_idx";--> statement-breakpoint
CREATE INDEX "customer_events_touchpoint_idx" ON "customer_events" USING btree ("account_id","touchpoint_kind","touchpoint_id","occurred_at") WHERE "touchpoint_kind" is not null;--> statement-breakpoint
DROP INDEX IF EXISTS "customer_events_anonymous_idx";--> statement-breakpoint
CREATE INDEX "customer_events_anonymous_idx" ON "customer_events" USING btree ("account_id","anonymous_id") WHERE "anonymous_id" is not null;
