-- Single calls (issue 13: UniTalk /calls/originateNew and /phones/directCall, later the other
-- vendors' call APIs) are recorded in the same call_record table the autodialers write, so that
-- every history (GET_CALLS_HISTORY, /history/get) reads one table. A single call belongs to no
-- autodialer: autodialer_id is NULL for it. source says which operation placed the call
-- (AUTODIAL for the autodialers' calls, the default of the rows written before; API for
-- originateNew; DIRECT for directCall), trunk the trunk it went out on (NULL for rows written
-- before and for autodialer calls), meta the caller's free text (seed 004 "meta", 1000 characters).
-- The single call's id, the one a client hangs up by, is the record's rid (its "random call id").
ALTER TABLE call_record ALTER COLUMN autodialer_id DROP NOT NULL;
ALTER TABLE call_record ADD COLUMN source VARCHAR(16) DEFAULT 'AUTODIAL' NOT NULL;
ALTER TABLE call_record ADD COLUMN trunk VARCHAR(64);
ALTER TABLE call_record ADD COLUMN meta VARCHAR(1000);
-- /history/get reads the whole project newest first, by period.
CREATE INDEX call_record_project_time ON call_record (call_end_time, id);
