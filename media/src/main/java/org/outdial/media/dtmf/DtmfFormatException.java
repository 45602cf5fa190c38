package org.outdial.media.dtmf;

/** A received telephone-event payload is malformed. */
public final class DtmfFormatException extends RuntimeException {

    public DtmfFormatException(String message) {
        super(message);
    }
}
