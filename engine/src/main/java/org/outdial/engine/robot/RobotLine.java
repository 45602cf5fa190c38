package org.outdial.engine.robot;

import java.time.Duration;
import java.util.Optional;

/**
 * The answered call as a robot uses it: play a node's audio, take the callee's next digit, tell
 * whether the callee is still there. The dialer implements it over a SIP call; tests over a script
 * of digits.
 */
public interface RobotLine {

    /** How playing a node's audio ended. */
    sealed interface Played {
        /** Played to the end (or there was nothing to play). */
        record Done() implements Played {
        }

        /** A digit came while an interruptible prompt played; the prompt was stopped. */
        record Digit(char digit) implements Played {
        }

        /** The call ended during the audio. */
        record Ended() implements Played {
        }

        /** The audio could not be sent although the call is up (media failure). */
        record Failed(String reason) implements Played {
        }
    }

    /**
     * Plays node {@code nodeId}'s audio and returns when it is over; with {@code interruptible}, a
     * digit the callee presses (or pressed before, still buffered) stops it and is returned.
     */
    Played play(int nodeId, boolean interruptible) throws InterruptedException;

    /** The callee's next digit within {@code within}; empty on timeout or when the call has ended. */
    Optional<Character> nextDigit(Duration within) throws InterruptedException;

    /** Whether the call is over (the callee hung up, or the network ended it). */
    boolean ended();
}
