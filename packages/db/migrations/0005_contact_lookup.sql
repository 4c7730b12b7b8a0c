CREATE INDEX "contacts_other_emails_idx" ON "contacts" USING gin ("other_emails");--> statement-breakpoint
CREATE INDEX "contacts_other_phones_idx" ON "contacts" USING gin ("other_phones");