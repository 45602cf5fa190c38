package org.outdial.media.tts;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.outdial.media.audio.AudioFileException;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.audio.WavDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech from the {@code espeak-ng} program (Debian package {@code espeak-ng}), run once per
 * distinct (text, profile) and cached.
 *
 * <p>The text goes to the program's standard input ({@code --stdin}), not on its command line, so
 * no text can be mistaken for an option and no length limit of the command line applies; the WAV
 * comes back on standard output ({@code --stdout}), so no temporary file is left behind. The run is
 * bounded: a program that does not finish within the timeout is killed.
 */
public final class EspeakSynthesizer implements SpeechSynthesizer {

    private static final Logger log = LoggerFactory.getLogger(EspeakSynthesizer.class);
    /** The seed limits TTS messages by plan; this bounds what one request can make us synthesize. */
    public static final int MAX_TEXT_LENGTH = 5_000;

    private record Key(String text, TtsProfile profile) {
    }

    private final String program;
    private final Duration timeout;
    private final AsyncCache<Key, AudioSource> cache;

    /** {@code espeak-ng} from PATH, 10 s timeout, 500 cached phrases. */
    public EspeakSynthesizer() {
        this("espeak-ng", Duration.ofSeconds(10), 500);
    }

    /**
     * @param program    the executable, a name looked up on PATH or a path
     * @param timeout    how long one synthesis may take before the process is killed
     * @param cacheSize  how many synthesized phrases to keep
     */
    public EspeakSynthesizer(String program, Duration timeout, long cacheSize) {
        if (program == null || program.isBlank()) {
            throw new IllegalArgumentException("tts program must not be empty");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMinutes() > 10) {
            throw new IllegalArgumentException("tts timeout must be 1 ms..10 min, was " + timeout);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("tts cache size must be 0 or more, was " + cacheSize);
        }
        this.program = program;
        this.timeout = timeout;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).buildAsync();
    }

    @Override
    public AudioSource synthesize(String text, TtsProfile profile) {
        Objects.requireNonNull(profile, "profile");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("tts text must not be empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("tts text must be at most " + MAX_TEXT_LENGTH + " characters, was " + text.length());
        }
        // Concurrent requests for the same phrase wait for one synthesis, run on the first
        // caller's thread; failed futures leave the cache by themselves. An async cache, because a
        // synchronous one would hold a map lock for the whole second espeak-ng may take.
        Key key = new Key(text, profile);
        CompletableFuture<AudioSource> mine = new CompletableFuture<>();
        CompletableFuture<AudioSource> existing = cache.asMap().putIfAbsent(key, mine);
        if (existing == null) {
            try {
                AudioSource speech = run(key);
                mine.complete(speech);
                return speech;
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TtsException tts) {
                throw new TtsException(tts.reason(), tts);
            }
            throw new TtsException("synthesis failed: " + e.getCause(), e.getCause());
        }
    }

    /** How many phrases are cached. */
    public long cachedCount() {
        cache.synchronous().cleanUp();
        return cache.synchronous().estimatedSize();
    }

    private AudioSource run(Key key) {
        List<String> command = List.of(program, "-v", key.profile().voice(),
                "-s", Integer.toString(key.profile().speed()), "-p", Integer.toString(key.profile().pitch()),
                "--stdout", "--stdin");
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            String reason = program.contains("/") ? program + " cannot be run: " + e.getMessage() : program + " not found on PATH";
            throw new TtsException(reason, e);
        }
        try {
            CompletableFuture<byte[]> stdout = drain(process.getInputStream());
            CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(key.text().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The program exited before reading its input; its exit code and stderr say why.
                log.debug("espeak-ng closed its input early", e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TtsException(program + " did not finish within " + timeout.toMillis() + " ms and was killed");
            }
            byte[] wav = stdout.get(1, TimeUnit.SECONDS);
            String errors = new String(stderr.get(1, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new TtsException(program + " exited with " + process.exitValue() + (errors.isEmpty() ? "" : ": " + errors));
            }
            AudioSource source = WavDecoder.decode(wav, "espeak-ng output");
            if (source.frameCount() == 0) {
                throw new TtsException(program + " produced no audio" + (errors.isEmpty() ? "" : ": " + errors));
            }
            return AudioSource.ofSamples(source.samples(), "tts \"" + abbreviate(key.text()) + "\"");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TtsException("interrupted while waiting for " + program, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TtsException("cannot read the output of " + program + ": " + e.getMessage(), e);
        } catch (AudioFileException e) {
            throw new TtsException(program + " produced unreadable audio: " + e.reason(), e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofVirtual().name("espeak-ng-output").start(() -> {
            try (stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.transferTo(out);
                result.complete(out.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
