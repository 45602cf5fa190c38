package org.outdial.engine.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.StorageException;
import org.outdial.engine.storage.Transactor;
import org.outdial.media.audio.AudioFileException;
import org.outdial.media.audio.WavDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's audio files (UniTalk /audio/upload). Every file is decoded once on upload (WAV:
 * PCM, µ-law or A-law, any rate, mono or stereo, by the media module's {@link WavDecoder}), cut
 * to its type's maximum length, normalized to a 0 dBFS peak ("converted and normalized to 0db")
 * and stored as 8 kHz 16-bit mono WAV in the audio directory, so playing it needs no conversion.
 */
public final class AudioLibrary {

    /** UniTalk /audio/upload: "Maximum size: 15mb". */
    public static final int MAX_FILE_BYTES = 15 * 1024 * 1024;
    /** UniTalk /audio/tts: "audio with the same name already exists in the project". */
    public static final String SAME_NAME = "Same name already present";
    public static final String NOT_FOUND = "Audio not found";

    private static final Logger log = LoggerFactory.getLogger(AudioLibrary.class);

    private final Transactor db;
    private final InstantSource clock;
    private final Path directory;
    private final AudioRepository repository = new AudioRepository();

    /**
     * @param directory where the WAV files go; created when missing
     */
    public AudioLibrary(DataSource dataSource, InstantSource clock, Path directory) {
        this.db = new Transactor(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audio directory " + this.directory, e);
        }
    }

    /**
     * Decodes and stores an uploaded file; returns its id.
     *
     * @param bytes the file as uploaded (WAV)
     * @param temp  whether {@link #removeTemporary} removes it
     */
    public long upload(String name, AudioType type, byte[] bytes, boolean temp) {
        String checked = EntityName.check(name);
        if (type == null) {
            throw EngineException.invalid("type is null");
        }
        if (bytes == null || bytes.length == 0) {
            throw EngineException.invalid("file is empty");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new EngineException(EngineException.Kind.TOO_LARGE, "File is larger than 15mb");
        }
        short[] samples;
        try {
            samples = WavDecoder.decode(bytes, checked).samples();
        } catch (AudioFileException e) {
            throw EngineException.invalid("Wrong audio file: " + e.reason());
        }
        return store(checked, type, samples, temp);
    }

    /**
     * Stores 8 kHz mono samples (synthesized speech, or a decoded upload) under a new id: cut to
     * the type's maximum, normalized, written to disk, then recorded. Nothing stays behind when
     * it fails.
     */
    long store(String name, AudioType type, short[] samples8kHz, boolean temp) {
        String checked = EntityName.check(name);
        short[] pcm = normalize(truncate(samples8kHz, type));
        long durationMs = pcm.length * 1000L / Wav.SAMPLE_RATE;
        Path file = directory.resolve(UUID.randomUUID() + ".wav");
        try {
            Files.write(file, Wav.encode(pcm));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try {
            return db.inTransaction(c -> {
                if (repository.nameTaken(c, checked)) {
                    throw EngineException.conflict(SAME_NAME);
                }
                return repository.insert(c, new AudioFile(0, checked, type, file, durationMs, temp, clock.instant()));
            });
        } catch (RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof StorageException storage && storage.isUniqueViolation()) {
                throw EngineException.conflict(SAME_NAME);
            }
            throw e;
        }
    }

    /** Whether an audio file with this name exists (checked before synthesizing it). */
    public boolean nameTaken(String name) {
        return db.read(c -> repository.nameTaken(c, name));
    }

    public Optional<AudioFile> find(long id) {
        return db.read(c -> repository.find(c, id));
    }

    /** The files of one type, or of every type when {@code type} is null, by id. */
    public List<AudioFile> list(AudioType type) {
        return db.read(c -> repository.list(c, type));
    }

    /**
     * id → name, by id, of one type or of all when {@code type} is null: GET_WITH_DATA's
     * {@code audios} (AUTODIAL) and {@code moh} (MELODY), /dictionary?type=AUDIO_*.
     */
    public Map<Long, String> names(AudioType type) {
        return db.read(c -> repository.names(c, type));
    }

    /**
     * Removes a file. Autodialers that still name it fail their next UPDATE ("Moh not found",
     * "compositeAudio"), and a call that needs it ends as the autodialer's audio-error setting says.
     */
    public void remove(long id) {
        AudioFile removed = db.inTransaction(c -> {
            AudioFile file = repository.find(c, id).orElseThrow(() -> EngineException.notFound(NOT_FOUND));
            repository.delete(c, id);
            return file;
        });
        deleteQuietly(removed.path());
    }

    /**
     * Removes every temporary file created at or before {@code now}. The scheduler calls it daily
     * at 04:00 (UniTalk: temporary files "will be automatically deleted at 04:00").
     *
     * @return how many were removed
     */
    public int removeTemporary(Instant now) {
        List<AudioFile> removed = db.inTransaction(c -> {
            List<AudioFile> files = repository.temporary(c, Timestamp.from(now));
            for (AudioFile f : files) {
                repository.delete(c, f.id());
            }
            return files;
        });
        removed.forEach(f -> deleteQuietly(f.path()));
        return removed.size();
    }

    /** The directory the files are kept in. */
    public Path directory() {
        return directory;
    }

    private static short[] truncate(short[] samples, AudioType type) {
        long max = type.maxDuration().toMillis() * Wav.SAMPLE_RATE / 1000;
        return samples.length <= max ? samples : java.util.Arrays.copyOf(samples, (int) max);
    }

    /** Scales the samples so the loudest one is at full scale; silence stays silence. */
    private static short[] normalize(short[] samples) {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs((int) s));
        }
        if (peak == 0 || peak >= Short.MAX_VALUE) {
            return samples;
        }
        double gain = (double) Short.MAX_VALUE / peak;
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * gain)));
        }
        return out;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete audio file {}: {}", file, e.toString());
        }
    }
}
