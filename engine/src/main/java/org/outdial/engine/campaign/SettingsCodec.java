package org.outdial.engine.campaign;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How {@link CampaignSettings} is kept in the {@code autodialer.settings} column: JSON, so the
 * type- and mode-specific fields need no column each. This is a storage format, not a wire
 * format; the API maps its own JSON.
 */
final class SettingsCodec {

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(AudioPart.File.class), @JsonSubTypes.Type(AudioPart.Silence.class), @JsonSubTypes.Type(AudioPart.Synthesis.class)})
    private interface AudioPartMixin {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .addMixIn(AudioPart.class, AudioPartMixin.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SettingsCodec() {
    }

    static String write(CampaignSettings settings) {
        try {
            return MAPPER.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode autodialer settings", e);
        }
    }

    static CampaignSettings read(String json) {
        try {
            return MAPPER.readValue(json, CampaignSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored autodialer settings are unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
