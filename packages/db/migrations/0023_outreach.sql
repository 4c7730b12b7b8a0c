CREATE TABLE "outreach_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"global_cap" jsonb,
	"channel_caps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"quiet_hours" jsonb,
	"control_group_percent" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"detail" text,
	"transactional" boolean DEFAULT false NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"touchpoint_kind" text NOT NULL,
	"touchpoint_id" text,
	"touchpoint_step_id" text,
	"content" jsonb,
	"deliver_at" timestamp with time zone,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outreach_settings" ADD CONSTRAINT "outreach_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_sends" ADD CONSTRAINT "outreach_sends_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_sends_dedupe_key" ON "outreach_sends" USING btree ("account_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "outreach_sends_contact_idx" ON "outreach_sends" USING btree ("account_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "outreach_sends_due_idx" ON "outreach_sends" USING btree ("deliver_at") WHERE status = 'deferred';
