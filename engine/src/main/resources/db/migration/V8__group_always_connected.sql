-- Issue 11: always-connected operators, an Outdial extension to seed 004's groups. A group with
-- always_connected has each member's phone called once when the operator is ready and kept on the
-- line; answered callees are switched onto that open leg (docs/DIALER.md, "Always-connected
-- operators"). Existing and new groups are rung per call, as before.
ALTER TABLE phone_group ADD COLUMN always_connected BOOLEAN DEFAULT FALSE NOT NULL;
