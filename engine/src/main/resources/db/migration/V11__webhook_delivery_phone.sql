-- Seed 004 /api/eventHandlers/removeScheduledByPhones removes the event handlers still scheduled
-- for given phone numbers: in Outdial, the webhook deliveries not sent yet (PENDING, not being
-- sent). A delivery keeps its event's phone (the stored form, as autodial_number.phone) so they
-- are found without reading every payload. Rows written before have none and are not found.
ALTER TABLE webhook_delivery ADD COLUMN phone VARCHAR(32);
CREATE INDEX webhook_delivery_phone ON webhook_delivery (phone, state);
