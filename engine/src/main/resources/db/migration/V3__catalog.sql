-- Outdial schema, version 3: constraints and indexes for the referenced entities (audio, TTS
-- profiles, operator lines and groups, event handlers, scenarios, voice robots).
-- Runs unchanged on H2 (2.x) and PostgreSQL (13+).

-- Names are unique in the project: UniTalk's /audio/tts answers "Same name already present",
-- and GET_WITH_DATA and /dictionary show entities by name. The index also makes the check race-free.
CREATE UNIQUE INDEX audio_name ON audio (name);
CREATE UNIQUE INDEX tts_profile_name ON tts_profile (name);
CREATE UNIQUE INDEX phone_group_name ON phone_group (name);
CREATE UNIQUE INDEX trigger_action_name ON trigger_action (name);
CREATE UNIQUE INDEX in_scenario_name ON in_scenario (name);
CREATE UNIQUE INDEX out_scenario_name ON out_scenario (name);
CREATE UNIQUE INDEX voice_robot_name ON voice_robot (name);

-- Audio by section (GET_WITH_DATA audios/moh, /dictionary?type=AUDIO_*) and the nightly removal
-- of temporary files.
CREATE INDEX audio_type_id ON audio (audio_type, id);
CREATE INDEX audio_temp ON audio (temp, created_at);

-- Which groups a line belongs to (removing a line, line status by group).
CREATE INDEX phone_group_member_number ON phone_group_member (number);

-- Whether a group is still used by an incoming scenario before it is removed.
CREATE INDEX in_scenario_group ON in_scenario (group_id);

-- Event handlers that are not HTTP requests (BLOCK_NUMBER) have no URL, method or body type.
ALTER TABLE trigger_action ALTER COLUMN url DROP NOT NULL;
ALTER TABLE trigger_action ALTER COLUMN http_method DROP NOT NULL;
ALTER TABLE trigger_action ALTER COLUMN body_type DROP NOT NULL;
