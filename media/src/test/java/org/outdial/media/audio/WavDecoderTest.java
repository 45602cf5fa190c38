package org.outdial.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.media.analysis.EnergyMeter;
import org.outdial.media.analysis.Goertzel;
import org.outdial.media.codec.G711;

class WavDecoderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void sixteenBitMono8kHzIsTakenSampleForSample() throws IOException {
        short[] samples = {0, 1000, -1000, 32767, -32768, 5, 6, 7};
        Path file = write("pcm16.wav", TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(samples)));

        AudioSource source = WavDecoder.decode(file);

        assertEquals(8, source.sampleCount());
        assertEquals(1, source.frameCount());
        assertEquals(java.util.Arrays.toString(samples), java.util.Arrays.toString(source.samples()));
        assertEquals("pcm16.wav", source.description());
    }

    @Test
    void eightBitPcmIsUnsignedWith128AsZero() throws IOException {
        byte[] data = {(byte) 128, (byte) 255, 0, (byte) 192};
        Path file = write("pcm8.wav", TestWav.wav(1, 1, 8000, 8, data));

        short[] samples = WavDecoder.decode(file).samples();

        assertEquals(0, samples[0]);
        assertEquals(127 * 256, samples[1]);
        assertEquals(-128 * 256, samples[2]);
        assertEquals(64 * 256, samples[3]);
    }

    @Test
    void ulawFormatSevenIsDecodedWithTheG711Table() throws IOException {
        byte[] data = {(byte) 0xFF, (byte) 0x80, (byte) 0x00, (byte) 0xFE};
        Path file = write("ulaw.wav", TestWav.wav(7, 1, 8000, 8, data));

        short[] samples = WavDecoder.decode(file).samples();

        assertEquals(0, samples[0]);
        assertEquals(32124, samples[1]);
        assertEquals(-32124, samples[2]);
        assertEquals(8, samples[3]);
    }

    @Test
    void alawFormatSixIsDecodedWithTheG711Table() throws IOException {
        byte[] data = {(byte) 0xD5, (byte) 0xAA, (byte) 0x2A};
        Path file = write("alaw.wav", TestWav.wav(6, 1, 8000, 8, data));

        short[] samples = WavDecoder.decode(file).samples();

        assertEquals(8, samples[0]);
        assertEquals(32256, samples[1]);
        assertEquals(-32256, samples[2]);
    }

    @Test
    void stereoIsMixedToMonoByAveragingTheChannels() throws IOException {
        // Frames of (left, right): (1000, 3000), (-2000, 0), (32767, 32767).
        short[] interleaved = {1000, 3000, -2000, 0, 32767, 32767};
        Path file = write("stereo.wav", TestWav.wav(1, 2, 8000, 16, TestWav.pcm16(interleaved)));

        short[] samples = WavDecoder.decode(file).samples();

        assertEquals(3, samples.length);
        assertEquals(2000, samples[0]);
        assertEquals(-1000, samples[1]);
        assertEquals(32767, samples[2]);
    }

    @Test
    void a44100HzStereoFileBecomes8kHzMonoWithTheToneIntact() throws IOException {
        short[] left = TestWav.sine(1000, 44100, 44100, 0.5);
        short[] interleaved = new short[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = left[i];
        }
        Path file = write("cd.wav", TestWav.wav(1, 2, 44100, 16, TestWav.pcm16(interleaved)));

        AudioSource source = WavDecoder.decode(file);

        assertEquals(8000, source.sampleCount());
        assertEquals(50, source.frameCount());
        short[] samples = source.samples();
        double power1k = new Goertzel(1000, 8000).power(samples, 2000, 1600);
        double power2k = new Goertzel(2000, 8000).power(samples, 2000, 1600);
        assertTrue(power1k > 1000 * power2k);
        double rms = EnergyMeter.rms(samples, 2000, 4000);
        assertEquals(0.5 * 32767 / Math.sqrt(2), rms, 300);
    }

    @Test
    void extensibleFormatIsReadThroughItsSubFormat() throws IOException {
        // WAVE_FORMAT_EXTENSIBLE: a 40-byte fmt chunk whose SubFormat GUID starts with the tag (1).
        short[] samples = {100, 200, 300};
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 40 + 8 + 6).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(40)
                .putShort((short) 0xFFFE).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16)
                .putShort((short) 22)            // cbSize
                .putShort((short) 16)            // valid bits per sample
                .putInt(4)                       // channel mask: front center
                .putShort((short) 1)             // SubFormat GUID, first two bytes: PCM
                .put(new byte[14]);              // rest of KSDATAFORMAT_SUBTYPE_PCM
        b.put("data".getBytes()).putInt(6).put(TestWav.pcm16(samples));

        short[] decoded = WavDecoder.decode(b.array(), "ext.wav").samples();

        assertEquals(300, decoded[2]);
    }

    @Test
    void chunksBeforeTheFormatAndOddSizedChunksAreSkipped() throws IOException {
        byte[] plain = TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(new short[] {42, 43}));
        // Insert a 3-byte "LIST" chunk (padded to 4) right after "WAVE".
        ByteBuffer b = ByteBuffer.allocate(plain.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.put(plain, 0, 12);
        b.put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0});
        b.put(plain, 12, plain.length - 12);

        short[] decoded = WavDecoder.decode(b.array(), "list.wav").samples();

        assertEquals(2, decoded.length);
        assertEquals(43, decoded[1]);
    }

    @Test
    void aDataSizeLargerThanTheFileIsClampedAsStreamingWritersLeaveIt() {
        byte[] wav = TestWav.wav(1, 1, 8000, 16, TestWav.pcm16(new short[] {1, 2, 3}));
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7FFFF000);

        assertEquals(3, WavDecoder.decode(wav, "stream.wav").sampleCount());
    }

    @Test
    void mp3InAWavContainerIsRejectedNamingTheFileAndTheFormat() throws IOException {
        Path file = write("music.wav", TestWav.wav(0x55, 1, 8000, 0, new byte[10]));

        AudioFileException e = assertThrows(AudioFileException.class, () -> WavDecoder.decode(file));

        assertEquals(file.toString(), e.file());
        assertTrue(e.reason().contains("85") && e.reason().contains("MPEG Layer 3"), e.reason());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aFileThatIsNotWavIsRejected() throws IOException {
        Path file = write("notes.txt", "hello, this is not audio".getBytes());

        AudioFileException e = assertThrows(AudioFileException.class, () -> WavDecoder.decode(file));

        assertEquals("not a RIFF WAVE file", e.reason());
    }

    @Test
    void aMissingFileIsReportedAsUnreadable() {
        Path file = dir.resolve("missing.wav");

        AudioFileException e = assertThrows(AudioFileException.class, () -> WavDecoder.decode(file));

        assertTrue(e.reason().startsWith("cannot read it"), e.reason());
    }

    @Test
    void aWavWithoutDataIsRejected() {
        byte[] wav = TestWav.wav(1, 1, 8000, 16, new byte[0]);
        byte[] truncated = java.util.Arrays.copyOf(wav, 36);

        assertEquals("no data chunk", assertThrows(AudioFileException.class,
                () -> WavDecoder.decode(truncated, "t.wav")).reason());
    }

    @Test
    void decodedUlawMatchesTheCodecTableForEveryCode() {
        byte[] data = new byte[256];
        for (int i = 0; i < 256; i++) {
            data[i] = (byte) i;
        }
        short[] samples = WavDecoder.decode(TestWav.wav(7, 1, 8000, 8, data), "all.wav").samples();

        for (int i = 0; i < 256; i++) {
            assertEquals(G711.ulawToLinear((byte) i), samples[i]);
        }
    }
}
