CREATE TABLE "game_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"eligibility" jsonb NOT NULL,
	"limits" jsonb NOT NULL,
	"card_count" integer DEFAULT 3 NOT NULL,
	"rules_text" text DEFAULT '' NOT NULL,
	"alternative_entry" text DEFAULT '' NOT NULL,
	"budget_minor" integer,
	"spent_minor" integer DEFAULT 0 NOT NULL,
	"currency" text,
	"published_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "game_campaigns_kind_check" CHECK ("kind" IN ('order_game', 'draw')),
	CONSTRAINT "game_campaigns_status_check" CHECK ("status" IN ('draft', 'live', 'ended')),
	CONSTRAINT "game_campaigns_budget_check" CHECK ("budget_minor" IS NULL OR "spent_minor" <= "budget_minor")
);
--> statement-breakpoint
CREATE TABLE "game_prizes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"pool_id" uuid,
	"points" integer,
	"weight" integer NOT NULL,
	"stock" integer,
	"awarded" integer DEFAULT 0 NOT NULL,
	"value_minor" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "game_prizes_kind_check" CHECK ("kind" IN ('free_item', 'discount', 'points', 'try_again')),
	CONSTRAINT "game_prizes_stock_check" CHECK ("stock" IS NULL OR "awarded" <= "stock"),
	CONSTRAINT "game_prizes_weight_check" CHECK ("weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "game_unlocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"source" text NOT NULL,
	"order_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unlocked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "game_plays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"unlock_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"status" text DEFAULT 'committed' NOT NULL,
	"algorithm" text NOT NULL,
	"server_seed" text NOT NULL,
	"server_seed_hash" text NOT NULL,
	"nonce" integer NOT NULL,
	"client_seed" text,
	"idempotency_key" text,
	"device_id" text,
	"roll" double precision,
	"drawn_prize_id" uuid,
	"prize_id" uuid,
	"outcome" text,
	"prize_table" jsonb,
	"coupon_id" uuid,
	"coupon_code" text,
	"points" integer,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"played_at" timestamp with time zone,
	CONSTRAINT "game_plays_status_check" CHECK ("status" IN ('committed', 'played'))
);
--> statement-breakpoint
ALTER TABLE "game_campaigns" ADD CONSTRAINT "game_campaigns_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_prizes" ADD CONSTRAINT "game_prizes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_prizes" ADD CONSTRAINT "game_prizes_campaign_id_game_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."game_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_unlocks" ADD CONSTRAINT "game_unlocks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_unlocks" ADD CONSTRAINT "game_unlocks_campaign_id_game_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."game_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_plays" ADD CONSTRAINT "game_plays_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_plays" ADD CONSTRAINT "game_plays_campaign_id_game_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."game_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_plays" ADD CONSTRAINT "game_plays_unlock_id_game_unlocks_id_fk" FOREIGN KEY ("unlock_id") REFERENCES "public"."game_unlocks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "game_campaigns_account_slug_key" ON "game_campaigns" USING btree ("account_id","slug");--> statement-breakpoint
CREATE INDEX "game_campaigns_account_status_idx" ON "game_campaigns" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "game_prizes_campaign_idx" ON "game_prizes" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "game_unlocks_sequence_key" ON "game_unlocks" USING btree ("campaign_id","contact_id","sequence");--> statement-breakpoint
CREATE INDEX "game_unlocks_contact_idx" ON "game_unlocks" USING btree ("account_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "game_plays_unlock_key" ON "game_plays" USING btree ("unlock_id");--> statement-breakpoint
CREATE UNIQUE INDEX "game_plays_nonce_key" ON "game_plays" USING btree ("campaign_id","contact_id","nonce");--> statement-breakpoint
CREATE INDEX "game_plays_campaign_idx" ON "game_plays" USING btree ("campaign_id","played_at");--> statement-breakpoint
CREATE INDEX "game_plays_device_idx" ON "game_plays" USING btree ("campaign_id","device_id");
