CREATE TABLE "delight_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid,
	"period" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"point_value_minor" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delight_budgets_period_check" CHECK ("period" IN ('week', 'month', 'quarter')),
	CONSTRAINT "delight_budgets_amount_check" CHECK ("amount_minor" >= 0 AND "point_value_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "delight_gestures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"delivery" text DEFAULT 'pending' NOT NULL,
	"client_key" text NOT NULL,
	"card_token" text NOT NULL,
	"card_style" text DEFAULT 'thanks' NOT NULL,
	"coupon_id" uuid,
	"points" integer,
	"points_entry_id" uuid,
	"gift_id" uuid,
	"gift_url" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delight_gestures_kind_check" CHECK ("kind" IN ('gift', 'voucher', 'card', 'points')),
	CONSTRAINT "delight_gestures_status_check" CHECK ("status" IN ('sent')),
	CONSTRAINT "delight_gestures_value_check" CHECK ("value_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "delight_budgets" ADD CONSTRAINT "delight_budgets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delight_budgets" ADD CONSTRAINT "delight_budgets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delight_gestures" ADD CONSTRAINT "delight_gestures_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delight_gestures" ADD CONSTRAINT "delight_gestures_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "delight_budgets_agent_key" ON "delight_budgets" USING btree ("account_id","user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "delight_budgets_default_key" ON "delight_budgets" USING btree ("account_id") WHERE user_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "delight_gestures_client_key" ON "delight_gestures" USING btree ("account_id","user_id","client_key");--> statement-breakpoint
CREATE UNIQUE INDEX "delight_gestures_card_token_key" ON "delight_gestures" USING btree ("card_token");--> statement-breakpoint
CREATE INDEX "delight_gestures_spend_idx" ON "delight_gestures" USING btree ("account_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "delight_gestures_account_idx" ON "delight_gestures" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "delight_gestures_conversation_idx" ON "delight_gestures" USING btree ("conversation_id");
