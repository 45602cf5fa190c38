package org.outdial.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers as real peers write them (files under src/test/resources/sdp). */
class SdpParserTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = SdpParserTest.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void asteriskAnswerPrefersPcmaAndOffersEvents() throws Exception {
        SessionDescription sdp = SdpParser.parse(resource("asterisk.sdp"));

        assertEquals("192.0.2.10", sdp.connection());
        MediaDescription audio = sdp.media().getFirst();
        assertEquals(17334, audio.port());
        assertEquals(List.of(8, 0, 101), audio.formats());
        assertEquals("0-16", audio.fmtp().get(101));
        assertEquals(20, audio.ptime());
        assertEquals(MediaDirection.SENDRECV, audio.direction());

        NegotiatedAudio negotiated = NegotiatedAudio.fromAnswer(sdp);
        assertEquals(AudioOffer.PCMA, negotiated.payloadType(), "the answerer's first G.711 wins");
        assertEquals(101, negotiated.dtmfPayloadType());
        assertEquals(new InetSocketAddress("192.0.2.10", 17334), negotiated.remote());
    }

    @Test
    void freeswitchAnswerUsesItsOwnTelephoneEventPayloadType() throws Exception {
        NegotiatedAudio negotiated = NegotiatedAudio.fromAnswer(SdpParser.parse(resource("freeswitch.sdp")));

        assertEquals(AudioOffer.PCMU, negotiated.payloadType());
        assertEquals(96, negotiated.dtmfPayloadType());
        assertEquals(24962, negotiated.remote().getPort());
    }

    @Test
    void sippAnswerWithBareLineFeedsAndNoEventsHasNoDtmfPayloadType() throws Exception {
        NegotiatedAudio negotiated = NegotiatedAudio.fromAnswer(SdpParser.parse(resource("sipp.sdp")));

        assertEquals(AudioOffer.PCMU, negotiated.payloadType());
        assertEquals(-1, negotiated.dtmfPayloadType());
        assertEquals(20, negotiated.ptime(), "no a=ptime means the offer's 20 ms");
    }

    @Test
    void carrierSbcAnswerTakesMediaLevelAddressSkipsRejectedVideoAndInheritsSessionAttributes() throws Exception {
        SessionDescription sdp = SdpParser.parse(resource("carrier-sbc.sdp"));

        assertNull(sdp.connection());
        assertEquals(3, sdp.media().size());
        assertEquals(0, sdp.media().getFirst().port(), "video rejected");
        assertEquals(List.of(), sdp.media().get(2).formats(), "udptl formats are not payload types");
        NegotiatedAudio negotiated = NegotiatedAudio.fromAnswer(sdp);
        assertEquals(new InetSocketAddress("203.0.113.77", 40002), negotiated.remote(), "TTL stripped from c=");
        assertEquals(AudioOffer.PCMA, negotiated.payloadType(), "G.729 is skipped, PCMA is the first G.711");
        assertEquals(100, negotiated.dtmfPayloadType(), "encoding names are case-insensitive");
        assertEquals(30, negotiated.ptime(), "session-level ptime inherited");
        assertEquals(MediaDirection.SENDONLY, negotiated.direction(), "session-level direction inherited");
    }

    @Test
    void staticPayloadTypesNeedNoRtpmap() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
                + "t=0 0\r\nm=audio 5004 RTP/AVP 8\r\n");

        assertEquals(AudioOffer.PCMA, NegotiatedAudio.fromAnswer(sdp).payloadType());
    }

    @Test
    void answerWithoutG711IsRefused() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
                + "t=0 0\r\nm=audio 5004 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n");

        var e = assertThrows(SdpFormatException.class, () -> NegotiatedAudio.fromAnswer(sdp));
        assertTrue(e.getMessage().contains("no PCMU or PCMA"), e.getMessage());
    }

    @Test
    void answerThatRejectsAudioIsRefused() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
                + "t=0 0\r\nm=audio 0 RTP/AVP 0\r\n");

        assertThrows(SdpFormatException.class, () -> NegotiatedAudio.fromAnswer(sdp));
    }

    @Test
    void malformedConnectionOrMediaLinesAreErrorsNotGuesses() {
        assertThrows(SdpFormatException.class, () -> SdpParser.parse(
                "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n"));
        assertThrows(SdpFormatException.class, () -> SdpParser.parse(
                "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio x RTP/AVP 0\r\n"));
        assertThrows(SdpFormatException.class, () -> SdpParser.parse("hello"));
        assertThrows(SdpFormatException.class, () -> SdpParser.parse(""));
    }

    @Test
    void offerIsWrittenInRfc4566OrderAndParsesBackToItself() throws Exception {
        SessionDescription offer = AudioOffer.create(3_900_000_000L, "192.0.2.1", 20000);
        String text = SdpWriter.write(offer);

        assertEquals("""
                v=0\r
                o=outdial 3900000000 1 IN IP4 192.0.2.1\r
                s=outdial\r
                c=IN IP4 192.0.2.1\r
                t=0 0\r
                m=audio 20000 RTP/AVP 0 8 101\r
                a=rtpmap:0 PCMU/8000\r
                a=rtpmap:8 PCMA/8000\r
                a=rtpmap:101 telephone-event/8000\r
                a=fmtp:101 0-16\r
                a=ptime:20\r
                a=sendrecv\r
                """, text);
        assertEquals(offer, SdpParser.parse(text));
    }

    @Test
    void holdOfferIsAnsweredWithTheMirroredDirection() {
        assertEquals(MediaDirection.RECVONLY, MediaDirection.SENDONLY.answer());
        assertEquals(MediaDirection.SENDONLY, MediaDirection.RECVONLY.answer());
        assertEquals(MediaDirection.INACTIVE, MediaDirection.INACTIVE.answer());
        assertEquals(MediaDirection.SENDRECV, MediaDirection.SENDRECV.answer());
    }
}
