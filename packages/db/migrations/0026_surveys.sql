CREATE TABLE "survey_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"fatigue_days" integer DEFAULT 30 NOT NULL,
	"signing_key" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"built_in" text,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"triggers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"detractor_max_score" integer NOT NULL,
	"detractor_action" boolean DEFAULT true NOT NULL,
	"detractor_inbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"about_kind" text,
	"about_id" text,
	"touchpoint_kind" text,
	"touchpoint_id" text,
	"touchpoint_step_id" text,
	"dedupe_key" text NOT NULL,
	"status" text NOT NULL,
	"suppression_reason" text,
	"counts_for_fatigue" boolean DEFAULT true NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"about_kind" text,
	"about_id" text,
	"follow_up_conversation_id" uuid,
	"answered_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_settings" ADD CONSTRAINT "survey_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_request_id_survey_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."survey_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "surveys_account_idx" ON "surveys" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_built_in_key" ON "surveys" USING btree ("account_id","built_in") WHERE built_in is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_requests_dedupe_key" ON "survey_requests" USING btree ("account_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "survey_requests_contact_idx" ON "survey_requests" USING btree ("account_id","contact_id","due_at");--> statement-breakpoint
CREATE INDEX "survey_requests_survey_idx" ON "survey_requests" USING btree ("account_id","survey_id","created_at");--> statement-breakpoint
CREATE INDEX "survey_requests_due_idx" ON "survey_requests" USING btree ("due_at") WHERE status = 'scheduled';--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_request_key" ON "survey_responses" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" USING btree ("account_id","survey_id","answered_at");
