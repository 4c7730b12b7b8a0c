CREATE TABLE "prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"placement" text DEFAULT 'top' NOT NULL,
	"anchor_selector" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"action" jsonb DEFAULT '{"kind":"dismiss"}'::jsonb NOT NULL,
	"trigger_event" text,
	"trigger_first_only" boolean DEFAULT false NOT NULL,
	"condition" jsonb,
	"segment_id" uuid,
	"surfaces" text DEFAULT 'both' NOT NULL,
	"frequency" text DEFAULT 'once' NOT NULL,
	"frequency_days" integer,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"priority" integer DEFAULT 0 NOT NULL,
	"pending_minutes" integer DEFAULT 1440 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prompt_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"prompt_id" uuid,
	"touchpoint_kind" text NOT NULL,
	"touchpoint_id" text,
	"touchpoint_step_id" text,
	"via" jsonb,
	"reason" text NOT NULL,
	"surfaces" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"shown_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_deliveries" ADD CONSTRAINT "prompt_deliveries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prompts_trigger_idx" ON "prompts" USING btree ("account_id","trigger_event") WHERE status = 'live';--> statement-breakpoint
CREATE INDEX "prompts_account_idx" ON "prompts" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prompt_deliveries_dedupe_key" ON "prompt_deliveries" USING btree ("account_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "prompt_deliveries_contact_idx" ON "prompt_deliveries" USING btree ("account_id","contact_id","status","expires_at");--> statement-breakpoint
CREATE INDEX "prompt_deliveries_prompt_idx" ON "prompt_deliveries" USING btree ("account_id","prompt_id","contact_id","created_at");
