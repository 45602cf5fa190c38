package org.outdial.media.rtp;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import org.outdial.media.audio.AudioSource;
import org.outdial.media.audio.EncodedAudio;
import org.outdial.media.codec.Codec;

/**
 * One {@link AudioSource} played from its first frame to its last. Its future completes when the
 * last frame has left and is cancelled when the playback is replaced, stopped or closed. The
 * source's G.711 payloads are encoded once per codec and shared; a re-INVITE that changes the
 * codec continues at the same frame in the new one.
 */
final class Playback implements OutboundAudio {

    private final AudioSource source;
    private final CompletableFuture<Void> done;
    private EncodedAudio encoded;
    private int nextFrame;

    /** @param source at least one frame long */
    Playback(AudioSource source, CompletableFuture<Void> done) {
        if (source.frameCount() == 0) {
            throw new IllegalArgumentException("an empty source has nothing to play: " + source);
        }
        this.source = source;
        this.done = done;
    }

    @Override
    public boolean writeFrame(Codec codec, ByteBuf out) {
        if (encoded == null || encoded.codec() != codec) {
            encoded = source.encoded(codec);
        }
        encoded.writeFrame(nextFrame++, out);
        return nextFrame < encoded.frameCount();
    }

    @Override
    public void ended() {
        done.complete(null);
    }

    @Override
    public void cancel() {
        done.cancel(false);
    }

    @Override
    public String toString() {
        return "playback of " + source + " at frame " + nextFrame;
    }
}
