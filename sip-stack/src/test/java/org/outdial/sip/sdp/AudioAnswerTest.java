package org.outdial.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioAnswerTest {

    private static final Origin OURS = new Origin("outdial", 42, 3, "IP4", "192.0.2.1");

    /** An offer from 198.51.100.7 with these m= sections. */
    private static SessionDescription offer(String media) throws SdpFormatException {
        return SdpParser.parse(("""
                v=0
                o=peer 1 1 IN IP4 198.51.100.7
                s=-
                c=IN IP4 198.51.100.7
                t=0 0
                """ + media).replace("\n", "\r\n"));
    }

    private static SessionDescription answer(SessionDescription offer) {
        return AudioAnswer.to(offer, OURS, "outdial", 30000).orElseThrow();
    }

    @Test
    void takesTheOfferersFirstG711AndItsTelephoneEventPayloadType() throws Exception {
        SessionDescription answer = answer(offer("""
                m=audio 4000 RTP/AVP 18 8 0 96
                a=rtpmap:18 G729/8000
                a=rtpmap:8 PCMA/8000
                a=rtpmap:0 PCMU/8000
                a=rtpmap:96 telephone-event/8000
                a=fmtp:96 0-15
                a=sendrecv
                """));

        assertEquals(OURS, answer.origin());
        assertEquals("192.0.2.1", answer.connection());
        MediaDescription audio = answer.media().getFirst();
        assertEquals(30000, audio.port());
        assertEquals(List.of(8, 96), audio.formats(), "PCMA comes first in the offer; G.729 is not ours");
        assertEquals(new RtpMap(96, "telephone-event", 8000, 1), audio.rtpMaps().get(96));
        assertEquals("0-16", audio.fmtp().get(96));
        assertEquals(20, audio.ptime());
        assertEquals(MediaDirection.SENDRECV, audio.direction());
        assertEquals(AudioOffer.PCMA, NegotiatedAudio.fromAnswer(answer).payloadType(),
                "what the offerer reads back is the codec we chose");
    }

    @Test
    void aStaticPayloadTypeWithoutRtpmapIsWrittenWithItsMapping() throws Exception {
        SessionDescription answer = answer(offer("""
                m=audio 4000 RTP/AVP 0
                """));

        MediaDescription audio = answer.media().getFirst();
        assertEquals(List.of(0), audio.formats(), "no telephone-event offered, none answered");
        assertEquals(Map.of(0, new RtpMap(0, "PCMU", 8000, 1)), audio.rtpMaps());
        assertTrue(SdpWriter.write(answer).contains("a=rtpmap:0 PCMU/8000\r\n"));
    }

    @ParameterizedTest(name = "offered {0} is answered {1}")
    @CsvSource({"sendrecv, SENDRECV", "sendonly, RECVONLY", "recvonly, SENDONLY", "inactive, INACTIVE"})
    void theDirectionMirrorsTheOffer(String offered, MediaDirection answered) throws Exception {
        SessionDescription answer = answer(offer("""
                m=audio 4000 RTP/AVP 0 101
                a=rtpmap:101 telephone-event/8000
                a=%s
                """.formatted(offered)));

        assertEquals(answered, answer.media().getFirst().direction());
    }

    @Test
    void everyOtherStreamIsRefusedWithPortZeroInItsPlace() throws Exception {
        SessionDescription answer = answer(offer("""
                m=video 5000 RTP/AVP 96
                a=rtpmap:96 H264/90000
                m=audio 0 RTP/AVP 0
                m=audio 4002 RTP/AVP 9
                m=audio 4004 RTP/AVP 0
                m=audio 4006 RTP/AVP 8
                """));

        List<MediaDescription> media = answer.media();
        assertEquals(5, media.size(), "one answer line per offered line");
        assertEquals(List.of("video", "audio", "audio", "audio", "audio"),
                media.stream().map(MediaDescription::media).toList());
        assertEquals(List.of(0, 0, 0, 30000, 0), media.stream().map(MediaDescription::port).toList(),
                "video, a disabled stream, G.722 only, then the taken one, then a second G.711 one");
        assertEquals(List.of(96), media.getFirst().formats(), "a refused stream keeps its formats");
    }

    @Test
    void anOfferWithoutG711HasNoAnswer() throws Exception {
        var none = AudioAnswer.to(offer("""
                m=audio 4000 RTP/AVP 18 9
                """), OURS, "outdial", 30000);

        assertTrue(none.isEmpty());
    }

    @Test
    void outdialsOwnOfferIsAnsweredWithPcmuAndEvents() {
        SessionDescription answer = answer(AudioOffer.create(7, "198.51.100.9", 20000));

        assertEquals(List.of(AudioOffer.PCMU, AudioOffer.TELEPHONE_EVENT), answer.media().getFirst().formats());
    }
}
