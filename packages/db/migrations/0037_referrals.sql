CREATE TABLE "referral_programs" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"referrer_reward" jsonb NOT NULL,
	"friend_reward" jsonb NOT NULL,
	"min_order_minor" integer,
	"currency" text,
	"attribution_days" integer DEFAULT 30 NOT NULL,
	"cap_per_referrer" integer,
	"cap_period_days" integer DEFAULT 30 NOT NULL,
	"ip_window_days" integer DEFAULT 30 NOT NULL,
	"offer_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip_salt" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_programs_status_check" CHECK ("status" IN ('draft', 'live', 'paused'))
);
--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_sightings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"device_id" text,
	"device_hash" text,
	"ip_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_sightings_kind_check" CHECK ("kind" IN ('click', 'referrer'))
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"code_id" uuid NOT NULL,
	"referrer_contact_id" uuid NOT NULL,
	"friend_contact_id" uuid,
	"click_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"rejection_reason" text,
	"rejection_detail" text,
	"source" text NOT NULL,
	"device_hash" text,
	"ip_hash" text,
	"address_hash" text,
	"order_id" uuid,
	"order_total_minor" integer,
	"friend_reward" jsonb,
	"referrer_reward" jsonb,
	"friend_rewarded_at" timestamp with time zone,
	"referrer_rewarded_at" timestamp with time zone,
	"converted_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	"reversal_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_status_check" CHECK ("status" IN ('pending', 'rewarded', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "review_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"platforms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"share_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"csat_min" integer DEFAULT 4 NOT NULL,
	"nps_min" integer DEFAULT 9 NOT NULL,
	"cooldown_days" integer DEFAULT 90 NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_settings_channel_check" CHECK ("channel" IN ('email', 'in_app'))
);
--> statement-breakpoint
CREATE TABLE "review_asks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"survey_kind" text NOT NULL,
	"score" integer NOT NULL,
	"channel" text NOT NULL,
	"token" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"suppression_reason" text,
	"sent_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"clicked_platform" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_asks_status_check" CHECK ("status" IN ('pending', 'sent', 'suppressed', 'deferred'))
);
--> statement-breakpoint
ALTER TABLE "referral_programs" ADD CONSTRAINT "referral_programs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_sightings" ADD CONSTRAINT "referral_sightings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_sightings" ADD CONSTRAINT "referral_sightings_code_id_referral_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."referral_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_code_id_referral_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."referral_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_contact_id_contacts_id_fk" FOREIGN KEY ("referrer_contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_friend_contact_id_contacts_id_fk" FOREIGN KEY ("friend_contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_asks" ADD CONSTRAINT "review_asks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_asks" ADD CONSTRAINT "review_asks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_code_key" ON "referral_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_contact_key" ON "referral_codes" USING btree ("account_id","contact_id");--> statement-breakpoint
CREATE INDEX "referral_sightings_code_idx" ON "referral_sightings" USING btree ("code_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "referral_sightings_account_idx" ON "referral_sightings" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_friend_key" ON "referrals" USING btree ("account_id","friend_contact_id") WHERE status <> 'rejected' and friend_contact_id is not null;--> statement-breakpoint
CREATE INDEX "referrals_account_idx" ON "referrals" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("account_id","referrer_contact_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_asks_response_key" ON "review_asks" USING btree ("account_id","response_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_asks_token_key" ON "review_asks" USING btree ("token");--> statement-breakpoint
CREATE INDEX "review_asks_contact_idx" ON "review_asks" USING btree ("account_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "review_asks_pending_idx" ON "review_asks" USING btree ("created_at") WHERE status = 'pending';
