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
--> statement-breakpoint
CREATE TABLE "contact_traits" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"event_count" integer DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"order_count" integer DEFAULT 0 NOT NULL,
	"lifetime_value" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_order_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_traits" ADD CONSTRAINT "contact_traits_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_traits_account_idx" ON "contact_traits" USING btree ("account_id");--> statement-breakpoint
CREATE TABLE "contact_aliases" (
	"account_id" uuid NOT NULL,
	"anonymous_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_aliases_account_id_anonymous_id_pk" PRIMARY KEY("account_id","anonymous_id")
);
--> statement-breakpoint
ALTER TABLE "contact_aliases" ADD CONSTRAINT "contact_aliases_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_aliases_contact_idx" ON "contact_aliases" USING btree ("account_id","contact_id");--> statement-breakpoint
CREATE TABLE "contact_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"duplicate_id" uuid NOT NULL,
	"kept_before" jsonb NOT NULL,
	"duplicate_before" jsonb NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
ALTER TABLE "contact_merges" ADD CONSTRAINT "contact_merges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_merges_contact_idx" ON "contact_merges" USING btree ("account_id","contact_id");--> statement-breakpoint
CREATE INDEX "contact_merges_duplicate_idx" ON "contact_merges" USING btree ("account_id","duplicate_id");--> statement-breakpoint
CREATE TABLE "contact_merge_moves" (
	"merge_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" text NOT NULL,
	CONSTRAINT "contact_merge_moves_merge_id_kind_record_id_pk" PRIMARY KEY("merge_id","kind","record_id")
);
--> statement-breakpoint
ALTER TABLE "contact_merge_moves" ADD CONSTRAINT "contact_merge_moves_merge_id_contact_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."contact_merges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_external_id_key" ON "contacts" USING btree ("account_id","external_id");
