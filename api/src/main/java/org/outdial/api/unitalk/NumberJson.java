package org.outdial.api.unitalk;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberAudio;
import org.outdial.engine.number.NumberData;

/** A number as GET_NUMBER and GET_NUMBERS show it. */
final class NumberJson {

    private NumberJson() {
    }

    static Map<String, Object> of(AutodialNumber n, ZoneId zone) {
        NumberData d = n.data();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("taskId", n.campaignId());
        json.put("phone", n.phone());
        json.put("state", n.state().name());
        json.put("stateDateTime", n.stateAt() == null ? null : UnitalkFormats.DATE_TIME.format(n.stateAt().atZone(zone)));
        json.put("calledCount", n.calledCount());
        json.put("realCalledCount", n.realCalledCount());
        json.put("highPriority", n.highPriority());
        json.put("name", d.name());
        json.put("note", d.note());
        json.put("link", d.link());
        json.put("params", params(d.paramsView()));
        List<Map<String, Object>> audios = new ArrayList<>();
        for (NumberAudio audio : d.audios()) {
            switch (audio) {
                case NumberAudio.File f -> audios.add(Map.of("id", f.id()));
                case NumberAudio.Tts t -> {
                    Map<String, Object> tts = new LinkedHashMap<>();
                    if (t.ssml() != null) {
                        tts.put("ssml", t.ssml());
                    } else {
                        tts.put("text", t.text());
                    }
                    tts.put("settingsId", t.settingsId());
                    audios.add(Map.of("tts", tts));
                }
            }
        }
        json.put("audios", audios);
        if (n.nextAttemptAt() != null) {
            json.put("nextAttemptDateTime", UnitalkFormats.DATE_TIME.format(n.nextAttemptAt().atZone(zone)));
        }
        return json;
    }

    static Map<String, String> params(Map<Integer, String> params) {
        if (params == null || params.isEmpty()) {
            return null;
        }
        Map<String, String> json = new LinkedHashMap<>();
        params.forEach((k, v) -> json.put(String.valueOf(k), v));
        return json;
    }
}
