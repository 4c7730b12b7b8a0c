CREATE TABLE "gift_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"item" jsonb NOT NULL,
	"swap_options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stock" integer,
	"sent_count" integer DEFAULT 0 NOT NULL,
	"per_person_limit" integer DEFAULT 1 NOT NULL,
	"require_other_country" boolean DEFAULT false NOT NULL,
	"claim_days" integer DEFAULT 14 NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_campaigns_status_check" CHECK ("status" IN ('draft', 'live', 'paused', 'ended')),
	CONSTRAINT "gift_campaigns_stock_check" CHECK ("stock" IS NULL OR "sent_count" <= "stock"),
	CONSTRAINT "gift_campaigns_sent_check" CHECK ("sent_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "gifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"campaign_id" uuid,
	"reference" text NOT NULL,
	"sender_kind" text NOT NULL,
	"sender_contact_id" uuid,
	"sender_user_id" uuid,
	"conversation_id" uuid,
	"sender_name" text NOT NULL,
	"sender_country" text,
	"recipient_contact_id" uuid,
	"recipient_email" text,
	"recipient_phone" text,
	"recipient_name" text,
	"recipient_country" text,
	"channel" text NOT NULL,
	"delivery_result" text,
	"item" jsonb NOT NULL,
	"claimed_item" jsonb,
	"message" text DEFAULT '' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"status" text NOT NULL,
	"token_hash" text NOT NULL,
	"pending_token" text,
	"coupon_id" uuid,
	"coupon_code" text,
	"deliver_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"reacted_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gifts_status_check" CHECK ("status" IN ('scheduled', 'delivered', 'opened', 'claimed', 'swapped', 'reacted', 'expired', 'cancelled')),
	CONSTRAINT "gifts_sender_kind_check" CHECK ("sender_kind" IN ('contact', 'agent')),
	CONSTRAINT "gifts_channel_check" CHECK ("channel" IN ('email', 'sms', 'whatsapp', 'link'))
);
--> statement-breakpoint
CREATE TABLE "gift_reactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"gift_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"content_type" text,
	"byte_size" integer,
	"duration_ms" integer,
	"storage_key" text,
	"share_slug" text,
	"shared_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_reactions_kind_check" CHECK ("kind" IN ('photo', 'video', 'text'))
);
--> statement-breakpoint
ALTER TABLE "gift_campaigns" ADD CONSTRAINT "gift_campaigns_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_campaign_id_gift_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."gift_campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_reactions" ADD CONSTRAINT "gift_reactions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gift_reactions" ADD CONSTRAINT "gift_reactions_gift_id_gifts_id_fk" FOREIGN KEY ("gift_id") REFERENCES "public"."gifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gift_campaigns_account_idx" ON "gift_campaigns" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "gifts_account_reference_key" ON "gifts" USING btree ("account_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "gifts_token_hash_key" ON "gifts" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "gifts_account_created_idx" ON "gifts" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "gifts_sender_contact_idx" ON "gifts" USING btree ("account_id","sender_contact_id","created_at");--> statement-breakpoint
CREATE INDEX "gifts_campaign_idx" ON "gifts" USING btree ("campaign_id","sender_contact_id");--> statement-breakpoint
CREATE INDEX "gifts_due_idx" ON "gifts" USING btree ("deliver_at") WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX "gifts_open_expiry_idx" ON "gifts" USING btree ("expires_at") WHERE status IN ('delivered', 'opened');--> statement-breakpoint
CREATE UNIQUE INDEX "gift_reactions_gift_key" ON "gift_reactions" USING btree ("gift_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gift_reactions_share_slug_key" ON "gift_reactions" USING btree ("share_slug");
