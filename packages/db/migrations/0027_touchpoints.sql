CREATE TABLE "touchpoint_stages" (
	"account_id" uuid NOT NULL,
	"touchpoint_kind" text NOT NULL,
	"touchpoint_id" text DEFAULT '' NOT NULL,
	"stage" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "touchpoint_stages_account_id_touchpoint_kind_touchpoint_id_pk" PRIMARY KEY("account_id","touchpoint_kind","touchpoint_id")
);
--> statement-breakpoint
ALTER TABLE "touchpoint_stages" ADD CONSTRAINT "touchpoint_stages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
