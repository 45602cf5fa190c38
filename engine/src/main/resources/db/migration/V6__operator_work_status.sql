-- Issue 10: an operator's work status (seed 004 /phones/inner/setStatus: WORK, STOP, PAUS), kept
-- with the line so that a pause survives a restart. A line is offered calls only when its phone is
-- registered and this is WORK; existing and new lines start at WORK.
ALTER TABLE inner_phone ADD COLUMN work_status VARCHAR(4) DEFAULT 'WORK' NOT NULL;
