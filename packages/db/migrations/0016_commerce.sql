-- Commerce (issue 6): orders grow into a full model (totals, statuses, shipments, provider ids), returns with their
-- policy and history, Shopify connections and webhook receipts; attachments can belong to a return.
CREATE TABLE "commerce_webhook_receipts" (
	"account_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"delivery_id" text NOT NULL,
	"topic" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_webhook_receipts_account_id_provider_delivery_id_pk" PRIMARY KEY("account_id","provider","delivery_id")
);
--> statement-breakpoint
CREATE TABLE "return_policies" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"window_days" integer NOT NULL,
	"non_returnable_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"reasons" jsonb NOT NULL,
	"auto_approve" jsonb NOT NULL,
	"allow_exchange" boolean DEFAULT true NOT NULL,
	"policy_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"instructions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"return_address" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"order_id" uuid NOT NULL,
	"contact_id" uuid,
	"status" text DEFAULT 'requested' NOT NULL,
	"resolution" text NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"lines" jsonb NOT NULL,
	"currency" text NOT NULL,
	"refund_minor" integer NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"auto_approved" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shopify_connections" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"shop_domain" text NOT NULL,
	"webhook_secret" text NOT NULL,
	"webhook_key" text DEFAULT replace(gen_random_uuid()::text, '-', '') NOT NULL,
	"connected_by" uuid,
	"last_webhook_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shopify_connections_webhook_key_unique" UNIQUE("webhook_key")
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "return_id" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "contact_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "subtotal_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "discount_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tax_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "financial_status" text DEFAULT 'paid' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fulfillment_status" text DEFAULT 'unfulfilled' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "source" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "provider_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "customer_email" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "customer_name" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "commerce_webhook_receipts" ADD CONSTRAINT "commerce_webhook_receipts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_policies" ADD CONSTRAINT "return_policies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_transitions" ADD CONSTRAINT "return_transitions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_transitions" ADD CONSTRAINT "return_transitions_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_connections" ADD CONSTRAINT "shopify_connections_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_connections" ADD CONSTRAINT "shopify_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commerce_webhook_receipts_received_idx" ON "commerce_webhook_receipts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "return_transitions_return_idx" ON "return_transitions" USING btree ("return_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_number_key" ON "returns" USING btree ("account_id","number");--> statement-breakpoint
CREATE INDEX "returns_account_status_idx" ON "returns" USING btree ("account_id","status","created_at");--> statement-breakpoint
CREATE INDEX "returns_order_idx" ON "returns" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "returns_contact_idx" ON "returns" USING btree ("contact_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_return_idx" ON "attachments" USING btree ("return_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_external_key" ON "orders" USING btree ("account_id","source","external_id");--> statement-breakpoint
CREATE INDEX "orders_account_placed_idx" ON "orders" USING btree ("account_id","placed_at");--> statement-breakpoint
CREATE INDEX "orders_number_upper_idx" ON "orders" USING btree ("account_id",upper("number"));--> statement-breakpoint
-- Backfill: orders written before this migration get line ids, line totals and tags, a subtotal, and statuses read
-- from their old single status.
UPDATE "orders" SET
  "lines" = coalesce((
    SELECT jsonb_agg(line || jsonb_build_object(
      'id', 'L' || ord::text,
      'sku', coalesce(line -> 'sku', 'null'::jsonb),
      'variant', coalesce(line -> 'variant', 'null'::jsonb),
      'lineTotalMinor', coalesce(line -> 'lineTotalMinor', to_jsonb((line ->> 'quantity')::int * (line ->> 'unitPriceMinor')::int)),
      'productTags', coalesce(line -> 'productTags', '[]'::jsonb)) ORDER BY ord)
    FROM jsonb_array_elements("lines") WITH ORDINALITY AS l(line, ord)), '[]'::jsonb),
  "subtotal_minor" = "total_minor",
  "created_at" = "placed_at",
  "updated_at" = "placed_at",
  "financial_status" = CASE WHEN "status" = 'refunded' THEN 'refunded' WHEN "status" IN ('pending', 'unpaid') THEN 'pending' ELSE 'paid' END,
  "fulfillment_status" = CASE WHEN "status" = 'delivered' THEN 'delivered' WHEN "status" IN ('fulfilled', 'shipped') THEN 'fulfilled' WHEN "status" = 'cancelled' THEN 'cancelled' ELSE 'unfulfilled' END,
  "delivered_at" = CASE WHEN "status" = 'delivered' THEN "placed_at" ELSE NULL END,
  "cancelled_at" = CASE WHEN "status" = 'cancelled' THEN "placed_at" ELSE NULL END;
