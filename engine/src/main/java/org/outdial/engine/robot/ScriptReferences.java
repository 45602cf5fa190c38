package org.outdial.engine.robot;

import java.util.List;
import java.util.Optional;

/**
 * What a robot script may point at: audio files, speech profiles and operator groups. Checked
 * when a script is saved, so a robot never meets a missing audio on its first call; a thing
 * removed later makes that call an AUDIO_ERR (audio) or a transfer to nobody (group).
 */
public interface ScriptReferences {

    boolean audioExists(long id);

    boolean ttsProfileExists(long id);

    /** The type of group {@code id} (INNER_PHONES for internal lines), if it exists. */
    Optional<String> groupType(long id);

    /** The group type a TRANSFER node may name: operators' internal lines (seed 004 voiceSecretaryId rules). */
    String INNER_PHONES = "INNER_PHONES";

    /** References that all exist: for stores used without a catalog (unit tests of the store itself). */
    static ScriptReferences unchecked() {
        return new ScriptReferences() {
            @Override
            public boolean audioExists(long id) {
                return true;
            }

            @Override
            public boolean ttsProfileExists(long id) {
                return true;
            }

            @Override
            public Optional<String> groupType(long id) {
                return Optional.of(INNER_PHONES);
            }
        };
    }

    /** Refuses {@code script} when it points at something missing, naming the node and the field. */
    static void check(RobotScript script, ScriptReferences refs) {
        if (script.ttsSettingsId() != null && !refs.ttsProfileExists(script.ttsSettingsId())) {
            throw ScriptParser.wrong("ttsSettingsId " + script.ttsSettingsId() + ": speech profile not found");
        }
        for (RobotNode node : script.nodes().values()) {
            String where = ScriptParser.at(node.id());
            if (node instanceof RobotNode.Transfer t) {
                Optional<String> type = refs.groupType(t.groupId());
                if (type.isEmpty()) {
                    throw ScriptParser.wrong(where + "groupId " + t.groupId() + ": Group not found");
                }
                if (!type.get().equals(INNER_PHONES)) {
                    throw ScriptParser.wrong(where + "groupId " + t.groupId() + ": a group of internal lines is expected");
                }
            }
            List<RobotAudio> parts = script.audios().getOrDefault(node.id(), List.of());
            for (int i = 0; i < parts.size(); i++) {
                String field = where + (node instanceof RobotNode.Ask ? "prompt" : "audio") + "[" + i + "]";
                switch (parts.get(i)) {
                    case RobotAudio.File f -> {
                        if (!refs.audioExists(f.id())) {
                            throw ScriptParser.wrong(field + ".id " + f.id() + ": audio not found");
                        }
                    }
                    case RobotAudio.Silence s -> { }
                    case RobotAudio.Synthesis s -> profile(s.settingsId(), script, refs, field);
                    case RobotAudio.Speech s -> profile(s.settingsId(), script, refs, field);
                }
            }
        }
    }

    private static void profile(Long settingsId, RobotScript script, ScriptReferences refs, String field) {
        if (settingsId == null) {
            if (script.ttsSettingsId() == null) {
                throw ScriptParser.wrong(field + ": no settingsId, and the script has no ttsSettingsId");
            }
            return;
        }
        if (!refs.ttsProfileExists(settingsId)) {
            throw ScriptParser.wrong(field + ".settingsId " + settingsId + ": speech profile not found");
        }
    }
}
