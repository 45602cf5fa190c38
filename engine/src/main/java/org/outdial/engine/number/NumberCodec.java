package org.outdial.engine.number;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** How a number's parameters and audios are kept in their columns: small JSON documents. */
final class NumberCodec {

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(NumberAudio.File.class), @JsonSubTypes.Type(NumberAudio.Tts.class)})
    private interface NumberAudioMixin {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(NumberAudio.class, NumberAudioMixin.class)
            .build();
    private static final TypeReference<TreeMap<Integer, String>> PARAMS = new TypeReference<>() {
    };
    private static final TypeReference<List<NumberAudio>> AUDIOS = new TypeReference<>() {
    };

    private NumberCodec() {
    }

    static String params(SortedMap<Integer, String> params) {
        return params.isEmpty() ? null : write(params);
    }

    static String audios(List<NumberAudio> audios) {
        return audios.isEmpty() ? null : write(audios);
    }

    static SortedMap<Integer, String> params(String json) {
        return json == null ? new TreeMap<>() : read(json, PARAMS);
    }

    static List<NumberAudio> audios(String json) {
        return json == null ? List.of() : read(json, AUDIOS);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode number data", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored number data is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
