package org.outdial.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.outdial.media.codec.G711;

/**
 * Decodes RIFF WAVE files into {@link AudioSource}s: 8 kHz mono 16-bit, whatever the file holds.
 *
 * <p>Supported: linear PCM 8-bit (unsigned, as the WAV format stores it), 16-, 24- and 32-bit
 * (signed little-endian), 32-bit IEEE float, G.711 A-law (format tag 6) and µ-law (tag 7), also
 * wrapped in WAVE_FORMAT_EXTENSIBLE (tag 0xFFFE); any sample rate; any number of channels, mixed to
 * mono by averaging. Chunk layout per the Microsoft "Multimedia Programming Interface and Data
 * Specifications 1.0" (RIFF) and the WAVEFORMATEXTENSIBLE note.
 */
public final class WavDecoder {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_IEEE_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Real telephony prompts are mono or stereo; 8 leaves room for odd tools and bounds the work. */
    private static final int MAX_CHANNELS = 8;

    private WavDecoder() {
    }

    /** Reads and decodes a WAV file. */
    public static AudioSource decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AudioFileException(file, "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return decode(bytes, file.toString());
    }

    /**
     * Decodes WAV bytes.
     *
     * @param name names the data in exception messages and in the source's description
     */
    public static AudioSource decode(byte[] bytes, String name) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || buffer.getInt(0) != fourCc("RIFF") || buffer.getInt(8) != fourCc("WAVE")) {
            throw new AudioFileException(name, "not a RIFF WAVE file");
        }
        Format format = null;
        int dataOffset = -1;
        int dataLength = 0;
        int position = 12;
        while (position + 8 <= bytes.length) {
            int id = buffer.getInt(position);
            long size = Integer.toUnsignedLong(buffer.getInt(position + 4));
            int body = position + 8;
            if (id == fourCc("fmt ")) {
                format = parseFormat(buffer, body, size, name);
            } else if (id == fourCc("data")) {
                dataOffset = body;
                // Streaming writers (espeak-ng --stdout, sox to a pipe) leave a placeholder size.
                dataLength = (int) Math.min(size, bytes.length - (long) body);
                break;
            }
            // RIFF chunks are padded to an even length.
            long next = body + size + (size & 1);
            if (next > bytes.length) {
                break;
            }
            position = (int) next;
        }
        if (format == null) {
            throw new AudioFileException(name, "no fmt chunk");
        }
        if (dataOffset < 0) {
            throw new AudioFileException(name, "no data chunk");
        }
        float[] mono = toMono(buffer, dataOffset, dataLength, format);
        short[] samples = Resampler.resample(mono, format.sampleRate(), AudioSource.SAMPLE_RATE);
        return AudioSource.ofSamples(samples, fileName(name));
    }

    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bitsPerSample) {
    }

    private static Format parseFormat(ByteBuffer buffer, int offset, long size, String name) {
        if (size < 16 || offset + 16 > buffer.limit()) {
            throw new AudioFileException(name, "fmt chunk too short (" + size + " bytes)");
        }
        int tag = Short.toUnsignedInt(buffer.getShort(offset));
        int channels = Short.toUnsignedInt(buffer.getShort(offset + 2));
        int sampleRate = buffer.getInt(offset + 4);
        int blockAlign = Short.toUnsignedInt(buffer.getShort(offset + 12));
        int bits = Short.toUnsignedInt(buffer.getShort(offset + 14));
        if (tag == FORMAT_EXTENSIBLE) {
            // cbSize(2) validBits(2) channelMask(4) then the SubFormat GUID, whose first two bytes
            // are the plain format tag.
            if (size < 40 || offset + 26 > buffer.limit()) {
                throw new AudioFileException(name, "WAVE_FORMAT_EXTENSIBLE fmt chunk too short (" + size + " bytes)");
            }
            tag = Short.toUnsignedInt(buffer.getShort(offset + 24));
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new AudioFileException(name, "unsupported channel count " + channels + " (1.." + MAX_CHANNELS + ")");
        }
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new AudioFileException(name, "unsupported sample rate " + sampleRate + " Hz (1000..384000)");
        }
        boolean supported = switch (tag) {
            case FORMAT_PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            case FORMAT_IEEE_FLOAT -> bits == 32;
            case FORMAT_ALAW, FORMAT_MULAW -> bits == 8;
            default -> false;
        };
        if (!supported) {
            throw new AudioFileException(name, "unsupported WAV format tag " + tag + " (" + describe(tag)
                    + ") with " + bits + " bits per sample");
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new AudioFileException(name, "block align " + blockAlign + " does not match "
                    + channels + " channels of " + bits + " bits");
        }
        return new Format(tag, channels, sampleRate, blockAlign, bits);
    }

    private static float[] toMono(ByteBuffer buffer, int offset, int length, Format format) {
        int frames = length / format.blockAlign();
        int bytesPerSample = format.bitsPerSample() / 8;
        float[] mono = new float[frames];
        for (int frame = 0; frame < frames; frame++) {
            int base = offset + frame * format.blockAlign();
            float sum = 0;
            for (int channel = 0; channel < format.channels(); channel++) {
                sum += sample(buffer, base + channel * bytesPerSample, format);
            }
            mono[frame] = sum / format.channels();
        }
        return mono;
    }

    /** One sample in 16-bit scale. */
    private static float sample(ByteBuffer buffer, int at, Format format) {
        return switch (format.tag()) {
            case FORMAT_ALAW -> G711.alawToLinear(buffer.get(at));
            case FORMAT_MULAW -> G711.ulawToLinear(buffer.get(at));
            case FORMAT_IEEE_FLOAT -> buffer.getFloat(at) * 32768f;
            default -> switch (format.bitsPerSample()) {
                // 8-bit WAV PCM is unsigned with 128 as zero.
                case 8 -> ((buffer.get(at) & 0xFF) - 128) * 256f;
                case 16 -> buffer.getShort(at);
                case 24 -> ((buffer.get(at + 2) << 16) | ((buffer.get(at + 1) & 0xFF) << 8) | (buffer.get(at) & 0xFF)) / 256f;
                default -> buffer.getInt(at) / 65536f;
            };
        };
    }

    private static String describe(int tag) {
        return switch (tag) {
            case 2 -> "Microsoft ADPCM";
            case 0x11 -> "IMA ADPCM";
            case 0x31 -> "GSM 6.10";
            case 0x55 -> "MPEG Layer 3";
            case FORMAT_PCM -> "PCM";
            case FORMAT_IEEE_FLOAT -> "IEEE float";
            case FORMAT_ALAW -> "A-law";
            case FORMAT_MULAW -> "µ-law";
            default -> "unknown";
        };
    }

    private static String fileName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    private static int fourCc(String id) {
        return (id.charAt(0)) | (id.charAt(1) << 8) | (id.charAt(2) << 16) | (id.charAt(3) << 24);
    }
}
