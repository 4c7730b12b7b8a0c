CREATE TABLE "coupon_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"value" integer NOT NULL,
	"currency" text,
	"min_spend_minor" integer,
	"expires_at" timestamp with time zone,
	"prefix" text DEFAULT '' NOT NULL,
	"code_length" integer DEFAULT 8 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupon_pools_kind_check" CHECK ("kind" IN ('percent', 'amount', 'free_item'))
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"pool_id" uuid NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"contact_id" uuid,
	"issued_at" timestamp with time zone,
	"redeemed_at" timestamp with time zone,
	"redemption_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupons_status_check" CHECK ("status" IN ('available', 'issued', 'redeemed', 'void'))
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"reference" text NOT NULL,
	"reverses_entry_id" uuid,
	"expires_at" timestamp with time zone,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_entries_kind_check" CHECK ("kind" IN ('earn', 'spend', 'expire', 'reverse')),
	CONSTRAINT "points_entries_balance_check" CHECK ("balance_after" >= 0)
);
--> statement-breakpoint
ALTER TABLE "coupon_pools" ADD CONSTRAINT "coupon_pools_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_pool_id_coupon_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."coupon_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coupon_pools_account_idx" ON "coupon_pools" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_account_code_key" ON "coupons" USING btree ("account_id","code");--> statement-breakpoint
CREATE INDEX "coupons_pool_available_idx" ON "coupons" USING btree ("pool_id","created_at") WHERE status = 'available';--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_account_reference_key" ON "points_entries" USING btree ("account_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_reverses_key" ON "points_entries" USING btree ("reverses_entry_id") WHERE reverses_entry_id is not null;--> statement-breakpoint
CREATE INDEX "points_entries_contact_idx" ON "points_entries" USING btree ("account_id","contact_id","created_at");
