/** Outreach's suppression reasons (packages/core SUPPRESSION_REASONS); their wording is the journeys' `journeys.reason.*`. */
export const SUPPRESSION_REASONS = [
  'no_consent', 'frequency_cap', 'channel_frequency_cap', 'quiet_hours', 'control_group', 'outside_whatsapp_window', 'outside_messenger_window',
  'template_error', 'no_address', 'channel_unavailable', 'survey_fatigue', 'lower_priority', 'test_mode',
] as const;
