package org.outdial.engine.blocklist;

/**
 * What an ADD or REMOVE did.
 *
 * @param changed numbers added to (or removed from) the list
 * @param skipped numbers that were already in the list (or not in it), or repeated in the request
 */
public record ListChange(int changed, int skipped) {

    public ListChange {
        if (changed < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were " + changed + " and " + skipped);
        }
    }
}
