package org.outdial.media.analysis;

/**
 * Completes {@link AnsweringMachineDetector#beep()} when no beep will come: the verdict was not
 * MACHINE, {@code amd.beepWaitMs} passed, or the audio ended. A flow that leaves a message after
 * the beep plays it now, or hangs up, as its campaign says.
 */
public final class NoBeepException extends RuntimeException {

    public NoBeepException(String reason) {
        super(reason, null, false, false);
    }
}
