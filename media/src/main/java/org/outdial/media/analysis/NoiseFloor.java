package org.outdial.media.analysis;

/**
 * The quietest a line has been lately: the lowest frame level over the last 0.5..1 s (two 25-frame
 * blocks), which is the line's noise between words.
 *
 * <p>A fixed silence threshold (app_amd's 256) works on a clean line; on a noisy one the hiss
 * between words is above it and every frame is "voice". Speech always pauses within a second, so
 * the running minimum follows the noise, not the speech. O(1) per frame, no buffers.
 */
final class NoiseFloor {

    private static final int BLOCK_FRAMES = 25;

    private double previousBlockMin = Double.POSITIVE_INFINITY;
    private double currentBlockMin = Double.POSITIVE_INFINITY;
    private int framesInBlock;

    void add(double level) {
        currentBlockMin = Math.min(currentBlockMin, level);
        if (++framesInBlock == BLOCK_FRAMES) {
            previousBlockMin = currentBlockMin;
            currentBlockMin = Double.POSITIVE_INFINITY;
            framesInBlock = 0;
        }
    }

    /** The floor; 0 until a frame was added. */
    double level() {
        double floor = Math.min(previousBlockMin, currentBlockMin);
        return Double.isInfinite(floor) ? 0 : floor;
    }
}
