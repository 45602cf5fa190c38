package org.outdial.engine.robot;

import java.util.Objects;
import java.util.Optional;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.tts.TtsProfiles;

/** {@link ScriptReferences} over the stored catalog: audio files, speech profiles, operator groups. */
public final class CatalogScriptReferences implements ScriptReferences {

    private final AudioLibrary audios;
    private final TtsProfiles profiles;
    private final Operators operators;

    public CatalogScriptReferences(AudioLibrary audios, TtsProfiles profiles, Operators operators) {
        this.audios = Objects.requireNonNull(audios, "audios");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.operators = Objects.requireNonNull(operators, "operators");
    }

    @Override
    public boolean audioExists(long id) {
        return audios.find(id).isPresent();
    }

    @Override
    public boolean ttsProfileExists(long id) {
        return profiles.find(id).isPresent();
    }

    @Override
    public Optional<String> groupType(long id) {
        return operators.findGroup(id).map(group -> group.type().name());
    }
}
