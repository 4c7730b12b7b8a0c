CREATE TABLE "customer_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"anonymous_id" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"touchpoint_kind" text,
	"touchpoint_id" text,
	"touchpoint_step_id" text,
	"message_id" text NOT NULL,
	"source" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_events" ADD CONSTRAINT "customer_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_events_message_key" ON "customer_events" USING btree ("account_id","message_id");--> statement-breakpoint
CREATE INDEX "customer_events_contact_idx" ON "customer_events" USING btree ("account_id","contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "customer_events_name_idx" ON "customer_events" USING btree ("account_id","name","occurred_at");--> statement-breakpoint
CREATE INDEX "customer_events_touchpoint_idx" ON "customer_events" USING btree ("account_id","touchpoint_kind","touchpoint_id","occurred_at");--> statement-breakpoint
CREATE INDEX "customer_events_anonymous_idx" ON "customer_events" USING btree ("account_id","anonymous_id");
